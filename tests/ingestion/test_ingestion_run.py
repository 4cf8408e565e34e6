"""A collection run: raw versions, counts, errors that never stop it, the lock, the window."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from ingestion.models import CollectionSearch, IngestionRun, NormalisationStatus, RawPayload, RunKind, RunStatus
from ingestion.services import collection, runs, storage
from ingestion.sources.base import SearchSpec
from offers.models import Occupation, OccupationTitle, Offer, OfferSource
from tests.ingestion.fake_client import FakeClient
from tests.ingestion.payloads import adzuna_job, france_travail_offer
from tests.ingestion.sessions import other_session, run_lock_held_elsewhere

pytestmark = pytest.mark.django_db


def _offers(n: int, prefix: str = "30") -> list[dict]:
    return [
        france_travail_offer(
            f"{prefix}{i:04d}", intitule=f"Métier numéro {i} (H/F)", description=f"Texte de l'offre {i}."
        )
        for i in range(n)
    ]


def _run(client: FakeClient, **kwargs) -> IngestionRun:
    return collection.ingestion_run(source=client.name, client=client, batch_size=4, **kwargs)


def test_a_run_stores_each_payload_raw_and_creates_its_offer() -> None:
    run = _run(FakeClient("francetravail", _offers(10)))

    assert run.status == RunStatus.SUCCEEDED
    assert (run.fetched, run.new, run.updated, run.unchanged, run.failed) == (10, 10, 0, 0, 0)
    assert run.api_calls == 1
    assert RawPayload.objects.count() == 10
    assert Offer.objects.count() == OfferSource.objects.count() == 10
    raw = RawPayload.objects.get(external_id="300003")
    assert raw.payload == _offers(10)[3]  # exactly as received
    assert (raw.version, raw.is_current, raw.status, raw.run_id) == (1, True, NormalisationStatus.OK, run.pk)


def test_a_second_run_with_the_same_payloads_changes_nothing_but_dates() -> None:
    _run(FakeClient("francetravail", _offers(6)))
    first_seen = RawPayload.objects.get(external_id="300001").last_seen_at

    run = _run(FakeClient("francetravail", _offers(6)))

    assert (run.new, run.updated, run.unchanged) == (0, 0, 6)
    assert RawPayload.objects.count() == 6 and Offer.objects.count() == 6
    assert RawPayload.objects.get(external_id="300001").last_seen_at > first_seen


def test_long_payloads_are_stored_whole_out_of_line_and_a_second_run_leaves_them_there() -> None:
    """Payloads and normalised postings over 2 kB go to the TOAST table uncompressed (migrations
    ingestion 0005, offers 0014): a first load spends no time compressing them, and the daily
    run's date update copies a small row."""
    description = "Préparer les commandes, conduire un chariot élévateur, ranger la réserve. " * 60
    payload = france_travail_offer("400001", intitule="Préparateur de commandes (H/F)", description=description)
    _run(FakeClient("francetravail", [payload]))

    def stored() -> tuple:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_column_compression(r.payload),"
                " pg_column_size(r.payload) >= octet_length(r.payload::text),"
                " pg_column_compression(p.normalised),"
                " pg_column_size(p.normalised) >= octet_length(p.normalised::text),"
                " r.payload = %s::jsonb"
                " FROM ingestion_rawpayload r JOIN offers_offersource p USING (source, external_id)",
                [json.dumps(payload)],
            )
            return cursor.fetchall()

    assert len(description) > 4000
    assert stored() == [(None, True, None, True, True)]  # not compressed, whole, as received
    _run(FakeClient("francetravail", [payload]))
    assert stored() == [(None, True, None, True, True)]
    assert RawPayload.objects.get().payload == payload


def test_a_changed_payload_adds_a_version_and_keeps_the_old_one() -> None:
    _run(FakeClient("francetravail", _offers(3)))
    edited = _offers(3)
    edited[1]["intitule"] = "Métier renommé (H/F)"

    run = _run(FakeClient("francetravail", edited))

    versions = RawPayload.objects.filter(external_id="300001").order_by("version")
    assert [(r.version, r.is_current) for r in versions] == [(1, False), (2, True)]
    assert versions[0].payload["intitule"] == "Métier numéro 1 (H/F)"
    assert (run.updated, run.unchanged) == (1, 2)
    assert Offer.objects.filter(title="Métier renommé (H/F)").count() == 1


