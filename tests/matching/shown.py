"""The offers `recommendations_for` shows a candidate read as `occupations`, from an offer's own vector."""

from __future__ import annotations

from collections.abc import Sequence

from matching.explanations import CandidateContext
from matching.ranking import recommendations_for
from matching.reading import CandidateOccupation
from matching.selectors import active_embedding_model
from offers.models import Offer


def offers_shown(near: Offer, occupations: Sequence[CandidateOccupation], context: CandidateContext) -> set[Offer]:
    """The offers shown to a candidate whose vector is `near`'s, read as `occupations`, with no similarity floor."""
    model = active_embedding_model()
    results = recommendations_for(
        vector=model.offer_embeddings.get(offer=near).vector,
        model=model,
        occupations=occupations,
        context=context,
        min_similarity=0,
    )
    return {result.offer for result in results}
