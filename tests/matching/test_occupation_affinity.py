"""A close occupation is shown to a candidate with a clear one only when the two trades are alike."""

from __future__ import annotations

import pytest

from matching.models import EmbeddingModel, OccupationEmbedding
from matching.occupation_affinity import occupation_affinities, occupation_embeddings_refresh, occupation_texts_forget
from matching.ranking import recommendations_for
from matching.reading import CandidateOccupation
from matching.selectors import active_embedding_model
from matching.services import offer_embeddings_refresh
from offers.models import Occupation
from tests.factories import OccupationFactory, OfferFactory

pytestmark = pytest.mark.django_db

# Definitions in the referential's manner (ROME's own sit in ../shared/data/rome, loaded by `load_rome`).
HAIRDRESSER = (
    "Réalise des coupes, des colorations, des permanentes et des coiffages selon les souhaits du client. "
    "Conseille sur les soins capillaires et vend des produits de coiffure."
)
BEAUTICIAN = (
    "Réalise des soins de beauté du visage et du corps, des épilations et des maquillages selon les souhaits du "
    "client. Conseille sur les soins et vend des produits cosmétiques."
)
CLOTHES_SELLER = (
    "Vend des vêtements, des chaussures et des accessoires de mode à une clientèle de particuliers. Met en rayon "
    "les articles, tient la caisse et suit les stocks du magasin."
)


@pytest.fixture
def salon(active_model):
    # One ROME subdomain, D12, for all three: ROME calls each "close" to the others.
    OccupationFactory(code="D1202", label="Coiffeur / Coiffeuse", definition=HAIRDRESSER)
    OccupationFactory(code="D1208", label="Esthéticien / Esthéticienne", definition=BEAUTICIAN)
    OccupationFactory(code="D1214", label="Vendeur / Vendeuse en prêt-à-porter", definition=CLOTHES_SELLER)
    OccupationFactory(code="D1211", label="Vendeur / Vendeuse d'articles de sport")  # no definition
    offers = {
        "beautician": OfferFactory(title="Esthéticienne H/F", rome_code="D1208", description=BEAUTICIAN),
        "clothes": OfferFactory(title="Vendeuse en prêt-à-porter H/F", rome_code="D1214", description=CLOTHES_SELLER),
        "sport": OfferFactory(title="Vendeur d'articles de sport H/F", rome_code="D1211", description="Vente."),
    }
    offer_embeddings_refresh()
    return offers


def test_alike_trades_are_nearer_than_trades_rome_only_files_together(salon):
    model = active_embedding_model()
    affinity = occupation_affinities(model, ["D1202"], ["D1208", "D1214", "D1211"])

    assert affinity["D1208"] > affinity["D1214"]
    assert "D1211" not in affinity  # no definition: not judged


def test_a_named_hairdresser_is_shown_a_beautician_but_not_a_clothes_shop_however_near_its_text(salon):
    model = active_embedding_model()
    hairdresser = [CandidateOccupation("D1202", "Coiffeur / Coiffeuse", 1.0, "title")]

    def shown(offer):
        # The offer's own vector: nearer in meaning than any floor asks.
        vector = model.offer_embeddings.get(offer=offer).vector
        results = recommendations_for(vector=vector, model=model, occupations=hairdresser, min_similarity=0)
        return {r.offer: r.explanation for r in results}

    beautician = shown(salon["beautician"])
    assert salon["beautician"] in beautician
    assert beautician[salon["beautician"]].occupation_fit == "close"
    assert salon["clothes"] not in shown(salon["clothes"])
    # An occupation without a definition is judged by ROME's relation alone, as before.
    assert salon["sport"] in shown(salon["sport"])


def test_an_unlike_trade_nearer_than_every_offer_of_the_candidates_own_stays_the_reading_may_be_wrong(salon):
    OccupationFactory(code="D1202", label="Coiffeur / Coiffeuse", definition=HAIRDRESSER)
    hairdresser_offer = OfferFactory(title="Coiffeur H/F", rome_code="D1202", description=HAIRDRESSER)
    offer_embeddings_refresh()
    model = active_embedding_model()
    hairdresser = [CandidateOccupation("D1202", "Coiffeur / Coiffeuse", 1.0, "title")]
    vector = model.offer_embeddings.get(offer=salon["clothes"]).vector

    shown = [r.offer for r in recommendations_for(vector=vector, model=model, occupations=hairdresser)]

    # The clothes shop is nearer to this profile's text than the hairdresser's offer: the reading, not the
    # offer, may be what is wrong, so it is shown (after theirs, for the occupation bonus).
    assert salon["clothes"] in shown
    assert hairdresser_offer in shown


def test_weights_that_cannot_be_loaded_here_judge_no_affinity(salon):
    model = active_embedding_model()
    # A row whose weights are not those installed (a switch half done): its encoder cannot be used.
    stale = EmbeddingModel(name=model.name, backend=model.backend, weights_checksum="0" * 64, dimension=model.dimension)

    assert occupation_affinities(stale, ["D1202"], ["D1208", "D1214"]) == {}


def test_occupations_are_encoded_with_the_offers_refresh_and_read_back_without_encoding(salon, monkeypatch):
    from matching import occupation_affinity, services

    model = active_embedding_model()
    # The offers' refresh (the salon fixture ran it) stored the three occupations that have a definition.
    assert set(OccupationEmbedding.objects.filter(model=model).values_list("occupation_id", flat=True)) == {
        "D1202",
        "D1208",
        "D1214",
    }
    assert occupation_embeddings_refresh(model) == 0
    Occupation.objects.filter(code="D1214").update(definition=CLOTHES_SELLER + " Conseille la clientèle.")
    assert occupation_embeddings_refresh(model) == 1  # a new text, a new vector
    before = occupation_affinities(model, ["D1202"], ["D1208", "D1214"])

    # A fresh process reads the stored vectors back: no request encodes.
    monkeypatch.setattr(occupation_affinity, "_vectors", {})
    occupation_texts_forget()

    def no_encoding(model):
        raise AssertionError("a request encoded an occupation")

    monkeypatch.setattr(services, "encoder_for", no_encoding)
    after = occupation_affinities(model, ["D1202"], ["D1208", "D1214"])
    assert after == pytest.approx(before, abs=1e-5)
