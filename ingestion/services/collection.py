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

from ingestion.models import CollectionSearch, IngestionRun, NormalisationStatus, RawPayload, RunKind
from ingestion.normalise import NormalisationError, normalise
from ingestion.preparing import prepared_chunks
from ingestion.services.runs import (
    FIRST_RUN_WINDOW,
    Progress,
    RunAlreadyActive,
    calls_used_today,
    close_interrupted_runs,
    default_since,
    run_error,
    run_finish,
    source_lock,
)
from ingestion.services.storage import (
    BATCH_SIZE,
    LOOKUP_TABLES,
    batch_commit,
    chunks,
    normalise_and_upsert,
    pending_process,
)
from ingestion.sources.base import QuotaExhausted, SearchSpec, SourceClient, SourceError, client_for
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
        gazetteer()  # the communes the normalisers place postings with (before the preparing child forks)
        now = timezone.now()
        close_interrupted_runs(source, now)
        run = IngestionRun.objects.create(source=source, kind=kind, since=since, started_at=now)
        fatal = False
        try:
            pending_process(run, progress)
            # A replay ignores the window; an API client always gets one (run.since keeps what was asked).
            window = since if since is not None else now - FIRST_RUN_WINDOW
            payloads = client.collect(searches=searches or [SearchSpec()], since=window)
            for chunk in prepared_chunks(source, chunks(payloads, batch_size)):
                batch_commit(run, client, chunk)
                statistics_refresh(LOOKUP_TABLES)
                if progress:
                    progress(run)
        except QuotaExhausted as error:
            run.errors = [*run.errors, run_error("quota", str(error))]  # what was fetched is kept; not a failure
        except SourceError as error:
            logger.error("ingestion %s: %s", source, error)
            run.errors = [*run.errors, run_error("source", str(error))]
            fatal = True
        except Exception as error:
            # Not a source error (a bug, the database gone): the run is recorded as failed, then it propagates.
            run.errors = [*run.errors, run_error("crash", f"{type(error).__name__}: {error}")]
            run_finish(run, client, fatal=True)
            raise
        return run_finish(run, client, fatal)


def source_collect(*, source: str, since: datetime | None = None, progress: Progress | None = None) -> IngestionRun:
    """The daily collection of one source with its configured searches. Raises MissingCredentials."""
    now = timezone.now()
    client = client_for(source, calls_already_used_today=calls_used_today(source, now))
    return ingestion_run(
        source=source,
        client=client,
        searches=searches_for(source),
        since=since or default_since(source, now),
        progress=progress,
    )


def sources_collect_all() -> dict[str, str]:
    """Every source in turn; one source's missing credentials or active run never stops the others."""
    outcome = {}
    for source in Source.values:
        try:
            run = source_collect(source=source)
        except (SourceError, RunAlreadyActive) as error:
            logger.warning("ingestion %s skipped: %s", source, error)
            outcome[source] = f"skipped: {error}"
            continue
        outcome[source] = f"run {run.pk}: {run.status}"
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
    gazetteer()
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
        gazetteer()  # postings are placed again with the communes loaded now
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
