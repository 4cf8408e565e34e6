"""A candidate's recommendations: vector recomputed after each profile change, page, hide, save, API."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from candidates.services import profile_update
from matching.models import CandidateEmbedding, HiddenOffer
from matching.services import offer_embeddings_refresh
from tests.factories import BAKER_PROFILE, CommuneFactory, OfferFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def offers(active_model):
    CommuneFactory()  # Montpellier
    # As France Travail files them (D1102); no ROME referential loaded.
    near = OfferFactory(
        title="Boulanger H/F",
        rome_code="D1102",
        contract_type="cdi",
        skills=["Pétrir la pâte", "Cuire des pâtons", "Permis C", "Tenir une caisse"],
    )
    interim = OfferFactory(title="Boulanger tourier intérim", rome_code="D1102", contract_type="interim")
    far = OfferFactory(
        title="Boulanger à Lille", rome_code="D1102", city="Lille", latitude=50.63, longitude=3.06, contract_type="cdi"
    )
    developer = OfferFactory(
        title="Développeur Python", rome_code="M1805", description="Applications web en Django.", skills=["Python"]
    )
    offer_embeddings_refresh()
    return {"near": near, "interim": interim, "far": far, "developer": developer}


@pytest.fixture
def candidate(db, django_capture_on_commit_callbacks):
    user = get_user_model().objects.create_user(username="marie@example.fr", email="marie@example.fr", password="x")
    with django_capture_on_commit_callbacks(execute=True):
        profile_update(user=user, data=BAKER_PROFILE)
    return user


def test_a_profile_change_recomputes_the_candidate_vector_once_committed(
    offers, candidate, active_model, django_capture_on_commit_callbacks
):
    embedding = CandidateEmbedding.objects.get(model=active_model)
    assert embedding.profile_id == candidate.candidate_profile.pk
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        profile_update(user=candidate, data={"presentation": "Boulangère et pâtissière."})
    # Not before the commit: the signal (and the task it queues) wait for it.
    assert CandidateEmbedding.objects.get(model=active_model).content_hash == embedding.content_hash
    with django_capture_on_commit_callbacks(execute=True):  # the commit: the task is queued on it in turn
        for callback in callbacks:
            callback()
    assert CandidateEmbedding.objects.get(model=active_model).content_hash != embedding.content_hash


def test_deleting_an_account_drops_its_vectors(offers, candidate, django_capture_on_commit_callbacks):
    from candidates.services import candidate_delete

    with django_capture_on_commit_callbacks(execute=True):
        candidate_delete(user=candidate)
    assert not CandidateEmbedding.objects.exists()


def test_the_page_needs_an_account(client):
    response = client.get("/recommandations/")
    assert response.status_code == 302
    assert response.url.startswith("/connexion/")


def test_the_page_lists_explained_offers_that_honour_the_profile_constraints(client, offers, candidate):
    client.force_login(candidate)
    response = client.get("/recommandations/")
    assert response.status_code == 200
    listed = [item.offer for item in response.context["recommendations"]]
    assert listed[0] == offers["near"]
    assert offers["interim"] not in listed  # contract types: CDI only
    assert offers["far"] not in listed  # 50 km around Montpellier
    html = response.content.decode()
    assert "Pourquoi cette offre ?" in html
    assert "Vous avez : Pétrir la pâte" in html
    # A licence is had or not; a general skill of the trade she named that her words do not say is hers to state.
    assert "À acquérir : Permis C<" in html
    assert "À préciser dans votre profil si vous les maîtrisez : Tenir une caisse<" in html
    assert "Ajouter mes compétences à mon profil" in html
    # Baking is of ROME's group of skills of the kneading she lists (offers/understanding/skill_groups.py): she may
    # bake, her words do not say it; neither claimed nor called missing.
    assert "Cuire des pâtons" not in html.split("Vous avez :")[1].split("</")[0]
    assert "Cuire des pâtons" not in html.split("À acquérir :")[1].split("</")[0]
    assert "imilarité" not in html  # no figure a candidate cannot check
    assert offers["developer"] not in listed  # a baker is not padded with a developer offer
    # Fewer offers shown: the page says what would show more (the interim offer next door).
    assert "Acceptez tous les types de contrat : 1 offre de plus" in html
    # No wider radius up to 150 km shows more: anywhere does (the CDI in Lille).
    assert "Cherchez dans toute la France : 1 offre de plus" in html
    assert "Élargissez le rayon" not in html
    assert "Sauvegarder" in html


def test_hiding_an_offer_swaps_the_list_and_the_offer_never_comes_back(client, offers, candidate):
    client.force_login(candidate)
    response = client.post(f"/recommandations/masquer/{offers['near'].pk}/", HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert HiddenOffer.objects.filter(user=candidate, offer=offers["near"]).exists()
    fragment = response.content.decode()
    assert "<html" not in fragment  # the fragment only
    assert f'href="/offres/{offers["near"].pk}/"' not in fragment
    again = client.get("/recommandations/")
    assert offers["near"] not in [item.offer for item in again.context["recommendations"]]


def test_hiding_an_unknown_offer_is_a_404(client, offers, candidate):
    client.force_login(candidate)
    assert client.post("/recommandations/masquer/999999/").status_code == 404


def test_a_saved_offer_shows_as_saved(client, offers, candidate):
    from candidates.services import saved_offer_add

    saved_offer_add(user=candidate, offer_id=offers["near"].pk)
    client.force_login(candidate)
    assert "Sauvegardée" in client.get("/recommandations/").content.decode()


def test_an_empty_profile_is_invited_to_fill_it_in(client, offers):
    user = get_user_model().objects.create_user(username="vide@example.fr", password="x")
    client.force_login(user)
    assert "Complétez votre profil" in client.get("/recommandations/").content.decode()


def test_the_api_gives_the_same_recommendations_to_the_signed_in_candidate(client, offers, candidate):
    assert client.get("/api/me/recommendations/").status_code in (401, 403)
    client.force_login(candidate)
    body = client.get("/api/me/recommendations/?k=2").json()
    assert body["count"] <= 2
    assert body["results"][0]["offer"]["id"] == offers["near"].pk
    assert body["results"][0]["explanation"]["matched_skills"] == ["Pétrir la pâte"]
    assert client.get("/api/me/recommendations/?k=0").status_code == 400
