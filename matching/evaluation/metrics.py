"""Ranking metrics of the evaluation: pure functions over ranked ids and relevant sets.

Recall@k divides by min(k, |relevant|): a profile with 10 relevant offers can reach 1.0 at
k=5 only with a capped denominator: the plain |relevant| one would cap recall@5 at 0.5 and
say nothing; the capped form ("R-capped recall") is 1.0 when the top k is all relevant.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Sequence, Set
from dataclasses import dataclass

import numpy as np


def recall_at_k(ranked: Sequence[Hashable], relevant: Set[Hashable], k: int) -> float:
    if not relevant:
        return 0.0
    return len(set(ranked[:k]) & relevant) / min(k, len(relevant))


def reciprocal_rank(ranked: Sequence[Hashable], relevant: Set[Hashable]) -> float:
    for rank, item in enumerate(ranked, start=1):
        if item in relevant:
            return 1.0 / rank
    return 0.0


def ndcg_at_k(ranked: Sequence[Hashable], relevant: Set[Hashable], k: int) -> float:
    """Binary gains: DCG = sum of 1/log2(rank+1) over relevant items in the top k, over the ideal DCG."""
    dcg = sum(1.0 / math.log2(rank + 1) for rank, item in enumerate(ranked[:k], start=1) if item in relevant)
    ideal = sum(1.0 / math.log2(rank + 1) for rank in range(1, min(k, len(relevant)) + 1))
    return dcg / ideal if ideal else 0.0


def mean_similarity(query: np.ndarray, vectors: np.ndarray) -> float:
    """Mean cosine similarity between a (unit) query and the (unit) vectors of the offers it was shown."""
    return float(np.mean(vectors @ query)) if len(vectors) else 0.0


def diversity(vectors: np.ndarray) -> float:
    """Intra-list diversity: 1 - mean pairwise cosine similarity of the shown offers (0: all alike)."""
    n = len(vectors)
    if n < 2:
        return 0.0
    similarities = vectors @ vectors.T
    mean_pairwise = (similarities.sum() - np.trace(similarities)) / (n * (n - 1))
    return float(1.0 - mean_pairwise)


@dataclass(frozen=True)
class Scores:
    recall_at_5: float
    recall_at_10: float
    mrr: float
    ndcg_at_10: float
    mean_similarity: float
    diversity: float


def mean_scores(per_query: Sequence[Scores]) -> Scores:
    n = len(per_query)
    return Scores(*(sum(getattr(s, name) for s in per_query) / n for name in Scores.__dataclass_fields__))
