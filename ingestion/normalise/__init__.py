"""Silver layer: one pure normaliser per source, payload -> NormalisedOffer."""

from __future__ import annotations

from collections.abc import Callable

from ingestion.normalise import adzuna, francetravail
from ingestion.normalise.base import NormalisationError, NormalisedOffer
from offers.geography.gazetteer import Gazetteer
from offers.models import Source

# Each takes the payload and, optionally, the gazetteer to place it with.
NORMALISERS: dict[str, Callable[..., NormalisedOffer]] = {
    Source.FRANCE_TRAVAIL.value: francetravail.normalise,
    Source.ADZUNA.value: adzuna.normalise,
}


def normalise(source: str, payload: object, places: Gazetteer | None = None) -> NormalisedOffer:
    """`places`: the gazetteer to place the posting with; by default the one loaded before the run
    (`offers.geography.loading.gazetteer()`, which a run calls before it starts)."""
    try:
        normaliser = NORMALISERS[source]
    except KeyError:
        raise NormalisationError("unknown_source", f"source inconnue : {source}") from None
    return normaliser(payload) if places is None else normaliser(payload, places)


__all__ = ["NORMALISERS", "NormalisationError", "NormalisedOffer", "normalise"]
