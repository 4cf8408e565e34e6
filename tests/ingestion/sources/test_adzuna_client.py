"""Adzuna client: parameters, paging until `count` or a short page, and a daily budget never exceeded."""

from __future__ import annotations

from datetime import timedelta

import pytest

from ingestion.sources import DetailStatus, QuotaExhausted, SearchSpec, SourceAuthError
from tests.ingestion.sources.conftest import make_adzuna_client
from tests.ingestion.sources.fakes import NOW, Reply, adzuna_job, json_reply

SINCE = NOW - timedelta(days=1)


def jobs(prefix: str, count: int, title: str = "Boulanger H/F") -> list[dict]:
    return [adzuna_job(f"{prefix}{i}", title=title) for i in range(count)]


def test_a_search_sends_credentials_pages_of_50_and_the_days_to_cover(clock, adzuna):
    client = make_adzuna_client(clock)

    list(client.collect(searches=[SearchSpec(keywords="boulanger", departement="34")], since=NOW - timedelta(hours=25)))

    [seen] = adzuna.seen
    assert seen.path == "/v1/api/jobs/fr/search/1"
    assert seen.query == {
        "app_id": "app",
        "app_key": "key",
        "results_per_page": "50",
        "what": "boulanger",
        "where": "Hérault",
        "max_days_old": "2",
        "sort_by": "date",
        "content-type": "application/json",
    }


def test_paging_stops_once_count_is_reached(clock, adzuna):
    adzuna.jobs = jobs("A", 120)
    client = make_adzuna_client(clock)

    collected = list(client.collect(searches=[SearchSpec()], since=SINCE))

    assert [job["id"] for job in collected] == [job["id"] for job in adzuna.jobs]
    assert [seen.path.rsplit("/", 1)[1] for seen in adzuna.seen] == ["1", "2", "3"]
    assert client.stats.api_calls == 3


def test_a_full_last_page_at_count_is_not_followed_by_an_empty_one(clock, adzuna):
    adzuna.jobs = jobs("A", 100)
    client = make_adzuna_client(clock)

    assert len(list(client.collect(searches=[SearchSpec()], since=SINCE))) == 100
    assert len(adzuna.seen) == 2


def test_paging_stops_at_a_short_page_even_when_count_promised_more(clock, adzuna):
    adzuna.jobs = jobs("A", 70)
    adzuna.count_override = 500  # Adzuna's count is an estimate
    client = make_adzuna_client(clock)

    assert len(list(client.collect(searches=[SearchSpec()], since=SINCE))) == 70
    assert len(adzuna.seen) == 2


def test_jobs_are_passed_through_exactly_as_received(clock, adzuna):
    odd = adzuna_job("X1")
    del odd["contract_type"], odd["salary_min"], odd["salary_max"], odd["latitude"], odd["longitude"]
    odd["nouveau_champ"] = {"x": 1}
    adzuna.jobs = [odd, "pas un objet"]
    client = make_adzuna_client(clock)

    assert list(client.collect(searches=[SearchSpec()], since=SINCE)) == [odd, "pas un objet"]


def test_the_daily_budget_is_shared_and_never_exceeded(clock, adzuna):
    adzuna.jobs = jobs("S", 60, "Serveur") + jobs("B", 500, "Boulanger") + jobs("C", 500, "Cuisinier")
    client = make_adzuna_client(clock, calls_per_day=12, calls_already_used_today=2)
    searches = [SearchSpec(keywords="serveur"), SearchSpec(keywords="boulanger"), SearchSpec(keywords="cuisinier")]

    collected = list(client.collect(searches=searches, since=SINCE))

    assert len(adzuna.seen) == 10  # the 10 calls left of the day, not one more
    assert client.calls_left_today == 0
    pages = {
        what: sum(seen.query["what"] == what for seen in adzuna.seen) for what in ("serveur", "boulanger", "cuisinier")
    }
    assert pages == {"serveur": 2, "boulanger": 4, "cuisinier": 4}  # the small search finished, the rest split evenly
    assert len(collected) == 60 + 200 + 200
    assert client.stats.not_collected == 300 + 300
    assert len(client.stats.warnings) == 2


def test_searches_beyond_the_budget_are_not_started_and_are_reported(clock, adzuna):
    adzuna.jobs = jobs("A", 10)
    client = make_adzuna_client(clock, calls_per_day=250, calls_already_used_today=248)

    list(
        client.collect(
            searches=[SearchSpec(keywords="a"), SearchSpec(keywords="b"), SearchSpec(keywords="c")], since=SINCE
        )
    )

    assert len(adzuna.seen) == 2
    assert "1 searches could start" in client.stats.warnings[0]


def test_a_spent_day_makes_no_call(clock, adzuna):
    client = make_adzuna_client(clock, calls_per_day=250, calls_already_used_today=250)

    assert list(client.collect(searches=[SearchSpec()], since=SINCE)) == []
    assert adzuna.seen == []


def test_retries_count_against_the_budget_and_never_pass_it(clock, adzuna):
    adzuna.jobs = jobs("A", 10)
    adzuna.script(json_reply(500, {}))
    client = make_adzuna_client(clock, calls_per_day=1)

    with pytest.raises(QuotaExhausted, match="daily budget of 1 API calls"):
        list(client.collect(searches=[SearchSpec()], since=SINCE))

    assert len(adzuna.seen) == 1


def test_no_more_than_25_calls_in_any_minute(clock, adzuna):
    adzuna.jobs = jobs("A", 60 * 50)
    client = make_adzuna_client(clock)

    list(client.collect(searches=[SearchSpec()], since=SINCE))

    stamps = [seen.at for seen in adzuna.seen]
    assert len(stamps) == 60
    for index in range(len(stamps) - 25):
        assert stamps[index + 25] - stamps[index] >= 60.0


def test_a_429_waits_for_retry_after(clock, adzuna):
    adzuna.jobs = jobs("A", 3)
    adzuna.script(json_reply(429, {}, {"Retry-After": "12"}))
    client = make_adzuna_client(clock)

    assert len(list(client.collect(searches=[SearchSpec()], since=SINCE))) == 3
    assert clock.sleeps == [12.0]
    assert client.stats.throttled == 1


def test_refused_credentials_name_the_variables(clock, adzuna):
    client = make_adzuna_client(clock)
    client._app_key = "wrong"

    with pytest.raises(SourceAuthError, match="ADZUNA_APP_ID and ADZUNA_APP_KEY"):
        list(client.collect(searches=[SearchSpec()], since=SINCE))


def test_a_rome_only_search_is_skipped_because_adzuna_has_no_rome_codes(clock, adzuna):
    client = make_adzuna_client(clock)

    assert list(client.collect(searches=[SearchSpec(rome_code="D1102")], since=SINCE)) == []
    assert adzuna.seen == []
    assert "ROME" in client.stats.warnings[0]


def test_a_truncated_page_abandons_that_search_only(clock, adzuna):
    adzuna.jobs = jobs("A", 3)
    adzuna.script(Reply(200, {"Content-Type": "application/json"}, b'{"count": 3, "results": [{"id": "A'))
    client = make_adzuna_client(clock)

    collected = list(client.collect(searches=[SearchSpec(keywords="boulanger"), SearchSpec()], since=SINCE))

    assert len(collected) == 3
    assert "unreadable JSON" in client.stats.errors[0]


def test_detail_is_unknown_without_any_call_because_adzuna_has_no_detail_endpoint(clock, adzuna):
    client = make_adzuna_client(clock)

    assert client.supports_detail is False
    assert client.fetch_detail("5859324156").status is DetailStatus.UNKNOWN
    assert adzuna.seen == []
