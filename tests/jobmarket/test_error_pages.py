from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_unknown_api_address_answers_json_in_the_error_shape(client):
    response = client.get("/api/nothing-here/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": 404, "code": "not_found", "message": "Ressource introuvable.", "errors": []}


def test_unknown_page_answers_a_french_page(client):
    response = client.get("/nulle-part/")
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()


def test_a_form_posted_without_csrf_token_gets_a_french_explanation():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/connexion/", {"username": "a@example.fr", "password": "x"})
    assert response.status_code == 403
    assert "Formulaire expiré" in response.content.decode()


def test_server_error_pages_render_without_a_request_context(rf):
    from jobmarket.views import server_error

    page = server_error(rf.get("/offres/"))
    assert page.status_code == 500
    assert "Une erreur est survenue" in page.content.decode()
    api = server_error(rf.get("/api/offers/"))
    assert api.status_code == 500
    assert api["Content-Type"] == "application/json"
