"""Celery tasks of the matching: each takes plain values and calls one service."""

from __future__ import annotations

import logging

from celery import shared_task

from matching import services

logger = logging.getLogger(__name__)


@shared_task(name="matching.tasks.refresh_offer_embeddings")
def refresh_offer_embeddings(full: bool = False) -> dict[str, int | str]:
    """Daily, after ingestion (jobmarket/pipeline.py); idempotent: a second run finds nothing to do."""
    run = services.offer_embeddings_refresh(full=full)
    return {
        "run": run.pk,
        "status": run.status,
        "embedded": run.embedded_count,
        "unchanged": run.unchanged_count,
        "pruned": run.pruned_count,
    }


@shared_task(name="matching.tasks.refresh_candidate_embedding")
def refresh_candidate_embedding(profile_id: int) -> None:
    """After each profile change (candidates.signals.profile_changed); idempotent (text hash)."""
    services.candidate_embedding_refresh(profile_id=profile_id)


@shared_task(name="matching.tasks.delete_candidate_embeddings")
def delete_candidate_embeddings(profile_id: int) -> None:
    services.candidate_embeddings_delete(profile_id=profile_id)


@shared_task(name="matching.tasks.send_alert_digests")
def send_alert_digests() -> dict[str, int]:
    """Daily, last step of the pipeline: one digest per candidate with new offers. Idempotent and resumable
    (candidates.alerts.alert_digest_deliver): a rerun sends only what the previous run did not."""
    from matching.alerts import alert_digests_send

    result = alert_digests_send()
    return {
        "run": result.run_id,
        "candidates": result.candidates,
        "sent": result.sent,
        "empty": result.empty,
        "skipped": result.skipped,
        "failed": result.failed,
    }


@shared_task(name="matching.tasks.close_interrupted_embedding_runs", ignore_result=True)
def close_interrupted_embedding_runs() -> int:
    return services.interrupted_embedding_runs_close()