def test_two_versions_of_one_offer_in_one_batch_are_both_kept_in_order() -> None:
    first, repeat = _offers(2)
    edited = {**first, "intitule": "Métier renommé (H/F)"}

    # Same batch (batch_size=4): the first version, an exact repeat of another offer, the edit.
    run = _run(FakeClient("francetravail", [first, repeat, dict(repeat), edited]))

    versions = RawPayload.objects.filter(external_id="300000").order_by("version")
    assert [(r.version, r.is_current, r.payload["intitule"]) for r in versions] == [
        (1, False, "Métier numéro 0 (H/F)"),
        (2, True, "Métier renommé (H/F)"),
    ]
    assert RawPayload.objects.filter(external_id="300001").count() == 1
    assert (run.fetched, run.new, run.updated, run.unchanged) == (4, 2, 1, 1)
    assert Offer.objects.get(postings__external_id="300000").title == "Métier renommé (H/F)"


def test_replaying_a_batch_with_two_versions_of_one_offer_again_adds_nothing() -> None:
    first = _offers(1)[0]
    edited = {**first, "intitule": "Métier renommé (H/F)"}
    _run(FakeClient("francetravail", [first, edited]))

    run = _run(FakeClient("francetravail", [first, edited]))

    assert RawPayload.objects.filter(external_id="300000").count() == 2
    assert RawPayload.objects.get(external_id="300000", is_current=True).payload["intitule"] == "Métier renommé (H/F)"
    assert (run.new, run.updated, run.unchanged) == (0, 0, 2)


def test_an_offer_edited_back_to_an_earlier_text_follows_it() -> None:
    first = _offers(1)[0]
    edited = {**first, "intitule": "Métier renommé (H/F)"}
    for payloads in ([first], [edited], [first]):
        run = _run(FakeClient("francetravail", payloads))

    assert run.updated == 1
    current = RawPayload.objects.get(external_id="300000", is_current=True)
    assert (current.version, current.payload["intitule"]) == (3, "Métier numéro 0 (H/F)")
    assert Offer.objects.get().title == "Métier numéro 0 (H/F)"


def test_a_payload_that_fails_to_normalise_keeps_its_error_and_never_stops_the_run() -> None:
    payloads = [*_offers(3), {"id": "BAD1", "intitule": ""}, {"no": "id"}]

    run = _run(FakeClient("francetravail", payloads))

    assert run.status == RunStatus.PARTIAL
    assert (run.fetched, run.new, run.failed) == (5, 3, 2)
    errors = RawPayload.objects.filter(status=NormalisationStatus.ERROR)
    assert sorted(errors.values_list("error_type", flat=True)) == ["missing_id", "missing_title"]
    assert all(raw.error_message for raw in errors)


def test_reprocess_retries_payloads_in_error_without_any_api_call(monkeypatch: pytest.MonkeyPatch) -> None:
    _run(
        FakeClient(
            "francetravail", [{"id": "BAD1", "intitule": "", "dateCreation": "2026-10-01T08:00:00Z"}, *_offers(2)]
        )
    )
    from ingestion import normalise

    original = normalise.NORMALISERS["francetravail"]
    monkeypatch.setitem(
        normalise.NORMALISERS, "francetravail", lambda p: original({**p, "intitule": p["intitule"] or "Réparé"})
    )

    run = collection.payloads_reprocess(source="francetravail", errors_only=True)

    assert (run.kind, run.fetched, run.new, run.failed, run.api_calls) == (RunKind.REPROCESS, 1, 1, 0, 0)
    assert not RawPayload.objects.filter(status=NormalisationStatus.ERROR).exists()
    assert Offer.objects.filter(title="Réparé").exists()


def test_a_source_failing_mid_run_keeps_what_was_committed_and_fails_the_run() -> None:
    run = _run(FakeClient("francetravail", _offers(10), fail_after=8))

    assert run.status == RunStatus.FAILED
    assert run.fetched == 8 and Offer.objects.count() == 8
    assert "ne répond plus" in run.errors[-1]["message"]


def test_the_window_starts_at_the_last_complete_collection_so_a_missed_day_is_caught_up() -> None:
    now = timezone.now()
    assert runs.default_since("francetravail", now) == now - runs.FIRST_RUN_WINDOW
    ok = IngestionRun.objects.create(
        source="francetravail", status=RunStatus.SUCCEEDED, started_at=now - timedelta(days=3)
    )
    IngestionRun.objects.create(source="francetravail", status=RunStatus.FAILED, started_at=now - timedelta(days=1))
    assert runs.default_since("francetravail", now) == ok.started_at - runs.SINCE_MARGIN


