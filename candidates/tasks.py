"""Background work of candidate accounts (Celery): thin wrappers over the services."""

from __future__ import annotations

from celery import shared_task

from candidates import cv_services


# The child process that parses has its own CPU and wall-time limits; these only bound the task around it.
@shared_task(name="candidates.tasks.cv_upload_read", soft_time_limit=120, time_limit=180)
def cv_upload_read(upload_id: int) -> str | None:
    """Read an uploaded CV outside the request; idempotent (an upload already handled is left alone)."""
    cv_upload = cv_services.cv_upload_read(upload_id=upload_id)
    return cv_upload.status if cv_upload else None
