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
    plain = client.get("/offres/", {"q": "programmeur backend"})
    assert plain.context["result"].total == 0

    smart = client.get("/offres/", {"q": "programmeur backend", "intelligente": "on"})

    assert smart.status_code == 200
    found = smart.context["result"].offers
    assert found[0] == offers["developer"]
    html = smart.content.decode()
    assert "Recherche intelligente : les 200 offres au plus" in html
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
