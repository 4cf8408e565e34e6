"""Closing withdrawn offers: the same day their source stops publishing them."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from ingestion.models import IngestionRun, RunKind, RunStatus
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
from offers.models import OfferSource, OfferStatus, Source

logger = logging.getLogger(__name__)

# Sources with no detail endpoint (Adzuna) cannot confirm an offer is still live:
# a posting not seen for this long is taken as withdrawn.
STALE_AFTER = timedelta(days=30)
# Detail calls per source and day of the re-check (France Travail: 3 calls/s, so ~2 h).
RECHECK_DAILY_LIMIT = 20_000


def vanished_postings(source: str) -> list[str]:
    """Live postings the last complete collection should have returned and did not."""
    last = (
        IngestionRun.objects.filter(source=source, kind=RunKind.COLLECT, status=RunStatus.SUCCEEDED)
        .order_by("-started_at")
        .first()
    )
    if last is None or last.since is None:
        return []
    return list(
        OfferSource.objects.filter(
            source=source,
            withdrawn_at__isnull=True,
            offer__status=OfferStatus.OPEN,
            published_at__gte=last.since,
            last_seen_at__lt=last.started_at,
        ).values_list("external_id", flat=True)
    )


def open_offers_recheck(
    *, source: str, client: SourceClient | None, limit: int = RECHECK_DAILY_LIMIT, progress: Progress | None = None
) -> IngestionRun:
    """Close the offers their source withdrew (same day), and follow edits of the others.

    With a client that reads details (France Travail), the postings the last collection
    missed are checked first, then the least recently checked ones up to `limit`; a
    "withdrawn" answer closes them. Without one (Adzuna, or no credentials), postings
    are closed on absence: missed by the last complete collection, or unseen for STALE_AFTER.
    """
    with source_lock(source):
        now = timezone.now()
        run = IngestionRun.objects.create(source=source, kind=RunKind.RECHECK, started_at=now)
        vanished = vanished_postings(source)
        fatal = False
        if client is None or not client.supports_detail:
            stale = OfferSource.objects.filter(
                source=source,
                withdrawn_at__isnull=True,
                offer__status=OfferStatus.OPEN,
                last_seen_at__lt=now - STALE_AFTER,
            ).values_list("external_id", flat=True)
            with transaction.atomic():
                run.closed = offer_services.postings_withdraw(
                    source=source, external_ids=sorted({*vanished, *stale}), at=now
                )
                run.save()
            return run_finish(run, client, fatal)

        live = OfferSource.objects.filter(source=source, withdrawn_at__isnull=True, offer__status=OfferStatus.OPEN)
        rolling = (
            live.exclude(external_id__in=vanished)
            .order_by(F("checked_at").asc(nulls_first=True), "id")
            .values_list("external_id", flat=True)[: max(limit - len(vanished), 0)]
        )
        to_check = [*vanished[:limit], *rolling]
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
