"""France Travail "Offres d'emploi v2" client: OAuth2 token, range paging, splitting past the range cap.

The search answers at most 150 offers per call and never past index 3149 of a query
(first index <= 3000). A query with more results is split, first by département,
then by creation-date windows bisected until each fits, so that nothing is cut
silently; whatever still cannot be reached is counted in `stats.not_collected`.

`since` is sent as an exact creation-date window (minCreationDate/maxCreationDate)
rather than `publieeDepuis`, which only takes 1, 3, 7, 14 or 31 days: the window
is exact, has no 31-day ceiling (a missed week is recovered), and fixes its end
at the start of the collection so that pages do not shift while we read them.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Generator, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import quote

import requests

from ingestion.sources.base import (
    FATAL_ERRORS,
    SWEEP_EPOCH,
    CallStats,
    Clock,
    DetailResult,
    MissingCredentials,
    RequestRejected,
    SearchSpec,
    SourceAuthError,
    SourceError,
    SweepCell,
    SystemClock,
    ensure_aware,
    unseen,
)
from ingestion.sources.departements import DEPARTEMENTS
from ingestion.sources.transport import CallLimiter, HttpPolicy, SourceSession, error_message, http_policy_from

logger = logging.getLogger(__name__)

SOURCE_LABEL = "France Travail"
PAGE_SIZE = 150
MAX_FIRST_INDEX = 3000
RANGE_CAP = MAX_FIRST_INDEX + PAGE_SIZE  # 3,150 offers reachable per query
# A sweep reads creation-date windows of a fixed grid: halves of [SWEEP_EPOCH, SWEEP_EPOCH +
# 2**32 s) (2000 to 2136, base.py), halved again until each fits the range cap. The grid does not move
# from one day to the next, so a part of the catalogue is read at about the same time every day
# (oldest first: the work before it only shrinks as offers are withdrawn), and an offer withdrawn
# just after its part was read is found absent less than 24 hours later.
SWEEP_SPAN_SECONDS = 2**32
TOKEN_SCOPE = "api_offresdemploiv2 o2dsoffre"
# The API's date format; always UTC.
DATE_FORMAT = "%Y-%m-%dT%H:%M:%SZ"
# The finest creation-date window: the API's dates have a one-second resolution.
SMALLEST_WINDOW = timedelta(seconds=1)
_CONTENT_RANGE = re.compile(r"(\d+)\s*-\s*(\d+)\s*/\s*(\d+)")


def parse_content_range(value: str | None) -> int | None:
    """The total after the slash of `offres 0-149/172`; None when absent or unreadable."""
    match = _CONTENT_RANGE.search(value or "")
    return int(match.group(3)) if match else None


@dataclass(frozen=True)
class _Query:
    spec: SearchSpec
    departement: str
    start: datetime
    end: datetime

    def params(self) -> dict[str, str]:
        # sort=1: newest first. maxCreationDate is fixed at the start of the collection, so offers
        # published while we page do not shift the pages.
        params = {
            "sort": "1",
            "minCreationDate": self.start.strftime(DATE_FORMAT),
            "maxCreationDate": self.end.strftime(DATE_FORMAT),
        }
        if self.spec.keywords:
            params["motsCles"] = self.spec.keywords
        if self.spec.rome_code:
            params["codeROME"] = self.spec.rome_code
        if self.departement:
            params["departement"] = self.departement
        return params

    def describe(self) -> str:
        parts = [f"motsCles={self.spec.keywords!r}"] if self.spec.keywords else []
        if self.spec.rome_code:
            parts.append(f"codeROME={self.spec.rome_code}")
        if self.departement:
            parts.append(f"departement={self.departement}")
        parts.append(f"{self.start:%Y-%m-%dT%H:%M:%SZ}..{self.end:%Y-%m-%dT%H:%M:%SZ}")
        return " ".join(parts)


@dataclass
class _Page:
    items: list[Any]
    total: int


class _RangeRejected(Exception):
    """A 400 on a page past the first: the API's range cap is lower than expected."""


