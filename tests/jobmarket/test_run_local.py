from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.core.management import CommandError

from jobmarket.management.commands.run_local import demo_payloads_as_of

ROOT = Path(__file__).resolve().parents[2]


def _write(path: Path, body: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(body), encoding="utf-8")


def test_demo_dates_move_so_that_the_newest_offer_is_from_today(tmp_path):
    source = tmp_path / "demo"
    _write(
        source / "francetravail" / "page-1.json",
        {
            "resultats": [
                {
                    "id": "1",
                    "dateCreation": "2026-01-10T08:00:00.000Z",
                    "dateActualisation": "2026-01-12T08:00:00.000Z",
                },
                {"id": "2", "dateCreation": "not a date"},
                "not an object",
            ]
        },
    )
    _write(source / "adzuna" / "page-1.json", {"count": 1, "results": [{"id": "9", "created": "2026-01-11T08:00:00Z"}]})
    now = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)

    assert demo_payloads_as_of(source, tmp_path / "out", now=now) == 2

    ft = json.loads((tmp_path / "out" / "francetravail" / "page-1.json").read_text())["resultats"]
    # Moved by whole days: the newest date lands within the last 24 hours.
    assert ft[0]["dateActualisation"] == "2026-11-23T08:00:00.000Z"
    assert ft[0]["dateCreation"] == "2026-11-21T08:00:00.000Z"  # gaps between dates are kept
    assert ft[1]["dateCreation"] == "not a date"  # what cannot be read is left for the pipeline to judge
    assert ft[2] == "not an object"
    adzuna = json.loads((tmp_path / "out" / "adzuna" / "page-1.json").read_text())["results"]
    assert adzuna[0]["created"] == "2026-11-22T08:00:00Z"


def test_demo_dates_are_identical_when_run_again_the_same_day(tmp_path):
    source = tmp_path / "demo"
    _write(source / "adzuna" / "page-1.json", {"results": [{"id": "9", "created": "2026-01-11T08:00:00Z"}]})
    morning, evening = datetime(2026, 11, 23, 9, 0, tzinfo=UTC), datetime(2026, 11, 23, 21, 0, tzinfo=UTC)

    demo_payloads_as_of(source, tmp_path / "first", now=morning)
    demo_payloads_as_of(source, tmp_path / "second", now=evening)

    first = (tmp_path / "first" / "adzuna" / "page-1.json").read_text()
    assert first == (tmp_path / "second" / "adzuna" / "page-1.json").read_text()


def test_demo_without_payloads_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="no demo payloads"):
        demo_payloads_as_of(tmp_path, tmp_path / "out", now=datetime.now(UTC))


def test_a_second_run_local_while_one_is_running_says_so(tmp_path):
    import fcntl

    lock_path = ROOT / ".run.lock"
    with lock_path.open("a+") as held:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        held.seek(0)
        held.truncate()
        held.write("pid 4242, serving on http://127.0.0.1:8000/")
        held.flush()
        result = subprocess.run(
            [sys.executable, "manage.py", "run_local", "--no-serve"],
            cwd=ROOT,
            env={**os.environ, "DEBUG": "1"},
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert result.returncode != 0
    assert "JobMarket is already running from this checkout (pid 4242" in result.stderr


@pytest.mark.django_db(transaction=True)
def test_make_run_speaks_english_follows_its_address_and_explains_the_demo_rejections(settings, tmp_path, monkeypatch):
    from io import StringIO

    from django.core.management import call_command

    from jobmarket.management.commands import run_local

    # The checkout's lock and demo password stay untouched: this run keeps its own.
    monkeypatch.setattr(run_local, "LOCK_PATH", tmp_path / ".run.lock")
    settings.BASE_DIR = tmp_path
    monkeypatch.delenv("SITE_URL", raising=False)
    out = StringIO()

    call_command("run_local", "--no-serve", addr="127.0.0.1:8102", stdout=out)

    text = out.getvalue()
    assert settings.SITE_URL == "http://127.0.0.1:8102"  # the links of e-mails follow `make run ADDR=`
    assert "Links in e-mails point to http://127.0.0.1:8102/ (SITE_URL)." in text
    assert "==> Demo offers" in text and "France Travail: " in text and " rejected" in text
    expected = sum(run_local.DEMO_DELIBERATE_REJECTIONS.values())
    assert f"{expected} rejected payloads are expected: the demo holds deliberately malformed ones" in text
    assert "more were rejected than the demo's deliberate ones" not in text
    for french in ("reçues", "Terminée", "rejeu", "Offres de démonstration", "chargées"):
        assert french not in text, french
