"""Smart search: full-text rank and vector similarity of offers for a search box, fused by RRF."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TypeVar

from django.db import connection
from django.db.models import QuerySet

from matching.knn import SqlScope, nearest_offers
from matching.selectors import active_embedding_model
from offers.models import Offer

logger = logging.getLogger(__name__)

T = TypeVar("T", int, str)


def keyword_ranking(
    *, text: str, limit: int = 10, offer_ids: Sequence[int] | None = None, scope: SqlScope | None = None
) -> list[int]:
    """Offer ids by full-text rank (French, accents folded), any word of `text` counting.

    Words are OR-ed: a CV never contains every word of an offer, an AND query would match nothing.
    """
    where, params = "o.status = 'open'", []
    if offer_ids is not None:
        where, params = "o.id = ANY(%s)", [list(offer_ids)]
    if scope is not None:
        where, params = f"{where} AND ({scope[0]})", [*params, *scope[1]]
    sql = (
        "WITH q AS (SELECT NULLIF(replace(plainto_tsquery('french', jm_unaccent(%s))::text, ' & ', ' | '), '')"
        "::tsquery AS query) "
        "SELECT o.id FROM offers_offer o, q "
        f"WHERE {where} AND q.query IS NOT NULL AND o.search_vector @@ q.query "
        "ORDER BY ts_rank_cd(o.search_vector, q.query, 1) DESC, o.id LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [text, *params, limit])
        return [row[0] for row in cursor.fetchall()]


def reciprocal_rank_fusion(rankings: Sequence[Sequence[T]], *, k: int = 60, limit: int = 10) -> list[T]:
    """Cormack et al. (2009): score = sum of 1 / (k + rank); robust to the scales of the fused scores.

    Ties keep the order in which items were first seen (the first ranking wins): sort is stable.
    """
    scores: dict[T, float] = {}
    for ranking in rankings:
        for rank, item in enumerate(ranking, start=1):
            scores[item] = scores.get(item, 0.0) + 1.0 / (k + rank)
    return [item for item, _ in sorted(scores.items(), key=lambda pair: -pair[1])[:limit]]


def hybrid_search(*, text: str, limit: int = 20, depth: int = 100) -> list[int]:
    """Open offer ids for a search box: full-text rank and vector similarity fused by RRF.

    The evaluation (matching/evaluation/README.md) has the fusion beat both of its inputs.
    Without vectors yet, the full-text ranking alone.
    """
    return smart_search(text=text, limit=limit, depth=depth, min_similarity=0.0)


def smart_search(
    *,
    text: str,
    candidates: QuerySet[Offer] | None = None,
    limit: int = 20,
    depth: int = 100,
    min_similarity: float | None = None,
) -> list[int]:
    """The search page's "recherche intelligente": RRF of full-text rank and vector similarity,
    both restricted to `candidates` (the offers passing the page's filters; all open offers when None).

    The vector half finds offers that share no word with the query ("dev back-end" → a
    "Développeur PHP/Symfony"); the full-text half keeps exact matches on top.
    """
    from matching.encoder import EmbeddingModelUnavailable
    from matching.offer_text import OFFER_TEXT_MAX_TOKENS
    from matching.services import EmbeddingModelMismatch, encoder_for

    scope: SqlScope | None = None
    if candidates is not None:
        sql, params = candidates.order_by().values("id").query.sql_with_params()
        scope = (f"o.id IN ({sql})", list(params))
    keyword = keyword_ranking(text=text, limit=depth, scope=scope)
    model = active_embedding_model()
    if model is None:
        return keyword[:limit]
    try:
        vector = encoder_for(model).encode([text], max_tokens=OFFER_TEXT_MAX_TOKENS)[0]
    except (EmbeddingModelUnavailable, EmbeddingModelMismatch) as error:
        # The search box must keep working while the weights are missing or being switched.
        logger.warning("smart search without vectors: %s", error)
        return keyword[:limit]
    nearest = nearest_offers(vector=vector, model=model, k=depth, min_similarity=min_similarity, scope=scope)
    return reciprocal_rank_fusion([[offer_id for offer_id, _ in nearest.hits], keyword], limit=limit)