def test_a_second_run_while_one_is_active_stops_at_once_with_a_clear_message() -> None:
    with other_session() as other, runs.source_lock("adzuna"):
        # The lock is per database session: another process (another connection) is refused.
        acquired = other.execute("SELECT pg_try_advisory_lock(%s, %s)", runs.run_lock_key("adzuna")).fetchone()
        assert acquired[0] is False
    client = FakeClient("adzuna", [adzuna_job()])
    with run_lock_held_elsewhere("adzuna"), pytest.raises(runs.RunAlreadyActive, match="déjà en cours"):
        _run(client)
    assert client.searches == []  # nothing was fetched
    assert not IngestionRun.objects.exists()


def test_a_run_left_running_by_a_killed_process_is_marked_interrupted() -> None:
    stale = IngestionRun.objects.create(source="francetravail", status=RunStatus.RUNNING)
    _run(FakeClient("francetravail", _offers(1)))
    stale.refresh_from_db()
    assert stale.status == RunStatus.FAILED and stale.finished_at is not None
    assert "interrompue" in stale.errors[-1]["message"]


def test_the_configured_searches_are_passed_to_the_source() -> None:
    CollectionSearch.objects.filter(source="francetravail").update(active=False)
    CollectionSearch.objects.create(source="francetravail", keywords="boulanger", departement="34")
    assert collection.searches_for("francetravail") == [SearchSpec(keywords="boulanger", departement="34")]


def test_the_default_configuration_covers_all_of_france() -> None:
    assert collection.searches_for("adzuna") == [SearchSpec()]
    CollectionSearch.objects.all().delete()
    assert collection.searches_for("adzuna") == [SearchSpec()]


def test_the_calls_of_the_day_are_summed_for_the_quota() -> None:
    now = timezone.now()
    IngestionRun.objects.create(source="adzuna", api_calls=120, started_at=now)
    IngestionRun.objects.create(source="adzuna", api_calls=40, started_at=now, kind=RunKind.RECHECK)
    IngestionRun.objects.create(source="adzuna", api_calls=99, started_at=now - timedelta(days=2))
    assert runs.calls_used_today("adzuna", now) == 160


def test_ingested_offers_grow_the_occupation_referential_without_overwriting_it() -> None:
    Occupation.objects.create(code="D1102", label="Boulanger (référentiel)", from_referential=True)
    payloads = [
        france_travail_offer("401", appellationlibelle="Boulanger / Boulangère"),
        france_travail_offer("402", romeCode="M1811", romeLibelle="Data engineer", appellationlibelle="Data manager"),
    ]
    _run(FakeClient("francetravail", payloads))

    assert Occupation.objects.get(code="D1102").label == "Boulanger (référentiel)"
    grown = Occupation.objects.get(code="M1811")
    assert (grown.label, grown.from_referential) == ("Data engineer", False)
    assert OccupationTitle.objects.filter(occupation_id="M1811", label="Data manager").exists()
    assert OccupationTitle.objects.filter(occupation_id="D1102", label="Boulanger / Boulangère").exists()


def test_a_dry_run_writes_nothing() -> None:
    counts = collection.ingestion_dry_run(
        source="adzuna", client=FakeClient("adzuna", [adzuna_job("1"), adzuna_job("2"), {"x": 1}])
    )
    assert (counts.fetched, counts.valid, counts.failed) == (3, 2, 1)
    assert not RawPayload.objects.exists() and not Offer.objects.exists() and not IngestionRun.objects.exists()


def test_a_spent_quota_keeps_what_was_fetched_and_marks_the_run_partial() -> None:
    from ingestion.sources.base import QuotaExhausted

    class QuotaClient(FakeClient):
        def collect(self, *, searches, since):
            yield from self.payloads[:2]
            raise QuotaExhausted("Adzuna : 250 appels utilisés aujourd'hui.")

    run = _run(QuotaClient("adzuna", [adzuna_job("1"), adzuna_job("2", title="Vendeur H/F", company={})]))
    assert (run.status, run.fetched) == (RunStatus.PARTIAL, 2)
    assert "250 appels" in run.errors[-1]["message"]


def test_an_unexpected_error_is_recorded_on_the_run_and_raised(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(**kwargs):
        raise RuntimeError("disque plein")

    monkeypatch.setattr(storage, "payload_batch_ingest", broken)
    with pytest.raises(RuntimeError):
        _run(FakeClient("francetravail", _offers(2)))
    run = IngestionRun.objects.get()
    assert run.status == RunStatus.FAILED and "disque plein" in run.errors[-1]["message"]
