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
