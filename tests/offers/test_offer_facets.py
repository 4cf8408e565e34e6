"""offer_facets: counts per filter value over the current results."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from offers.models import ContractType, Seniority, Source
from offers.search import facets as facets_module
from offers.search.facets import offer_facets
from offers.search.params import OfferSearchParams
from tests.factories import OfferFactory

pytestmark = pytest.mark.django_db


def counts(values) -> dict[str, int]:
    return {value.value: value.count for value in values}


def test_facets_count_every_filter_over_the_current_results():
    now = timezone.now()
    OfferFactory(
        contract_type=ContractType.CDI,
        seniority=Seniority.JUNIOR,
        domain="Boulangerie",
        remote=True,
        sources=[Source.FRANCE_TRAVAIL, Source.ADZUNA],
        published_at=now,
        salary_min=25000,
        salary_max=28000,
    )
    OfferFactory(
        contract_type=ContractType.CDI,
        seniority=Seniority.CONFIRME,
        domain="Boulangerie",
        published_at=now - dt.timedelta(days=5),
    )
    OfferFactory(
        contract_type=ContractType.CDD,
        domain="Commerce",
        rome_code="D1106",
        rome_label="Vente en alimentation",
        sources=[Source.ADZUNA],
        published_at=now - dt.timedelta(days=20),
    )
    OfferFactory(
        title="Comptable",
        description="Bilan",
        company="Cabinet",
        rome_label="Comptabilité",
        rome_code="M1203",
        contract_type=ContractType.STAGE,
        skills=[],
    )

    facets = offer_facets(params=OfferSearchParams(q="boulanger"))

    assert counts(facets.contract_types) == {"cdi": 2, "cdd": 1}
    assert counts(facets.seniorities) == {"junior": 1, "confirme": 1}
    assert counts(facets.domains) == {"Boulangerie": 2, "Commerce": 1}
    assert counts(facets.rome_codes) == {"D1102": 2, "D1106": 1}
    assert facets.rome_codes[1].label == "Vente en alimentation (D1106)"
    assert counts(facets.sources) == {"francetravail": 2, "adzuna": 2}
    assert facets.remote == 1
    assert counts(facets.published_within) == {"1": 1, "7": 2, "30": 3}
    assert facets.salary_known == 1
    assert counts(facets.salary_minimums) == {"20000": 1}
    assert counts(facets.departements) == {"34": 3}
    assert (facets.counted, facets.sampled) == (3, False)


def test_facets_follow_the_filters():
    OfferFactory(contract_type=ContractType.CDI, domain="Boulangerie")
    OfferFactory(contract_type=ContractType.CDD, domain="Commerce")

    facets = offer_facets(params=OfferSearchParams(contract_types=(ContractType.CDD,)))

    assert counts(facets.domains) == {"Commerce": 1}


def test_facets_of_a_large_result_set_are_estimated_from_a_sample(monkeypatch):
    monkeypatch.setattr(facets_module, "FACET_SAMPLE", 3)
    for _ in range(6):
        OfferFactory(contract_type=ContractType.CDI)

    facets = offer_facets(params=OfferSearchParams())

    assert (facets.counted, facets.sampled) == (3, True)
    # Scaled to the planner's estimate of the total, which is at least the sample.
    assert counts(facets.contract_types)["cdi"] >= 3
