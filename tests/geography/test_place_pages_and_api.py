"""Places on the search page, the market page and the API."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from offers.market import offer_market
from offers.search.params import OfferSearchParams
from offers.search.places import place_resolve
from tests.factories import OfferFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def offers(load_communes):
    load_communes("Paris", "75108", "75119", "75101", "Montpellier", "Lunel")
    OfferFactory(title="Serveur Montpellier", commune_insee="34172", city="Montpellier", departement="34")
    OfferFactory(title="Serveur Lunel", commune_insee="34145", city="Lunel", departement="34", postcode="34400",
                 latitude=43.6757, longitude=4.1358)  # fmt: skip
    OfferFactory(title="Serveur Hérault", commune_insee="", city="", postcode="", departement="34",
                 latitude=None, longitude=None)  # fmt: skip


def api_titles(response) -> list[str]:
    assert response.status_code == 200, response.json()
    return [offer["title"] for offer in response.json()["results"]]


def test_the_api_understands_places_as_the_page_does(offers):
    client = APIClient()
    assert sorted(api_titles(client.get("/api/offers/", {"lieu": "Hérault"}))) == [
        "Serveur Hérault", "Serveur Lunel", "Serveur Montpellier",
    ]  # fmt: skip
    assert api_titles(client.get("/api/offers/", {"lieu": "Occitanie", "q": "serveur lunel"})) == ["Serveur Lunel"]
    assert api_titles(client.get("/api/offers/", {"lieu": "france entière", "page_size": 1}))


def test_the_api_sorts_by_distance_with_the_unlocated_offers_last_across_pages(offers):
    client = APIClient()
    response = client.get("/api/offers/", {"lieu": "Montpellier", "rayon": 30, "tri": "distance", "page_size": 1})
    seen = api_titles(response)
    while response.json()["next"]:
        response = client.get(response.json()["next"])
        seen += api_titles(response)
    assert seen == ["Serveur Montpellier", "Serveur Lunel", "Serveur Hérault"]
    first = client.get("/api/offers/", {"lieu": "Montpellier", "rayon": 30}).json()["results"][0]
    assert first["region"] == "76" and first["commune_insee"] == "34172"


def test_the_api_refuses_an_unknown_place_with_a_french_400(offers):
    response = APIClient().get("/api/offers/", {"lieu": "Montpelier"})
    assert response.status_code == 400
    body = response.json()
    (error,) = body["errors"]
    assert error["field"] == "lieu"
    assert "Lieu inconnu" in error["message"] and "Montpellier (34)" in error["message"]
    assert APIClient().post("/api/offers/search/", {"lieu": "Atlantide"}, format="json").status_code == 400
    assert APIClient().get("/api/offers/facets/", {"lieu": "Atlantide"}).status_code == 400


def test_a_radius_around_a_departement_is_explained(offers):
    response = APIClient().get("/api/offers/", {"lieu": "Hérault", "rayon": 10})
    assert response.status_code == 400
    assert "pas de « Hérault (34) »" in response.json()["errors"][0]["message"]


def test_the_page_shows_the_place_the_distances_and_the_unknown_distance(client, offers):
    html = client.get("/offres/", {"lieu": "Montpellier", "rayon": 30}).content.decode()
    assert "Montpellier (34)" in html and "et 30 km autour" in html
    assert "à 23 km" in html and "distance inconnue" in html
    assert html.index("Serveur Lunel") < html.index("Serveur Hérault")
    assert "Hérault (34)" in html  # the card of the offer placed at département level


def test_the_page_refuses_an_unknown_place_and_proposes_close_names(client, offers):
    html = client.get("/offres/", {"lieu": "Montpelier"}).content.decode()
    assert "Lieu inconnu : « Montpelier ». Vouliez-vous dire : Montpellier (34) ?" in html
    assert "Serveur Montpellier" not in html


def test_the_page_links_the_other_communes_of_the_same_name(client, load_communes):
    load_communes("Saint-Denis")
    html = client.get("/offres/", {"lieu": "Saint-Denis", "q": "serveur"}).content.decode()
    assert "autres communes de ce nom" in html
    assert "lieu=Saint-Denis+%28974%29" in html and "q=serveur" in html


def test_market_cities_count_cities_not_arrondissement_spellings(load_communes):
    load_communes("Paris", "75108", "75119", "75101", "Montpellier")
    OfferFactory.create_batch(3, commune_insee="34172", city="Montpellier", departement="34")
    OfferFactory(commune_insee="75108", city="Paris 8e Arrondissement", departement="75")
    OfferFactory(commune_insee="75119", city="PARIS 19", departement="75")
    OfferFactory(commune_insee="75056", city="Paris", departement="75")
    OfferFactory(commune_insee="", city="Paris 01", departement="75")  # placed before the communes were loaded
    OfferFactory(commune_insee="", city="Paris 1er Arrondissement", departement="75")
    cities = dict(offer_market(params=OfferSearchParams()).cities)
    assert cities == {"Paris (75)": 5, "Montpellier (34)": 3}


def test_market_of_a_whole_city(load_communes):
    load_communes("Paris", "75108", "75119")
    OfferFactory(commune_insee="75108", city="Paris 8e Arrondissement", departement="75")
    OfferFactory(commune_insee="75119", city="Paris 19e Arrondissement", departement="75")
    stats = offer_market(params=OfferSearchParams(place=place_resolve("Paris")))
    assert stats.total == 2 and stats.cities == [("Paris (75)", 2)]
