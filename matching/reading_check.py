"""What the offers within a candidate's reach say of the occupation read from their profile (`matching.reading`).

A title the candidate typed is clear once an offer of the occupation it was read as is within reach, however unsure
the reading ("Animatrice": ROME has animators in several families); a title read clearly stays clear with no offer of
it within reach ("Chef de rayon": the close occupations are shown as such, not whatever lies near in meaning). An
occupation read from their text that no offer within reach has, or whose offers within reach all lie far below the
nearest in meaning, is not trusted to rank (a CV read as its holder's first job): the offers then stand on the rest.
But when the offer nearest in meaning anywhere is of that occupation, their words and their vector agree on it, and
what lies within reach of another occupation is padding unless it is as near in meaning as a clear occupation asks (a
bookkeeper in Lyon with no accounting offer near: not the clothes seller and the sales director at hand).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from matching.knn import HardConstraints, nearest_offers
from matching.models import EmbeddingModel
from matching.occupation_fit import occupation_fit, offered_occupations
from matching.reading import CandidateOccupation, read_offer_occupation
from offers.understanding.occupations import occupation_reader

# Fits never shown to a candidate who named their job: an occupation neither theirs, nor of its ROME subdomain,
# nor one ROME links to it ("other"), and one the offer does not say ("unknown").
NOT_ASKED = frozenset({"other", "unknown"})


@dataclass(frozen=True)
class CheckedReading:
    clear: bool  # sure enough to leave offers of other occupations out
    fits: dict[int, tuple[str, float]]  # offer id -> (fit, how sure), as the score weighs it
    # Offer id -> its fit ("other", "unknown") against an occupation read from their text that the offers within
    # reach do not bear out and the nearest offer anywhere is of: shown only as near as `<fit>_occupation_floor`.
    elsewhere: dict[int, str] = field(default_factory=dict)


def reading_checked(
    *,
    clear: bool,
    typed: bool,
    named: bool,
    fits: dict[int, tuple[str, float]],
    hits: dict[int, float],
    weights: dict[str, Any],
    nearest_anywhere_fit: Callable[[], str],
) -> CheckedReading:
    """The reading as the offers within reach (`hits`: offer id -> similarity, `fits` against the reading) bear it
    out; `nearest_anywhere_fit` gives the fit of the offer nearest in meaning without the radius (asked only when
    they do not bear it out)."""
    own = [hits[offer_id] for offer_id, (fit, _) in fits.items() if fit == "same"]
    confirmed = bool(own)
    if confirmed and not typed and not named and max(own) < max(hits.values()) - weights["confirming_similarity_gap"]:
        # Read from their text, and every offer of it lies far below the nearest in meaning: a word read out of
        # its sense ("le plan d'action commercial" of a marketing profile), not their occupation.
        confirmed = False
    if typed and confirmed:
        return CheckedReading(True, fits)
    if clear and not named and not confirmed and not typed:
        elsewhere = {}
        if fits and nearest_anywhere_fit() == "same":
            elsewhere = {offer_id: fit for offer_id, (fit, _) in fits.items() if fit in NOT_ASKED}
        return CheckedReading(False, dict.fromkeys(fits, ("unknown", 0.0)), elsewhere)
    return CheckedReading(clear, fits)


def nearest_anywhere_fit(
    vector: Sequence[float] | np.ndarray,
    model: EmbeddingModel,
    constraints: HardConstraints,
    user_id: int | None,
    exclude_offer_ids: Sequence[int],
    occupations: Sequence[CandidateOccupation],
) -> str:
    """The fit of the offer nearest in meaning within `constraints` (the candidate's, without the radius)."""
    reader = occupation_reader()
    found = nearest_offers(
        vector=vector,
        model=model,
        constraints=constraints,
        k=1,
        min_similarity=0.0,
        user_id=user_id,
        exclude_offer_ids=exclude_offer_ids,
        columns=("title", "rome_code", "occupation_code"),
    )
    if not found.hits:
        return "unknown"
    title, rome_code, stored = found.values[found.hits[0][0]]
    offered = offered_occupations(reader, read_offer_occupation(reader, title, rome_code, stored), rome_code)
    return occupation_fit(reader, occupations, offered)[0]
