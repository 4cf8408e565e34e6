"""The evaluation's metrics on a case small enough to compute by hand."""

from __future__ import annotations

import math

import numpy as np
import pytest

from matching.evaluation.metrics import diversity, mean_similarity, ndcg_at_k, recall_at_k, reciprocal_rank
from matching.search import reciprocal_rank_fusion

RANKED = ["a", "x", "b", "y", "z", "c"]
RELEVANT = {"a", "b", "c"}


def test_recall_counts_relevant_items_in_the_top_k_over_the_reachable_number():
    assert recall_at_k(RANKED, RELEVANT, 1) == 1.0  # 1 of min(1, 3)
    assert recall_at_k(RANKED, RELEVANT, 5) == pytest.approx(2 / 3)
    assert recall_at_k(RANKED, RELEVANT, 10) == 1.0
    assert recall_at_k(RANKED, set(), 10) == 0.0


def test_reciprocal_rank_is_one_over_the_rank_of_the_first_relevant_item():
    assert reciprocal_rank(RANKED, RELEVANT) == 1.0
    assert reciprocal_rank(["x", "y", "b"], RELEVANT) == pytest.approx(1 / 3)
    assert reciprocal_rank(["x"], RELEVANT) == 0.0


def test_ndcg_discounts_relevant_items_by_the_log_of_their_rank():
    dcg = 1 / math.log2(2) + 1 / math.log2(4) + 1 / math.log2(7)
    ideal = 1 / math.log2(2) + 1 / math.log2(3) + 1 / math.log2(4)
    assert ndcg_at_k(RANKED, RELEVANT, 10) == pytest.approx(dcg / ideal)
    assert ndcg_at_k(["a", "b", "c"], RELEVANT, 10) == pytest.approx(1.0)


def test_diversity_is_one_minus_the_mean_pairwise_similarity():
    same = np.array([[1.0, 0.0], [1.0, 0.0]])
    orthogonal = np.array([[1.0, 0.0], [0.0, 1.0]])
    assert diversity(same) == pytest.approx(0.0)
    assert diversity(orthogonal) == pytest.approx(1.0)
    assert mean_similarity(np.array([1.0, 0.0]), orthogonal) == pytest.approx(0.5)


def test_reciprocal_rank_fusion_rewards_items_ranked_well_by_both_lists():
    fused = reciprocal_rank_fusion([["a", "b", "c"], ["c", "b", "d"]], k=60)
    # b: 1/62 + 1/62 beats a: 1/61 and c: 1/63 + 1/61 beats b
    assert fused[:2] == ["c", "b"]
    assert set(fused) == {"a", "b", "c", "d"}
