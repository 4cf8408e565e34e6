"""Runs: one per source at a time, recorded with their counts, calls and errors.

A run holds a PostgreSQL advisory lock per source (released by the server even when
the process is killed); a run still marked running when the next one takes the lock
died with its process and is closed as interrupted.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

from django.db import connection
from django.db.models import Sum
from django.utils import timezone

from ingestion.models import IngestionRun, RunKind, RunStatus
from ingestion.sources.base import SourceClient
from offers.geography.loading import gazetteer
from offers.models import Source

# The next collection starts a little before the previous one did: offers published
# while it ran are fetched again rather than missed (a re-fetch costs nothing).
SINCE_MARGIN = timedelta(hours=1)
FIRST_RUN_WINDOW = timedelta(days=1)
# Per-offer errors kept on a run (the count is exact; the messages stop here).
MAX_RECORDED_ERRORS = 50
_LOCK_NAMESPACE = 0x4A4D  # "JM"

Progress = Callable[[IngestionRun], None]


class RunAlreadyActive(Exception):
    """Another run of the same source holds the lock."""


def run_lock_key(source: str) -> tuple[int, int]:
    """The two keys of the PostgreSQL advisory lock a run of `source` holds."""
    return _LOCK_NAMESPACE, zlib.crc32(source.encode()) & 0x7FFFFFFF


@contextmanager
def source_lock(source: str) -> Iterator[None]:
    """Hold the run lock of `source` on this database session (the gazetteer loaded), or raise RunAlreadyActive."""
    key = run_lock_key(source)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", key)
        acquired = cursor.fetchone()[0]
    if not acquired:
        active = IngestionRun.objects.filter(source=source, status=RunStatus.RUNNING).first()
        since = f" depuis le {timezone.localtime(active.started_at):%d/%m/%Y %H:%M}" if active else ""
        raise RunAlreadyActive(
            f"Une collecte {Source(source).label} est déjà en cours{since} : cette exécution s'arrête sans rien faire."
        )
    try:
        # Whatever the run writes, its normalisers (pure) place postings with the communes loaded
        # now, in this process and in the preparing child forked after (offers.geography.loading).
        gazetteer()
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s, %s)", key)


def close_interrupted_runs(source: str, now: datetime) -> None:
    # We hold the lock: a run still marked running is one whose process died (kill -9, crash, reboot).
    for run in IngestionRun.objects.filter(source=source, status=RunStatus.RUNNING):
        run.status = RunStatus.FAILED
        run.finished_at = now
        run.errors = [
            *run.errors,
            run_error("interrupted", "Collecte interrompue (processus arrêté) ; reprise ensuite."),
        ]
        run.save(update_fields=["status", "finished_at", "errors"])


def interrupted_runs_close() -> list[str]:
    """Close, without waiting for the next run, the runs marked running whose process died.

    A run holds its source's lock while it lives: if the lock can be taken, nobody runs that
    source and a run still marked running is dead (the beat schedule calls this every 5 minutes).
    """
    closed = []
    for source in IngestionRun.objects.filter(status=RunStatus.RUNNING).values_list("source", flat=True).distinct():
        try:
            with source_lock(source):
                close_interrupted_runs(source, timezone.now())
                closed.append(source)
        except RunAlreadyActive:
            continue
    return closed


def run_error(kind: str, message: str) -> dict[str, str]:
    return {"kind": kind, "message": message, "at": timezone.now().isoformat()}


def run_finish(run: IngestionRun, client: SourceClient | None, fatal: bool) -> IngestionRun:
    if client is not None:
        run.api_calls = client.stats.api_calls
        run.errors = [
            *run.errors,
            *(run_error("warning", message) for message in client.stats.warnings),
            *(run_error("source", message) for message in client.stats.errors),
        ]
        incomplete = bool(client.stats.not_collected or client.stats.errors or client.stats.warnings)
    else:
        incomplete = False
    incomplete = incomplete or bool(run.errors)  # a spent quota, an unreadable file...
    if fatal:
        run.status = RunStatus.FAILED
    elif run.failed or incomplete:
        run.status = RunStatus.PARTIAL
    else:
        run.status = RunStatus.SUCCEEDED
    run.finished_at = timezone.now()
    run.save()
    return run


def default_since(source: str, now: datetime) -> datetime:
    """From the start of the last collection that went to its end (minus a margin): a missed day is caught up."""
    last = (
        IngestionRun.objects.filter(
            source=source,
            kind__in=[RunKind.COLLECT, RunKind.SWEEP],
            status__in=[RunStatus.SUCCEEDED, RunStatus.PARTIAL],
        )
        .order_by("-started_at")
        .first()
    )
    return last.started_at - SINCE_MARGIN if last else now - FIRST_RUN_WINDOW


def calls_used_today(source: str, now: datetime) -> int:
    """API calls every run of `source` spent since midnight UTC (Adzuna's daily quota)."""
    midnight = now.astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    used = IngestionRun.objects.filter(source=source, started_at__gte=midnight).aggregate(n=Sum("api_calls"))["n"]
    return used or 0
