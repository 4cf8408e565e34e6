"""The recommendation evaluation: its labels, its profiles and the floors it holds on the demo set."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from django.core.management import call_command

from matching.evaluation.build_demo_truth import demo_truth
from matching.evaluation.recommendations import (
    DATA_DIR,
    GAIN_RELEVANT,
    demo_corpus,
    gain,
    load_demo_dataset,
    reachable,
)
from matching.models import EvaluationResult
from offers.models import Offer
from offers.reference_data import rome_load

ROME = Path(__file__).resolve().parents[3] / "shared" / "data" / "rome"
KINDS = {"direct", "informal", "typos", "career_change", "english", "no_title", "cv_only"}


def test_the_truth_file_is_what_the_generator_says_of_every_demo_payload():
    assert load_demo_dataset().truth == demo_truth()


def test_the_profiles_cover_every_kind_with_labels_and_constraints():
    profiles = load_demo_dataset().profiles
    assert len(profiles) >= 70
    assert len({profile["id"] for profile in profiles}) == len(profiles)
    kinds = Counter(profile["kind"] for profile in profiles)
    assert set(kinds) == KINDS and min(kinds.values()) >= 8
    assert all(profile["relevant"] and not set(profile["relevant"]) & set(profile["related"]) for profile in profiles)
    assert all(not profile["wanted_title"] for profile in profiles if profile["kind"] in {"no_title", "cv_only"})
    assert all(
        profile["cv_text"] and not profile["presentation"] and not profile["skills"]
        for profile in profiles
        if profile["kind"] == "cv_only"
    )
    assert sum(1 for profile in profiles if profile["radius_km"]) >= 60


def test_the_heldout_profiles_are_other_people_wanting_other_occupations():
    demo, heldout = load_demo_dataset().profiles, load_demo_dataset(profiles="heldout_profiles.json").profiles
    assert len(heldout) >= 20 and {profile["kind"] for profile in heldout} == KINDS
    assert not {profile["id"] for profile in demo} & {profile["id"] for profile in heldout}
    tuned_on = {code for profile in demo for code in profile["relevant"]}
    assert sum(1 for profile in heldout if set(profile["relevant"]) <= tuned_on) <= 2


@pytest.mark.django_db
@pytest.mark.parametrize("profiles", ["demo", "heldout"])
def test_recommendations_hold_their_floors_on_the_demo_set(production_model, profiles, capsys):
    # What `make run` serves: the ROME referential of ../shared/data, then the demo offers.
    assert ROME.is_dir(), "the tests read the ROME referential of ../shared/data"
    rome_load(folder=ROME)
    call_command("ingest", from_files="ingestion/demo")
    dataset = load_demo_dataset(profiles=f"{profiles}_profiles.json")
    corpus = demo_corpus(dataset)
    assert len(corpus) == Offer.objects.filter(status="open").count() > 300
    # Every profile can be served: at least one offer of its occupation meets its constraints.
    for profile in dataset.profiles:
        assert any(
            reachable(profile, offer) and gain(profile, offer.occupation) == GAIN_RELEVANT for offer in corpus.values()
        ), profile["id"]

    call_command("evaluate_matching", "--by-kind", *(["--heldout"] if profiles == "heldout" else []))
    out = capsys.readouterr().out
    assert "ranking  all" in out and "cosine   career_change" in out and "unrelated" in out
    assert not Offer.objects.filter(postings__isnull=True).exists()  # the evaluation's writes were rolled back
    results = {row.method: row for row in EvaluationResult.objects.filter(dataset_version=dataset.version)}
    assert set(results) == {"ranking", "cosine"}
    floors = json.loads((DATA_DIR / "floors.json").read_text(encoding="utf-8"))[production_model.name][profiles]
    for method, figures in floors.items():
        if method.startswith("_"):
            continue
        for name, bound in figures.items():
            value = getattr(results[method], name.removesuffix("_max"))
            assert value <= bound if name.endswith("_max") else value >= bound, (method, name, value)
    # The project's ranking beats plain filtered cosine on every figure.
    ranking, cosine = results["ranking"], results["cosine"]
    assert ranking.recall_at_10 > cosine.recall_at_10 and ranking.mrr > cosine.mrr
    assert ranking.ndcg_at_10 > cosine.ndcg_at_10 and ranking.unrelated_share < cosine.unrelated_share
