"""What a search can ask for (`OfferSearchParams`) and its sort orders."""

from __future__ import annotations

from dataclasses import dataclass

from offers.search.places import Place


class SortOrder:
    RELEVANCE = "pertinence"
    NEWEST = "date"
    SALARY = "salaire"
    DISTANCE = "distance"
    CHOICES = (
        (RELEVANCE, "Pertinence"),
        (NEWEST, "Plus récentes"),
        (SALARY, "Salaire le plus élevé"),
        (DISTANCE, "Plus proches"),
    )


@dataclass(frozen=True)
class OfferSearchParams:
    """Everything a search can ask for. Build it with `offers.forms.search_params_from_query`.

    q: keywords (French full text, typo tolerant, job-title synonyms);
    place + radius_km: a resolved `Place` and an optional radius around its coordinates;
    contract_types / seniorities / sources: any of the listed values (OR within a filter);
    domain, rome_code: exact values; salary_min: annual EUR the offer's range must reach
    (`salary_estimates`: a source's estimate may reach it too when the offer states no salary);
    remote: only offers allowing remote work; published_within_days: publication age;
    include_closed: closed offers too (default: open only); sort: a `SortOrder` value
    (see `effective_sort`); page: 1-based;
    smart: "recherche intelligente", the offers passing the filters ranked by the meaning
    of `q` as well as its words (see offers/search/modes.py), at most `query.SMART_LIMIT` of them.
    """

    q: str = ""
    place: Place | None = None
    radius_km: int | None = None
    contract_types: tuple[str, ...] = ()
    seniorities: tuple[str, ...] = ()
    domain: str = ""
    rome_code: str = ""
    salary_min: int | None = None
    salary_estimates: bool = False
    remote: bool = False
    published_within_days: int | None = None
    sources: tuple[str, ...] = ()
    include_closed: bool = False
    sort: str = SortOrder.RELEVANCE
    page: int = 1
    smart: bool = False

    @property
    def effective_sort(self) -> str:
        """The order used: relevance needs keywords, distance a place with a centre.

        Without keywords, a place with a centre sorts by distance (the nearest first),
        anything else by date.
        """
        located = self.place is not None and self.place.located
        if self.sort == SortOrder.DISTANCE and not located:
            return SortOrder.NEWEST
        if self.sort == SortOrder.RELEVANCE and not self.q.strip():
            return SortOrder.DISTANCE if located else SortOrder.NEWEST
        return self.sort
