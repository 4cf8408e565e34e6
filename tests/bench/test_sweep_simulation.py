"""bench/sweep.py on a small catalogue: the simulation and the sweep it drives are correct.

A few hundred offers, pages of 5 and a first index of at most 100 (the windows split as a
national catalogue's do), two sweeps a day for two days: every offer withdrawn is closed within
24 h, never one still live, and the figures add up.
"""

from __future__ import annotations

import importlib
import os
from typing import Any

import pytest

from offers.models import OfferSource

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def sweep() -> Any:
    # The bench names its own throwaway database at import: this process keeps the suite's.
    before = os.environ.get("TEST_DB_SUFFIX")
    module = importlib.import_module("bench.sweep")
    if before is None:
        os.environ.pop("TEST_DB_SUFFIX", None)
    else:
        os.environ["TEST_DB_SUFFIX"] = before
    return module


def test_a_small_simulated_catalogue_is_swept_and_every_withdrawn_offer_closed_within_a_day(sweep) -> None:
    catalogue = sweep.build_catalogue(200, 2, 7, sweep.Churn(withdrawn=0.1, new=0.1, edited=0.02))
    api = sweep.ReplayedFranceTravail(catalogue, sweep.SimClock(sweep.START), page_size=5, max_first=100, latency=0.25)
    server = sweep.ReplayServer(api)
    closed_at: dict[str, float] = {}
    try:
        days = [sweep.run_day(number, api, server.url, 30, closed_at, sweeps=2) for number in range(3)]
    finally:
        server.close()

    assert all(day.complete and day.sweeps == 2 and day.incomplete_parts == 0 for day in days)
    assert all(day.requests > 200 / 5 for day in days)  # every page of the catalogue, twice a day
    stored = set(OfferSource.objects.values_list("external_id", flat=True))
    end = api.clock.timestamp()
    withdrawn = [
        i
        for i, moment in enumerate(catalogue.withdrawn)
        if days[0].first_sweep_end <= moment <= end - sweep.DAY and catalogue.ids[i] in stored
    ]
    assert len(withdrawn) >= 10
    delays = [closed_at[catalogue.ids[i]] - catalogue.withdrawn[i] for i in withdrawn]
    assert max(delays) <= sweep.DAY / 2 + 3600  # two sweeps a day: within about 12 h
    assert sum(day.closed_by_sweep for day in days) >= len(withdrawn)
    for external_id, moment in closed_at.items():
        assert not catalogue.live(catalogue.index_of[external_id], moment), external_id
