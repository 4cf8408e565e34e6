"""Who may do what: every API endpoint x every method x four kinds of caller.

Columns: anonymous, candidate (owns the saved offer), another candidate, staff.
Methods an endpoint does not implement answer 405 to whoever passes its access rule
(DRF checks authentication and permissions before the method), so they are listed too.
"""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from candidates import alerts, services
from tests.candidates.documents import pdf_with_text
from tests.factories import OccupationFactory, OfferFactory, UserFactory, api_token_for

pytestmark = pytest.mark.django_db

PASSWORD = "un mot de passe solide 2026"
ACTORS = ["anonymous", "candidate", "other_candidate", "staff"]
METHODS = ["get", "post", "put", "patch", "delete"]

PUBLIC = (200, 200, 200, 200)
ANYONE_405 = (405, 405, 405, 405)
SIGNED_IN = (401, 200, 200, 200)
SIGNED_IN_405 = (401, 405, 405, 405)
STAFF_WRITE_405 = (401, 403, 403, 405)

REFERENCE = [
    "/api/reference/occupations/",
    "/api/reference/occupations/D1102/",
    "/api/reference/occupations/D1102/soft-skills/",
    "/api/reference/titles/?q=boul",
    "/api/reference/communes/?q=montp",
    "/api/reference/contract-types/",
    "/api/reference/seniority-levels/",
    "/api/reference/working-times/",
    "/api/reference/domains/",
    "/api/reference/skills/",
]

MATRIX: dict[str, dict[str, tuple[int, int, int, int]]] = {
    "/api/schema/": {"get": PUBLIC, "*": ANYONE_405},
    "/api/auth/token/": {"post": PUBLIC, "delete": (401, 204, 204, 204), "*": SIGNED_IN_405},
    "/api/offers/": {"get": PUBLIC, "post": (401, 403, 403, 201), "*": STAFF_WRITE_405},
    "/api/offers/search/": {"post": PUBLIC, "*": ANYONE_405},
    "/api/offers/facets/": {"get": PUBLIC, "*": ANYONE_405},
    "/api/offers/stats/": {"get": PUBLIC, "*": ANYONE_405},
    "/api/offers/changes/": {"get": PUBLIC, "*": ANYONE_405},
    "/api/offers/snapshot/": {"get": PUBLIC, "*": ANYONE_405},
    "/api/offers/{offer}/": {
        "get": PUBLIC,
        "put": (401, 403, 403, 200),
        "patch": (401, 403, 403, 200),
        "delete": (401, 403, 403, 204),
        "*": STAFF_WRITE_405,
    },
    "/api/me/": {
        "get": SIGNED_IN,
        "put": SIGNED_IN,
        "patch": SIGNED_IN,
        "delete": (401, 204, 204, 204),
        "*": SIGNED_IN_405,
    },
    # GET: the state of the last upload; none yet for these accounts.
    "/api/me/cv/": {"get": (401, 404, 404, 404), "post": SIGNED_IN, "delete": (401, 204, 204, 204), "*": SIGNED_IN_405},
    "/api/me/export/": {"get": SIGNED_IN, "*": SIGNED_IN_405},
    "/api/me/saved/": {"get": SIGNED_IN, "post": (401, 201, 201, 201), "*": SIGNED_IN_405},
    # Only the candidate who saved the offer can remove it: for anyone else it is not there.
    "/api/me/saved/{offer}/": {"delete": (401, 204, 404, 404), "*": SIGNED_IN_405},
    "/api/me/searches/": {"get": SIGNED_IN, "post": (401, 201, 201, 201), "*": SIGNED_IN_405},
    # Only the candidate who saved the search sees it: for anyone else it is not there.
    "/api/me/searches/{search}/": {
        "get": (401, 200, 404, 404),
        "patch": (401, 200, 404, 404),
        "delete": (401, 204, 404, 404),
        "*": SIGNED_IN_405,
    },
    "/api/me/alerts/": {"get": SIGNED_IN, "patch": SIGNED_IN, "*": SIGNED_IN_405},
    "/api/me/tokens/": {"get": SIGNED_IN, "*": SIGNED_IN_405},
    # Only its owner revokes a token: for anyone else it is not there.
    "/api/me/tokens/{token}/": {"delete": (401, 204, 404, 404), "*": SIGNED_IN_405},
    **{path: {"get": SIGNED_IN, "*": SIGNED_IN_405} for path in REFERENCE},
}

