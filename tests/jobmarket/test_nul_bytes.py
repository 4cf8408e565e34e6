"""A NUL character anywhere in the input is a 400 with a message, never a 500 (PostgreSQL refuses it)."""

from __future__ import annotations

import pytest
from django.urls import get_resolver

from tests.factories import OfferSourceFactory, UserFactory

pytestmark = pytest.mark.django_db


def _site_paths(offer_id: int) -> list[str]:
    """Every route of the site without arguments, and the offer page."""
    paths = [f"/offres/{offer_id}/"]
    for pattern in get_resolver().url_patterns:
        prefix = str(pattern.pattern)
        for inner in getattr(pattern, "url_patterns", [pattern]):
            route = prefix + str(inner.pattern)
            if "<" not in route and "(" not in route and "^" not in route:
                paths.append("/" + route)
    return sorted(set(paths))


@pytest.mark.parametrize("query", ["metier=a%00b", "q=a%00b", "a%00b=1", "lieu=Montpellier%00"])
def test_every_get_route_answers_400_to_a_nul_in_the_query(client, query):
    client.force_login(UserFactory(is_staff=True))
    offer = OfferSourceFactory().offer
    paths = _site_paths(offer.pk)
    assert {"/competences/", "/offres/suggestions/metiers/", "/api/offers/"} <= set(paths)
    for path in paths:
        response = client.get(f"{path}?{query}")
        assert response.status_code == 400, path
        if path.startswith("/api/"):
            assert response.json()["code"] == "invalid_characters"
        else:
            assert "caractère nul" in response.content.decode()


def test_the_quoted_cases_are_400s_for_anyone(client):
    assert client.get("/competences/?metier=a%00b").status_code == 400
    assert client.get("/offres/suggestions/metiers/?q=a%00b").status_code == 400
    assert client.get("/offres/suggestions/lieux/?lieu=a%00b").status_code == 400


def test_a_nul_in_the_path_a_cookie_a_form_or_a_json_body_is_a_400(client):
    user = UserFactory()
    assert client.get("/alertes/desinscription/a%00b/").status_code == 400
    client.cookies["sessionid"] = "abc\x00def"
    assert client.get("/").status_code == 400
    del client.cookies["sessionid"]
    form = "email=a%00%40example.fr&password=x"
    assert client.post("/connexion/", form, content_type="application/x-www-form-urlencoded").status_code == 400
    # Multipart forms are left to the form fields, which refuse NUL with a message next to the field.
    multipart = client.post("/connexion/", {"email": "a\x00@example.fr", "password": "x"})
    assert multipart.status_code == 200 and "errorlist" in multipart.content.decode()
    client.force_login(user)
    for body in ('{"name": "a\\u0000b", "query": {"q": "x"}}', '{"wanted_title": "a\\u0000"}'):
        response = client.patch("/api/me/", body, content_type="application/json")
        assert response.status_code == 400
        assert response.json()["code"] == "invalid_characters"
