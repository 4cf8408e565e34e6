"""The HTTP layer shared by the source clients: one requests.Session, a call limiter, bounded retries.

Every attempt goes through the limiter (so retries count against rate limits and
quotas), carries a timeout, and is counted in the client's CallStats.
"""

from __future__ import annotations

import logging
import re
import threading
from collections import deque
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

import requests
from tenacity import RetryCallState, Retrying, retry_if_exception_type, stop_after_attempt, wait_exponential

from ingestion.sources.base import CallStats, Clock, QuotaExhausted, SourceError, SourceUnavailable

logger = logging.getLogger(__name__)

USER_AGENT = "JobMarket/0.1 (offer collection; +https://github.com/jobmarket)"


@dataclass(frozen=True)
class HttpPolicy:
    timeout: float = 30.0  # seconds, for the connection and for each read
    max_attempts: int = 5  # per logical call, the first attempt included
    backoff_initial: float = 1.0  # seconds before the first retry; doubles each time
    backoff_max: float = 60.0
    # A Retry-After longer than this means "come back later" (a spent quota), not "slow down": give up.
    max_retry_after: float = 120.0


class CallLimiter:
    """Sliding-window rate limits (e.g. 3 per second, 25 per minute) and an optional hard daily total.

    A few lines here rather than a rate-limit library: the clients need an injected
    clock (tests never wait) and a daily total that the run seeds with what earlier
    runs of the day spent, which the usual libraries do not combine.
    """

    def __init__(
        self,
        *,
        clock: Clock,
        windows: Sequence[tuple[int, float]] = (),
        daily_limit: int | None = None,
        used_today: int = 0,
    ) -> None:
        self._clock = clock
        self._windows = [(calls, seconds, deque[float]()) for calls, seconds in windows]
        self.daily_limit = daily_limit
        self.used_today = used_today
        self._lock = threading.Lock()

    @property
    def remaining_today(self) -> int | None:
        if self.daily_limit is None:
            return None
        return max(0, self.daily_limit - self.used_today)

    def acquire(self, source_label: str) -> None:
        """Wait until one more call fits every window, then count it; QuotaExhausted when the day is spent."""
        with self._lock:
            if self.daily_limit is not None and self.used_today >= self.daily_limit:
                raise QuotaExhausted(
                    f"{source_label}: the daily budget of {self.daily_limit} API calls is spent; "
                    "the collection goes on tomorrow."
                )
            while True:
                now = self._clock.monotonic()
                wait = 0.0
                for calls, seconds, stamps in self._windows:
                    while stamps and stamps[0] <= now - seconds:
                        stamps.popleft()
                    if len(stamps) >= calls:
                        wait = max(wait, stamps[0] + seconds - now)
                if wait <= 0:
                    break
                self._clock.sleep(wait)
            for _calls, _seconds, stamps in self._windows:
                stamps.append(now)
            self.used_today += 1


_DELAY_SECONDS = re.compile(r"[0-9]+")  # ASCII digits only: str.isdigit() also accepts "²"


def parse_retry_after(value: str | None, *, now: datetime) -> float | None:
    """Seconds to wait from a Retry-After header (delay in seconds or an HTTP date); None if unreadable."""
    if value is None:
        return None
    value = value.strip()
    if _DELAY_SECONDS.fullmatch(value):
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when.tzinfo is None:  # RFC 9110 dates are GMT
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - now).total_seconds())


class _RetryableStatus(Exception):
    """A 429 or 5xx answer: worth another attempt."""

    def __init__(self, response: requests.Response) -> None:
        super().__init__(f"HTTP {response.status_code}")
        self.response = response


_RETRYABLE_ERRORS = (
    requests.ConnectionError,
    requests.Timeout,
    # The server closed the connection before the announced Content-Length: a cut transfer, try again.
    requests.exceptions.ChunkedEncodingError,
    _RetryableStatus,
)


