from __future__ import annotations

import json

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from candidates import cv_services, services
from candidates.models import ApiToken, CandidateProfile, SavedOffer
from tests.candidates.documents import pdf_with_text
from tests.factories import OfferFactory, UserFactory, api_token_for

pytestmark = pytest.mark.django_db

PASSWORD = "un mot de passe solide 2026"


@pytest.fixture
def camille(client):
    user = UserFactory(username="camille@example.fr")
    services.profile_update(user=user, data={"wanted_title": "Boulangère", "skills": ["Pétrir la pâte"]})
    cv_services.cv_upload_start(user=user, upload=SimpleUploadedFile("cv.pdf", pdf_with_text(["Boulangère"])))
    services.saved_offer_add(user=user, offer_id=OfferFactory(title="Boulanger de nuit").pk)
    api_token_for(user)
    client.force_login(user)
    return user


def test_the_export_holds_every_piece_of_my_data_as_json(client, camille):
    response = client.get("/profil/mes-donnees.json")
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"].startswith('attachment; filename="jobmarket-mes-donnees-')
    data = json.loads(response.content)
    assert data["account"]["email"] == "camille@example.fr"
    assert [token["name"] for token in data["account"]["api_tokens"]] == ["tests"]
    assert data["profile"]["wanted_title"] == "Boulangère"
    assert data["profile"]["skills"] == ["Pétrir la pâte"]
    assert data["profile"]["cv_text"] == "Boulangère"
    assert [saved["title"] for saved in data["saved_offers"]] == ["Boulanger de nuit"]


def test_the_export_holds_nothing_of_another_candidate(client, camille):
    other = UserFactory(username="dominique@example.fr")
    services.profile_update(user=other, data={"presentation": "Secret de Dominique"})
    assert "Dominique" not in client.get("/profil/mes-donnees.json").content.decode()


def test_deleting_my_account_needs_my_password(client, camille):
    response = client.post("/profil/supprimer/", {"password": "pas le bon"})
    assert response.status_code == 200
    assert "Mot de passe incorrect." in response.content.decode()
    assert get_user_model().objects.filter(pk=camille.pk).exists()


def test_deleting_my_account_deletes_everything_of_mine_and_nothing_else(
    client, camille, private_cv_folder, django_capture_on_commit_callbacks
):
    other = UserFactory(username="dominique@example.fr")
    services.saved_offer_add(user=other, offer_id=OfferFactory().pk)
    assert list(private_cv_folder.iterdir())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/profil/supprimer/", {"password": PASSWORD})
    assert response["Location"] == "/"
    assert not get_user_model().objects.filter(pk=camille.pk).exists()
    assert not CandidateProfile.objects.filter(user_id=camille.pk).exists()
    assert not SavedOffer.objects.filter(user_id=camille.pk).exists()
    assert not ApiToken.objects.filter(user_id=camille.pk).exists()
    assert list(private_cv_folder.iterdir()) == []
    assert "_auth_user_id" not in client.session
    assert SavedOffer.objects.filter(user=other).count() == 1


def test_the_export_holds_the_offers_hidden_from_recommendations_too(client, camille):
    from matching.services import hidden_offer_add

    offer = OfferFactory(title="Pâtissier de nuit")
    hidden_offer_add(user_id=camille.pk, offer_id=offer.pk)

    data = json.loads(client.get("/profil/mes-donnees.json").content)

    assert [(hidden["offer_id"], hidden["title"]) for hidden in data["hidden_offers"]] == [(offer.pk, offer.title)]
    assert client.get("/api/me/export/").json()["hidden_offers"][0]["offer_id"] == offer.pk
