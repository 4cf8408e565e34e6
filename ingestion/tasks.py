"""Celery tasks of the daily pipeline (chained by jobmarket.pipeline): thin wrappers over services."""

from __future__ import annotations

from celery import shared_task

from ingestion.services import closing, collection, runs
from offers.models import Source


@shared_task(name="ingestion.tasks.ingest_all_sources")
def ingest_all_sources() -> dict[str, str]:
    """The day's complete sweep of every source (new, edited and withdrawn offers at once)."""
    return collection.sources_sweep_all()


@shared_task(name="ingestion.tasks.sweep_france_travail")
def sweep_france_travail() -> dict[str, str]:
    """France Travail's second sweep of the day, 12 h after the daily pipeline's: a withdrawn
    offer is then closed about 12 h after its withdrawal, far within the licence's 24 h."""
    return collection.sources_sweep_all(sources=[Source.FRANCE_TRAVAIL.value])


@shared_task(name="ingestion.tasks.recheck_open_offers")
def recheck_open_offers() -> dict[str, str]:
    return closing.sources_recheck_all()


@shared_task(name="ingestion.tasks.close_interrupted_runs", ignore_result=True)
def close_interrupted_runs() -> list[str]:
    return runs.interrupted_runs_close()
