"""No dead end: an empty page proposes the changes that would give offers, each with its count."""

from __future__ import annotations

import pytest

from offers.models import ContractType
from offers.search.params import OfferSearchParams
from offers.search.places import place_resolve
from offers.search.relaxations import search_relaxations
from tests.factories import CommuneFactory, OfferFactory

pytestmark = pytest.mark.django_db


def test_a_filter_that_empties_the_page_is_proposed_with_the_offers_it_hides():
    OfferFactory(title="Boulanger", contract_type=ContractType.CDI)
    OfferFactory(title="Boulanger de nuit", contract_type=ContractType.CDI)
    OfferFactory(
        title="Comptable", contract_type=ContractType.CDD, skills=[], description="Bilans.", rome_code="M1203",
        rome_label="Comptabilité",
    )  # fmt: skip

    relaxations = search_relaxations(OfferSearchParams(q="boulanger", contract_types=(ContractType.CDD,)))

    assert [(r.kind, r.name, r.value, r.count) for r in relaxations] == [("filter", "contrat", "", 2)]


def test_an_empty_commune_proposes_the_smallest_radius_that_finds_offers_and_all_of_france():
    CommuneFactory()  # Montpellier
    CommuneFactory(insee_code="34145", name="Lunel", normalized_name="lunel", postcodes=["34400"],
                   latitude=43.682, longitude=4.1357)  # fmt: skip
    OfferFactory(title="Boulanger")  # in Montpellier, about 23 km from Lunel
    OfferFactory(title="Boulanger à Lille", city="Lille", postcode="59000", departement="59", commune_insee="59350",
                 latitude=50.6317, longitude=3.0478)  # fmt: skip

    relaxations = search_relaxations(OfferSearchParams(q="boulanger", place=place_resolve("Lunel")))

    assert [(r.kind, r.name, r.value, r.count) for r in relaxations] == [
        ("radius", "rayon", "30", 1),
        ("place", "lieu", "", 2),
    ]


def test_the_search_page_shows_the_relaxations_as_links_with_their_counts(client):
    OfferFactory(title="Boulanger", contract_type=ContractType.CDI)

    response = client.get("/offres/", {"q": "boulanger", "contrat": "cdd"})

    html = response.content.decode()
    assert response.context["result"].total == 0
    assert 'data-testid="relaxations"' in html
    assert '<a href="?q=boulanger">Sans le filtre « Type de contrat »</a> — 1 offre' in html


def test_nothing_is_proposed_when_no_change_would_find_an_offer(client):
    OfferFactory(title="Boulanger")

    response = client.get("/offres/", {"q": "astronaute"})

    assert response.context["relaxations"] == []
    assert "Pour élargir la recherche" in response.content.decode()
