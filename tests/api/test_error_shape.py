from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _client(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def test_a_validation_error_names_each_wrong_field_with_a_french_message():
    response = _client(UserFactory()).patch(
        "/api/me/", {"radius_km": 9000, "contract_types": ["cdi", "pigiste"], "seniority": "expert"}, format="json"
    )
    assert response.status_code == 400
    body = response.json()
    assert body["status"] == 400
    assert body["code"] == "invalid"
    assert body["message"] == "Les données envoyées ne sont pas valides."
    fields = {error["field"]: error for error in body["errors"]}
    assert set(fields) == {"radius_km", "contract_types.1", "seniority"}
    assert fields["radius_km"]["code"] == "max_value"
    assert fields["seniority"]["message"] == "«\u00a0expert\u00a0» n'est pas un choix valide."


def test_a_business_rule_error_names_its_field_too():
    response = _client(UserFactory()).patch("/api/me/", {"commune_insee": "99999"}, format="json")
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {"field": "commune_insee", "code": "invalid", "message": "Commune inconnue : choisissez-la dans la liste."}
    ]


def test_a_search_filter_error_names_the_query_parameter():
    response = _client().get("/api/offers/", {"rome": "boulanger", "rayon": "7"})
    assert response.status_code == 400
    assert {error["field"] for error in response.json()["errors"]} == {"rome", "rayon"}


def test_malformed_json_is_a_400_for_the_whole_request():
    response = _client(UserFactory()).generic("PATCH", "/api/me/", "{pas du json", content_type="application/json")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "parse_error"
    assert body["errors"] == []


@pytest.mark.parametrize(
    "call, status, code",
    [
        (lambda client: client.get("/api/me/"), 401, "not_authenticated"),
        (lambda client: client.post("/api/offers/", {"title": "x"}, format="json"), 401, "not_authenticated"),
        (lambda client: client.get("/api/offers/999999/"), 404, "not_found"),
        (lambda client: client.put("/api/offers/facets/", {}, format="json"), 405, "method_not_allowed"),
        (
            lambda client: client.post("/api/offers/search/", "q=x", content_type="text/plain"),
            415,
            "unsupported_media_type",
        ),
        (lambda client: client.get("/api/offers/", HTTP_ACCEPT="application/xml"), 406, "not_acceptable"),
    ],
    ids=["401", "401 on write", "404", "405", "415", "406"],
)
def test_every_kind_of_4xx_has_the_same_shape(call, status, code):
    response = call(_client())
    assert response.status_code == status
    body = response.json()
    assert body == {"status": status, "code": code, "message": body["message"], "errors": []}
    assert body["message"]


def test_a_forged_cursor_is_a_404_not_a_server_error():
    import base64

    forged = base64.b64encode(b"p=not-a-date&o=0").decode()
    response = _client().get("/api/offers/", {"cursor": forged})
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_the_schema_documents_the_error_shape_on_every_operation():
    schema = _client().get("/api/schema/", HTTP_ACCEPT="application/json").json()
    assert schema["components"]["schemas"]["Error"]["required"] == ["status", "code", "message", "errors"]
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            for status in ("400", "401", "403", "404", "429"):
                assert operation["responses"][status]["content"]["application/json"]["schema"] == {
                    "$ref": "#/components/schemas/Error"
                }, f"{method.upper()} {path} {status}"


def test_swagger_ui_is_served_from_the_vendored_assets_without_any_cdn():
    page = _client().get("/api/docs/").content.decode()
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in page
    assert "/static/vendor/swagger-ui/swagger-ui.css" in page
    assert 'data-schema-url="/api/schema/"' in page
    assert "cdn" not in page.lower() and "unpkg" not in page.lower()
