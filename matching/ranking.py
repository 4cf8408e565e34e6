"""A candidate's recommendations: the nearest offers inside their constraints, each explained."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from matching.explanations import CandidateContext, Explanation, close_occupation_codes, explain
from matching.knn import HardConstraints, nearest_offers
from matching.models import EmbeddingModel
from matching.selectors import NoActiveEmbeddingModel, active_embedding_model
from offers.models import Offer


@dataclass(frozen=True)
class Recommendation:
    offer: Offer
    similarity: float
    explanation: Explanation


def recommendations_for(
    *,
    vector: Sequence[float] | np.ndarray,
    model: EmbeddingModel,
    constraints: HardConstraints = HardConstraints(),  # noqa: B008
    context: CandidateContext = CandidateContext(),  # noqa: B008
    k: int = 10,
    min_similarity: float | None = None,
    user_id: int | None = None,
    exclude_offer_ids: Sequence[int] = (),
) -> list[Recommendation]:
    """The best open offers for a candidate vector, each with why it was picked."""
    result = nearest_offers(
        vector=vector,
        model=model,
        constraints=constraints,
        k=k,
        min_similarity=min_similarity,
        user_id=user_id,
        exclude_offer_ids=exclude_offer_ids,
    )
    offers = Offer.objects.in_bulk([offer_id for offer_id, _ in result.hits])
    close_codes = close_occupation_codes(context.rome_code)
    return [
        Recommendation(
            offer=offers[offer_id],
            similarity=similarity,
            explanation=explain(offers[offer_id], similarity=similarity, context=context, close_codes=close_codes),
        )
        for offer_id, similarity in result.hits
        if offer_id in offers
    ]


def recommendations_for_text(
    *,
    text: str,
    constraints: HardConstraints = HardConstraints(),  # noqa: B008
    context: CandidateContext | None = None,
    k: int = 10,
    min_similarity: float | None = None,
) -> list[Recommendation]:
    """Free text (a CV, a few lines) against the active model's offer vectors."""
    from matching.offer_text import OFFER_TEXT_MAX_TOKENS
    from matching.services import encoder_for

    model = active_embedding_model()
    if model is None:
        raise NoActiveEmbeddingModel("no offer has been embedded yet: run `python manage.py embed`")
    vector = encoder_for(model).encode([text], max_tokens=OFFER_TEXT_MAX_TOKENS)[0]
    return recommendations_for(
        vector=vector,
        model=model,
        constraints=constraints,
        context=context or CandidateContext(text=text),
        k=k,
        min_similarity=min_similarity,
    )


def profile_constraints(profile: Any) -> HardConstraints:
    """The hard constraints a `candidates.CandidateProfile` states."""
    has_point = profile.latitude is not None and profile.longitude is not None and bool(profile.radius_km)
    return HardConstraints(
        contract_types=tuple(profile.contract_types or ()),
        latitude=profile.latitude if has_point else None,
        longitude=profile.longitude if has_point else None,
        radius_km=float(profile.radius_km) if has_point else None,
        remote_only=profile.remote_preference == "remote",
        onsite_only=profile.remote_preference == "onsite",
        seniority=profile.seniority or "",
        salary_floor=profile.salary_min,
    )


def recommendations_for_profile(*, profile: Any, k: int = 10) -> list[Recommendation]:
    """The best open offers for a candidate profile, hidden offers excluded.

    The profile's vector is normally computed by the task queued after each change; when it is
    missing or stale (the task has not run yet, or the model just switched) it is computed here.
    """
    from matching.services import candidate_embedding_upsert

    if not profile.profile_text.strip():
        return []
    model = active_embedding_model()
    if model is None:
        raise NoActiveEmbeddingModel("no offer has been embedded yet: run `python manage.py embed`")
    embedding = candidate_embedding_upsert(profile_id=profile.pk, text=profile.profile_text, model=model)
    return recommendations_for(
        vector=embedding.vector,
        model=model,
        constraints=profile_constraints(profile),
        context=CandidateContext(
            text=profile.profile_text,
            skills=tuple(profile.skills or ()),
            rome_code=profile.rome_code,
            latitude=profile.latitude,
            longitude=profile.longitude,
            salary_floor=profile.salary_min,
        ),
        k=k,
        user_id=profile.user_id,
    )
