"""The search page's "recherche intelligente": full text and vectors fused, inside the page's filters."""

from __future__ import annotations

import pytest

from matching.search import smart_search
from matching.services import offer_embeddings_refresh
from offers.models import Offer, OfferStatus
from offers.search.modes import smart_ranker
from tests.factories import OfferFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def offers(active_model):
    made = {
        "php": OfferFactory(
            title="Développeur PHP Symfony H/F",
            rome_code="M1805",
            rome_label="Études et développement informatique",
            description="Développement d'API web et de services côté serveur.",
            skills=["PHP", "Symfony", "MySQL"],
            contract_type="cdi",
        ),
        "java_cdd": OfferFactory(
            title="Ingénieur logiciel Java H/F",
            rome_code="M1805",
            rome_label="Études et développement informatique",
            description="Conception de microservices et d'API REST.",
            skills=["Java", "Spring"],
            contract_type="cdd",
        ),
        "baker": OfferFactory(title="Boulanger H/F", skills=["Pétrir la pâte"], contract_type="cdi"),
    }
    offer_embeddings_refresh()
    return made


def test_smart_search_finds_an_offer_that_shares_no_word_with_the_query(offers):
    ids = smart_search(text="programmeur backend", limit=3, min_similarity=0.0)
    assert ids[0] in {offers["php"].pk, offers["java_cdd"].pk}
    assert ids.index(offers["baker"].pk) == 2


def test_smart_search_stays_inside_the_filtered_offers(offers):
    cdi_only = Offer.objects.filter(status=OfferStatus.OPEN, contract_type="cdi")
    ids = smart_search(text="développeur java", candidates=cdi_only, limit=10, min_similarity=0.0)
    assert offers["java_cdd"].pk not in ids
    assert ids[0] == offers["php"].pk


def test_matching_registers_the_smart_ranker_for_the_search_page(offers):
    ranker = smart_ranker()
    assert ranker is not None
    everything = Offer.objects.filter(status=OfferStatus.OPEN)
    assert set(ranker("développeur", everything, 10)) <= set(everything.values_list("id", flat=True))


def test_smart_search_falls_back_to_words_when_the_weights_are_missing(offers, monkeypatch):
    from matching.encoder import EmbeddingModelUnavailable

    def missing(model):
        raise EmbeddingModelUnavailable("weights not installed")

    monkeypatch.setattr("matching.services.encoder_for", missing)
    assert smart_search(text="boulanger", limit=5) == [offers["baker"].pk]
