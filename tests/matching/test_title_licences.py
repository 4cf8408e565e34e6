"""A neighbouring trade's offer whose title asks a licence the candidate does not show is not shown to them."""

from __future__ import annotations

import pytest

from matching.explanations import CandidateContext
from matching.occupation_fit import lacks_title_licence
from matching.ranking import recommendations_for
from matching.reading import CandidateOccupation
from matching.selectors import active_embedding_model
from matching.services import offer_embeddings_refresh
from offers.understanding.skills import skill_reader
from tests.factories import OfferFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("title", "skills", "lacks"),
    [
        ("Cariste CACES 3 (H/F)", ["Préparation de commandes", "Transpalette"], True),
        ("Cariste CACES 3 (H/F)", ["CACES R489 catégorie 1"], True),  # a CACES 1 is no CACES 3
        ("Cariste CACES 3 (H/F)", ["CACES 1, 3 et 5"], False),
        ("Chauffeur super lourd (H/F)", ["Permis B", "Livraison de colis"], True),
        ("Chauffeur super lourd (H/F)", ["Permis C et CE", "FIMO"], False),
        # A licence most adults hold, or that an employer gives, asks nothing; nor does a title naming none.
        ("Chauffeur livreur permis B (H/F)", ["Manutention"], False),
        ("Cariste magasinier (H/F)", ["Manutention"], False),
    ],
)
def test_a_title_asks_the_licences_it_names(title, skills, lacks):
    assert lacks_title_licence(title, skill_reader().profile(skills=skills)) is lacks


def test_an_offer_of_a_close_trade_asking_a_licence_they_lack_is_not_shown(active_model):
    driver = OfferFactory(title="Cariste CACES 3 (H/F)", rome_code="N1101", description="Chargement au chariot.")
    handler = OfferFactory(title="Cariste magasinier (H/F)", rome_code="N1101", description="Chargement au chariot.")
    offer_embeddings_refresh()
    model = active_embedding_model()
    # A clear order picker: forklift driving is a close trade (ROME subdomain N11).
    picker = [CandidateOccupation("N1103", "Préparateur / Préparatrice de commandes", 1.0, "title")]

    def shown(skills: tuple[str, ...]) -> set:
        vector = model.offer_embeddings.get(offer=driver).vector
        results = recommendations_for(
            vector=vector,
            model=model,
            occupations=picker,
            context=CandidateContext(skills=skills),
            min_similarity=0,
        )
        return {result.offer for result in results}

    assert driver not in shown(("Préparation de commandes",)) and handler in shown(("Préparation de commandes",))
    assert driver in shown(("CACES R489 catégorie 3",))