PROFILE = {
    "wanted_title": "Boulanger",
    "rome_code": "D1102",
    "skills": ["Pétrir la pâte"],
    "presentation": "",
    "commune_insee": "",
    "radius_km": 20,
    "contract_types": ["cdi"],
    "seniority": "",
    "remote_preference": "any",
    "salary_min": None,
}


def _body(method: str, path: str, offer_id: int) -> tuple[dict | None, str]:
    if path == "/api/auth/token/" and method == "post":
        return {"email": "candidat@example.fr", "password": PASSWORD}, "json"
    if path == "/api/offers/" and method == "post":
        return {"title": "Pâtissier H/F", "contract_type": "cdd"}, "json"
    if path == "/api/offers/{offer}/" and method in {"put", "patch"}:
        return {"title": "Boulanger H/F (corrigé)"}, "json"
    if path == "/api/offers/search/":
        return {"q": "boulanger", "contrat": ["cdi"]}, "json"
    if path == "/api/me/" and method in {"put", "patch"}:
        return PROFILE, "json"
    if path == "/api/me/" and method == "delete":
        return {"password": PASSWORD}, "json"
    if path == "/api/me/cv/" and method == "post":
        return {"file": _pdf()}, "multipart"
    if path == "/api/me/saved/" and method == "post":
        return {"offer_id": offer_id}, "json"
    if path == "/api/me/searches/" and method == "post":
        return {"name": "Boulanger", "query": {"q": "boulanger"}}, "json"
    if path == "/api/me/searches/{search}/" and method == "patch":
        return {"paused": True}, "json"
    if path == "/api/me/alerts/" and method == "patch":
        return {"recommendations": True}, "json"
    return None, "json"


def _pdf():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("cv.pdf", pdf_with_text(["Boulanger", "Pétrir la pâte"]))


CASES = [
    pytest.param(path, method, id=f"{method.upper()} {path}") for path, rules in MATRIX.items() for method in METHODS
]


@pytest.mark.parametrize("path, method", CASES)
def test_each_caller_gets_the_expected_status(path, method):
    occupation = OccupationFactory()
    offer = OfferFactory(rome_code=occupation.code)
    users = {
        "candidate": UserFactory(username="candidat@example.fr"),
        "other_candidate": UserFactory(username="autre@example.fr"),
        "staff": UserFactory(username="equipe@example.fr", is_staff=True),
    }
    services.saved_offer_add(user=users["candidate"], offer_id=offer.pk)
    search = alerts.saved_search_create(user=users["candidate"], name="Boulanger", query={}, frequency="daily")
    rules = MATRIX[path]
    expected = rules.get(method, rules["*"])
    from candidates.tokens import api_token_create

    spare_token, _key = api_token_create(user=users["candidate"], name="à révoquer")
    url = (
        path.replace("{offer}", str(offer.pk))
        .replace("{search}", str(search.pk))
        .replace("{token}", str(spare_token.pk))
    )
    got = []
    for actor in ACTORS:
        client = APIClient()
        if actor in users:
            client.credentials(HTTP_AUTHORIZATION=f"Token {api_token_for(users[actor])}")
        body, body_format = _body(method, path, offer.pk)
        response = getattr(client, method)(url, body, format=body_format)
        got.append(response.status_code)
        if response.status_code >= 400 and response.get("Content-Type", "").startswith("application/json"):
            # Every refusal is in the one error shape.
            assert set(response.json()) == {"status", "code", "message", "errors"}
    assert dict(zip(ACTORS, got, strict=True)) == dict(zip(ACTORS, expected, strict=True))


def test_the_matrix_lists_every_route_of_the_api():
    from django.urls import get_resolver

    resolver = get_resolver()
    api = next(p for p in resolver.url_patterns if str(p.pattern) == "api/")
    routes = {str(p.pattern) for p in api.url_patterns} - {"docs/"}
    listed = {
        path.removeprefix("/api/")
        .split("?")[0]
        .replace("{offer}", "<id:offer_id>")
        .replace("{search}", "<id:search_id>")
        .replace("{token}", "<id:token_id>")
        .replace("D1102", "(?P<code>[A-Za-z][0-9]{4})")
        for path in MATRIX
    }
    normalised = {route.removeprefix("^").removesuffix("$") for route in routes}
    assert normalised == listed
