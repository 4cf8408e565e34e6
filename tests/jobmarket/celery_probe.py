"""A task for the worker tests only (loaded with `celery worker -I tests.jobmarket.celery_probe`)."""

from __future__ import annotations

import os
import time

import redis
from celery import shared_task


@shared_task(name="tests.probe.slow")
def slow(key: str, seconds: float) -> None:
    """Note its start and end (with the worker's pid) in a Redis list, sleeping in between."""
    client = redis.Redis.from_url(os.environ["REDIS_URL"])
    client.rpush(key, f"start {os.getpid()}")
    time.sleep(seconds)
    client.rpush(key, f"done {os.getpid()}")
