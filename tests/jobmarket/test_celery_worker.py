"""One integration test through a real Celery worker and a real Redis broker.

`make test` starts Redis and sets REDIS_TEST_URL; every other test runs tasks eagerly.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from celery import Celery
from django.core.cache.backends.redis import RedisCache

from jobmarket.celery import beat_schedule
from jobmarket.pipeline import DAILY_STEPS, WORKER_HEARTBEAT_KEY

ROOT = Path(__file__).resolve().parents[2]


def test_a_real_worker_consumes_a_task_sent_through_redis(redis_url):
    cache = RedisCache(redis_url, {})
    cache.delete(WORKER_HEARTBEAT_KEY)
    env = {**os.environ, "REDIS_URL": redis_url, "DEBUG": "1", "JOBMARKET_TESTING": "1"}
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "jobmarket",
            "worker",
            "--pool=solo",
            "--concurrency=1",
            "--loglevel=INFO",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        sender = Celery(broker=redis_url)
        sender.send_task("jobmarket.pipeline.worker_heartbeat")
        deadline = time.monotonic() + 60
        while cache.get(WORKER_HEARTBEAT_KEY) is None and time.monotonic() < deadline:
            assert worker.poll() is None, "the worker exited early"
            time.sleep(0.2)
        assert cache.get(WORKER_HEARTBEAT_KEY) is not None, "the worker never ran the task"
    finally:
        worker.terminate()
        output, _ = worker.communicate(timeout=30)
    assert "jobmarket.pipeline.worker_heartbeat" in output
    assert "succeeded" in output


def test_beat_runs_the_daily_pipeline_at_the_configured_hour_and_a_heartbeat_every_minute():
    schedule = beat_schedule(ingestion_hour=4)
    daily = schedule["daily-pipeline"]
    assert daily["task"] == "jobmarket.pipeline.daily_pipeline"
    assert daily["schedule"].hour == {4}
    assert daily["schedule"].minute == {0}
    assert schedule["worker-heartbeat"]["schedule"] == 60.0
    # The pipeline's order: collect, then re-check, then embed what changed, then mail the alerts.
    assert DAILY_STEPS == (
        "ingestion.tasks.ingest_all_sources",
        "ingestion.tasks.recheck_open_offers",
        "matching.tasks.refresh_offer_embeddings",
        "matching.tasks.send_alert_digests",
    )
