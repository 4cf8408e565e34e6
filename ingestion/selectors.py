from __future__ import annotations

from datetime import datetime

from ingestion.models import IngestionRun, RunStatus
from offers.models import Source


def last_run_per_source() -> dict[str, IngestionRun | None]:
    return {source: IngestionRun.objects.filter(source=source).first() for source in Source.values}


def last_successful_update() -> datetime | None:
    run = (
        IngestionRun.objects.filter(status__in=[RunStatus.SUCCEEDED, RunStatus.PARTIAL], finished_at__isnull=False)
        .order_by("-finished_at")
        .first()
    )
    return run.finished_at if run else None
