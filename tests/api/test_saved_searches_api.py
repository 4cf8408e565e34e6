"""/api/me/searches/ and /api/me/alerts/: a candidate's saved searches and alerts through the API,
with the same rules as the pages (candidates.alerts) and the API's one error shape."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from candidates import alerts
from candidates.models import AlertState, SavedSearch
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def camille():
    return UserFactory(username="camille@example.fr")


@pytest.fixture
def api(camille) -> APIClient:
    client = APIClient()
    client.force_authenticate(camille)
    return client


def _error_fields(response) -> set[str | None]:
    body = response.json()
    assert set(body) == {"status", "code", "message", "errors"}
    return {item["field"] for item in body["errors"]}


def test_a_candidate_saves_lists_reads_renames_pauses_and_deletes_a_search(api, camille):
    created = api.post(
        "/api/me/searches/",
        {
            "name": "Boulanger à Montpellier",
            "query": {"q": "boulanger", "contrat": ["cdi", "cdd"]},
            "frequency": "weekly",
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    search = created.json()
    assert search["query"] == {"q": "boulanger", "contrat": ["cdi", "cdd"]}
    assert search["frequency"] == "weekly" and search["alerts_active"] is True
    assert search["search_url"].endswith("/offres/?q=boulanger&contrat=cdi&contrat=cdd")

    assert [item["id"] for item in api.get("/api/me/searches/").json()] == [search["id"]]
    assert api.get(f"/api/me/searches/{search['id']}/").json()["name"] == "Boulanger à Montpellier"

    changed = api.patch(f"/api/me/searches/{search['id']}/", {"name": "Boulanger", "paused": True}, format="json")
    assert changed.status_code == 200
    assert changed.json()["name"] == "Boulanger" and changed.json()["alerts_active"] is False
    assert changed.json()["frequency"] == "weekly"  # a PATCH keeps what it does not name

    assert api.delete(f"/api/me/searches/{search['id']}/").status_code == 204
    assert not SavedSearch.objects.filter(owner=camille).exists()
    assert api.delete(f"/api/me/searches/{search['id']}/").status_code == 404


def test_invalid_filters_are_refused_per_search_parameter(api):
    response = api.post(
        "/api/me/searches/", {"name": "x", "query": {"salaire_min": -3, "contrat": ["cdi", "pigiste"]}}, format="json"
    )
    assert response.status_code == 400
    assert _error_fields(response) == {"query.salaire_min", "query.contrat.1"}
    # What only the search itself can judge: a place no gazetteer knows.
    nowhere = api.post("/api/me/searches/", {"name": "x", "query": {"lieu": "Nulle-Part-Sur-Mer"}}, format="json")
    assert nowhere.status_code == 400 and _error_fields(nowhere) == {"query.lieu"}
    unknown = api.post("/api/me/searches/", {"name": "x", "query": {"ville": "Sète"}}, format="json")
    assert unknown.status_code == 400 and _error_fields(unknown) == {"query"}


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": "", "query": {"q": "boulanger"}}, "name"),
        ({"name": "   "}, "name"),
        ({"query": {"q": "boulanger"}}, "name"),
        ({"name": "x" * 101}, "name"),
        ({"name": "ok", "frequency": "hourly"}, "frequency"),
        ({"name": "ok", "query": ["q", "boulanger"]}, "query"),
        ({"name": "ok", "query": {"q": {"nested": "object"}}}, "query"),
    ],
)
def test_bad_bodies_get_a_400_naming_the_field(api, body, field):
    response = api.post("/api/me/searches/", body, format="json")
    assert response.status_code == 400
    assert any(name == field or name.startswith(f"{field}.") for name in _error_fields(response))


def test_the_limit_of_saved_searches_is_the_pages_one(api, camille):
    for number in range(alerts.MAX_SAVED_SEARCHES):
        alerts.saved_search_create(user=camille, name=f"R{number}", query={}, frequency="daily")
    response = api.post("/api/me/searches/", {"name": "Une de trop"}, format="json")
    assert response.status_code == 400
    assert response.json()["message"].startswith("Vous avez déjà")


def test_another_candidates_search_does_not_exist_for_you(api):
    other = UserFactory(username="autre@example.fr")
    theirs = alerts.saved_search_create(user=other, name="À eux", query={}, frequency="daily")
    for method in ("get", "patch", "delete"):
        response = getattr(api, method)(f"/api/me/searches/{theirs.pk}/", {"name": "pris"}, format="json")
        assert response.status_code == 404
    assert SavedSearch.objects.get(pk=theirs.pk).name == "À eux"


def test_alert_settings_read_and_switch_the_recommendations(api, camille):
    alerts.saved_search_create(user=camille, name="R", query={}, frequency="daily")
    alerts.saved_search_create(user=camille, name="S", query={}, frequency="never")
    settings = api.get("/api/me/alerts/").json()
    assert settings == {"recommendations": False, "searches_with_alerts": 1, "last_sent_at": None}
    assert api.patch("/api/me/alerts/", {"recommendations": True}, format="json").json()["recommendations"] is True
    assert AlertState.objects.get(user=camille).recommendations is True
    bad = api.patch("/api/me/alerts/", {"recommendations": "peut-être"}, format="json")
    assert bad.status_code == 400 and _error_fields(bad) == {"recommendations"}


def test_the_schema_documents_the_new_endpoints():
    schema = APIClient().get("/api/schema/", {"format": "json"}).json()
    for path in ("/api/me/searches/", "/api/me/searches/{search_id}/", "/api/me/alerts/"):
        assert path in schema["paths"], path
