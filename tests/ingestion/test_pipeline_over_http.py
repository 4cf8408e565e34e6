"""The whole pipeline with the real France Travail client, against a local HTTP server replaying the API."""

from __future__ import annotations

from datetime import timedelta

import pytest

from ingestion.models import RawPayload, RunStatus
from ingestion.services import closing, collection
from offers.models import Offer, OfferStatus
from tests.ingestion.sources.conftest import make_ft_client
from tests.ingestion.sources.fakes import NOW, FakeClock, FakeFranceTravail, LocalApiServer, ft_offer

pytestmark = pytest.mark.django_db


def test_offers_collected_over_http_land_in_all_layers_and_a_withdrawn_one_is_closed() -> None:
    clock = FakeClock()
    offers = [
        ft_offer(
            f"{i:06d}H", created=NOW - timedelta(minutes=i + 1), title=f"Métier {i} (H/F)", description=f"Offre {i}."
        )
        for i in range(320)
    ]
    fake = FakeFranceTravail(offers, clock=clock)
    with LocalApiServer(fake) as server:
        client = make_ft_client(
            clock, api_url=f"{server.url}/partenaire/offresdemploi/v2", token_url=f"{server.url}/oauth2/access_token"
        )
        run = collection.ingestion_run(source="francetravail", client=client, since=NOW - timedelta(days=1))

        assert run.status == RunStatus.SUCCEEDED
        assert (run.fetched, run.new) == (320, 320)
        assert run.api_calls == client.stats.api_calls >= 4  # a token and three pages of 150
        assert RawPayload.objects.count() == Offer.objects.count() == 320

        withdrawn = offers.pop(0)  # `offers` is the fake's own list: withdrawn at the source, its detail answers 404
        recheck = closing.open_offers_recheck(source="francetravail", client=client)

    assert recheck.closed == 1
    closed = Offer.objects.get(postings__external_id=withdrawn["id"])
    assert closed.status == OfferStatus.CLOSED and closed.closed_at is not None
    assert Offer.objects.filter(status=OfferStatus.OPEN).count() == 319


def test_a_daily_sweep_over_http_closes_the_withdrawn_offers_and_only_them() -> None:
    clock = FakeClock()
    # 3,400 offers of the last 100 days: past the range cap, so the sweep splits its windows.
    offers = [
        ft_offer(
            f"{i:06d}S", created=NOW - timedelta(minutes=42 * (i + 1)), title=f"Métier {i} (H/F)", description=f"N{i}."
        )
        for i in range(3400)
    ]
    fake = FakeFranceTravail(offers, clock=clock)
    with LocalApiServer(fake) as server:
        urls = {
            "api_url": f"{server.url}/partenaire/offresdemploi/v2",
            "token_url": f"{server.url}/oauth2/access_token",
        }
        first = collection.ingestion_sweep(source="francetravail", client=make_ft_client(clock, **urls))
        withdrawn = {offers.pop(index)["id"] for index in (3000, 1700, 5)}  # gone from the fake's own list
        clock.advance(86400)
        second = collection.ingestion_sweep(source="francetravail", client=make_ft_client(clock, **urls))

    assert (first.complete, first.new, first.closed) == (True, 3400, 0)
    assert (second.complete, second.closed, second.status) == (True, 3, RunStatus.SUCCEEDED)
    closed = set(Offer.objects.filter(status=OfferStatus.CLOSED).values_list("postings__external_id", flat=True))
    assert closed == withdrawn
    assert second.api_calls < 60  # 23 pages, a token, and the windows split on the way
