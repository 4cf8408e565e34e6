"""python manage.py ingest / reprocess: replays, missing credentials, dry runs."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from ingestion.models import IngestionRun, RawPayload, RunKind, RunStatus
from offers.models import Offer
from tests.ingestion.payloads import adzuna_job, adzuna_page, france_travail_offer, france_travail_page
from tests.ingestion.sessions import run_lock_held_elsewhere

pytestmark = pytest.mark.django_db


@pytest.fixture
def saved_responses(tmp_path: Path) -> Path:
    (tmp_path / "francetravail").mkdir()
    (tmp_path / "adzuna").mkdir()
    pages = [
        [france_travail_offer("201A"), france_travail_offer("201B", intitule="Vendeur (H/F)", description="Vente.")],
        [france_travail_offer("201C", intitule="Pâtissier (H/F)", description="Gâteaux.")],
    ]
    for index, page in enumerate(pages):
        (tmp_path / "francetravail" / f"page-{index}.json").write_text(json.dumps(france_travail_page(page)))
    (tmp_path / "adzuna" / "page-0.json").write_text(json.dumps(adzuna_page([adzuna_job("4801")])))
    return tmp_path


def _ingest(*args: str) -> str:
    out = StringIO()
    call_command("ingest", *args, stdout=out, stderr=out)
    return out.getvalue()


def test_from_files_replays_saved_responses_through_the_same_pipeline(saved_responses: Path) -> None:
    output = _ingest("--from-files", str(saved_responses))

    assert RawPayload.objects.count() == 4
    assert Offer.objects.count() == 3  # the Adzuna job is the France Travail 201A one
    runs = IngestionRun.objects.order_by("source")
    assert [(r.source, r.kind, r.status) for r in runs] == [
        ("adzuna", RunKind.REPLAY, RunStatus.SUCCEEDED),
        ("francetravail", RunKind.REPLAY, RunStatus.SUCCEEDED),
    ]
    assert "3 reçues · 3 nouvelles" in output


def test_replaying_twice_duplicates_nothing(saved_responses: Path) -> None:
    _ingest("--from-files", str(saved_responses))
    output = _ingest("--from-files", str(saved_responses))
    assert RawPayload.objects.count() == 4 and Offer.objects.count() == 3
    assert "0 nouvelles" in output and "3 inchangées" in output


def test_an_unreadable_file_is_recorded_and_the_others_go_through(saved_responses: Path) -> None:
    (saved_responses / "francetravail" / "page-9.json").write_text("{ tronqué")
    _ingest("--from-files", str(saved_responses), "--source", "francetravail")
    run = IngestionRun.objects.get()
    assert run.status == RunStatus.PARTIAL and Offer.objects.count() == 3
    assert "page-9.json" in run.errors[0]["message"]


def test_without_credentials_the_command_names_the_missing_variables(settings) -> None:
    settings.FRANCE_TRAVAIL_CREDENTIALS = None
    settings.ADZUNA_CREDENTIALS = None
    err = StringIO()
    with pytest.raises(CommandError, match="identifiants manquants"):
        call_command("ingest", stdout=StringIO(), stderr=err)
    for variable in ("FRANCE_TRAVAIL_CLIENT_ID", "FRANCE_TRAVAIL_CLIENT_SECRET", "ADZUNA_APP_ID", "ADZUNA_APP_KEY"):
        assert variable in err.getvalue()
    assert not IngestionRun.objects.exists()


def test_a_dry_run_from_files_writes_nothing(saved_responses: Path) -> None:
    output = _ingest("--from-files", str(saved_responses), "--dry-run")
    assert "Rien n'a été écrit" in output
    assert not RawPayload.objects.exists() and not IngestionRun.objects.exists()


def test_an_unreadable_since_date_is_a_clear_error() -> None:
    with pytest.raises(CommandError, match="date illisible"):
        _ingest("--since", "hier")


def test_a_missing_directory_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="introuvable"):
        _ingest("--from-files", str(tmp_path / "absent"))


def test_reprocess_rebuilds_offers_from_raw_payloads(saved_responses: Path) -> None:
    _ingest("--from-files", str(saved_responses))
    Offer.objects.update(title="abîmé")
    out = StringIO()
    call_command("reprocess", stdout=out)
    assert not Offer.objects.filter(title="abîmé").exists()
    assert IngestionRun.objects.filter(kind=RunKind.REPROCESS, api_calls=0).count() == 2


def test_the_demo_payloads_replay_through_the_pipeline(settings) -> None:
    output = _ingest("--from-files", str(settings.BASE_DIR / "ingestion" / "demo"))
    assert "Adzuna" in output and "France Travail" in output
    assert Offer.objects.exists()
    assert not IngestionRun.objects.filter(status=RunStatus.FAILED).exists()
    assert Offer.objects.filter(sources__len=2).exists()  # some demo jobs are on both sources


def test_a_second_ingest_while_one_runs_exits_at_once_with_a_clear_message(saved_responses: Path) -> None:
    with run_lock_held_elsewhere("francetravail"), pytest.raises(CommandError, match="déjà en cours"):
        _ingest("--from-files", str(saved_responses), "--source", "francetravail")
    assert not RawPayload.objects.exists() and not IngestionRun.objects.exists()


def test_a_sweep_reads_everything_and_refuses_a_window_or_files(saved_responses: Path) -> None:
    with pytest.raises(CommandError, match="--sweep"):
        _ingest("--sweep", "--since", "2026-10-01")
    with pytest.raises(CommandError, match="--sweep"):
        _ingest("--sweep", "--from-files", str(saved_responses))
