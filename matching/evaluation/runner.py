"""Runs the labelled set against vector, keyword and hybrid ranking.

The fixed corpus (offers.json) is written into the offer table inside a transaction that
is rolled back at the end: keyword ranking uses the real full-text column and nobody else
ever sees those rows. Vector ranking is an exact cosine search over the corpus vectors
(the evaluation scores the model and the texts, not the index).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from django.db import transaction

from matching.encoder import Encoder
from matching.evaluation.metrics import (
    Scores,
    diversity,
    mean_scores,
    mean_similarity,
    ndcg_at_k,
    recall_at_k,
    reciprocal_rank,
)
from matching.offer_text import OFFER_TEXT_MAX_TOKENS, OFFER_TEXT_RECIPE, offer_text
from matching.search import keyword_ranking, reciprocal_rank_fusion
from offers.models import Offer, OfferStatus

DATA_DIR = Path(__file__).resolve().parent
DEPTH = 100  # how deep each ranking goes before fusion


@dataclass(frozen=True)
class Dataset:
    offers: list[dict]
    profiles: list[dict]
    version: str

    def relevant(self, profile: dict) -> set[str]:
        wanted = set(profile["relevant"])
        return {offer["id"] for offer in self.offers if offer["occupation"] in wanted}


def load_dataset(directory: Path = DATA_DIR) -> Dataset:
    raw_offers = (directory / "offers.json").read_bytes()
    raw_profiles = (directory / "profiles.json").read_bytes()
    version = hashlib.sha256(raw_offers + raw_profiles).hexdigest()[:12]
    return Dataset(offers=json.loads(raw_offers), profiles=json.loads(raw_profiles), version=version)


@dataclass(frozen=True)
class MethodResult:
    method: str
    offer_text: str
    scores: Scores


class _Rollback(Exception):
    pass


def _scores(ranked: list[str], relevant: set[str], query: np.ndarray, vectors: dict[str, np.ndarray]) -> Scores:
    top = np.array([vectors[item] for item in ranked[:10]]) if ranked else np.zeros((0, len(query)))
    return Scores(
        recall_at_5=recall_at_k(ranked, relevant, 5),
        recall_at_10=recall_at_k(ranked, relevant, 10),
        mrr=reciprocal_rank(ranked, relevant),
        ndcg_at_10=ndcg_at_k(ranked, relevant, 10),
        mean_similarity=mean_similarity(query, top),
        diversity=diversity(top),
    )


def _offer_vectors(dataset: Dataset, encoder: Encoder, *, recipe: str, max_tokens: int) -> dict[str, np.ndarray]:
    texts = [offer_text(offer, recipe=recipe) for offer in dataset.offers]
    matrix = encoder.encode(texts, max_tokens=max_tokens)
    return {offer["id"]: matrix[i] for i, offer in enumerate(dataset.offers)}


def _vector_ranking(query: np.ndarray, ids: list[str], matrix: np.ndarray) -> list[str]:
    similarities = matrix @ query
    order = np.argsort(-similarities, kind="stable")[:DEPTH]
    return [ids[i] for i in order]


def evaluate(
    dataset: Dataset,
    encoder: Encoder,
    *,
    recipes: tuple[tuple[str, int], ...] = ((OFFER_TEXT_RECIPE, OFFER_TEXT_MAX_TOKENS),),
) -> list[MethodResult]:
    """Vector, keyword and hybrid figures for the first recipe; vector figures for the others."""
    queries = encoder.encode([p["text"] for p in dataset.profiles], max_tokens=OFFER_TEXT_MAX_TOKENS)
    keyword_lists = _keyword_rankings(dataset)
    results: list[MethodResult] = []
    for position, (recipe, max_tokens) in enumerate(recipes):
        label = f"{recipe}@{max_tokens}"
        vectors = _offer_vectors(dataset, encoder, recipe=recipe, max_tokens=max_tokens)
        ids = list(vectors)
        matrix = np.array([vectors[i] for i in ids])
        per_method: dict[str, list[Scores]] = {"vector": [], "keyword": [], "hybrid": []}
        for profile, query, keyword in zip(dataset.profiles, queries, keyword_lists, strict=True):
            relevant = dataset.relevant(profile)
            vector = _vector_ranking(query, ids, matrix)
            per_method["vector"].append(_scores(vector, relevant, query, vectors))
            if position == 0:
                per_method["keyword"].append(_scores(keyword, relevant, query, vectors))
                hybrid = reciprocal_rank_fusion([vector, keyword], limit=DEPTH)
                per_method["hybrid"].append(_scores(hybrid, relevant, query, vectors))
        for method, scores in per_method.items():
            if scores:
                results.append(MethodResult(method=method, offer_text=label, scores=mean_scores(scores)))
    return results


def _keyword_rankings(dataset: Dataset) -> list[list[str]]:
    rankings: list[list[str]] = []
    try:
        with transaction.atomic():
            created = Offer.objects.bulk_create(
                [
                    Offer(
                        title=offer["title"],
                        description=offer["description"],
                        rome_code=offer["rome_code"],
                        rome_label=offer["rome_label"],
                        skills=offer["skills"],
                        city=offer["city"],
                        latitude=offer["latitude"],
                        longitude=offer["longitude"],
                        contract_type=offer["contract_type"],
                        status=OfferStatus.OPEN,
                    )
                    for offer in dataset.offers
                ]
            )
            by_pk = {row.pk: offer["id"] for row, offer in zip(created, dataset.offers, strict=True)}
            for profile in dataset.profiles:
                ranked = keyword_ranking(text=profile["text"], limit=DEPTH, offer_ids=list(by_pk))
                rankings.append([by_pk[pk] for pk in ranked])
            raise _Rollback
    except _Rollback:
        pass
    return rankings
