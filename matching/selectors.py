"""Reads of the matching: the active embedding model, its coverage, and offers similar to one offer."""

from __future__ import annotations

from django.conf import settings

from matching.knn import nearest_offers
from matching.models import EmbeddingModel, EmbeddingModelStatus, OfferEmbedding
from offers.catalogue import offers_by_id
from offers.models import Offer, OfferStatus


class NoActiveEmbeddingModel(Exception):
    """No model has vectors yet: run `python manage.py embed` once."""


def active_embedding_model() -> EmbeddingModel | None:
    return EmbeddingModel.objects.filter(is_active=True).first()


def embedding_model_status() -> dict[str, object]:
    """What /healthz reports about the embedding model: configured, active, coverage of open offers."""
    status: dict[str, object] = {"configured": settings.MATCHING_MODEL, "backend": settings.MATCHING_BACKEND}
    active = active_embedding_model()
    open_offers = Offer.objects.filter(status=OfferStatus.OPEN).count()
    status["open_offers"] = open_offers
    if active is None:
        status.update({"status": "no vectors yet", "active": None, "vectors": 0, "coverage": 0.0})
    else:
        vectors = OfferEmbedding.objects.filter(model=active, offer__status=OfferStatus.OPEN).count()
        status.update(
            {
                "status": "ok",
                "active": {"name": active.name, "version": active.version, "activated_at": active.activated_at},
                "vectors": vectors,
                "coverage": round(vectors / open_offers, 4) if open_offers else 1.0,
            }
        )
    building = EmbeddingModel.objects.filter(status=EmbeddingModelStatus.BUILDING).first()
    if building is not None:
        done = OfferEmbedding.objects.filter(model=building, offer__status=OfferStatus.OPEN).count()
        status["building"] = {
            "version": building.version,
            "vectors": done,
            "coverage": round(done / open_offers, 4) if open_offers else 1.0,
        }
    return status


def similar_offers(*, offer_id: int, k: int = 5, min_similarity: float = 0.5) -> list[tuple[Offer, float]]:
    """Open offers closest to one offer (its own vector for the active model), itself excluded."""
    model = active_embedding_model()
    if model is None:
        return []
    embedding = OfferEmbedding.objects.filter(offer_id=offer_id, model=model).only("vector").first()
    if embedding is None:
        return []
    result = nearest_offers(
        vector=embedding.vector, model=model, k=k, min_similarity=min_similarity, exclude_offer_ids=[offer_id]
    )
    offers = offers_by_id(hit for hit, _ in result.hits)
    return [(offers[hit], similarity) for hit, similarity in result.hits if hit in offers]
