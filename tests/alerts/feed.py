"""Waiting for the change feed's horizon in tests.

The feed serves a change only once every older transaction of the whole PostgreSQL
cluster has ended (offers.feed). On a shared development server another test run's
open transaction can hold the horizon back for a moment: wait for it to pass our own
writes (never asserting how long that takes).
"""

from __future__ import annotations

import time

from django.db.models import Max

from offers.feed import feed_horizon
from offers.models import OfferChange

SETTLE_TIMEOUT_S = 120


def feed_settle() -> None:
    """Return once every change written so far is servable."""
    newest = OfferChange.objects.aggregate(xid=Max("xid"))["xid"]
    if newest is None:
        return
    deadline = time.monotonic() + SETTLE_TIMEOUT_S
    while feed_horizon() <= newest:
        if time.monotonic() > deadline:
            raise AssertionError(f"the feed horizon stayed at or below xid {newest} for {SETTLE_TIMEOUT_S}s")
        time.sleep(0.05)
