"""The recommendation evaluation: its labels, its profiles and the floors it holds on the demo set."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from django.core.management import call_command

from matching.encoder import configured_encoder
from matching.evaluation.build_demo_truth import demo_truth
from matching.evaluation.recommendations import (
    DATA_DIR,
    GAIN_RELEVANT,
    PROFILE_SETS,
    demo_corpus,
    gain,
    load_demo_dataset,
    reachable,
)
from matching.evaluation.skill_verdicts import JUDGED_SETS, all_scores
from matching.evaluation.skill_verdicts import floors as verdict_floors
from matching.models import EvaluationResult
from offers.models import Offer
from offers.reference_data import commune_load, rome_load
from offers.search.synonyms import search_synonyms_load

ROME = Path(__file__).resolve().parents[3] / "shared" / "data" / "rome"
COMMUNES = ROME.parent / "communes"
KINDS = {"direct", "informal", "typos", "career_change", "english", "no_title", "cv_only"}
BEATS_COSINE = ("recall_at_10", "mrr", "ndcg_at_10", "unrelated_share")


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


@pytest.mark.parametrize(
    ("profile_set", "per_kind"),
    [
        ("heldout2", 5),
        ("heldout3", 6),
        ("heldout4", 6),
        ("heldout5", 6),
        ("heldout6", 6),
        ("heldout7", 6),
        ("heldout8", 6),
        ("heldout9", 6),
    ],
)
def test_the_later_heldout_profiles_were_written_apart_the_way_people_write(profile_set, per_kind):
    others = [
        profile
        for name in PROFILE_SETS
        if name != profile_set
        for profile in load_demo_dataset(profiles=PROFILE_SETS[name]).profiles
    ]
    demo = load_demo_dataset().profiles
    profiles = load_demo_dataset(profiles=PROFILE_SETS[profile_set]).profiles
    assert Counter(profile["kind"] for profile in profiles) == dict.fromkeys(KINDS, per_kind)
    ids = [profile["id"] for profile in profiles]
    prefix = "h" + profile_set.removeprefix("heldout") + "-"
    assert len(set(ids)) == len(ids) and all(pid.startswith(prefix) for pid in ids)
    assert not set(ids) & {profile["id"] for profile in others}
    assert all(profile["relevant"] and not set(profile["relevant"]) & set(profile["related"]) for profile in profiles)
    assert all(not profile["wanted_title"] for profile in profiles if profile["kind"] in {"no_title", "cv_only"})
    # A CV as a PDF gives it: several lines, nothing typed beside it.
    assert all(
        profile["cv_text"].count("\n") >= 8 and not profile["presentation"] and not profile["skills"]
        for profile in profiles
        if profile["kind"] == "cv_only"
    )
    # At most a third want only occupations the demo profiles (the tuned set) want; a few have no radius.
    tuned_on = {code for profile in demo for code in profile["relevant"]}
    assert sum(1 for profile in profiles if set(profile["relevant"]) <= tuned_on) <= len(profiles) // 3
    assert 1 <= sum(1 for profile in profiles if not profile["radius_km"]) <= 5


def _blind_set_of_24(profile_set: str) -> list[dict]:
    """The 24 profiles of a set written blind, their ids their own (prefixed by the set's number, in no other set)."""
    others = {
        profile["id"]
        for name in PROFILE_SETS
        if name != profile_set
        for profile in load_demo_dataset(profiles=PROFILE_SETS[name]).profiles
    }
    profiles = load_demo_dataset(profiles=PROFILE_SETS[profile_set]).profiles
    ids = [profile["id"] for profile in profiles]
    assert len(profiles) == 24 and len(set(ids)) == 24 and not set(ids) & others
    assert all(pid.startswith("h" + profile_set.removeprefix("heldout") + "-") for pid in ids)
    return profiles


@pytest.mark.parametrize("profile_set", ["heldout10", "heldout11", "heldout14", "heldout15"])
def test_the_title_less_sets_hold_career_changers_who_say_in_words_what_they_seek(profile_set):
    profiles = _blind_set_of_24(profile_set)
    assert all(not profile["wanted_title"] for profile in profiles)
    kinds = Counter(profile["kind"] for profile in profiles)
    assert set(kinds) <= KINDS and kinds["career_change"] >= 12
    assert all(profile["relevant"] and not set(profile["relevant"]) & set(profile["related"]) for profile in profiles)
    # Each wants another occupation: a set of one trade's changers would measure that trade.
    assert len({profile["relevant"][0] for profile in profiles}) == 24


@pytest.mark.parametrize("profile_set", ["heldout12", "heldout13"])
def test_the_short_sets_hold_terse_profiles_as_people_type_them_on_a_phone(profile_set):
    profiles = _blind_set_of_24(profile_set)
    assert set(Counter(profile["kind"] for profile in profiles)) <= KINDS
    assert all(profile["relevant"] and not set(profile["relevant"]) & set(profile["related"]) for profile in profiles)
    assert len({profile["relevant"][0] for profile in profiles}) == 24
    # Short: a title of a few words, a line or two of text, a few skills, no CV.
    for profile in profiles:
        assert len(profile["wanted_title"].split()) <= 3 and len(profile["skills"]) <= 6, profile["id"]
        assert len(profile["presentation"]) <= 300 and not profile["cv_text"], profile["id"]
    assert sum(1 for profile in profiles if not profile["wanted_title"]) >= 15


@pytest.mark.parametrize("profile_set", ["heldout16", "heldout17"])
def test_the_english_speakers_sets_hold_english_texts_titled_or_not(profile_set):
    profiles = _blind_set_of_24(profile_set)
    kinds = Counter(profile["kind"] for profile in profiles)
    assert kinds == {"english": 16, "cv_only": 4, "informal": 4}
    assert all(profile["relevant"] and not set(profile["relevant"]) & set(profile["related"]) for profile in profiles)
    assert len({profile["relevant"][0] for profile in profiles}) == 24
    # Titled (an English title, or a French one copied from a job board) and title-less (the wish in a sentence).
    titled = [profile for profile in profiles if profile["wanted_title"]]
    assert 8 <= len(titled) <= 16
    for profile in profiles:
        if profile["kind"] == "cv_only":
            assert profile["cv_text"] and not profile["presentation"] and not profile["wanted_title"], profile["id"]


@pytest.mark.parametrize("profile_set", ["heldout18", "heldout19"])
def test_the_cv_and_typed_title_sets_hold_cvs_as_uploaded_and_titles_typed_badly(profile_set):
    profiles = _blind_set_of_24(profile_set)
    assert Counter(profile["kind"] for profile in profiles) == {"cv_only": 12, "typos": 8, "no_title": 4}
    assert all(profile["relevant"] and not set(profile["relevant"]) & set(profile["related"]) for profile in profiles)
    assert len({profile["relevant"][0] for profile in profiles}) == 24
    for profile in profiles:
        if profile["kind"] == "cv_only":
            # A CV as a PDF's text gives it: many lines, nothing typed beside it.
            assert profile["cv_text"].count("\n") >= 15, profile["id"]
            assert not (profile["presentation"] or profile["wanted_title"] or profile["skills"]), profile["id"]
        else:
            assert bool(profile["wanted_title"]) is (profile["kind"] == "typos") and profile["presentation"]
    # Long CVs whose older jobs in other trades are not the job sought.
    assert sum(1 for profile in profiles if len(profile["cv_text"]) >= 2000) >= 2


@pytest.mark.parametrize("profile_set", ["heldout20", "heldout21"])
def test_the_second_career_change_sets_hold_changers_titled_or_not_and_controls(profile_set):
    profiles = _blind_set_of_24(profile_set)
    assert Counter(profile["kind"] for profile in profiles) == {
        "career_change": 14,
        "no_title": 4,
        "cv_only": 3,
        "english": 2,
        "direct": 1,
    }
    assert all(profile["relevant"] and not set(profile["relevant"]) & set(profile["related"]) for profile in profiles)
    assert len({profile["relevant"][0] for profile in profiles}) == 24
    # Six changers type the new job as their title, and one control the job they keep; the rest say it in words.
    titled = [profile for profile in profiles if profile["wanted_title"]]
    assert len(titled) == 7 and {profile["kind"] for profile in titled} == {"career_change", "direct"}
    for profile in profiles:
        if profile["kind"] == "cv_only":
            assert profile["cv_text"] and not (profile["presentation"] or profile["skills"]), profile["id"]


def _ranking_all_row(out: str) -> dict[str, float | None]:
    """The `ranking  all` row of the printed table, by column header ("-" is None)."""
    lines = out.splitlines()
    header = next(line for line in lines if line.startswith("method ")).split()[2:]
    row = next(line for line in lines if line.startswith("ranking  all ")).split()[2:]
    return {name: None if cell == "-" else float(cell) for name, cell in zip(header, row, strict=True)}


@pytest.mark.django_db
def test_recommendations_hold_their_floors_on_the_demo_set(production_model, capsys):
    # What `make run` serves: the ROME referential and the communes of ../shared/data (an offer placed only by
    # its coordinates or an arrondissement is placed by them), then the demo offers (once for every profile
    # set: each evaluation runs in a transaction it rolls back).
    assert ROME.is_dir() and COMMUNES.is_dir(), "the tests read the ROME referential and communes of ../shared/data"
    rome_load(folder=ROME)
    commune_load(path=COMMUNES)
    search_synonyms_load()  # the acronyms titles are read with (a migration loads them; a flush empties them)
    call_command("ingest", from_files="ingestion/demo")
    all_floors = json.loads((DATA_DIR / "floors.json").read_text(encoding="utf-8"))[production_model.name]
    assert set(all_floors) == set(PROFILE_SETS)
    capsys.readouterr()
    for profile_set, floors in all_floors.items():
        dataset = load_demo_dataset(profiles=PROFILE_SETS[profile_set])
        corpus = demo_corpus(dataset)
        assert len(corpus) == Offer.objects.filter(status="open").count() > 300
        # Every profile can be served: at least one offer of its occupation meets its constraints.
        for profile in dataset.profiles:
            assert any(
                reachable(profile, offer) and gain(profile, offer.occupation) == GAIN_RELEVANT
                for offer in corpus.values()
            ), profile["id"]

        call_command("evaluate_matching", "--by-kind", "--set", profile_set)
        out = capsys.readouterr().out
        assert f"set {profile_set}," in out and "ranking  all" in out
        assert all(f"cosine   {profile['kind']} " in out for profile in dataset.profiles)  # a row per kind
        assert not Offer.objects.filter(postings__isnull=True).exists()  # the evaluation's writes were rolled back
        results = {row.method: row for row in EvaluationResult.objects.filter(dataset_version=dataset.version)}
        assert set(results) == {"ranking", "cosine"}
        printed = _ranking_all_row(out)
        assert printed["recall@10"] == pytest.approx(results["ranking"].recall_at_10, abs=5e-4)
        assert set(floors) <= {"ranking", "cosine", "ranking_beats_cosine", "ranking_at_least_cosine"}
        for method in ("ranking", "cosine"):
            for name, bound in floors[method].items():
                if name == "clear_with_unrelated_max":  # printed (the ranking's row), not stored
                    assert method == "ranking", name
                    value = printed["clear_with_unrelated"]
                else:
                    value = getattr(results[method], name.removesuffix("_max"))
                assert value <= bound if name.endswith("_max") else value >= bound, (profile_set, method, name, value)
        # The project's ranking beats plain filtered cosine on every figure, or where floors.json says
        # otherwise for a set (measured, not yet met), on the figures it names.
        ranking, cosine = results["ranking"], results["cosine"]
        for name in floors.get("ranking_beats_cosine", BEATS_COSINE):
            if name == "unrelated_share":
                assert ranking.unrelated_share < cosine.unrelated_share, (profile_set, name)
            else:
                assert getattr(ranking, name) > getattr(cosine, name), (profile_set, name)
        # Where both are at the top (recall@10 1.000 each), the ranking cannot beat cosine: it must not fall below.
        for name in floors.get("ranking_at_least_cosine", ()):
            assert getattr(ranking, name) >= getattr(cosine, name), (profile_set, name)

    # The skill verdicts of the same recommendations against the judges' reading of each candidate's words.
    ceilings = verdict_floors(production_model.name)
    assert set(ceilings) == set(JUDGED_SETS)
    call_command("evaluate_skill_verdicts", "--set", "heldout2")
    out = capsys.readouterr().out
    assert f"model {production_model.name}" in out and any(line.startswith("heldout2 ") for line in out.splitlines())
    for row in all_scores(JUDGED_SETS, configured_encoder()):
        bounds = ceilings[row.profile_set]
        # Enough verdicts to weigh: skills shown lacking or to state, and claimed (fewer once unrelated offers are
        # left out: all-MiniLM-L6-v2 shows 10 lacks and 37 skills to state on heldout8 since a neighbouring craft's
        # offers are not shown without its diploma).
        assert row.missing >= 10 and row.missing + row.unstated >= 45 and row.claimed > 10, row
        assert row.missing_said <= bounds["missing_said_max"], row
        assert row.missing_said_or_part <= bounds["missing_said_or_part_max"], row
        assert row.listed_missing <= bounds["listed_missing_max"], row
        assert row.claims_unsaid <= bounds["claims_unsaid_max"], row
        assert row.unstated_unsaid <= bounds["unstated_unsaid_max"], row
        assert row.unjudged <= bounds["unjudged_max"], row
