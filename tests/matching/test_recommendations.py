"""Recommendations from real texts: ranking, explanations, hidden offers."""

from __future__ import annotations

import pytest

from matching.explanations import CandidateContext, skill_is_covered
from matching.knn import HardConstraints
from matching.ranking import recommendations_for, recommendations_for_text
from matching.selectors import active_embedding_model
from matching.services import hidden_offer_add, hidden_offer_remove, offer_embeddings_refresh
from offers.models import Occupation
from tests.factories import OccupationFactory, OfferFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def offers(active_model):
    baker = OfferFactory(
        title="Boulanger H/F",
        rome_code="D1102",
        skills=["Pétrir la pâte", "Façonner les pâtons", "Cuire des viennoiseries"],
        salary_min=24_000,
        salary_max=26_000,
        latitude=43.61,
        longitude=3.88,
    )
    pastry = OfferFactory(
        title="Pâtissier H/F",
        rome_code="D1104",
        rome_label="Pâtisserie, confiserie",
        description="Fabrication de gâteaux, entremets et tartes dans une pâtisserie artisanale.",
        skills=["Réaliser des entremets"],
        salary_min=None,
        salary_max=None,
        latitude=43.30,
        longitude=5.37,
    )
    developer = OfferFactory(
        title="Développeur Python H/F",
        rome_code="M1805",
        rome_label="Études et développement informatique",
        description="Développement d'applications web en Python et Django, tests automatisés.",
        skills=["Python", "Django"],
    )
    offer_embeddings_refresh()
    return {"baker": baker, "pastry": pastry, "developer": developer}


def test_a_baker_profile_gets_the_baker_offer_first(offers):
    results = recommendations_for_text(text="Je suis boulanger, je fais du pain et des croissants", min_similarity=0)
    assert results[0].offer == offers["baker"]
    assert results[-1].offer == offers["developer"]
    assert all(a.similarity >= b.similarity for a, b in zip(results, results[1:], strict=False))


def test_each_recommendation_explains_skills_distance_salary_and_occupation(offers):
    OccupationFactory(code="D1102", label="Boulangerie")
    pastry_occupation = OccupationFactory(code="D1104", label="Pâtisserie")
    Occupation.objects.get(code="D1102").close_occupations.add(pastry_occupation)
    model = active_embedding_model()
    vector = model.offer_embeddings.get(offer=offers["baker"]).vector
    context = CandidateContext(
        text="Boulanger, je sais pétrir la pâte à la main",
        skills=("cuire des viennoiseries",),
        rome_code="D1102",
        latitude=43.61,
        longitude=3.88,
        salary_floor=25_000,
    )
    results = {
        r.offer.pk: r for r in recommendations_for(vector=vector, model=model, context=context, min_similarity=0)
    }

    baker = results[offers["baker"].pk].explanation
    assert baker.similarity == pytest.approx(1.0, abs=1e-4)
    assert baker.matched_skills == ["Pétrir la pâte", "Cuire des viennoiseries"]
    assert baker.missing_skills == ["Façonner les pâtons"]
    assert baker.distance_km == pytest.approx(0.0, abs=0.01)
    assert (baker.salary_fit, baker.occupation_fit) == ("above_floor", "same")
    assert "Similarité 100 %" in baker.summary

    pastry = results[offers["pastry"].pk].explanation
    assert 120 < pastry.distance_km < 130  # Montpellier - Marseille, as the crow flies
    assert (pastry.salary_fit, pastry.occupation_fit) == ("not_stated", "close")
    assert results[offers["developer"].pk].explanation.occupation_fit == "other"


def test_a_salary_under_the_floor_is_filtered_out_while_an_unstated_one_is_kept(offers):
    model = active_embedding_model()
    vector = model.offer_embeddings.get(offer=offers["baker"]).vector
    results = recommendations_for(
        vector=vector, model=model, constraints=HardConstraints(salary_floor=30_000), min_similarity=0
    )
    ids = {r.offer.pk for r in results}
    assert offers["baker"].pk not in ids
    assert offers["pastry"].pk in ids


def test_hidden_offers_never_come_back_for_that_candidate(offers):
    user, other = UserFactory(), UserFactory()
    model = active_embedding_model()
    vector = model.offer_embeddings.get(offer=offers["baker"]).vector
    hidden_offer_add(user_id=user.pk, offer_id=offers["baker"].pk)
    hidden_offer_add(user_id=user.pk, offer_id=offers["baker"].pk)  # twice is harmless

    mine = recommendations_for(vector=vector, model=model, user_id=user.pk, min_similarity=0)
    theirs = recommendations_for(vector=vector, model=model, user_id=other.pk, min_similarity=0)
    assert offers["baker"].pk not in {r.offer.pk for r in mine}
    assert theirs[0].offer == offers["baker"]

    hidden_offer_remove(user_id=user.pk, offer_id=offers["baker"].pk)
    assert (
        recommendations_for(vector=vector, model=model, user_id=user.pk, min_similarity=0)[0].offer == offers["baker"]
    )


@pytest.mark.parametrize(
    ("skill", "text", "covered"),
    [
        ("Pétrir la pâte", "je petris la pate tous les jours", True),
        ("Python", "développeuse python depuis 3 ans", True),
        ("Gestion de stocks", "inventaires et gestion des stocks", True),
        ("Conduite de chariot élévateur", "boulanger", False),
    ],
)
def test_a_skill_is_covered_by_the_candidate_words_accents_and_plurals_aside(skill, text, covered):
    from matching.explanations import _words

    assert skill_is_covered(skill, candidate_skills=(), candidate_words=_words(text)) is covered


def test_an_offer_page_fragment_lists_similar_open_offers_but_not_the_offer_itself(client, offers):
    from matching.selectors import similar_offers

    similar = similar_offers(offer_id=offers["baker"].pk, min_similarity=0)
    assert offers["baker"] not in [offer for offer, _ in similar]
    assert similar[0][0] == offers["pastry"]
    response = client.get(f"/offres/{offers['baker'].pk}/similaires/")
    assert response.status_code == 200
    assert "Offres similaires" in response.content.decode()
    assert client.get("/offres/999999/similaires/").status_code == 200  # unknown: nothing similar


def test_hybrid_search_fuses_full_text_and_vector_rankings(offers):
    from matching.search import hybrid_search, keyword_ranking

    assert keyword_ranking(text="développeur Django")[0] == offers["developer"].pk
    ranked = hybrid_search(text="développeuse web python")
    assert ranked[0] == offers["developer"].pk
    assert set(ranked) <= {offer.pk for offer in offers.values()}
