"""Retries with bounded backoff (5xx, connection errors, cut transfers) and 429 with Retry-After."""

from __future__ import annotations

from datetime import timedelta
from email.utils import format_datetime

import pytest
import requests
from hypothesis import given
from hypothesis import strategies as st

from ingestion.sources import QuotaExhausted, SearchSpec, SourceUnavailable
from ingestion.sources.transport import CallLimiter, parse_retry_after
from tests.ingestion.sources.fakes import NOW, Reply, ft_offer, json_reply

SINCE = NOW - timedelta(days=1)


def test_a_500_then_success_is_retried_after_a_backoff(ft_client, france_travail, clock):
    france_travail.offers = [ft_offer("1A")]
    france_travail.script("search", json_reply(500, {"message": "Internal error"}))

    collected = list(ft_client.collect(searches=[SearchSpec()], since=SINCE))

    assert [offer["id"] for offer in collected] == ["1A"]
    assert ft_client.stats.retries == 1
    assert clock.sleeps == [1.0]


def test_a_source_failing_forever_raises_after_the_allowed_attempts(ft_client, france_travail, clock):
    france_travail.script("search", *[json_reply(503, {"message": "Service Unavailable"})] * 10)

    with pytest.raises(SourceUnavailable, match=r"HTTP 503 after 4 attempts"):
        list(ft_client.collect(searches=[SearchSpec()], since=SINCE))

    assert len(france_travail.searches()) == 4
    assert clock.sleeps == [1.0, 2.0, 4.0]  # exponential, bounded by the attempts
    assert ft_client.stats.retries == 3


def test_the_backoff_never_exceeds_its_ceiling(clock, france_travail):
    from ingestion.sources.transport import HttpPolicy
    from tests.ingestion.sources.conftest import make_ft_client

    client = make_ft_client(clock, policy=HttpPolicy(max_attempts=9, backoff_initial=1.0, backoff_max=10.0))
    france_travail.script("detail", *[json_reply(502, {})] * 9)

    with pytest.raises(SourceUnavailable):
        client.fetch_detail("1A")

    assert clock.sleeps == [1.0, 2.0, 4.0, 8.0, 10.0, 10.0, 10.0, 10.0]


def test_connection_errors_and_timeouts_are_retried(ft_client, france_travail):
    france_travail.offers = [ft_offer("1A")]
    france_travail.script(
        "detail",
        Reply(0, error=requests.ConnectionError("connection reset")),
        Reply(0, error=requests.ReadTimeout("read timed out")),
    )

    assert ft_client.fetch_detail("1A").payload == ft_offer("1A")
    assert ft_client.stats.retries == 2


def test_a_429_waits_the_seconds_of_retry_after(ft_client, france_travail, clock):
    france_travail.offers = [ft_offer("1A")]
    france_travail.script("search", json_reply(429, {"message": "Too Many Requests"}, {"Retry-After": "7"}))

    collected = list(ft_client.collect(searches=[SearchSpec()], since=SINCE))

    assert len(collected) == 1
    assert 7.0 in clock.sleeps
    assert ft_client.stats.throttled == 1


def test_a_429_waits_until_the_http_date_of_retry_after(ft_client, france_travail, clock):
    france_travail.offers = [ft_offer("1A")]
    retry_at = format_datetime(NOW + timedelta(seconds=30), usegmt=True)
    france_travail.script("detail", json_reply(429, {}, {"Retry-After": retry_at}))

    ft_client.fetch_detail("1A")

    assert clock.sleeps == [30.0]


def test_a_429_asking_for_an_hour_is_a_spent_quota_not_a_nap(ft_client, france_travail, clock):
    france_travail.script("detail", json_reply(429, {}, {"Retry-After": "3600"}))

    with pytest.raises(QuotaExhausted, match="3600 s"):
        ft_client.fetch_detail("1A")

    assert clock.sleeps == []


def test_france_travail_calls_never_exceed_three_per_second(ft_client, france_travail):
    france_travail.offers = [ft_offer(f"{i}A", created=NOW - timedelta(minutes=i + 1)) for i in range(1500)]

    list(ft_client.collect(searches=[SearchSpec()], since=SINCE))

    stamps = [seen.at for seen in france_travail.seen]
    assert len(stamps) == 11  # a token and ten pages
    for index in range(len(stamps) - 3):
        assert stamps[index + 3] - stamps[index] >= 1.0


def test_the_limiter_keeps_every_sliding_window(clock):
    limiter = CallLimiter(clock=clock, windows=[(3, 1.0), (5, 60.0)])

    stamps = []
    for _ in range(11):
        limiter.acquire("Test")
        stamps.append(clock.monotonic())

    for index in range(len(stamps) - 3):
        assert stamps[index + 3] - stamps[index] >= 1.0
    for index in range(len(stamps) - 5):
        assert stamps[index + 5] - stamps[index] >= 60.0


def test_the_limiter_refuses_a_call_past_the_daily_budget(clock):
    limiter = CallLimiter(clock=clock, daily_limit=3, used_today=2)

    limiter.acquire("Adzuna")
    assert limiter.remaining_today == 0
    with pytest.raises(QuotaExhausted, match="daily budget of 3 API calls"):
        limiter.acquire("Adzuna")


@pytest.mark.parametrize(
    ("header", "seconds"),
    [
        ("120", 120.0),
        (" 0 ", 0.0),
        ("Mon, 23 Nov 2026 06:01:00 GMT", 60.0),
        ("Mon, 23 Nov 2026 05:00:00 GMT", 0.0),  # a date in the past: no wait
        ("bientôt", None),
        ("-5", None),
        (None, None),
    ],
)
def test_retry_after_reads_seconds_or_an_http_date(header, seconds):
    assert parse_retry_after(header, now=NOW) == seconds


@given(st.text())
def test_retry_after_parsing_never_fails_on_arbitrary_text(header):
    seconds = parse_retry_after(header, now=NOW)
    assert seconds is None or seconds >= 0


def test_retries_and_throttling_are_logged_as_warnings(ft_client, france_travail, caplog):
    france_travail.script("detail", json_reply(429, {}, {"Retry-After": "2"}), json_reply(500, {}))

    with caplog.at_level("WARNING", logger="ingestion.sources"):
        ft_client.fetch_detail("1A")

    warnings = [record.getMessage() for record in caplog.records if record.levelname == "WARNING"]
    assert "attempt 1/4 failed (HTTP 429); retrying in 2.0 s" in warnings[0]
    assert "attempt 2/4 failed (HTTP 500); retrying in 2.0 s" in warnings[1]
