"""The re-check: detail calls close withdrawn offers (kept in the database) and follow edits.

What it asks after a sweep is in test_daily_sweep.py."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from ingestion.models import IngestionRun, RunKind, RunStatus
from ingestion.services import closing, collection
from ingestion.sources.base import DetailResult, RequestRejected, SourceUnavailable
from ingestion.tasks import ingest_all_sources, recheck_open_offers
from offers.models import Offer, OfferSource, OfferStatus
from tests.ingestion.fake_client import FakeClient
from tests.ingestion.payloads import adzuna_job, france_travail_offer

pytestmark = pytest.mark.django_db


def _collect(source: str, payloads: list[dict]) -> IngestionRun:
    return collection.ingestion_run(source=source, client=FakeClient(source, payloads), since=timezone.now())


def test_a_withdrawn_offer_is_closed_the_same_day_and_kept() -> None:
    _collect("francetravail", [france_travail_offer("201A")])
    client = FakeClient("francetravail", details={"201A": DetailResult.withdrawn()})

    run = closing.open_offers_recheck(source="francetravail", client=client)

    offer = Offer.objects.get()
    assert offer.status == OfferStatus.CLOSED
    assert offer.closed_at.date() == timezone.now().date()
    assert OfferSource.objects.get().withdrawn_at is not None
    assert (run.kind, run.closed, run.api_calls) == (RunKind.RECHECK, 1, 1)


def test_a_detail_found_with_an_edit_updates_the_offer() -> None:
    _collect("francetravail", [france_travail_offer("201A")])
    edited = france_travail_offer("201A", intitule="Boulanger de nuit (H/F)")
    client = FakeClient("francetravail", details={"201A": DetailResult.found(edited)})

    run = closing.open_offers_recheck(source="francetravail", client=client)

    assert Offer.objects.get().title == "Boulanger de nuit (H/F)"
    assert (run.updated, run.closed) == (1, 0)
    assert OfferSource.objects.get().checked_at is not None


def test_an_unknown_answer_never_closes_an_offer() -> None:
    _collect("francetravail", [france_travail_offer("201A")])
    closing.open_offers_recheck(source="francetravail", client=FakeClient("francetravail"))
    assert Offer.objects.get().status == OfferStatus.OPEN


def test_a_merged_offer_stays_open_while_another_source_still_posts_it() -> None:
    _collect("francetravail", [france_travail_offer("201A")])
    _collect("adzuna", [adzuna_job("4801")])
    client = FakeClient("francetravail", details={"201A": DetailResult.withdrawn()})

    run = closing.open_offers_recheck(source="francetravail", client=client)

    offer = Offer.objects.get()
    assert (offer.status, offer.sources, run.closed) == (OfferStatus.OPEN, ["adzuna"], 0)


def test_without_a_detail_endpoint_postings_unseen_for_too_long_are_closed() -> None:
    _collect("adzuna", [adzuna_job("4801"), adzuna_job("4802", title="Vendeur H/F", company={})])
    OfferSource.objects.filter(external_id="4801").update(last_seen_at=timezone.now() - timedelta(days=31))

    run = closing.open_offers_recheck(source="adzuna", client=FakeClient("adzuna", supports_detail=False))

    assert run.closed == 1 and run.status == RunStatus.SUCCEEDED
    assert Offer.objects.get(postings__external_id="4801").status == OfferStatus.CLOSED
    assert Offer.objects.get(postings__external_id="4802").status == OfferStatus.OPEN


def test_a_closed_offer_seen_again_at_its_source_reopens() -> None:
    _collect("francetravail", [france_travail_offer("201A")])
    closing.open_offers_recheck(
        source="francetravail", client=FakeClient("francetravail", details={"201A": DetailResult.withdrawn()})
    )
    _collect("francetravail", [france_travail_offer("201A")])
    offer = Offer.objects.get()
    assert (offer.status, offer.closed_at) == (OfferStatus.OPEN, None)


def test_the_daily_tasks_skip_sources_without_credentials(settings) -> None:
    settings.FRANCE_TRAVAIL_CREDENTIALS = None
    settings.ADZUNA_CREDENTIALS = None
    outcome = ingest_all_sources.delay().get()
    assert all(value.startswith("skipped") for value in outcome.values())
    assert "FRANCE_TRAVAIL_CLIENT_ID" in outcome["francetravail"]
    recheck = recheck_open_offers.delay().get()
    assert set(recheck) == {"francetravail", "adzuna"}


class _RejectingClient(FakeClient):
    """France Travail answering 400 for one id (an odd partner id, say)."""

    def __init__(self, *args, reject: dict[str, Exception], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.reject = reject

    def fetch_detail(self, external_id: str) -> DetailResult:
        if external_id in self.reject:
            self.stats.api_calls += 1
            raise self.reject[external_id]
        return super().fetch_detail(external_id)


def _distinct_offers(*ids: str) -> list[dict]:
    # Distinct jobs: the same title at the same employer would be merged into one offer.
    return [france_travail_offer(i, intitule=f"Métier {i} (H/F)", description=f"Offre {i}.") for i in ids]


def test_one_rejected_detail_is_recorded_and_the_recheck_goes_on() -> None:
    _collect("francetravail", _distinct_offers("201A", "202B", "203C"))
    client = _RejectingClient(
        "francetravail",
        details={"203C": DetailResult.withdrawn()},
        reject={"202B": RequestRejected("400: identifiant invalide")},
    )

    run = closing.open_offers_recheck(source="francetravail", client=client)

    assert client.detail_calls == ["201A", "203C"]  # 202B was asked too, and refused
    assert run.closed == 1
    assert Offer.objects.get(postings__external_id="203C").status == OfferStatus.CLOSED
    assert Offer.objects.get(postings__external_id="202B").status == OfferStatus.OPEN
    assert [error["message"] for error in run.errors] == ["202B: 400: identifiant invalide"]
    assert run.status == RunStatus.PARTIAL
    # Checked all the same, so tomorrow's rolling re-check starts with the others.
    assert OfferSource.objects.get(external_id="202B").checked_at is not None


def test_a_source_outage_still_stops_the_recheck() -> None:
    _collect("francetravail", _distinct_offers("201A", "202B"))
    client = _RejectingClient("francetravail", reject={"201A": SourceUnavailable("503 after 5 attempts")})

    run = closing.open_offers_recheck(source="francetravail", client=client)

    assert client.detail_calls == []
    assert run.status == RunStatus.FAILED
