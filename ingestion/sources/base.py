"""What every offer source client offers the ingestion run, and the errors it raises.

A client is a pure HTTP client: no database. The run decides what to collect
(`SearchSpec`), iterates `collect()` and stores each payload exactly as received,
then records `stats`. A third source is one new module that implements
`SourceClient` plus one line in `_CLIENT_BUILDERS`.
"""

from __future__ import annotations

import enum
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Protocol

from django.utils.module_loading import import_string


@dataclass(frozen=True)
class SearchSpec:
    """One configured daily search. Every field is optional; all empty means all of France."""

    keywords: str = ""
    rome_code: str = ""
    departement: str = ""

    def describe(self) -> str:
        parts = [f"{name}={value!r}" for name, value in vars(self).items() if value]
        return ", ".join(parts) or "toute la France"


@dataclass
class CallStats:
    """Counters a run records. `api_calls` counts every HTTP attempt, retries and token requests included."""

    api_calls: int = 0
    retries: int = 0
    throttled: int = 0
    splits: int = 0
    # Listings of a sweep read again because they moved while they were read (an offer withdrawn meanwhile).
    rereads: int = 0
    # Offers the source said exist but this run could not fetch (range cap, call budget). 0 = nothing cut.
    not_collected: int = 0
    # Admin-readable notes on an incomplete collection (budget reached, search ignored...).
    warnings: list[str] = field(default_factory=list)
    # Queries abandoned on an error that concerns only them (a rejected parameter, an unreadable page);
    # the collection went on with the others. Errors that stop the whole source are raised instead.
    errors: list[str] = field(default_factory=list)


class SourceError(Exception):
    """A source failed in a way an admin can act on; the message says what and where."""


class MissingCredentials(SourceError):
    """The credentials of a source are not configured; the message names the environment variables."""


class SourceAuthError(SourceError):
    """The source refused the configured credentials (or they lack the needed scope)."""


class QuotaExhausted(SourceError):
    """The call budget of the day is spent, or the source asks to wait longer than is reasonable."""


class SourceUnavailable(SourceError):
    """The source kept failing (5xx, timeouts, connection errors) after every allowed retry."""


class RequestRejected(SourceError):
    """The source rejected a request as invalid (HTTP 400); the message carries the source's own reason."""


# These stop the whole source (no point in trying the next query); any other SourceError concerns one
# query, which a client skips, records in `stats.errors`, and goes on.
FATAL_ERRORS: tuple[type[SourceError], ...] = (SourceAuthError, SourceUnavailable, QuotaExhausted)


# The oldest creation date a sweep asks for: every live offer is younger.
SWEEP_EPOCH = datetime(2000, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class SweepCell:
    """One part of a sweep, read to its end: what was yielded before it is every offer of the
    source matching `spec` and created in [start, end) when `complete` is true.

    A sweep reads the whole catalogue of its searches, part by part; an offer the source
    no longer returns is absent from its part. Parts that are not complete (an error, a
    listing that moved while it was read, a budget spent) say so, and close nothing.
    """

    spec: SearchSpec
    start: datetime
    end: datetime
    complete: bool
    reason: str = ""


class DetailStatus(enum.Enum):
    FOUND = "found"
    WITHDRAWN = "withdrawn"
    # The source cannot tell (Adzuna has no detail endpoint): do not close the offer on this answer.
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class DetailResult:
    status: DetailStatus
    payload: dict[str, Any] | None = None

    @classmethod
    def found(cls, payload: dict[str, Any]) -> DetailResult:
        return cls(DetailStatus.FOUND, payload)

    @classmethod
    def withdrawn(cls) -> DetailResult:
        return cls(DetailStatus.WITHDRAWN)

    @classmethod
    def unknown(cls) -> DetailResult:
        return cls(DetailStatus.UNKNOWN)


class Clock(Protocol):
    """Time as the clients see it, injectable so that tests never wait for real."""

    def monotonic(self) -> float: ...

    def sleep(self, seconds: float) -> None: ...

    def now(self) -> datetime:
        """The current time, timezone-aware (UTC)."""
        ...


class SystemClock:
    def monotonic(self) -> float:
        return time.monotonic()

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)

    def now(self) -> datetime:
        return datetime.now(UTC)


class SourceClient(Protocol):
    name: str  # an offers.models.Source value
    stats: CallStats
    # False when fetch_detail can only answer UNKNOWN: the run then closes offers on absence alone.
    supports_detail: bool

    @property
    def calls_left_today(self) -> int | None:
        """Calls this client may still make today; None when the source has no daily quota."""
        ...

    def collect(self, *, searches: Sequence[SearchSpec], since: datetime) -> Iterator[dict[str, Any]]:
        """Yield each offer payload created since `since` exactly as received, each id at most once."""
        ...

    def sweep(self, *, searches: Sequence[SearchSpec]) -> Iterator[dict[str, Any] | SweepCell]:
        """Yield every live offer of the searches (each id at most once), whatever its age, and
        after the offers of each part a SweepCell telling whether that part was read completely."""
        ...

    def fetch_detail(self, external_id: str) -> DetailResult: ...


# source name -> dotted path of a `build_client(settings, *, calls_already_used_today) -> SourceClient`.
_CLIENT_BUILDERS = {
    "francetravail": "ingestion.sources.francetravail.build_client",
    "adzuna": "ingestion.sources.adzuna.build_client",
}


def client_for(source: str, *, calls_already_used_today: int = 0) -> SourceClient:
    """Build the client of `source` from django.conf.settings.

    `calls_already_used_today` is what earlier runs of the day spent, for sources with a daily quota.
    Raises MissingCredentials naming the environment variables to set.
    """
    from django.conf import settings

    try:
        dotted_path = _CLIENT_BUILDERS[source]
    except KeyError:
        raise ValueError(f"Unknown source {source!r}; expected one of {', '.join(_CLIENT_BUILDERS)}.") from None
    build_client = import_string(dotted_path)
    return build_client(settings, calls_already_used_today=calls_already_used_today)


def ensure_aware(since: datetime) -> datetime:
    if since.tzinfo is None or since.utcoffset() is None:
        raise ValueError(f"`since` must be timezone-aware, got {since!r}.")
    return since.astimezone(UTC)


def unseen(items: list[Any], seen: set[str]) -> Iterator[Any]:
    """The items whose id is not in `seen` yet (recording them), so that a collection yields each id once."""
    for item in items:
        # Items that are not objects or carry no id go through untouched: the normaliser judges them.
        if isinstance(item, dict) and item.get("id") is not None:
            key = str(item["id"])
            if key in seen:
                continue
            seen.add(key)
        yield item
