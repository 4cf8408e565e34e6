"""Closing withdrawn offers: the same day their source stops publishing them."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from ingestion.models import IngestionRun, RunKind
from ingestion.services.runs import (
    MAX_RECORDED_ERRORS,
    Progress,
    RunAlreadyActive,
    calls_used_today,
    run_error,
    run_finish,
    source_lock,
)
from ingestion.services.storage import BATCH_SIZE, chunks, payload_batch_ingest
from ingestion.sources.base import (
    FATAL_ERRORS,
    DetailStatus,
    MissingCredentials,
    QuotaExhausted,
    SourceClient,
    SourceError,
    SourceUnavailable,
    client_for,
)
from offers import services as offer_services
from offers.models import OfferSource, Source

logger = logging.getLogger(__name__)

# Sources with no detail endpoint (Adzuna) cannot confirm an offer is still live:
# a posting not seen for this long is taken as withdrawn.
STALE_AFTER = timedelta(days=30)
# Detail calls per source and day of the re-check (France Travail: 3 calls/s, so ~2 h).
RECHECK_DAILY_LIMIT = 20_000


def ambiguous_postings(source: str, limit: int) -> list[str]:
    """Live postings the last sweep could not settle: absent from it, but created in a part it did
    not read completely (a complete part closed its absentees itself). Before any sweep: the
    least recently checked postings."""
    live = OfferSource.objects.filter(source=source, withdrawn_at__isnull=True)
    last = IngestionRun.objects.filter(source=source, kind=RunKind.SWEEP).order_by("-started_at").first()
    if last is not None:
        live = live.filter(
            Q(published_at__lt=last.started_at) | Q(published_at__isnull=True), last_seen_at__lt=last.started_at
        )
    ordered = live.order_by(F("checked_at").asc(nulls_first=True), "last_seen_at", "id")
    return list(ordered.values_list("external_id", flat=True)[:limit])


def open_offers_recheck(
    *, source: str, client: SourceClient | None, limit: int = RECHECK_DAILY_LIMIT, progress: Progress | None = None
) -> IngestionRun:
    """Settle what the last sweep could not: its absent postings in parts it did not read
    completely are asked one by one (France Travail's detail, at most `limit` a day), and a
    "withdrawn" answer closes them, a found one is stored as seen. Without detail calls
    (Adzuna, or no credentials), a posting unseen for STALE_AFTER is taken as withdrawn.
    """
    with source_lock(source):
        now = timezone.now()
        run = IngestionRun.objects.create(source=source, kind=RunKind.RECHECK, started_at=now)
        fatal = False
        if client is None or not client.supports_detail:
            stale = OfferSource.objects.filter(
                source=source, withdrawn_at__isnull=True, last_seen_at__lt=now - STALE_AFTER
            ).values_list("external_id", flat=True)
            with transaction.atomic():
                run.closed = offer_services.postings_withdraw(source=source, external_ids=list(stale), at=now)
                run.save()
            return run_finish(run, client, fatal)

        to_check = ambiguous_postings(source, limit)
        rejected = 0
        try:
            for chunk in chunks(to_check, BATCH_SIZE):
                found, withdrawn, checked = [], [], []
                try:
                    for external_id in chunk:
                        try:
                            result = client.fetch_detail(external_id)
                        except FATAL_ERRORS:
                            raise
                        except SourceError as error:
                            # One offer the source refuses to describe (a 400 on an odd id)
                            # must not stop the re-check of all the others.
                            rejected += 1
                            if rejected <= MAX_RECORDED_ERRORS:
                                run.errors = [*run.errors, run_error("detail", f"{external_id}: {error}")]
                            checked.append(external_id)
                            continue
                        checked.append(external_id)
                        if result.status is DetailStatus.FOUND and result.payload is not None:
                            found.append(result.payload)
                        elif result.status is DetailStatus.WITHDRAWN:
                            withdrawn.append(external_id)
                finally:
                    # What was checked before an error is saved, so that the next re-check moves on.
                    with transaction.atomic():
                        at = timezone.now()
                        if found:
                            payload_batch_ingest(run=run, payloads=found, seen_at=at).add_to(run)
                        run.closed += offer_services.postings_withdraw(source=source, external_ids=withdrawn, at=at)
                        offer_services.postings_mark_checked(source=source, external_ids=checked, at=at)
                        run.api_calls = client.stats.api_calls
                        run.save()
                if progress:
                    progress(run)
        except QuotaExhausted as error:
            run.errors = [*run.errors, run_error("quota", str(error))]
        except SourceUnavailable as error:
            run.errors = [*run.errors, run_error("source", str(error))]
            fatal = True
        except SourceError as error:
            run.errors = [*run.errors, run_error("source", str(error))]
            fatal = True
        return run_finish(run, client, fatal)


def sources_recheck_all() -> dict[str, str]:
    outcome = {}
    now = timezone.now()
    for source in Source.values:
        try:
            try:
                client: SourceClient | None = client_for(source, calls_already_used_today=calls_used_today(source, now))
            except MissingCredentials:
                client = None  # closing on absence needs no API
            run = open_offers_recheck(source=source, client=client)
        except (SourceError, RunAlreadyActive) as error:
            logger.warning("re-check %s skipped: %s", source, error)
            outcome[source] = f"skipped: {error}"
            continue
        outcome[source] = f"run {run.pk}: {run.closed} closed"
    return outcome
