"""The "recherche intelligente" switch of /offres/ (offers asks matching's registered ranker)."""

from __future__ import annotations

import pytest

from matching.services import offer_embeddings_refresh
from tests.factories import OfferFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def offers(active_model):
    made = {
        "developer": OfferFactory(
            title="Développeur PHP Symfony H/F",
            rome_code="M1805",
            rome_label="Études et développement informatique",
            description="Développement d'API web et de services côté serveur.",
            skills=["PHP", "Symfony"],
        ),
        "baker": OfferFactory(title="Boulanger H/F", skills=["Pétrir la pâte"]),
    }
    offer_embeddings_refresh()
    return made


def test_the_smart_switch_finds_offers_by_meaning_where_words_find_none(client, offers):
    plain = client.get("/offres/", {"q": "conception de logiciels"})
    assert plain.context["result"].total == 0

    smart = client.get("/offres/", {"q": "conception de logiciels", "intelligente": "on"})

    assert smart.status_code == 200
    found = smart.context["result"].offers
    assert found[0] == offers["developer"]
    html = smart.content.decode()
    # Nothing holds the words: the page says that what it shows is close in meaning, not an answer.
    assert "aucune offre ne contient ces mots ; voici des offres proches par le sens" in html
    assert smart.context["result"].approximate
    assert 'name="intelligente"' in html and "checked" in html.split('name="intelligente"')[1].split(">")[0]


def test_the_smart_switch_keeps_the_filters_and_shows_nothing_unrelated(client, offers):
    offers["developer"].contract_type = "cdd"
    offers["developer"].save()
    java = OfferFactory(
        title="Ingénieur logiciel Java H/F",
        rome_code="M1805",
        description="Microservices et API REST.",
        skills=["Java"],
        contract_type="cdi",
    )
    offer_embeddings_refresh()

    smart = client.get("/offres/", {"q": "programmeur backend", "intelligente": "on", "contrat": "cdi"})

    # The CDD developer is filtered out; the CDI baker passes the filter but is too far in meaning.
    assert smart.context["result"].offers == [java]


def test_the_smart_switch_keeps_the_offers_holding_the_words_first(client, offers):
    plain = client.get("/offres/", {"q": "boulanger"}).context["result"]
    smart = client.get("/offres/", {"q": "boulanger", "intelligente": "on"}).context["result"]

    # Meaning only adds after the plain answer: it never pushes an offer holding the words down.
    assert smart.offers[: len(plain.offers)] == plain.offers == [offers["baker"]]
    assert smart.exact_total == 1


def test_an_empty_plain_search_proposes_the_smart_search_with_its_count(client, offers):
    response = client.get("/offres/", {"q": "conception de logiciels"})

    smart = [link for link in response.context["relaxations"] if "intelligente=on" in link["url"]]
    assert smart and smart[0]["count"] >= 1
    assert "Essayer la recherche intelligente" in response.content.decode()