class SourceSession:
    """One requests.Session per client, with limiter, timeout, retries and counters."""

    def __init__(
        self,
        *,
        source_label: str,
        stats: CallStats,
        limiter: CallLimiter,
        clock: Clock,
        policy: HttpPolicy,
        session: requests.Session | None = None,
    ) -> None:
        self.source_label = source_label
        self.stats = stats
        self.limiter = limiter
        self.clock = clock
        self.policy = policy
        self.session = session or requests.Session()
        self.session.headers.update({"User-Agent": USER_AGENT, "Accept": "application/json"})
        self._backoff = wait_exponential(multiplier=policy.backoff_initial, max=policy.backoff_max)

    def send(
        self,
        method: str,
        url: str,
        *,
        params: Mapping[str, Any] | None = None,
        data: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> requests.Response:
        """Send one logical request; return the first answer that is neither 429 nor 5xx.

        Raises SourceUnavailable once every attempt failed, QuotaExhausted when the
        source asks to wait longer than policy.max_retry_after or the daily budget is spent.
        """
        retrying = Retrying(
            stop=stop_after_attempt(self.policy.max_attempts),
            wait=self._wait,
            retry=retry_if_exception_type(_RETRYABLE_ERRORS),
            sleep=self.clock.sleep,
            before_sleep=self._log_retry,
            reraise=True,
        )
        try:
            for attempt in retrying:
                with attempt:
                    return self._attempt(method, url, params=params, data=data, headers=headers)
        except _RetryableStatus as exc:
            raise SourceUnavailable(
                f"{self.source_label}: {method} {url} still answers HTTP {exc.response.status_code} "
                f"after {self.policy.max_attempts} attempts."
            ) from exc
        except (requests.ConnectionError, requests.Timeout, requests.exceptions.ChunkedEncodingError) as exc:
            raise SourceUnavailable(
                f"{self.source_label}: {method} {url} failed after {self.policy.max_attempts} attempts "
                f"({type(exc).__name__}: {exc})."
            ) from exc
        except requests.RequestException as exc:  # an invalid URL, too many redirects: not worth a retry
            raise SourceError(f"{self.source_label}: {method} {url} failed ({type(exc).__name__}: {exc}).") from exc
        raise AssertionError("unreachable: tenacity either returns or re-raises")

    def _attempt(
        self,
        method: str,
        url: str,
        *,
        params: Mapping[str, Any] | None,
        data: Mapping[str, Any] | None,
        headers: Mapping[str, str] | None,
    ) -> requests.Response:
        self.limiter.acquire(self.source_label)
        self.stats.api_calls += 1
        response = self.session.request(
            method, url, params=params, data=data, headers=headers, timeout=self.policy.timeout
        )
        if response.status_code == 429:
            self.stats.throttled += 1
            delay = parse_retry_after(response.headers.get("Retry-After"), now=self.clock.now())
            if delay is not None and delay > self.policy.max_retry_after:
                raise QuotaExhausted(
                    f"{self.source_label}: the API asks to wait {delay:.0f} s before calling again "
                    f"({method} {response.url}); its quota is probably spent for now."
                )
            raise _RetryableStatus(response)
        if response.status_code >= 500:
            raise _RetryableStatus(response)
        return response

    def _wait(self, retry_state: RetryCallState) -> float:
        outcome = retry_state.outcome
        exc = outcome.exception() if outcome is not None else None
        if isinstance(exc, _RetryableStatus) and exc.response.status_code == 429:
            delay = parse_retry_after(exc.response.headers.get("Retry-After"), now=self.clock.now())
            if delay is not None:
                return delay
        return float(self._backoff(retry_state))

    def _log_retry(self, retry_state: RetryCallState) -> None:
        self.stats.retries += 1
        outcome = retry_state.outcome
        exc = outcome.exception() if outcome is not None else None
        delay = retry_state.upcoming_sleep
        logger.warning(
            "%s: attempt %d/%d failed (%s); retrying in %.1f s",
            self.source_label,
            retry_state.attempt_number,
            self.policy.max_attempts,
            exc,
            delay,
        )

    def json(self, response: requests.Response) -> Any:
        """The decoded body, or a SourceError naming the URL when it is not JSON (a cut or garbled body)."""
        try:
            return response.json()
        except ValueError as exc:  # requests.JSONDecodeError is a ValueError
            raise SourceError(
                f"{self.source_label}: unreadable JSON from {response.request.method} {response.url} "
                f"(HTTP {response.status_code}, {len(response.content)} bytes): {exc}"
            ) from exc


def error_message(response: requests.Response) -> str:
    """The source's own reason for an error answer, for messages an admin reads."""
    try:
        body = response.json()
    except ValueError:
        return response.text[:300].strip() or f"HTTP {response.status_code}"
    if isinstance(body, dict):
        for key in ("message", "error_description", "error", "exception", "display"):
            if isinstance(body.get(key), str) and body[key]:
                return body[key]
    return str(body)[:300]


def http_policy_from(settings: Any) -> HttpPolicy:
    return HttpPolicy(
        timeout=float(settings.SOURCE_HTTP_TIMEOUT),
        max_attempts=settings.SOURCE_HTTP_MAX_ATTEMPTS,
        max_retry_after=float(settings.SOURCE_MAX_RETRY_AFTER),
    )
