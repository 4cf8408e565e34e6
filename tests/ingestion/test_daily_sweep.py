"""The daily complete sweep: an offer absent from a complete part is closed the same day; a part
that was not read completely closes nothing, and the re-check settles its absentees one by one."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.utils import timezone

from ingestion.models import CollectionSearch, IngestionRun, RunKind, RunStatus
from ingestion.services import closing, collection
from ingestion.sources.base import SWEEP_EPOCH, DetailResult, SearchSpec, SweepCell
from offers.models import Offer, OfferSource, OfferStatus
from tests.ingestion.fake_client import FakeClient
from tests.ingestion.payloads import adzuna_job, france_travail_offer

pytestmark = pytest.mark.django_db

# The test offers are created on 2026-10-02 (A, B), 2026-10-05 (C) and 2026-10-09 (D).
SPLIT = datetime(2026, 10, 4, tzinfo=UTC)


def _offer(offer_id: str, day: int) -> dict:
    created = f"2026-10-{day:02d}T08:15:00.000Z"
    return france_travail_offer(
        offer_id, intitule=f"Métier {offer_id} (H/F)", description=f"Offre {offer_id}.", dateCreation=created
    )


def _sweep(items: list, *, source: str = "francetravail", **kwargs) -> IngestionRun:
    closed: list[str] = []
    run = collection.ingestion_sweep(
        source=source, client=FakeClient(source, items), on_closed=closed.extend, batch_size=2, **kwargs
    )
    run.closed_ids = sorted(closed)
    return run


def _status(offer_id: str) -> str:
    return Offer.objects.get(postings__external_id=offer_id).status


def _cells(*completeness: bool) -> list[SweepCell]:
    end = timezone.now()
    bounds = [(SWEEP_EPOCH, SPLIT), (SPLIT, end)]
    return [
        SweepCell(SearchSpec(), start, stop, complete)
        for (start, stop), complete in zip(bounds, completeness, strict=True)
    ]


def test_an_offer_absent_from_a_complete_sweep_is_closed_the_same_day_and_the_others_stay() -> None:
    _sweep([_offer("A", 2), _offer("B", 2), _offer("C", 5)])

    run = _sweep([_offer("A", 2), _offer("C", 5)])

    assert (run.kind, run.status, run.complete, run.closed) == (RunKind.SWEEP, RunStatus.SUCCEEDED, True, 1)
    assert run.closed_ids == ["B"]
    assert (_status("A"), _status("B"), _status("C")) == (OfferStatus.OPEN, OfferStatus.CLOSED, OfferStatus.OPEN)
    assert Offer.objects.get(postings__external_id="B").closed_at.date() == timezone.now().date()


def test_a_part_not_read_completely_closes_nothing_in_it_but_a_complete_part_does() -> None:
    _sweep([_offer("A", 2), _offer("B", 2), _offer("C", 5), _offer("D", 9)])
    first, second = _cells(True, False)

    run = _sweep([_offer("A", 2), first, _offer("C", 5), second])

    assert run.closed_ids == ["B"]  # absent from the complete part
    assert _status("D") == OfferStatus.OPEN  # absent from the incomplete one: left to the re-check
    assert (run.complete, run.status) == (False, RunStatus.PARTIAL)
    assert "incomplète" in run.errors[-1]["message"]


def test_a_sweep_the_source_cuts_short_closes_nothing_it_did_not_read() -> None:
    _sweep([_offer("A", 2), _offer("B", 2), _offer("C", 5)])
    client = FakeClient("francetravail", [_offer("A", 2), *_cells(True, True)], fail_after=0)

    run = collection.ingestion_sweep(source="francetravail", client=client)

    assert (run.status, run.complete, run.closed) == (RunStatus.FAILED, False, 0)
    assert not OfferSource.objects.filter(withdrawn_at__isnull=False).exists()


def test_a_part_closes_only_the_offers_created_inside_it() -> None:
    _sweep([_offer("A", 2), _offer("D", 9)])
    first, _ = _cells(True, True)

    run = _sweep([first])  # only the older part was read (and it was complete): A is absent, D unknown

    assert run.closed_ids == ["A"] and _status("D") == OfferStatus.OPEN


def test_with_narrower_searches_absent_offers_close_at_the_end_and_only_if_every_part_was_complete() -> None:
    searches = [SearchSpec(keywords="boulanger"), SearchSpec(keywords="vendeur")]
    _sweep([_offer("A", 2), _offer("B", 2)], searches=searches)
    end = timezone.now()
    incomplete = [SweepCell(searches[0], SWEEP_EPOCH, end, True), SweepCell(searches[1], SWEEP_EPOCH, end, False)]

    run = _sweep([_offer("A", 2), *incomplete], searches=searches)
    assert (run.complete, run.closed_ids, _status("B")) == (False, [], OfferStatus.OPEN)

    run = _sweep([_offer("A", 2)], searches=searches)
    assert (run.complete, run.closed_ids, _status("B")) == (True, ["B"], OfferStatus.CLOSED)


def test_an_offer_closed_by_a_sweep_reopens_when_a_later_sweep_finds_it() -> None:
    _sweep([_offer("A", 2), _offer("B", 2)])
    _sweep([_offer("A", 2)])

    _sweep([_offer("A", 2), _offer("B", 2)])

    offer = Offer.objects.get(postings__external_id="B")
    assert (offer.status, offer.closed_at) == (OfferStatus.OPEN, None)


def test_a_merged_offer_stays_open_while_its_other_source_still_posts_it() -> None:
    _sweep([france_travail_offer("201A")])
    _sweep([adzuna_job("4801")], source="adzuna")

    run = _sweep([])

    offer = Offer.objects.get()
    assert (run.closed_ids, run.closed, offer.status, offer.sources) == (["201A"], 0, OfferStatus.OPEN, ["adzuna"])


def test_after_a_sweep_the_recheck_asks_only_the_absentees_it_could_not_settle() -> None:
    _sweep([_offer("A", 2), _offer("B", 2), _offer("C", 5), _offer("D", 9)])
    first, second = _cells(True, False)
    _sweep([_offer("A", 2), first, _offer("C", 5), second])
    client = FakeClient("francetravail", details={"D": DetailResult.withdrawn()})

    run = closing.open_offers_recheck(source="francetravail", client=client)

    assert client.detail_calls == ["D"]  # not A or C (seen), not B (closed by its complete part)
    assert run.closed == 1 and _status("D") == OfferStatus.CLOSED


def test_without_any_sweep_the_recheck_asks_the_least_recently_checked_postings() -> None:
    collection.ingestion_run(
        source="francetravail", client=FakeClient("francetravail", [_offer("A", 2), _offer("B", 2)])
    )
    OfferSource.objects.filter(external_id="B").update(checked_at=timezone.now())
    client = FakeClient("francetravail")

    closing.open_offers_recheck(source="francetravail", client=client, limit=1)

    assert client.detail_calls == ["A"]


def test_the_daily_sweep_runs_each_source_with_its_configured_searches(settings, monkeypatch) -> None:
    CollectionSearch.objects.filter(source="adzuna").update(active=False)  # the default: all of France
    CollectionSearch.objects.create(source="adzuna", keywords="boulanger")
    clients = {"francetravail": FakeClient("francetravail", [_offer("A", 2)]), "adzuna": FakeClient("adzuna")}
    monkeypatch.setattr(collection, "client_for", lambda source, **_: clients[source])

    outcome = collection.sources_sweep_all()

    assert clients["adzuna"].searches == [SearchSpec(keywords="boulanger")]
    assert clients["francetravail"].searches == [SearchSpec()]
    assert outcome["francetravail"].endswith("succeeded, complete, 0 closed")
    assert IngestionRun.objects.filter(kind=RunKind.SWEEP).count() == 2


def test_france_travail_is_swept_again_twelve_hours_after_the_daily_pipeline(monkeypatch) -> None:
    from ingestion.tasks import sweep_france_travail
    from jobmarket.celery import beat_schedule

    for hour, second in ((5, 17), (20, 8)):
        entry = beat_schedule(ingestion_hour=hour)["france-travail-second-sweep"]
        assert entry["task"] == "ingestion.tasks.sweep_france_travail"
        assert (entry["schedule"].hour, entry["schedule"].minute) == ({second}, {0})
    clients = {"francetravail": FakeClient("francetravail", [_offer("A", 2)]), "adzuna": FakeClient("adzuna")}
    monkeypatch.setattr(collection, "client_for", lambda source, **_: clients[source])

    outcome = sweep_france_travail.delay().get()

    assert list(outcome) == ["francetravail"]  # Adzuna's daily quota is the daily pipeline's
    assert clients["adzuna"].searches == []
    assert IngestionRun.objects.get(kind=RunKind.SWEEP).source == "francetravail"
