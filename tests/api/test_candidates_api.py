from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from candidates.models import ApiToken, CandidateProfile
from tests.candidates.documents import docx_zip_bomb, pdf_with_text
from tests.factories import CommuneFactory, OfferFactory, UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "un mot de passe solide 2026"


@pytest.fixture
def camille():
    return UserFactory(username="camille@example.fr")


@pytest.fixture
def client(camille) -> APIClient:
    client = APIClient()
    client.force_authenticate(camille)
    return client


def test_an_api_client_trades_email_and_password_for_a_token_it_then_uses(camille):
    anonymous = APIClient()
    response = anonymous.post("/api/auth/token/", {"email": "Camille@example.fr", "password": PASSWORD}, format="json")
    assert response.status_code == 200
    token = response.json()["token"]
    assert ApiToken.objects.get(user=camille).key_prefix == token[:8]
    anonymous.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert anonymous.get("/api/me/").json()["email"] == "camille@example.fr"
    assert anonymous.delete("/api/auth/token/").status_code == 204
    assert anonymous.get("/api/me/").status_code == 401


def test_wrong_credentials_get_one_message_and_repeated_failures_slow_this_client_down(camille):
    anonymous = APIClient()
    for _ in range(5):
        response = anonymous.post("/api/auth/token/", {"email": camille.email, "password": "devine"}, format="json")
        assert response.status_code == 400
        assert response.json()["message"] == "Adresse e-mail ou mot de passe incorrect."
    locked = anonymous.post("/api/auth/token/", {"email": camille.email, "password": PASSWORD}, format="json")
    assert locked.status_code == 429
    assert locked.json()["message"].startswith("Trop de tentatives de connexion échouées depuis cette adresse.")


def test_the_token_endpoint_is_rate_limited_per_client(settings, camille):
    anonymous = APIClient()
    statuses = [
        anonymous.post(
            "/api/auth/token/", {"email": f"x{n}@example.fr", "password": "devine"}, format="json"
        ).status_code
        for n in range(12)
    ]
    assert statuses[:10] == [400] * 10
    assert statuses[10:] == [429, 429]


def test_a_candidate_reads_and_updates_only_their_own_profile(client, camille):
    CommuneFactory()
    UserFactory(username="autre@example.fr")
    response = client.patch(
        "/api/me/",
        {"wanted_title": "Boulanger", "commune_insee": "34172", "skills": ["Pétrir la pâte"], "radius_km": 15},
        format="json",
    )
    assert response.status_code == 200
    body = response.json()
    assert body["email"] == "camille@example.fr"
    assert (body["place_name"], body["latitude"], body["radius_km"]) == ("Montpellier (34)", 43.6119, 15)
    assert CandidateProfile.objects.get(user=camille).skills == ["Pétrir la pâte"]


def test_a_put_needs_every_field(client):
    response = client.put("/api/me/", {"wanted_title": "Boulanger"}, format="json")
    assert response.status_code == 400
    assert {error["field"] for error in response.json()["errors"]} >= {"skills", "radius_km", "salary_min"}


def test_a_cv_uploaded_through_the_api_proposes_skills_without_writing_them(client):
    OfferFactory(skills=["Pétrir la pâte"])
    upload = SimpleUploadedFile("cv.pdf", pdf_with_text(["Je sais pétrir la pâte."]))
    response = client.post("/api/me/cv/", {"file": upload}, format="multipart")
    assert response.status_code == 200
    assert response.json()["proposals"]["skills"] == ["Pétrir la pâte"]
    assert response.json()["skills_added"] == [] and response.json()["profile"]["skills"] == []
    assert client.get("/api/me/cv/").json()["proposals"]["skills"] == ["Pétrir la pâte"]
    assert response.json()["profile"]["cv"]["file_name"] == "cv.pdf"


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("cv.pdf", b"GIF89a not a pdf", "ni un PDF ni un document Word"),
        ("cv.docx", docx_zip_bomb(), "anormalement volumineux"),
        ("<script>alert(1)</script>.pdf", b"%PDF-1.4 garbage", "illisible ou endommagé"),
    ],
    ids=["wrong type", "zip bomb", "script in the name of a broken pdf"],
)
def test_hostile_cv_uploads_through_the_api_are_400s_on_the_file_field(client, camille, name, content, message):
    response = client.post("/api/me/cv/", {"file": SimpleUploadedFile(name, content)}, format="multipart")
    assert response.status_code == 400
    [error] = response.json()["errors"]
    assert error["field"] == "file"
    assert message in error["message"]
    assert not CandidateProfile.objects.filter(user=camille).exclude(cv_file="").exists()


def test_a_50_mb_cv_through_the_api_is_refused_on_its_declared_size(client):
    huge = SimpleUploadedFile("cv.pdf", b"%PDF-1.7\n" + b"0" * (50 * 1024 * 1024))
    response = client.post("/api/me/cv/", {"file": huge}, format="multipart")
    assert response.status_code == 400
    assert response.json()["errors"][0] == {
        "field": "file",
        "code": "too_large",
        "message": "Le fichier dépasse la taille maximale de 5 Mo.",
    }


def test_saved_offers_through_the_api(client):
    offer = OfferFactory(title="Boulanger de nuit")
    assert client.post("/api/me/saved/", {"offer_id": offer.pk}, format="json").status_code == 201
    assert client.post("/api/me/saved/", {"offer_id": offer.pk}, format="json").status_code == 201
    listed = client.get("/api/me/saved/").json()
    assert [(saved["offer_id"], saved["offer"]["title"]) for saved in listed] == [(offer.pk, "Boulanger de nuit")]
    unknown = client.post("/api/me/saved/", {"offer_id": 987654321}, format="json")
    assert unknown.status_code == 400
    assert unknown.json()["errors"][0]["field"] == "offer_id"
    assert client.delete(f"/api/me/saved/{offer.pk}/").status_code == 204
    assert client.get("/api/me/saved/").json() == []


def test_the_export_and_the_deletion_through_the_api(client, camille):
    client.patch("/api/me/", {"presentation": "Dix ans de fournil."}, format="json")
    export = client.get("/api/me/export/").json()
    assert export["profile"]["presentation"] == "Dix ans de fournil."
    # Like the site, the deletion asks for the account's password: a token alone is not enough.
    assert client.delete("/api/me/").status_code == 400
    wrong = client.delete("/api/me/", {"password": "devine"}, format="json")
    assert (wrong.status_code, wrong.json()["errors"][0]["field"]) == (400, "password")
    assert type(camille).objects.filter(pk=camille.pk).exists()
    assert client.delete("/api/me/", {"password": PASSWORD}, format="json").status_code == 204
    assert not type(camille).objects.filter(pk=camille.pk).exists()


def test_passwords_cannot_be_guessed_through_the_deletion_faster_than_through_the_login(client, camille, settings):
    for _ in range(settings.LOGIN_FAILURES_PER_ACCOUNT):
        assert client.delete("/api/me/", {"password": "devine"}, format="json").status_code == 400
    assert client.delete("/api/me/", {"password": PASSWORD}, format="json").status_code == 429
    assert type(camille).objects.filter(pk=camille.pk).exists()
