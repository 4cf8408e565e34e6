"""Both clients against a real HTTP server on 127.0.0.1 replaying real-shaped pages (no mock in between)."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from ingestion.sources import DetailStatus, SearchSpec
from tests.ingestion.sources.conftest import make_adzuna_client, make_ft_client
from tests.ingestion.sources.fakes import (
    NOW,
    FakeAdzuna,
    FakeFranceTravail,
    LocalApiServer,
    adzuna_job,
    ft_offer,
    json_reply,
)

SINCE = NOW - timedelta(days=1)


def test_france_travail_collection_over_http_pages_with_206_and_answers_204(clock):
    offers = [ft_offer(f"{i:06d}H", created=NOW - timedelta(minutes=i + 1)) for i in range(320)]
    fake = FakeFranceTravail(offers, clock=clock)
    with LocalApiServer(fake) as server:
        client = make_ft_client(
            clock, api_url=f"{server.url}/partenaire/offresdemploi/v2", token_url=f"{server.url}/oauth2/access_token"
        )

        collected = list(
            client.collect(searches=[SearchSpec(departement="34"), SearchSpec(keywords="plombier")], since=SINCE)
        )
        withdrawn = client.fetch_detail("999999Z")

    assert collected == offers
    assert [seen.query["range"] for seen in fake.searches()] == ["0-149", "150-299", "300-449", "0-149"]
    assert withdrawn.status is DetailStatus.WITHDRAWN
    assert fake.tokens_issued == 1


def test_a_transfer_cut_short_is_retried_over_http(clock):
    offers = [ft_offer("1H"), ft_offer("2H")]
    fake = FakeFranceTravail(offers, clock=clock)
    fake.script("search", replace(json_reply(200, {"resultats": offers}), cut_transfer=True))
    with LocalApiServer(fake) as server:
        client = make_ft_client(
            clock, api_url=f"{server.url}/partenaire/offresdemploi/v2", token_url=f"{server.url}/oauth2/access_token"
        )

        collected = list(client.collect(searches=[SearchSpec()], since=SINCE))

    assert collected == offers
    assert client.stats.retries == 1


def test_adzuna_collection_over_http_stops_at_count(clock):
    jobs = [adzuna_job(f"{i}") for i in range(75)]
    fake = FakeAdzuna(jobs, clock=clock)
    with LocalApiServer(fake) as server:
        client = make_adzuna_client(clock, api_url=f"{server.url}/v1/api/jobs/fr")

        collected = list(client.collect(searches=[SearchSpec(keywords="boulanger")], since=SINCE))

    assert collected == jobs
    assert len(fake.seen) == 2
