"""Silver layer: one pure normaliser per source, payload -> NormalisedOffer."""

from __future__ import annotations

from collections.abc import Callable

from ingestion.normalise import adzuna, francetravail
from ingestion.normalise.base import NormalisationError, NormalisedOffer
from offers.models import Source

NORMALISERS: dict[str, Callable[[object], NormalisedOffer]] = {
    Source.FRANCE_TRAVAIL.value: francetravail.normalise,
    Source.ADZUNA.value: adzuna.normalise,
}


def normalise(source: str, payload: object) -> NormalisedOffer:
    try:
        normaliser = NORMALISERS[source]
    except KeyError:
        raise NormalisationError("unknown_source", f"source inconnue : {source}") from None
    return normaliser(payload)


__all__ = ["NORMALISERS", "NormalisationError", "NormalisedOffer", "normalise"]
