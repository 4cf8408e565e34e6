"""Counts per filter value over the results of a search (`offer_facets`)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from offers.geography.gazetteer import departements
from offers.models import ContractType, Seniority, Source
from offers.search import query
from offers.search.modes import smart_ranker
from offers.search.params import OfferSearchParams, SortOrder
from offers.search.query import (
    OfferSearchResult,
    estimated_count,
    is_common,
    match_sets,
    offer_filtered_queryset,
    search_pass,
)
from offers.search.vocabulary import query_expand

FACET_SAMPLE = 1_000


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int


@dataclass(frozen=True)
class OfferFacets:
    """Counts per filter value over the current results.

    When there are more than FACET_SAMPLE matches, `sampled` is True: the counts were
    made on FACET_SAMPLE matches (`counted`) and scaled to the estimated total.
    """

    contract_types: list[FacetValue]
    seniorities: list[FacetValue]
    domains: list[FacetValue]
    rome_codes: list[FacetValue]
    sources: list[FacetValue]
    remote: int
    published_within: list[FacetValue]  # value = days
    salary_known: int
    counted: int
    sampled: bool
    departements: list[FacetValue] = field(default_factory=list)
    salary_minimums: list[FacetValue] = field(default_factory=list)  # value = annual EUR the range reaches


def offer_facets(*, params: OfferSearchParams, result: OfferSearchResult | None = None) -> OfferFacets:
    """Counts per value of every filter over the current results.

    Pass the `offer_search` result of the same params to reuse what it read (no
    second query). Past FACET_SAMPLE matches the counts are made on a sample and
    scaled to the estimated total (`sampled`).
    """
    if params.smart and params.q.strip() and smart_ranker() is not None:
        # Smart mode ranks every offer passing the filters: count over those, not the keyword matches.
        params, result = replace(params, q="", smart=False), None
    if result is not None and result.facet_data and FACET_SAMPLE == query.COUNT_CAP:
        data, total = result.facet_data, result.total
    else:
        expanded = query_expand(params.q)
        estimate = estimated_count(offer_filtered_queryset(params, expanded))
        data = search_pass(
            expanded=expanded, limit=FACET_SAMPLE + 1, order=SortOrder.NEWEST, page_start=0, page_size=0,
            newest_first=is_common(estimate), **match_sets(params, expanded),
        )  # fmt: skip
        total = max(estimate, FACET_SAMPLE + 1) if data["n"] > FACET_SAMPLE else data["n"]
    counted = data["n"]
    sampled = total > counted or counted > FACET_SAMPLE
    scale = total / counted if sampled and counted else 1.0

    def scaled(count: int) -> int:
        return round(count * scale)

    def counts(kind: str) -> dict[str, int]:
        return {row[0]: row[1] for row in data[kind]}

    def choice_facet(kind: str, choices: Any) -> list[FacetValue]:
        found = counts(kind)
        return [FacetValue(value, str(label), scaled(found[value])) for value, label in choices if found.get(value)]

    def top(kind: str, *, labelled: bool = False) -> list[FacetValue]:
        rows = sorted(data[kind], key=lambda row: (-row[1], row[0]))
        return [
            FacetValue(row[0], f"{row[2]} ({row[0]})" if labelled and row[2] else row[0], scaled(row[1]))
            for row in rows
        ]

    departement_labels = {code: item.label for code, item in departements().items()}
    return OfferFacets(
        contract_types=choice_facet("contract", ContractType.choices),
        seniorities=choice_facet("seniority", Seniority.choices),
        domains=top("domain"),
        rome_codes=top("rome", labelled=True),
        sources=choice_facet("source", Source.choices),
        remote=scaled(data["remote"]),
        published_within=[
            FacetValue(days, label, scaled(data[f"d{days}"]))
            for days, label in (("1", "24 heures"), ("7", "7 jours"), ("30", "30 jours"))
        ],
        salary_known=scaled(data["salary"]),
        counted=min(counted, FACET_SAMPLE),
        sampled=sampled,
        departements=[
            FacetValue(item.value, departement_labels.get(item.value, item.label), item.count)
            for item in top("departement")
        ],
        salary_minimums=[
            FacetValue(str(amount), f"{amount // 1000} k€ et plus", scaled(count))
            for amount, count in zip((20000, 30000, 40000, 50000), data["pay"], strict=True)
            if count
        ],
    )
