"""Payloads prepared ahead of the writing, in a child process or in a thread: same chunks,
same order, the source's error after the chunks before it, and a failing child never
leaves the run hanging."""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any

import pytest
from django.db import connection

from ingestion import preparing
from ingestion.normalise import NormalisationError
from ingestion.preparing import PreparedPayload, PreparingProcessFailed, payload_prepare, prepared_chunks
from ingestion.sources.base import QuotaExhausted
from offers.services import PostingRecord
from tests.ingestion.payloads import adzuna_job, france_travail_offer

MODES = [pytest.param(True, id="child process"), pytest.param(False, id="thread")]


def _chunks(fail_after: int | None = None) -> Iterator[list[Any]]:
    chunks = [
        [france_travail_offer("101A", intitule="Boulanger (H/F)"), {"intitule": "sans identifiant"}],
        [france_travail_offer("102A", salaire={"libelle": "Mensuel de 2000 Euros sur 12 mois"})],
        [france_travail_offer("103A", intitule="Pâtissier (H/F)")],
    ]
    for index, chunk in enumerate(chunks):
        if index == fail_after:
            raise QuotaExhausted("Quota du jour atteint.")
        yield chunk


@pytest.fixture(params=MODES)
def in_child(request: pytest.FixtureRequest, settings: Any) -> bool:
    settings.INGESTION_PREPARE_PROCESS = request.param
    return request.param


def _comparable(item: PreparedPayload) -> tuple[Any, ...]:
    outcome = item.outcome
    made = (outcome.code, outcome.message) if isinstance(outcome, NormalisationError) else outcome
    return item.text, item.digest, item.external_id, made


def test_every_chunk_comes_back_prepared_in_order(in_child: bool) -> None:
    expected = [[_comparable(payload_prepare("francetravail", payload)) for payload in chunk] for chunk in _chunks()]

    prepared = list(prepared_chunks("francetravail", _chunks()))

    assert [[_comparable(item) for item in chunk] for chunk in prepared] == expected
    assert [[item.external_id for item in chunk] for chunk in prepared] == [
        ["101A", prepared[0][1].external_id],
        ["102A"],
        ["103A"],
    ]
    assert isinstance(prepared[0][0].outcome, PostingRecord)
    assert prepared[1][0].outcome.data["salary_min"] == 24_000
    error = prepared[0][1].outcome
    assert isinstance(error, NormalisationError) and error.code  # rebuilt whole from the child
    assert prepared[0][1].external_id.startswith("sans-id-")


def test_the_source_error_comes_after_the_chunks_read_before_it(in_child: bool) -> None:
    received: list[list[PreparedPayload]] = []

    with pytest.raises(QuotaExhausted, match="Quota du jour"):
        for chunk in prepared_chunks("francetravail", _chunks(fail_after=2)):
            received.append(chunk)

    assert [[item.external_id for item in chunk][:1] for chunk in received] == [["101A"], ["102A"]]


def test_a_run_uses_a_child_process_unless_told_otherwise(settings: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    assert preparing._can_fork()

    settings.INGESTION_PREPARE_PROCESS = False
    assert not preparing._can_fork()

    settings.INGESTION_PREPARE_PROCESS = True
    # A daemonic process (a pool's worker) may not have children: the thread does the work.
    monkeypatch.setattr(multiprocessing, "current_process", lambda: SimpleNamespace(daemon=True))
    assert not preparing._can_fork()
    assert len(list(prepared_chunks("adzuna", iter([[adzuna_job("9001")]])))) == 1


def test_an_error_raised_in_the_child_is_raised_in_the_run(settings: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    settings.INGESTION_PREPARE_PROCESS = True

    def broken(source: str, chunk: list[Any]) -> list[PreparedPayload]:
        raise KeyError("un champ inattendu")

    monkeypatch.setattr(preparing, "_chunk_prepare", broken)  # the fork copies the patch into the child

    with pytest.raises(KeyError, match="un champ inattendu"):
        list(prepared_chunks("francetravail", _chunks()))
    assert multiprocessing.active_children() == []


def test_a_child_that_dies_stops_the_run_with_a_clear_error(settings: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    settings.INGESTION_PREPARE_PROCESS = True
    monkeypatch.setattr(preparing, "_chunk_prepare", lambda source, chunk: os._exit(3))

    with pytest.raises(PreparingProcessFailed, match=r"s'est arrêté \(code 3\)"):
        list(prepared_chunks("francetravail", _chunks()))


@pytest.mark.django_db
def test_a_run_that_stops_reading_stops_the_child_and_keeps_its_database_session(settings: Any) -> None:
    settings.INGESTION_PREPARE_PROCESS = True
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        session = cursor.fetchone()[0]

    chunks = prepared_chunks("francetravail", _chunks())
    next(chunks)
    assert len(multiprocessing.active_children()) == 1
    chunks.close()  # the run failed on its first batch

    assert multiprocessing.active_children() == []
    # The child let go of its copy of the database socket without closing the session.
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        assert cursor.fetchone()[0] == session


def test_the_objects_alive_at_the_start_are_left_to_the_collector_again_whatever_the_end(settings: Any) -> None:
    """Frozen while the child prepares (no collection goes through them, in either process), unfrozen after."""
    settings.INGESTION_PREPARE_PROCESS = True
    assert gc.get_freeze_count() == 0

    chunks = prepared_chunks("francetravail", _chunks())
    next(chunks)
    assert gc.get_freeze_count() > 0
    list(chunks)
    assert gc.get_freeze_count() == 0

    with pytest.raises(QuotaExhausted):
        list(prepared_chunks("francetravail", _chunks(fail_after=1)))
    assert gc.get_freeze_count() == 0

    stopped = prepared_chunks("francetravail", _chunks())
    next(stopped)
    stopped.close()
    assert gc.get_freeze_count() == 0
