from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from offers.models import OccupationTitle
from tests.factories import CommuneFactory, OccupationFactory, OfferFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def client() -> APIClient:
    client = APIClient()
    client.force_authenticate(UserFactory())
    return client


def test_job_titles_autocomplete_with_their_rome_code_prefix_matches_first(client):
    bakery = OccupationFactory(code="D1102", label="Boulangerie - viennoiserie")
    OccupationTitle.objects.create(label="Aide-boulanger / Aide-boulangère", occupation=bakery)
    OccupationTitle.objects.create(label="Boulanger / Boulangère", occupation=bakery)
    body = client.get("/api/reference/titles/", {"q": "boulang"}).json()
    assert [title["label"] for title in body] == ["Boulanger / Boulangère", "Aide-boulanger / Aide-boulangère"]
    assert body[0]["rome_code"] == "D1102"
    assert client.get("/api/reference/titles/", {"q": "b"}).json() == []


def test_occupations_by_label_and_one_occupation_with_its_titles(client):
    bakery = OccupationFactory(code="D1102", label="Boulangerie - viennoiserie")
    OccupationTitle.objects.create(label="Boulanger / Boulangère", occupation=bakery)
    assert [o["code"] for o in client.get("/api/reference/occupations/", {"q": "boulangerie"}).json()] == ["D1102"]
    detail = client.get("/api/reference/occupations/d1102/").json()
    assert detail["titles"] == ["Boulanger / Boulangère"]
    assert client.get("/api/reference/occupations/Z9999/").status_code == 404


def test_communes_autocomplete_by_name_without_accents_or_by_postcode(client):
    CommuneFactory()
    CommuneFactory(insee_code="34301", name="Sète", normalized_name="sete", postcodes=["34200"])
    assert [c["name"] for c in client.get("/api/reference/communes/", {"q": "sete"}).json()] == ["Sète"]
    by_postcode = client.get("/api/reference/communes/", {"q": "34000"}).json()
    assert by_postcode[0]["insee_code"] == "34172"
    assert by_postcode[0]["latitude"] == 43.6119


def test_closed_lists_and_the_lists_grown_from_offers(client):
    OfferFactory(domain="Boulangerie", skills=["Pétrir la pâte", "Cuire des pâtons"], soft_skills=["Autonomie"])
    OfferFactory(domain="Boulangerie", skills=["Pétrir la pâte"])
    contracts = client.get("/api/reference/contract-types/").json()
    assert {"value": "cdi", "label": "CDI"} in contracts
    assert [level["value"] for level in client.get("/api/reference/seniority-levels/").json()] == [
        "debutant",
        "junior",
        "confirme",
    ]
    assert client.get("/api/reference/domains/").json() == [{"value": "Boulangerie", "count": 2}]
    assert client.get("/api/reference/skills/", {"q": "pâte"}).json() == [{"value": "Pétrir la pâte", "count": 2}]
    soft = client.get("/api/reference/occupations/D1102/soft-skills/").json()
    assert soft["rome_code"] == "D1102"
    assert [skill["summary"] for skill in soft["skills"]] == ["Autonomie"]


def test_a_like_wildcard_in_the_skill_query_is_taken_literally(client):
    OfferFactory(skills=["Pétrir la pâte"])
    assert client.get("/api/reference/skills/", {"q": "%"}).json() == []
