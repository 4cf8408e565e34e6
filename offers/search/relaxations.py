"""No dead end: what would give results when a search finds none, each with the offers it would show.

Only computed for an empty page (a rare, cheap case: each count reads at most COUNT_CAP ids).
The page turns each relaxation into a link that changes one thing of the query.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from offers.search.modes import smart_ranker
from offers.search.params import OfferSearchParams
from offers.search.query import COUNT_CAP, offer_filtered_queryset, offer_search
from offers.search.vocabulary import query_expand

RADII_KM = (5, 10, 20, 30, 50, 100)  # the radius choices of the search form

# URL parameter of a filter -> the search parameters without it.
FILTERS: dict[str, dict[str, Any]] = {
    "contrat": {"contract_types": ()},
    "experience": {"seniorities": ()},
    "secteur": {"domain": ""},
    "rome": {"rome_code": ""},
    "salaire_min": {"salary_min": None},
    "teletravail": {"remote": False},
    "depuis": {"published_within_days": None},
    "source": {"sources": ()},
}


@dataclass(frozen=True)
class Relaxation:
    """One change of the query: `name` is the URL parameter, `value` its new value ("" drops it)."""

    kind: str  # "filter", "radius", "place" or "smart"
    name: str
    value: str
    count: int
    capped: bool = False  # at least `count` offers (the count stopped at COUNT_CAP)


def _count(params: OfferSearchParams) -> int:
    offers = offer_filtered_queryset(params, query_expand(params.q))
    return offers.order_by().values("id")[:COUNT_CAP].count()


def _relaxation(kind: str, name: str, value: str, count: int) -> Relaxation:
    return Relaxation(kind=kind, name=name, value=value, count=count, capped=count >= COUNT_CAP)


def search_relaxations(params: OfferSearchParams) -> list[Relaxation]:
    """The relaxations that would show offers: drop one filter, widen the radius, drop the place, smart mode."""
    found: list[Relaxation] = []
    for name, without in FILTERS.items():
        if all(getattr(params, field) == empty for field, empty in without.items()):
            continue
        if count := _count(replace(params, **without)):
            found.append(_relaxation("filter", name, "", count))
    place = params.place
    if place is not None and not place.is_everywhere:
        if place.located:
            # The smallest radius that finds something.
            for km in RADII_KM:
                if km > (params.radius_km or 0) and (count := _count(replace(params, radius_km=km))):
                    found.append(_relaxation("radius", "rayon", str(km), count))
                    break
        if count := _count(replace(params, place=None, radius_km=None)):
            found.append(_relaxation("place", "lieu", "", count))
    if params.q.strip() and not params.smart and smart_ranker() is not None:
        smart = offer_search(params=replace(params, smart=True, page=1))
        if smart.total:
            found.append(_relaxation("smart", "intelligente", "on", smart.total))
    return found
