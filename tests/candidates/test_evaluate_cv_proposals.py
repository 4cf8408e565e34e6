"""The title, the town and the skills a CV proposes, against a recruiter's reading of 80 CVs written blind
(`candidates/evaluation/cvs/`): the set's shape and the floors it holds, on the real ROME referential and communes
file of ../shared/data (read, never copied)."""

from __future__ import annotations

import csv
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from candidates.evaluation.cv_proposals import (
    HALVES,
    cv_proposal_scores,
    floors,
    load_half,
    skill_verdicts,
    vocabulary,
)
from offers.reference_data import rome_load
from offers.understanding.meaning import meaning_reader
from offers.understanding.occupation_tasks import task_reader
from offers.understanding.occupations import occupation_reader
from offers.understanding.skills import skill_reader
from tests.geography.conftest import commune_rows, france  # noqa: F401 (fixtures)

ROME = Path(__file__).resolve().parents[3] / "shared" / "data" / "rome"


def test_every_cv_names_real_rome_codes_and_communes(commune_rows):  # noqa: F811
    assert ROME.is_dir(), "the tests read the ROME referential of ../shared/data"
    with (ROME / "unix_referentiel_code_rome_v460_utf8.csv").open(encoding="utf-8") as handle:
        codes = {row["code_rome"] for row in csv.DictReader(handle)}
    communes = {row["REF_INSEE"]: row["NAME"] for row in commune_rows}
    ids = set()
    for half in HALVES:
        cvs = load_half(half)
        assert len(cvs) == 40
        for cv in cvs:
            assert cv["id"] not in ids
            ids.add(cv["id"])
            assert cv["text"].strip() and cv["wanted_rome"]
            assert set(cv["wanted_rome"]) <= codes, cv["id"]
            if cv["commune_insee"]:
                assert communes[cv["commune_insee"]] == cv["place"], cv["id"]
    judged = skill_verdicts()
    assert set(judged) <= ids
    assert {verdict for skills in judged.values() for verdict in skills.values()} <= {"said", "part", "not"}
    assert len(vocabulary()) == 348


@pytest.mark.django_db
def test_the_proposals_hold_their_floors(france):  # noqa: F811
    rome_load(folder=ROME)
    readers = {"occupations": occupation_reader(), "places": france, "skills": skill_reader(), "tasks": task_reader()}
    readers["meaning"] = meaning_reader(ROME)
    for half in HALVES:
        scores, _ = cv_proposal_scores(half, **readers)
        bounds = floors()[half]
        assert scores.cvs == 40
        assert scores.title_right >= bounds["title_right_min"], (half, scores.titles)
        assert scores.title_wrong <= bounds["title_wrong_max"], (half, scores.titles)
        assert scores.town_right >= bounds["town_right_min"], (half, scores.towns)
        assert scores.town_wrong <= bounds["town_wrong_max"], (half, scores.towns)
        assert scores.skills_not_said <= bounds["skills_not_said_max"], (half, scores.skills)
        assert scores.skills["unjudged"] <= bounds["skills_unjudged_max"], (half, scores.skills)


@pytest.mark.django_db
def test_the_command_prints_each_half_and_lists_the_tuning_failures_only():
    rome_load(folder=ROME)
    out = StringIO()
    call_command("evaluate_cv_proposals", "--failures", stdout=out)
    lines = out.getvalue().splitlines()
    assert [line.split()[0] for line in lines[1:3]] == list(HALVES)
    listed = [line.split()[0] for line in lines[3:]]
    assert listed and all(item.startswith("T") for item in listed)
