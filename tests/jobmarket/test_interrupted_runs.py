"""A collection or embedding run whose process was killed does not stay "running": the task beat
sends every 5 minutes closes it as soon as its lock is free (a live run keeps its lock)."""

from __future__ import annotations

import pytest

from ingestion.models import IngestionRun
from ingestion.models import RunStatus as IngestionStatus
from ingestion.tasks import close_interrupted_runs
from jobmarket.celery import beat_schedule
from matching.models import EmbeddingRun
from matching.models import RunStatus as EmbeddingStatus
from matching.services import _REFRESH_LOCK_KEY
from matching.tasks import close_interrupted_embedding_runs
from tests.ingestion.sessions import other_session, run_lock_held_elsewhere

pytestmark = pytest.mark.django_db


def test_a_killed_collection_run_is_closed_without_waiting_for_the_next_run():
    dead = IngestionRun.objects.create(source="adzuna")
    alive = IngestionRun.objects.create(source="francetravail")

    with run_lock_held_elsewhere("francetravail"):
        assert close_interrupted_runs() == ["adzuna"]

    dead.refresh_from_db()
    alive.refresh_from_db()
    assert dead.status == IngestionStatus.FAILED and dead.finished_at
    assert dead.errors[-1]["kind"] == "interrupted"
    assert alive.status == IngestionStatus.RUNNING


def test_a_killed_embedding_run_is_closed_unless_a_refresh_holds_the_lock():
    run = EmbeddingRun.objects.create()
    with other_session() as session:
        session.execute("SELECT pg_advisory_lock(%s)", [_REFRESH_LOCK_KEY])
        assert close_interrupted_embedding_runs() == 0
        # Released before the session closes: a closed connection's backend may hold it a moment longer.
        session.execute("SELECT pg_advisory_unlock(%s)", [_REFRESH_LOCK_KEY])
    run.refresh_from_db()
    assert run.status == EmbeddingStatus.RUNNING

    assert close_interrupted_embedding_runs() == 1
    run.refresh_from_db()
    assert run.status == EmbeddingStatus.FAILED and "Interrompu" in run.error


def test_beat_looks_for_interrupted_runs_every_five_minutes():
    entry = beat_schedule(ingestion_hour=5)["close-interrupted-runs"]
    assert (entry["task"], entry["schedule"]) == ("jobmarket.pipeline.close_interrupted_runs", 300.0)
