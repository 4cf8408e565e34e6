"""A whole worker killed with kill -9 loses its task for seconds to minutes, not hours, and a live
worker keeps a task longer than the visibility timeout (jobmarket.task_lease). Real workers, real Redis."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import redis
from celery import Celery

ROOT = Path(__file__).resolve().parents[2]
VISIBILITY_SECONDS = 6  # production: CELERY_VISIBILITY_TIMEOUT=300


def _worker(redis_url: str, name: str) -> subprocess.Popen:
    env = {
        **os.environ,
        "REDIS_URL": redis_url,
        "DEBUG": "1",
        "JOBMARKET_TESTING": "1",
        "CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY_SECONDS),
    }
    command = [sys.executable, "-m", "celery", "-A", "jobmarket", "worker", "--pool=solo", "--loglevel=INFO"]
    command += ["-I", "tests.jobmarket.celery_probe", "-n", f"{name}@%h", "--without-gossip", "--without-mingle"]
    return subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )


def _wait_for(client: redis.Redis, key: str, count: int, seconds: float) -> list[str]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        entries = [entry.decode() for entry in client.lrange(key, 0, -1)]
        if len(entries) >= count:
            return entries
        time.sleep(0.2)
    return [entry.decode() for entry in client.lrange(key, 0, -1)]


def test_a_killed_worker_loses_its_task_for_seconds_and_a_live_one_keeps_a_long_task(redis_url):
    client = redis.Redis.from_url(redis_url)
    client.delete("celery", "unacked", "unacked_index")
    workers = {name: _worker(redis_url, name) for name in ("a", "b")}
    sender = Celery(broker=redis_url)
    try:
        # A task twice as long as the visibility timeout runs once: its worker renews the lease.
        long_key = f"probe:{uuid.uuid4().hex}"
        sender.send_task("tests.probe.slow", args=[long_key, 2 * VISIBILITY_SECONDS])
        entries = _wait_for(client, long_key, 2, 120)
        time.sleep(3)  # a second delivery, had there been one, would have started by now
        entries = [entry.decode() for entry in client.lrange(long_key, 0, -1)]
        assert [entry.split()[0] for entry in entries] == ["start", "done"], entries

        # The worker running a task dies whole (kill -9): the other worker runs the task again.
        key = f"probe:{uuid.uuid4().hex}"
        sender.send_task("tests.probe.slow", args=[key, 4])
        started = _wait_for(client, key, 1, 60)
        assert started, "no worker started the task"
        killed_pid = int(started[0].split()[1])
        os.killpg(killed_pid, signal.SIGKILL)
        killed_at = time.monotonic()
        entries = _wait_for(client, key, 3, 60)
        lost_seconds = time.monotonic() - killed_at
        assert len(entries) == 3, f"the task of the killed worker was not run again within 60 s: {entries}"
        assert entries[1].startswith("start") and int(entries[1].split()[1]) != killed_pid
        assert entries[2] == f"done {entries[1].split()[1]}"
        print(f"task of the killed worker done again {lost_seconds:.1f} s after the kill")
    finally:
        for worker in workers.values():
            if worker.poll() is None:
                os.killpg(worker.pid, signal.SIGTERM)
                try:
                    worker.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    os.killpg(worker.pid, signal.SIGKILL)
