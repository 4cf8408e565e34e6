"""The Celery app. Broker: REDIS_URL; without it tasks run eagerly (see settings).

The beat schedule is defined here, in code, and listed in README.md.
"""

from __future__ import annotations

import os

from celery import Celery
from celery.schedules import crontab
from celery.signals import worker_ready

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jobmarket.settings")

app = Celery("jobmarket")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
app.autodiscover_tasks(["jobmarket"], related_name="pipeline")


def beat_schedule(ingestion_hour: int) -> dict[str, dict[str, object]]:
    # One entry: the daily pipeline chains ingestion -> re-check of open offers ->
    # embedding refresh, so that each step starts when the previous one is done
    # rather than at a guessed hour.
    return {
        "daily-pipeline": {
            "task": "jobmarket.pipeline.daily_pipeline",
            "schedule": crontab(hour=ingestion_hour, minute=0),
        },
        # France Travail swept again 12 h later (2.6 % of its daily request budget): a withdrawn
        # offer closes ~12 h after its withdrawal instead of up to 24 h (bench/README.md, sweep).
        "france-travail-second-sweep": {
            "task": "ingestion.tasks.sweep_france_travail",
            "schedule": crontab(hour=(ingestion_hour + 12) % 24, minute=0),
        },
        "close-interrupted-runs": {
            "task": "jobmarket.pipeline.close_interrupted_runs",
            "schedule": 300.0,
            "options": {"expires": 290},
        },
        "worker-heartbeat": {
            "task": "jobmarket.pipeline.worker_heartbeat",
            "schedule": 60.0,
            "options": {"expires": 55},  # a stale heartbeat is worthless: never queue them up
        },
    }


@app.on_after_finalize.connect
def _install_beat_schedule(sender: Celery, **_: object) -> None:
    from django.conf import settings

    sender.conf.beat_schedule = beat_schedule(settings.INGESTION_HOUR)


@worker_ready.connect
def _renew_task_leases(sender: object = None, **_: object) -> None:
    # Keeps the tasks this worker holds from being handed out again while it lives (jobmarket.task_lease).
    from django.conf import settings

    if settings.REDIS_URL:
        from jobmarket.task_lease import lease_renewal_start

        lease_renewal_start(settings.REDIS_URL, every_seconds=settings.CELERY_VISIBILITY_TIMEOUT / 5)
