"""Collection: a source's payloads through the three layers, as a recorded run.

The next run starts from the last successful run's start (`runs.default_since`),
fetches again what a killed run lost, and finds the batches it did commit unchanged:
nothing lost, nothing twice.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from ingestion.models import CollectionSearch, IngestionRun, NormalisationStatus, RawPayload, RunKind, RunStatus
from ingestion.normalise import NormalisationError, normalise
from ingestion.preparing import prepared_chunks
from ingestion.services.runs import (
    FIRST_RUN_WINDOW,
    Progress,
    RunAlreadyActive,
    calls_used_today,
    close_interrupted_runs,
    run_error,
    run_finish,
    source_lock,
)
from ingestion.services.storage import (
    BATCH_SIZE,
    LOOKUP_TABLES,
    SweepChunks,
    batch_commit,
    chunks,
    normalise_and_upsert,
    pending_process,
)
from ingestion.sources.base import QuotaExhausted, SearchSpec, SourceClient, SourceError, SweepCell, client_for
from offers import services as offer_services
from offers.bulk import statistics_refresh
from offers.geography.loading import gazetteer
from offers.models import OfferSource, Source

logger = logging.getLogger(__name__)


def searches_for(source: str) -> list[SearchSpec]:
    """The active daily searches of a source; none configured means one search on all of France."""
    rows = CollectionSearch.objects.filter(source=source, active=True)
    searches = [SearchSpec(keywords=r.keywords, rome_code=r.rome_code, departement=r.departement) for r in rows]
    return searches or [SearchSpec()]


def ingestion_run(
    *,
    source: str,
    client: SourceClient,
    searches: Sequence[SearchSpec] = (),
    since: datetime | None = None,
    kind: str = RunKind.COLLECT,
    progress: Progress | None = None,
    batch_size: int = BATCH_SIZE,
) -> IngestionRun:
    """Collect from `client` into the three layers, recording the run. Raises RunAlreadyActive."""
    with source_lock(source):
        now = timezone.now()
        close_interrupted_runs(source, now)
        run = IngestionRun.objects.create(source=source, kind=kind, since=since, started_at=now)

        def collect() -> None:
            pending_process(run, progress)
            # A replay ignores the window; an API client always gets one (run.since keeps what was asked).
            window = since if since is not None else now - FIRST_RUN_WINDOW
            payloads = client.collect(searches=searches or [SearchSpec()], since=window)
            for chunk in prepared_chunks(source, chunks(payloads, batch_size)):
                batch_commit(run, client, chunk)
                statistics_refresh(LOOKUP_TABLES)
                if progress:
                    progress(run)

        return _recorded(run, client, collect)


def _recorded(run: IngestionRun, client: SourceClient, work: Callable[[], None]) -> IngestionRun:
    """Run `work` for `run`, recording how it ended: a spent quota keeps what was fetched and is no
    failure; a source error fails the run; anything else fails it and propagates."""
    fatal = False
    try:
        work()
    except QuotaExhausted as error:
        run.errors = [*run.errors, run_error("quota", str(error))]
    except SourceError as error:
        logger.error("ingestion %s: %s", run.source, error)
        run.errors = [*run.errors, run_error("source", str(error))]
        fatal = True
    except Exception as error:
        # Not a source error (a bug, the database gone): the run is recorded as failed, then it propagates.
        run.errors = [*run.errors, run_error("crash", f"{type(error).__name__}: {error}")]
        run_finish(run, client, fatal=True)
        raise
    return run_finish(run, client, fatal)


def ingestion_sweep(
    *,
    source: str,
    client: SourceClient,
    searches: Sequence[SearchSpec] = (),
    progress: Progress | None = None,
    on_closed: Callable[[list[str]], None] | None = None,
    batch_size: int = BATCH_SIZE,
) -> IngestionRun:
    """Read the whole catalogue of the searches, and close the offers it no longer holds.

    The client reads part by part (`SweepCell`). When a search covers the whole source (no
    filter), each of its parts read completely closes its absent postings as soon as its
    offers are stored: a withdrawn offer is closed within a day of its withdrawal. With
    narrower searches only, absent postings are closed at the end, and only if every part was
    complete. A part that is not complete closes nothing: its absent postings are left to the
    re-check, whose detail calls settle them. `on_closed` hears the ids closed (the simulation
    of bench/sweep.py times them). Raises RunAlreadyActive.
    """
    searches = list(searches) or [SearchSpec()]
    whole_source = SearchSpec() in searches  # an unfiltered search reads the whole catalogue
    with source_lock(source):
        now = timezone.now()
        close_interrupted_runs(source, now)
        run = IngestionRun.objects.create(source=source, kind=RunKind.SWEEP, started_at=now)
        cells: list[SweepCell] = []

        def sweep() -> None:
            pending_process(run, progress)
            stream = SweepChunks(client.sweep(searches=searches), batch_size)
            for index, chunk in enumerate(prepared_chunks(source, stream)):
                if chunk:
                    batch_commit(run, client, chunk)
                    statistics_refresh(LOOKUP_TABLES)
                for cell in stream.cells_after(index):
                    cells.append(cell)
                    if cell.complete and cell.spec == SearchSpec():
                        _absent_close(run, cell.start, cell.end, on_closed)
                if progress:
                    progress(run)

        run = _recorded(run, client, sweep)
        incomplete = [cell for cell in cells if not cell.complete]
        run.complete = bool(cells) and not incomplete and run.status == RunStatus.SUCCEEDED
        if incomplete:
            reasons = "; ".join(f"{cell.start:%Y-%m-%d %H:%M:%S}: {cell.reason}" for cell in incomplete[:5])
            message = f"{len(incomplete)} partie(s) du balayage incomplète(s), rien n'y est fermé : {reasons}"
            run.errors = [*run.errors, run_error("incomplete", message)]
            run.status = RunStatus.PARTIAL if run.status == RunStatus.SUCCEEDED else run.status
        if run.complete and not whole_source:
            _absent_close(run, None, max(cell.end for cell in cells), on_closed)
        run.save()
        return run


def _absent_close(
    run: IngestionRun,
    start: datetime | None,
    end: datetime,
    on_closed: Callable[[list[str]], None] | None,
) -> None:
    """Close the live postings created in [start, end) that this sweep did not see."""
    closed_ids, closed_offers = offer_services.postings_withdraw_unseen(
        source=run.source, published_from=start, published_before=end, unseen_since=run.started_at, at=timezone.now()
    )
    run.closed += closed_offers
    run.save(update_fields=["closed"])
    if on_closed and closed_ids:
        on_closed(closed_ids)


def source_sweep(*, source: str, progress: Progress | None = None) -> IngestionRun:
    """The daily complete sweep of one source with its configured searches. Raises MissingCredentials."""
    client = client_for(source, calls_already_used_today=calls_used_today(source, timezone.now()))
    return ingestion_sweep(source=source, client=client, searches=searches_for(source), progress=progress)


def sources_sweep_all(sources: Sequence[str] = ()) -> dict[str, str]:
    """Every source (or those given) swept in turn (the daily pipeline); one source's missing
    credentials or active run never stops the others."""
    outcome = {}
    for source in sources or Source.values:
        try:
            run = source_sweep(source=source)
        except (SourceError, RunAlreadyActive) as error:
            logger.warning("ingestion %s skipped: %s", source, error)
            outcome[source] = f"skipped: {error}"
            continue
        completeness = "complete" if run.complete else "incomplete"
        outcome[source] = f"run {run.pk}: {run.status}, {completeness}, {run.closed} closed"
    return outcome


@dataclass
class DryRunCounts:
    fetched: int = 0
    valid: int = 0
    failed: int = 0
    known: int = 0
    api_calls: int = 0


def ingestion_dry_run(
    *,
    source: str,
    client: SourceClient,
    searches: Sequence[SearchSpec] = (),
    since: datetime | None = None,
    progress: Callable[[DryRunCounts], None] | None = None,
) -> DryRunCounts:
    """Fetch and normalise without writing anything: what a run would bring."""
    counts = DryRunCounts()
    gazetteer()  # the communes the normalisers place postings with (a run loads it with its lock)
    window = since if since is not None else timezone.now() - FIRST_RUN_WINDOW
    for chunk in chunks(client.collect(searches=searches or [SearchSpec()], since=window), BATCH_SIZE):
        ids = []
        for payload in chunk:
            counts.fetched += 1
            try:
                ids.append(normalise(source, payload).external_id)
                counts.valid += 1
            except NormalisationError:
                counts.failed += 1
        counts.known += OfferSource.objects.filter(source=source, external_id__in=ids).count()
        counts.api_calls = client.stats.api_calls
        if progress:
            progress(counts)
    counts.api_calls = client.stats.api_calls
    return counts


def payloads_reprocess(
    *, source: str, errors_only: bool = False, progress: Progress | None = None, batch_size: int = BATCH_SIZE
) -> IngestionRun:
    """Rebuild postings and offers from the stored raw payloads, without any API call.

    Payloads in error are retried; known postings keep their dates and withdrawals.
    """
    with source_lock(source):
        run = IngestionRun.objects.create(source=source, kind=RunKind.REPROCESS)
        raws = RawPayload.objects.filter(source=source, is_current=True).order_by("id")
        if errors_only:
            raws = raws.filter(status=NormalisationStatus.ERROR)
        for chunk in chunks(raws.values_list("id", "payload", "last_seen_at").iterator(), batch_size):
            with transaction.atomic():
                counts = normalise_and_upsert(
                    source=source,
                    raws=[(row[0], row[1]) for row in chunk],
                    seen_at=max(row[2] for row in chunk),
                    from_source=False,
                )
                counts.fetched = len(chunk)
                counts.add_to(run)
                run.save()
            statistics_refresh(LOOKUP_TABLES)
            if progress:
                progress(run)
        return run_finish(run, None, fatal=False)
