from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Count, Min, Q, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone

from ingestion.models import IngestionRun, NormalisationStatus, RawPayload, RunStatus
from offers.models import Offer, Source


def last_run_per_source() -> dict[str, IngestionRun | None]:
    return {source: IngestionRun.objects.filter(source=source).first() for source in Source.values}


def last_successful_update() -> datetime | None:
    run = (
        IngestionRun.objects.filter(status__in=[RunStatus.SUCCEEDED, RunStatus.PARTIAL], finished_at__isnull=False)
        .order_by("-finished_at")
        .first()
    )
    return run.finished_at if run else None


# --- the staff dashboard (/tableau-de-bord/) -------------------------------------------------------


@dataclass(frozen=True)
class DailyRuns:
    day: date
    source: str
    runs: int
    fetched: int
    new: int
    failed: int
    closed: int
    api_calls: int
    failed_runs: int


def runs_per_day(*, days: int = 30) -> list[DailyRuns]:
    """Runs, offers received and API calls per source per day (Paris time), oldest first."""
    start = timezone.now() - timedelta(days=days)
    rows = (
        IngestionRun.objects.filter(started_at__gte=start)
        .annotate(day=TruncDate("started_at"))
        .values("day", "source")
        .annotate(
            runs=Count("id"),
            fetched_sum=Sum("fetched"),
            new_sum=Sum("new"),
            failed_sum=Sum("failed"),
            closed_sum=Sum("closed"),
            calls=Sum("api_calls"),
            failed_runs=Count("id", filter=Q(status=RunStatus.FAILED)),
        )
        .order_by("day", "source")
    )
    return [
        DailyRuns(
            day=row["day"],
            source=row["source"],
            runs=row["runs"],
            fetched=row["fetched_sum"] or 0,
            new=row["new_sum"] or 0,
            failed=row["failed_sum"] or 0,
            closed=row["closed_sum"] or 0,
            api_calls=row["calls"] or 0,
            failed_runs=row["failed_runs"],
        )
        for row in rows
    ]


def recent_runs(*, limit: int = 20) -> list[IngestionRun]:
    return list(IngestionRun.objects.order_by("-started_at")[:limit])


def payload_errors() -> list[dict[str, Any]]:
    """Current raw payloads in error, by source and error type (what `reprocess` would retry)."""
    return [
        dict(row)
        for row in RawPayload.objects.filter(is_current=True, status=NormalisationStatus.ERROR)
        .values("source", "error_type")
        # The normaliser's French message says the type in words ("intitulé de l'offre absent").
        .annotate(count=Count("id"), description=Min("error_message"))
        .order_by("-count")
    ]


@dataclass(frozen=True)
class OfferDay:
    day: date
    open: int
    closed: int


def offers_over_time(*, days: int = 30) -> list[OfferDay]:
    """Offers open and closed at the end of each day (Paris time), from per-day counts: no scan per day."""
    first_day = timezone.localdate() - timedelta(days=days)
    start = timezone.make_aware(datetime.combine(first_day, time.min))
    seen_before = Offer.objects.filter(first_seen_at__lt=start).count()
    closed_before = Offer.objects.filter(closed_at__lt=start).count()

    def per_day(field: str) -> dict[date, int]:
        return dict(
            Offer.objects.filter(**{f"{field}__gte": start})
            .annotate(day=TruncDate(field))
            .values("day")
            .annotate(n=Count("id"))
            .values_list("day", "n")
        )

    seen, closed = per_day("first_seen_at"), per_day("closed_at")
    timeline, total_seen, total_closed = [], seen_before, closed_before
    for offset in range(days + 1):
        day = first_day + timedelta(days=offset)
        total_seen += seen.get(day, 0)
        total_closed += closed.get(day, 0)
        timeline.append(OfferDay(day=day, open=total_seen - total_closed, closed=total_closed))
    return timeline
