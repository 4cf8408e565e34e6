"""The explanations' skill verdicts on skills people list: the set's shape and the floors it holds."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from django.core.management import call_command

from matching.evaluation.listed_skills import (
    HALVES,
    READ_FOR_ERRORS,
    VERDICTS,
    failures,
    floors,
    listed_skill_scores,
    load_half,
)

ROME = Path(__file__).resolve().parents[3] / "shared" / "data" / "rome"


def _rome_labels() -> set[str]:
    labels: set[str] = set()
    for name, column in (
        ("unix_referentiel_competence_v460_utf8.csv", "libelle_competence"),
        ("unix_referentiel_savoir_v460_utf8.csv", "libelle_savoir"),
    ):
        with (ROME / name).open(encoding="utf-8") as handle:
            labels.update(row[column] for row in csv.DictReader(handle))
    return labels


def test_the_pairs_are_real_rome_labels_judged_against_what_people_list():
    assert ROME.is_dir(), "the tests read the ROME referential of ../shared/data"
    labels = _rome_labels()
    with (ROME / "unix_referentiel_code_rome_v460_utf8.csv").open(encoding="utf-8") as handle:
        codes = {row["code_rome"] for row in csv.DictReader(handle)}
    ids: dict[str, set[str]] = {}
    for half in HALVES:
        occupations = load_half(half)
        ids[half] = {occupation["id"] for occupation in occupations}
        assert len(occupations) >= 15 and len(ids[half]) == len(occupations)
        judged = [item for occupation in occupations for item in occupation["labels"]]
        assert len(judged) >= 200
        assert {item["verdict"] for item in judged} == set(VERDICTS)
        for occupation in occupations:
            assert occupation["occupation"] in codes, occupation["id"]
            assert 6 <= len(occupation["listed"]) <= 12, occupation["id"]
            for item in occupation["labels"]:
                assert item["label"] in labels, (occupation["id"], item["label"])
                # A said or part label names the listed skill that says it; an unsaid one names none.
                assert (item.get("by") in occupation["listed"]) == (item["verdict"] != "not"), item
    # The halves alternate occupations (odd ids tune, even ids stay independent) and share none; the second blind half
    # (ids B01...) and the second tuning half (T01...) hold other trades.
    assert not ids["tuning"] & ids["independent"] and all(oid.startswith("B") for oid in ids["blind2"])
    assert all(oid.startswith("T") for oid in ids["tuning2"])
    trades = [occupation["occupation"] for half in HALVES for occupation in load_half(half)]
    assert len(trades) == len(set(trades))  # no occupation in two halves
    assert all(int(oid[1:]) % 2 == 1 for oid in ids["tuning"])
    assert all(int(oid[1:]) % 2 == 0 for oid in ids["independent"])


def test_listed_skills_hold_their_floors_on_every_half(production_model, capsys):
    bounds = floors(production_model.name)
    assert set(bounds) == set(HALVES)
    for half in HALVES:
        scores = listed_skill_scores(half, model=production_model)
        assert scores.pairs == sum(scores.counts.values()) >= 200
        limits = bounds[half]
        assert scores.missing_while_listed <= limits["missing_while_listed_max"], scores
        assert scores.false_claims <= limits["false_claims_max"], scores
        assert scores.said_claimed >= limits["said_claimed_min"], scores
        assert scores.not_missing >= limits["not_missing_min"], scores
        if half in READ_FOR_ERRORS:
            grouped = failures(scores)
            assert sum(len(items) for items in grouped.values()) == sum(1 for item in scores.judged if item.failure)
        else:
            with pytest.raises(ValueError, match="never read for errors"):
                failures(scores)

    call_command("evaluate_listed_skills", "--failures")
    out = capsys.readouterr().out
    assert f"model {production_model.name}" in out
    assert all(any(line.startswith(half) for line in out.splitlines()) for half in HALVES)
    # Failures are listed for the halves read for errors only: odd L ids and T ids.
    listed = [line.split()[0] for line in out.splitlines() if line.startswith("  ")]
    assert any(oid.startswith("L") for oid in listed) and any(oid.startswith("T") for oid in listed)
    assert all(oid.startswith("T") or (oid.startswith("L") and int(oid[1:]) % 2 == 1) for oid in listed)