class FranceTravailClient:
    name = "francetravail"
    supports_detail = True

    def __init__(
        self,
        *,
        client_id: str,
        client_secret: str,
        token_url: str,
        api_url: str,
        requests_per_second: int = 3,
        page_size: int = PAGE_SIZE,
        max_first_index: int = MAX_FIRST_INDEX,
        policy: HttpPolicy | None = None,
        clock: Clock | None = None,
        session: requests.Session | None = None,
    ) -> None:
        self.stats = CallStats()
        self._clock = clock or SystemClock()
        # The API's paging (150 offers a page, first index at most 3,000); smaller in the sweep
        # simulation of bench/sweep.py, which scales the catalogue and the pages down together.
        self._page_size = page_size
        self._range_cap = max_first_index + page_size
        self._client_id = client_id
        self._client_secret = client_secret
        self._token_url = token_url
        self._api_url = api_url.rstrip("/")
        # Published figures disagree (3 vs 10 requests/s): stay at the lower one, retries included.
        limiter = CallLimiter(clock=self._clock, windows=[(requests_per_second, 1.0)])
        self._http = SourceSession(
            source_label=SOURCE_LABEL,
            stats=self.stats,
            limiter=limiter,
            clock=self._clock,
            policy=policy or HttpPolicy(),
            session=session,
        )
        self._token: str | None = None
        self._token_renew_at = 0.0

    @property
    def calls_left_today(self) -> int | None:
        return None  # France Travail publishes a rate limit, not a daily quota

    # --- token -----------------------------------------------------------------------------
    def _access_token(self) -> str:
        if self._token is not None and self._clock.monotonic() < self._token_renew_at:
            return self._token
        response = self._http.send(
            "POST",
            self._token_url,
            data={
                "grant_type": "client_credentials",
                "client_id": self._client_id,
                "client_secret": self._client_secret,
                "scope": TOKEN_SCOPE,
            },
        )
        if response.status_code in (400, 401, 403):
            raise SourceAuthError(
                f"{SOURCE_LABEL} refused the client credentials (check FRANCE_TRAVAIL_CLIENT_ID and "
                f"FRANCE_TRAVAIL_CLIENT_SECRET, and that the application has the scope {TOKEN_SCOPE!r}): "
                f"{error_message(response)}"
            )
        if response.status_code != 200:
            raise SourceError(f"{SOURCE_LABEL}: unexpected HTTP {response.status_code} from the token endpoint.")
        body = self._http.json(response)
        token = body.get("access_token") if isinstance(body, dict) else None
        if not isinstance(token, str) or not token:
            raise SourceError(f"{SOURCE_LABEL}: the token endpoint answered without an access_token.")
        try:
            lifetime = float(body.get("expires_in"))
        except (TypeError, ValueError):
            lifetime = 0.0
        if not 0 < lifetime < 86400:  # absent or absurd: assume a short life rather than trust it
            lifetime = 60.0
        # Renew a little before expiry so that a token never dies between our check and the API's.
        self._token_renew_at = self._clock.monotonic() + lifetime - min(60.0, lifetime / 2)
        self._token = token
        return token

    def _api_get(self, url: str, params: dict[str, str] | None = None) -> requests.Response:
        response = self._http.send("GET", url, params=params, headers=self._auth_header())
        if response.status_code == 401:
            # The token may have been revoked early: renew it once; a second refusal is an auth error.
            logger.warning("%s: token refused on %s; renewing it once", SOURCE_LABEL, url)
            self._token = None
            response = self._http.send("GET", url, params=params, headers=self._auth_header())
            if response.status_code == 401:
                raise SourceAuthError(
                    f"{SOURCE_LABEL} refuses a freshly issued token ({error_message(response)}); "
                    "check the application's access to the API « Offres d'emploi v2 »."
                )
        if response.status_code == 403:
            raise SourceAuthError(
                f"{SOURCE_LABEL} forbids {url} ({error_message(response)}): the application lacks the scope "
                f"{TOKEN_SCOPE!r}."
            )
        return response

    def _auth_header(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self._access_token()}"}

    # --- search ----------------------------------------------------------------------------
    def collect(self, *, searches: Sequence[SearchSpec], since: datetime) -> Iterator[dict[str, Any]]:
        start = ensure_aware(since).replace(microsecond=0)
        end = self._clock.now().astimezone(UTC).replace(microsecond=0)
        if start >= end:
            return
        seen: set[str] = set()  # splits overlap at their edges: each id is yielded once per collection
        for spec in searches:
            query = _Query(spec=spec, departement=spec.departement, start=start, end=end)
            yield from self._collect_query(query, seen)

    def _collect_query(self, query: _Query, seen: set[str]) -> Generator[dict[str, Any], None, int | None]:
        """Yield the unseen offers of `query`, splitting it when needed.

        Returns the total the API reported, or None when the query failed before telling it.
        """
        try:
            page = self._search_page(query, 0)
        except FATAL_ERRORS:
            raise
        except SourceError as exc:
            self._record_error(query, exc)
            return None
        yield from unseen(page.items, seen)
        total = page.total
        if total > self._range_cap and (children := self._split(query, total)):
            yield from self._collect_children(query, total, children, seen)
            return total

        first = self._page_size
        reachable = min(total, self._range_cap)
        if total > self._range_cap:
            self._record_shortfall(query, total - self._range_cap)
        while first < reachable:
            try:
                page = self._search_page(query, first)
            except _RangeRejected as exc:
                # The API's cap is lower than documented: splitting still reaches every offer.
                logger.warning("%s: range %d rejected for %s (%s)", SOURCE_LABEL, first, query.describe(), exc)
                if children := self._split(query, total):
                    yield from self._collect_children(query, total, children, seen)
                else:
                    self._record_error(query, RequestRejected(f"range from {first} rejected: {exc}"))
                    self._record_shortfall(query, reachable - first)
                return total
            except FATAL_ERRORS:
                raise
            except SourceError as exc:
                self._record_error(query, exc)
                self.stats.not_collected += reachable - first
                return total
            yield from unseen(page.items, seen)
            if not page.items:
                break
            first += self._page_size
        return total

    def _collect_children(
        self, query: _Query, total: int, children: list[_Query], seen: set[str]
    ) -> Generator[dict[str, Any], None, None]:
        covered = 0
        all_answered = True
        for child in children:
            child_total = yield from self._collect_query(child, seen)
            if child_total is None:
                all_answered = False  # its error is recorded; its offers cannot be counted
            else:
                covered += child_total
        by_departement = not query.departement and all(child.departement for child in children)
        if by_departement and all_answered and covered < total:
            # Offers placed in no département (abroad, "France" as a whole) escape a split by département.
            missing = total - covered
            message = (
                f"{SOURCE_LABEL}: {missing} offres of « {query.describe()} » are in no département "
                "and could not be reached by splitting the search."
            )
            logger.warning(message)
            self.stats.warnings.append(message)
            self.stats.not_collected += missing

    def _split(self, query: _Query, total: int) -> list[_Query]:
        if not query.departement:
            children = [replace(query, departement=code) for code in DEPARTEMENTS]
            how = "département"
        elif query.end - query.start > SMALLEST_WINDOW:
            # Windows are inclusive at both ends: they share their middle second, and `seen` drops the repeats.
            middle = (query.start + (query.end - query.start) / 2).replace(microsecond=0)
            children = [replace(query, end=middle), replace(query, start=middle)]
            how = "creation-date window"
        else:
            return []
        self.stats.splits += 1
        logger.info(
            "%s: %d offres for %s exceed the range cap of %d; split by %s into %d queries",
            SOURCE_LABEL,
            total,
            query.describe(),
            self._range_cap,
            how,
            len(children),
        )
        return children

    def _search_page(self, query: _Query, first: int) -> _Page:
        last = first + self._page_size - 1
        url = f"{self._api_url}/offres/search"
        response = self._api_get(url, {**query.params(), "range": f"{first}-{last}"})
        status = response.status_code
        if status == 204:  # nothing matches: an empty body, not JSON
            page = _Page(items=[], total=first)
        elif status in (200, 206):
            body = self._http.json(response)
            items = body.get("resultats", []) if isinstance(body, dict) else None
            if not isinstance(items, list):
                raise SourceError(f"{SOURCE_LABEL}: {response.url} answered without a list of 'resultats'.")
            if status == 206:
                total = parse_content_range(response.headers.get("Content-Range"))
                if total is None:
                    raise SourceError(
                        f"{SOURCE_LABEL}: unreadable Content-Range {response.headers.get('Content-Range')!r} "
                        f"from {response.url}."
                    )
            else:  # 200: everything left fit in this range
                total = first + len(items)
            page = _Page(items=items, total=total)
        elif status == 400:
            message = error_message(response)
            if first > 0:
                raise _RangeRejected(message)
            raise RequestRejected(f"{SOURCE_LABEL} rejected the search {query.describe()}: {message}")
        else:
            raise SourceError(f"{SOURCE_LABEL}: unexpected HTTP {status} from {response.url}.")
        logger.info(
            "%s: %s range %d-%d: %d offres (total %d)",
            SOURCE_LABEL,
            query.describe(),
            first,
            last,
            len(page.items),
            page.total,
        )
        return page

    def _record_error(self, query: _Query, exc: SourceError) -> None:
        message = f"{query.describe()}: {exc}"
        logger.warning("%s: search abandoned: %s", SOURCE_LABEL, message)
        self.stats.errors.append(message)

    def _record_shortfall(self, query: _Query, missing: int) -> None:
        message = (
            f"{SOURCE_LABEL}: « {query.describe()} » has {missing} more offres than the API lets one query "
            "reach, and it cannot be split further."
        )
        logger.warning(message)
        self.stats.warnings.append(message)
        self.stats.not_collected += missing

    # --- sweep -----------------------------------------------------------------------------
    def sweep(self, *, searches: Sequence[SearchSpec]) -> Iterator[dict[str, Any] | SweepCell]:
        """Every live offer of the searches, part by part of the creation-date grid, oldest first.

        A part (a window of the grid that fits the range cap) is complete when all its pages
        were read and its total did not move meanwhile (an offer withdrawn while its listing is
        paged shifts the next pages by one: the listing is read again once, then given up as
        incomplete). A window of one second still past the cap is read département by
        département; offers in no département then make it incomplete.
        """
        end = self._clock.now().astimezone(UTC).replace(microsecond=0)
        seen: set[str] = set()
        for spec in searches:
            yield from self._sweep_window(spec, SWEEP_EPOCH, timedelta(seconds=SWEEP_SPAN_SECONDS), end, seen, None)

    def _sweep_window(
        self,
        spec: SearchSpec,
        start: datetime,
        span: timedelta,
        end: datetime,
        seen: set[str],
        first_page: _Page | None,
    ) -> Iterator[dict[str, Any] | SweepCell]:
        # The window holds the offers created in [start, start + span), up to the sweep's end. It is
        # asked inclusive of its last second, which the next window shares: whether the API compares
        # whole seconds or milliseconds, every offer is in one of the two (`seen` drops the repeat).
        high = min(start + span, end)
        query = _Query(spec=spec, departement=spec.departement, start=start, end=high)
        if first_page is None:
            try:
                first_page = self._search_page(query, 0)
            except FATAL_ERRORS:
                raise
            except SourceError as exc:
                self._record_error(query, exc)
                yield SweepCell(spec, start, high, complete=False, reason=str(exc))
                return
        if first_page.total <= self._range_cap:
            complete, _, reason = yield from self._read_listing(query, first_page, seen)
            yield SweepCell(spec, start, high, complete=complete, reason=reason)
            return
        yield from unseen(first_page.items, seen)
        if span <= SMALLEST_WINDOW:
            yield from self._sweep_by_departement(query, first_page.total, seen)
            return
        self.stats.splits += 1
        half = span / 2
        if start + half >= end:
            # The newer half lies after the sweep's end: the older one is this same query.
            yield from self._sweep_window(spec, start, half, end, seen, first_page)
            return
        yield from self._sweep_window(spec, start, half, end, seen, None)
        yield from self._sweep_window(spec, start + half, half, end, seen, None)

    def _read_listing(
        self, query: _Query, first_page: _Page | None, seen: set[str]
    ) -> Generator[dict[str, Any], None, tuple[bool, int, str]]:
        """Yield every page of a query that fits the cap. Returns (complete, total, why not)."""
        reason = ""
        for attempt in range(2):
            page = first_page if attempt == 0 else None
            first, total, moved = 0, None, False
            while True:
                if page is None:
                    try:
                        page = self._search_page(query, first)
                    except FATAL_ERRORS:
                        raise
                    except (SourceError, _RangeRejected) as exc:
                        self._record_error(query, exc if isinstance(exc, SourceError) else RequestRejected(str(exc)))
                        return False, total or 0, f"page {first}: {exc}"
                if total is None:
                    total = page.total
                    if total > self._range_cap:
                        return False, total, f"{total} offres, more than one query reaches"
                yield from unseen(page.items, seen)
                short = len(page.items) < self._page_size and first + len(page.items) < total
                moved = moved or page.total != total or short
                first += self._page_size
                if first >= total or not page.items:
                    break
                page = None
            if not moved:
                return True, total, ""
            reason = "the listing moved while it was read (offers withdrawn or added meanwhile)"
            self.stats.rereads += 1
            logger.info("%s: %s moved while read; reading it again", SOURCE_LABEL, query.describe())
        return False, total or 0, reason

    def _sweep_by_departement(self, query: _Query, total: int, seen: set[str]) -> Iterator[dict[str, Any] | SweepCell]:
        if query.departement:
            yield SweepCell(query.spec, query.start, query.end, complete=False, reason=f"{total} offres in one second")
            return
        self.stats.splits += 1
        covered, complete, reasons = 0, True, []
        for code in DEPARTEMENTS:
            child = replace(query, departement=code)
            child_complete, child_total, reason = yield from self._read_listing(child, None, seen)
            covered += child_total
            if not child_complete:
                complete = False
                reasons.append(f"{code}: {reason}")
        if complete and covered < total:
            complete = False
            reasons.append(f"{total - covered} offres in no département")
        yield SweepCell(query.spec, query.start, query.end, complete=complete, reason="; ".join(reasons)[:500])

    # --- detail ----------------------------------------------------------------------------
    def fetch_detail(self, external_id: str) -> DetailResult:
        url = f"{self._api_url}/offres/{quote(external_id, safe='')}"
        response = self._api_get(url)
        if response.status_code in (204, 404, 410):
            return DetailResult.withdrawn()
        if response.status_code == 400:
            raise RequestRejected(f"{SOURCE_LABEL} rejected the offer id {external_id!r}: {error_message(response)}")
        if response.status_code != 200:
            raise SourceError(f"{SOURCE_LABEL}: unexpected HTTP {response.status_code} from {url}.")
        body = self._http.json(response)
        if not isinstance(body, dict):
            raise SourceError(f"{SOURCE_LABEL}: {url} answered {type(body).__name__}, not an offer object.")
        return DetailResult.found(body)


def build_client(settings: Any, *, calls_already_used_today: int = 0) -> FranceTravailClient:
    # calls_already_used_today is ignored: France Travail has no daily quota, only a rate limit.
    if not settings.FRANCE_TRAVAIL_CREDENTIALS:
        raise MissingCredentials(
            f"{SOURCE_LABEL}: credentials are missing; set FRANCE_TRAVAIL_CLIENT_ID and "
            "FRANCE_TRAVAIL_CLIENT_SECRET (an application on francetravail.io with the API « Offres d'emploi v2 »)."
        )
    client_id, client_secret = settings.FRANCE_TRAVAIL_CREDENTIALS
    return FranceTravailClient(
        client_id=client_id,
        client_secret=client_secret,
        token_url=settings.FRANCE_TRAVAIL_TOKEN_URL,
        api_url=settings.FRANCE_TRAVAIL_API_URL,
        requests_per_second=settings.FRANCE_TRAVAIL_REQUESTS_PER_SECOND,
        policy=http_policy_from(settings),
    )
