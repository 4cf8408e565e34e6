"""Leases on the tasks a worker holds, so that Redis hands back those of a dead worker in minutes.

Redis has no consumer connections to watch: a task fetched but not acknowledged (tasks
acknowledge late) is handed to another worker once it has been out for the broker's visibility
timeout. A long one would be handed out twice unless that timeout exceeds the longest task
(it was 7 hours), and then a worker killed with `kill -9` held its task for 7 hours.

Instead the visibility timeout is short (`CELERY_VISIBILITY_TIMEOUT`, 5 minutes) and each
worker renews, every fifth of it, the "fetched at" stamp (kombu's `unacked_index` score) of the
tasks it is running or has reserved. A live worker keeps even a 6-hour task; a dead one stops
renewing, and the next restore sweep of any worker (every `unacked_restore_interval` seconds)
requeues its tasks. Every task is idempotent and the long ones resume where they stopped.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

logger = logging.getLogger(__name__)

UNACKED_INDEX_KEY = "unacked_index"  # kombu's Redis transport default


def held_delivery_tags() -> list[str]:
    """Delivery tags of the messages this worker process is running or has reserved."""
    from celery.worker import state

    requests = [*state.active_requests, *state.reserved_requests]
    return [tag for request in requests if (tag := getattr(request.message, "delivery_tag", None))]


def leases_renew(client: Any, tags: list[str], now: float | None = None) -> int:
    """Stamp the held messages as fetched now (only those still unacknowledged: ZADD XX)."""
    if not tags:
        return 0
    stamp = time.time() if now is None else now
    return int(client.zadd(UNACKED_INDEX_KEY, dict.fromkeys(tags, stamp), xx=True, ch=True) or 0)


def lease_renewal_start(broker_url: str, every_seconds: float) -> threading.Thread:
    import redis

    client = redis.Redis.from_url(broker_url, socket_timeout=10, socket_connect_timeout=10)

    def renew_forever() -> None:
        while True:
            time.sleep(every_seconds)
            try:
                leases_renew(client, held_delivery_tags())
            except redis.RedisError as error:  # the broker is away: the worker reconnects on its own
                logger.warning("task leases not renewed: %s", error)

    thread = threading.Thread(target=renew_forever, name="task-lease-renewal", daemon=True)
    thread.start()
    return thread
