"""The daily pipeline, at project level: it is the only place that knows the order
of the steps of several apps, so that the apps themselves keep one-way dependencies.
"""

from __future__ import annotations

import logging

from celery import chain, shared_task, signature
from django.core.cache import cache
from django.utils import timezone

logger = logging.getLogger(__name__)

WORKER_HEARTBEAT_KEY = "jobmarket:worker-heartbeat"

# Steps by task name: each app registers its own task, none imports another's.
DAILY_STEPS = (
    "ingestion.tasks.ingest_all_sources",
    "ingestion.tasks.recheck_open_offers",
    "matching.tasks.refresh_offer_embeddings",
    "matching.tasks.send_alert_digests",
)


@shared_task(name="jobmarket.pipeline.daily_pipeline")
def daily_pipeline() -> None:
    logger.info("daily pipeline: %s", " -> ".join(DAILY_STEPS))
    chain(*(signature(name, immutable=True) for name in DAILY_STEPS)).apply_async()


# Runs marked "running" whose process was killed are closed by these, every 5 minutes.
CLOSE_INTERRUPTED = ("ingestion.tasks.close_interrupted_runs", "matching.tasks.close_interrupted_embedding_runs")


@shared_task(name="jobmarket.pipeline.close_interrupted_runs", ignore_result=True)
def close_interrupted_runs() -> None:
    for name in CLOSE_INTERRUPTED:
        signature(name, immutable=True).apply_async(expires=290)


@shared_task(name="jobmarket.pipeline.worker_heartbeat", ignore_result=True)
def worker_heartbeat() -> str:
    """Beat sends this every minute; the worker that runs it stamps the shared cache
    (Redis), so /healthz can tell whether a worker is alive and consuming."""
    stamp = timezone.now().isoformat()
    cache.set(WORKER_HEARTBEAT_KEY, stamp, timeout=24 * 3600)
    return stamp
