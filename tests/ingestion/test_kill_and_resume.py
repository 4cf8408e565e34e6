"""A run killed with kill -9 mid-way and started again loses nothing and duplicates nothing."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from io import StringIO
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from ingestion.models import IngestionRun, RawPayload, RunStatus
from ingestion.services import runs
from offers.models import Offer, OfferSource
from tests.ingestion.payloads import france_travail_offer, france_travail_page

PAGES_BEFORE_BLOCK = 4
PAGE_SIZE = 150  # France Travail's page size: 600 offers, one committed batch of 500 and 100 in memory
WAIT_LIMIT_S = 120  # a bound on waiting for the child, not a measured duration


def _page(index: int) -> dict:
    return france_travail_page(
        [
            france_travail_offer(
                f"K{index:02d}{n:03d}", intitule=f"Poste {index}-{n} (H/F)", description=f"Offre {index}-{n}."
            )
            for n in range(PAGE_SIZE)
        ]
    )


def _wait_for(condition, what: str) -> None:
    deadline = time.monotonic() + WAIT_LIMIT_S
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"gave up waiting for {what}")
        time.sleep(0.2)


def _lock_is_free() -> bool:
    _, key = runs.run_lock_key("francetravail")
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = %s", [key])
        return cursor.fetchone()[0] == 0


@pytest.mark.django_db(transaction=True)
def test_a_run_killed_mid_way_then_restarted_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    directory = tmp_path / "francetravail"
    directory.mkdir()
    for index in range(PAGES_BEFORE_BLOCK):
        (directory / f"page-{index:02d}.json").write_text(json.dumps(_page(index)))
    # A named pipe: the replay blocks on opening it, so the child is stopped at a known point
    # with one batch committed and the next one half read in memory.
    blocker = directory / f"page-{PAGES_BEFORE_BLOCK:02d}.json"
    os.mkfifo(blocker)
    (directory / "page-05.json").write_text(json.dumps(_page(5)))

    db = connection.settings_dict
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}@{quote(db['HOST'], safe='')}/{db['NAME']}",
        "JOBMARKET_TESTING": "1",
    }
    child = subprocess.Popen(
        [sys.executable, "manage.py", "ingest", "--from-files", str(tmp_path), "--source", "francetravail"],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        _wait_for(lambda: RawPayload.objects.count() >= 500 or child.poll() is not None, "the first batch")
        assert child.poll() is None, child.stderr.read().decode()
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()

    killed = IngestionRun.objects.get()
    assert killed.status == RunStatus.RUNNING  # it never got the chance to record its end
    assert RawPayload.objects.count() == Offer.objects.count() == 500

    blocker.unlink()
    (directory / blocker.name).write_text(json.dumps(_page(PAGES_BEFORE_BLOCK)))
    _wait_for(_lock_is_free, "the server to drop the killed session's lock")
    call_command("ingest", "--from-files", str(tmp_path), "--source", "francetravail", stdout=StringIO())

    total = (PAGES_BEFORE_BLOCK + 2) * PAGE_SIZE
    killed.refresh_from_db()
    resumed = IngestionRun.objects.exclude(pk=killed.pk).get()
    assert killed.status == RunStatus.FAILED and "interrompue" in killed.errors[-1]["message"]
    assert resumed.status == RunStatus.SUCCEEDED
    assert (resumed.fetched, resumed.new, resumed.unchanged) == (total, total - 500, 500)
    assert RawPayload.objects.count() == total
    assert RawPayload.objects.filter(version__gt=1).count() == 0
    assert OfferSource.objects.count() == Offer.objects.count() == total
