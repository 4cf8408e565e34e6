from __future__ import annotations

import pytest
from django.core.cache import cache

from matching.services import offer_embeddings_refresh
from tests.factories import OfferFactory

pytestmark = pytest.mark.django_db

URL = "/api/match/"


@pytest.fixture(autouse=True)
def _fresh_throttle():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def embedded(active_model):
    baker = OfferFactory(title="Boulanger H/F", skills=["Pétrir la pâte"], contract_type="cdi")
    developer = OfferFactory(
        title="Développeur Python H/F",
        rome_code="M1805",
        rome_label="Études et développement informatique",
        description="Applications web en Python et Django.",
        skills=["Python", "Django"],
        contract_type="cdd",
    )
    offer_embeddings_refresh()
    return {"baker": baker, "developer": developer}


def test_free_text_gets_the_closest_open_offers_with_explanations(client, embedded, active_model):
    response = client.post(
        URL, {"text": "Développeuse Python et Django, 4 ans d'expérience", "min_similarity": 0}, "application/json"
    )
    assert response.status_code == 200
    body = response.json()
    assert body["model"] == active_model.version
    # The baker offer is not padding the list: fewer offers rather than unrelated ones.
    assert body["count"] == 1
    first = body["results"][0]
    assert first["offer"]["id"] == embedded["developer"].pk
    assert first["offer"]["url"] == f"/offres/{embedded['developer'].pk}/"
    assert first["explanation"]["matched_skills"] == ["Python", "Django"]
    # No title was given: the occupation is one the text was read as, named so that they can check it.
    assert (
        first["explanation"]["reasons"][0] == "Métier reconnu dans votre profil : Études et développement informatique"
    )


def test_constraints_filter_the_offers(client, embedded):
    def ids(contract: str) -> list[int]:
        payload = {"text": "Développeur Python", "contract_types": [contract], "min_similarity": 0}
        return [r["offer"]["id"] for r in client.post(URL, payload, "application/json").json()["results"]]

    assert ids("cdd") == [embedded["developer"].pk]
    assert ids("cdi") == []  # the only CDI offer is a baker's: nothing rather than it


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({}, "text"),
        ({"text": "  "}, "text"),
        ({"text": "!!"}, "text"),
        ({"text": "x" * 20_001}, "text"),
        ({"text": "Boulanger", "k": 0}, "k"),
        ({"text": "Boulanger", "contract_types": ["full-time"]}, "contract_types"),
        ({"text": "Boulanger", "latitude": 43.6}, "radius_km"),
        ({"text": "Boulanger", "min_similarity": 2}, "min_similarity"),
    ],
)
def test_bad_input_is_a_400_naming_the_field(client, embedded, payload, field):
    response = client.post(URL, payload, "application/json")
    assert response.status_code == 400
    body = response.json()
    assert body["status"] == 400
    assert field in {error["field"].split(".")[0] for error in body["errors"] if error["field"]}


def test_a_body_that_is_not_json_is_a_4xx_not_a_500(client, embedded):
    assert client.post(URL, "text=boulanger", "application/x-www-form-urlencoded").status_code == 415
    assert client.post(URL, "{not json", "application/json").status_code == 400
    assert client.get(URL).status_code == 405


def test_no_csrf_token_is_needed_by_api_clients(embedded):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(URL, {"text": "Boulanger"}, "application/json")
    assert response.status_code == 200


def test_the_endpoint_is_throttled_per_client(client, embedded, settings):
    settings.MATCHING_API_RATE_PER_MINUTE = 2
    for _ in range(2):
        assert client.post(URL, {"text": "Boulanger"}, "application/json").status_code == 200
    response = client.post(URL, {"text": "Boulanger"}, "application/json")
    assert response.status_code == 429
    assert response.json()["status"] == 429
    assert "Retry-After" in response.headers


def test_before_any_offer_is_embedded_the_answer_is_503(client, db):
    response = client.post(URL, {"text": "Boulanger"}, "application/json")
    assert response.status_code == 503
    assert response.json()["code"] == "matching_unavailable"
