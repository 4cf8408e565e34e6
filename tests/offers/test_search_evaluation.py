"""The graded French search evaluation (offers.search.evaluation/): its set, its metrics and its floors."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from offers.search.evaluation.runner import (
    ALL_KINDS,
    SETS,
    KindScores,
    evaluation_set_load,
    floors_check,
    floors_load,
    kind_scores,
    ndcg_at_k,
    recall_at_k,
    reciprocal_rank,
)

REFERENCE_DATA = Path(__file__).resolve().parents[3] / "shared" / "data"


@pytest.mark.parametrize("name", sorted(SETS))
def test_each_set_has_at_least_150_graded_queries_of_every_kind_the_issue_names(name):
    dataset = evaluation_set_load(SETS[name])
    kinds = {query.kind for query in dataset.queries}
    assert len(dataset.queries) >= (150 if name == "tuned" else 90)
    assert {"titres", "fautes et accents", "sigles et jargon", "mots à ne pas corriger", "lieux",
            "offres au département", "compétences", "plusieurs mots", "sans réponse"} <= kinds  # fmt: skip
    for query in dataset.queries:
        assert query.has_answer == (query.kind != "sans réponse"), query.id
    sources = {offer["src"] for offer in dataset.offers}
    department_only = [offer for offer in dataset.offers if "insee" not in dataset.places[offer["place"]]]
    assert sources == {"ft", "az"}
    assert {offer["src"] for offer in department_only} == {"ft", "az"}


def test_graded_ndcg_rewards_the_best_offers_first():
    grades = {"a": 3, "b": 1}
    assert ndcg_at_k(["a", "b"], grades) == pytest.approx(1.0)
    assert ndcg_at_k(["b", "a"], grades) < ndcg_at_k(["a", "x", "b"], grades) < 1.0
    assert ndcg_at_k([], grades) == 0.0
    assert recall_at_k(["x", "b"], grades) == pytest.approx(0.5)
    assert reciprocal_rank(["x", "b"], grades) == pytest.approx(0.5)


@pytest.mark.parametrize(("first", "second"), [("tuned", "heldout"), ("tuned", "heldout2"), ("heldout", "heldout2")])
def test_the_held_out_sets_share_no_offer_place_or_employer_with_the_others(first, second):
    one, other = evaluation_set_load(SETS[first]), evaluation_set_load(SETS[second])
    assert not {offer["key"] for offer in one.offers} & {offer["key"] for offer in other.offers}
    assert not {offer["company"] for offer in one.offers} & {offer["company"] for offer in other.offers}
    places = {place.get("insee", place["dep"]) for place in one.places.values()}
    assert not places & {place.get("insee", place["dep"]) for place in other.places.values()}


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(SETS))
def test_the_search_holds_the_floors_recorded_for_every_kind_of_query(name):
    out = StringIO()
    # A kind below its floor raises CommandError, which lists every figure that fell.
    call_command(
        "evaluate_search", "--in-place", f"--set={name}", "--check-floors", f"--reference-data={REFERENCE_DATA}",
        "--show=10", stdout=out, stderr=out,
    )  # fmt: skip
    printed = out.getvalue()
    assert "plain nDCG@10" in printed and "smart nDCG@10" in printed and "Planchers tenus." in printed, printed


def test_floors_check_names_each_kind_that_falls_below_its_floor():
    rows = [KindScores(kind="titres", queries=2, answered=2, ndcg=0.5, recall=0.5, mrr=1.0, zero_rate=0.5),
            KindScores(kind=ALL_KINDS, queries=2, answered=2, ndcg=0.5, recall=0.5, mrr=1.0)]  # fmt: skip
    problems = floors_check({"plain": rows}, {"plain": {"titres": {"ndcg": 0.9, "zero_rate_max": 0.0}}})
    assert problems == ["plain / titres: ndcg 0.500 < 0.9", "plain / titres: zero-result rate 0.500 > 0.0"]
    assert kind_scores([]) == [KindScores(kind=ALL_KINDS, queries=0, answered=0)]
    assert floors_load()["plain"]["ensemble"]["ndcg"] > 0
    assert floors_load(SETS["heldout"])["plain"]["ensemble"]["ndcg"] > 0
