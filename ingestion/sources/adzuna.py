"""Adzuna (country `fr`) client: pages of 50, inside a call budget per minute and per day.

The default quota is 25 calls a minute and 250 a day. The per-minute limit is a
sliding window (the client waits); the daily one is planned: every search first
gets its first page (which tells its `count`), then the calls left are shared so
that small searches finish and big ones split the rest evenly. The limiter refuses
any call past the day's budget, so a run can never exceed it, retries included.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

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

SOURCE_LABEL = "Adzuna"
PAGE_SIZE = 50  # the API's maximum results_per_page


@dataclass
class _SearchProgress:
    spec: SearchSpec
    params: dict[str, str]
    count: int
    pages_done: int
    complete: bool
    error: str = ""

    def __post_init__(self) -> None:
        self.first_count = self.count

    @property
    def incomplete_because(self) -> str:
        """'' when every page was read and the count held still (pages sorted by date shift when
        an offer goes or comes while they are read)."""
        if self.error:
            return self.error
        if self.pages_left:
            return f"the daily budget left {max(0, self.count - self.pages_done * PAGE_SIZE)} offres unread"
        if self.count != self.first_count:
            return "the count moved while the pages were read"
        return ""

    @property
    def pages_left(self) -> int:
        return 0 if self.complete else max(0, math.ceil(self.count / PAGE_SIZE) - self.pages_done)


class AdzunaClient:
    name = "adzuna"
    # Adzuna has no detail endpoint and its search cannot filter by id: fetch_detail always
    # answers UNKNOWN, and an Adzuna offer can only be closed when searches stop returning it.
    supports_detail = False

    def __init__(
        self,
        *,
        app_id: str,
        app_key: str,
        api_url: str,
        calls_per_minute: int = 25,
        calls_per_day: int = 250,
        calls_already_used_today: int = 0,
        policy: HttpPolicy | None = None,
        clock: Clock | None = None,
        session: requests.Session | None = None,
    ) -> None:
        self.stats = CallStats()
        self._clock = clock or SystemClock()
        self._app_id = app_id
        self._app_key = app_key
        self._api_url = api_url.rstrip("/")
        self._limiter = CallLimiter(
            clock=self._clock,
            windows=[(calls_per_minute, 60.0)],
            daily_limit=calls_per_day,
            used_today=calls_already_used_today,
        )
        self._http = SourceSession(
            source_label=SOURCE_LABEL,
            stats=self.stats,
            limiter=self._limiter,
            clock=self._clock,
            policy=policy or HttpPolicy(),
            session=session,
        )

    @property
    def calls_left_today(self) -> int:
        remaining = self._limiter.remaining_today
        assert remaining is not None  # this limiter always has a daily limit
        return remaining

    def collect(self, *, searches: Sequence[SearchSpec], since: datetime) -> Iterator[dict[str, Any]]:
        elapsed = (self._clock.now().astimezone(UTC) - ensure_aware(since)).total_seconds()
        if elapsed <= 0:
            return
        max_days_old = max(1, math.ceil(elapsed / 86400))  # whole days only: a little overlap, never a gap
        yield from self._read(searches, max_days_old, {})

    def sweep(self, *, searches: Sequence[SearchSpec]) -> Iterator[dict[str, Any] | SweepCell]:
        """Every offer of each search, whatever its age, within the day's budget; then one
        SweepCell per search: complete when all its pages were read and its count did not move."""
        end = self._clock.now().astimezone(UTC).replace(microsecond=0)
        outcomes: dict[SearchSpec, str] = {}  # search -> "" when read completely, else why not
        yield from self._read(searches, None, outcomes)
        for spec in searches:
            reason = outcomes.get(spec, "search not run")
            yield SweepCell(spec, SWEEP_EPOCH, end, complete=not reason, reason=reason)

    def _read(
        self, searches: Sequence[SearchSpec], max_days_old: int | None, outcomes: dict[SearchSpec, str]
    ) -> Iterator[dict[str, Any]]:
        seen: set[str] = set()
        runnable = [spec for spec in searches if self._is_runnable(spec)]
        logger.info(
            "%s: %d searches, %d calls left today, max_days_old=%s",
            SOURCE_LABEL,
            len(runnable),
            self.calls_left_today,
            max_days_old,
        )

        # First pass: page 1 of every search, which also tells how many pages each one needs.
        progress: list[_SearchProgress] = []
        for position, spec in enumerate(runnable):
            if self.calls_left_today == 0:
                self._warn(
                    f"{SOURCE_LABEL}: the daily budget was spent before {len(runnable) - position} searches "
                    f"could start (the first one: {spec.describe()})."
                )
                break
            params = self._params(spec, max_days_old)
            try:
                items, count = self._search_page(params, 1)
            except FATAL_ERRORS:
                raise
            except SourceError as exc:
                self._record_error(spec, exc)
                outcomes[spec] = str(exc)
                continue
            yield from unseen(items, seen)
            progress.append(
                _SearchProgress(
                    spec=spec,
                    params=params,
                    count=count,
                    pages_done=1,
                    complete=len(items) < PAGE_SIZE or count <= PAGE_SIZE,
                )
            )

        # Second pass: share the calls left, smallest needs first, so that what one search does
        # not use goes to the bigger ones after it.
        pending = sorted((p for p in progress if p.pages_left), key=lambda p: p.pages_left)
        for position, search in enumerate(pending):
            share = math.ceil(self.calls_left_today / (len(pending) - position))
            allowed = min(search.pages_left, share)
            for _ in range(allowed):
                page_number = search.pages_done + 1
                try:
                    items, search.count = self._search_page(search.params, page_number)
                except FATAL_ERRORS:
                    raise
                except SourceError as exc:
                    self._record_error(search.spec, exc)
                    search.complete = True
                    search.error = str(exc)
                    break
                search.pages_done = page_number
                yield from unseen(items, seen)
                if len(items) < PAGE_SIZE:
                    search.complete = True
                    break
            if search.pages_left:
                missing = max(0, search.count - search.pages_done * PAGE_SIZE)
                self.stats.not_collected += missing
                self._warn(
                    f"{SOURCE_LABEL}: the daily budget left {missing} of {search.count} offres of "
                    f"« {search.spec.describe()} » uncollected ({search.pages_done} pages fetched)."
                )
        outcomes.update((search.spec, search.incomplete_because) for search in progress)

    def _is_runnable(self, spec: SearchSpec) -> bool:
        if spec.rome_code and not spec.keywords:
            # Adzuna knows no ROME codes: running it would fetch every offer of the area instead.
            self._warn(f"{SOURCE_LABEL}: search « {spec.describe()} » skipped: Adzuna cannot search by ROME code.")
            return False
        return True

    def _params(self, spec: SearchSpec, max_days_old: int | None) -> dict[str, str]:
        params = {
            "app_id": self._app_id,
            "app_key": self._app_key,
            "results_per_page": str(PAGE_SIZE),
            "sort_by": "date",
            "content-type": "application/json",
        }
        if max_days_old is not None:  # a sweep asks for every age
            params["max_days_old"] = str(max_days_old)
        if spec.keywords:
            params["what"] = spec.keywords
        if spec.departement:
            # Adzuna locates by place name; a code it would read as a postcode prefix or nothing.
            params["where"] = DEPARTEMENTS.get(spec.departement, spec.departement)
        return params

    def _search_page(self, params: dict[str, str], page: int) -> tuple[list[Any], int]:
        url = f"{self._api_url}/search/{page}"
        response = self._http.send("GET", url, params=params)
        status = response.status_code
        if status in (401, 403):
            raise SourceAuthError(
                f"{SOURCE_LABEL} refused the credentials (check ADZUNA_APP_ID and ADZUNA_APP_KEY): "
                f"{error_message(response)}"
            )
        if status == 400:
            raise RequestRejected(f"{SOURCE_LABEL} rejected the search: {error_message(response)}")
        if status != 200:
            raise SourceError(f"{SOURCE_LABEL}: unexpected HTTP {status} from {url}.")
        body = self._http.json(response)
        items = body.get("results", []) if isinstance(body, dict) else None
        if not isinstance(items, list):
            raise SourceError(f"{SOURCE_LABEL}: {url} answered without a list of 'results'.")
        count = body.get("count")
        if not isinstance(count, int) or count < 0:
            count = (page - 1) * PAGE_SIZE + len(items)  # unknown total: page on while pages are full
            if len(items) == PAGE_SIZE:
                count += 1
        where = params.get("where", "France")
        logger.info(
            "%s: what=%r where=%r page %d: %d offres (count %d)",
            SOURCE_LABEL,
            params.get("what", ""),
            where,
            page,
            len(items),
            count,
        )
        return items, count

    def _record_error(self, spec: SearchSpec, exc: SourceError) -> None:
        message = f"{spec.describe()}: {exc}"
        logger.warning("%s: search abandoned: %s", SOURCE_LABEL, message)
        self.stats.errors.append(message)

    def _warn(self, message: str) -> None:
        logger.warning(message)
        self.stats.warnings.append(message)

    def fetch_detail(self, external_id: str) -> DetailResult:
        """Always UNKNOWN, without any call: Adzuna has no endpoint that answers for one offer."""
        return DetailResult.unknown()


def build_client(settings: Any, *, calls_already_used_today: int = 0) -> AdzunaClient:
    if not settings.ADZUNA_CREDENTIALS:
        raise MissingCredentials(
            f"{SOURCE_LABEL}: credentials are missing; set ADZUNA_APP_ID and ADZUNA_APP_KEY "
            "(an application on developer.adzuna.com)."
        )
    app_id, app_key = settings.ADZUNA_CREDENTIALS
    return AdzunaClient(
        app_id=app_id,
        app_key=app_key,
        api_url=settings.ADZUNA_API_URL,
        calls_per_minute=settings.ADZUNA_CALLS_PER_MINUTE,
        calls_per_day=settings.ADZUNA_CALLS_PER_DAY,
        calls_already_used_today=calls_already_used_today,
        policy=http_policy_from(settings),
    )
