from __future__ import annotations

import pytest
from django.db import DatabaseError
from django.utils import timezone

from ingestion.models import IngestionRun, RunStatus

pytestmark = pytest.mark.django_db


def test_healthz_reports_database_vector_and_eager_mode_to_staff(admin_client, settings):
    settings.REDIS_URL = None
    response = admin_client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"] == {"status": "ok"}
    assert body["vector"]["status"] == "ok"
    assert body["vector"]["version"].startswith("0.")
    assert body["redis"]["status"] == "eager mode"
    assert body["embedding_model"]["configured"] == settings.MATCHING_MODEL
    assert body["ingestion"] == {"francetravail": None, "adzuna": None}


def test_healthz_lists_the_last_run_of_each_source(admin_client):
    IngestionRun.objects.create(source="adzuna", status=RunStatus.SUCCEEDED, finished_at=timezone.now())
    body = admin_client.get("/healthz").json()
    assert body["ingestion"]["adzuna"]["status"] == "succeeded"
    assert body["ingestion"]["francetravail"] is None


def test_healthz_is_degraded_when_redis_is_unreachable(admin_client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    response = admin_client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["redis"]["status"] == "error"
    assert response.json()["status"] == "degraded"


def test_healthz_answers_503_when_the_database_is_down(admin_client, monkeypatch):
    def broken() -> dict:
        raise DatabaseError("connection refused")

    monkeypatch.setattr("jobmarket.views._database_status", broken)
    response = admin_client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"]["status"] == "error"
    assert response.json()["status"] == "error"


def test_the_public_sees_only_the_status_never_an_error_message_or_a_path(client, monkeypatch, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    assert client.get("/healthz").json() == {"status": "degraded"}

    def broken() -> dict:
        raise DatabaseError('connection to server on socket "/srv/app/.pgdata/.s.PGSQL.5432" failed')

    monkeypatch.setattr("jobmarket.views._database_status", broken)
    response = client.get("/healthz")
    assert (response.status_code, response.json()) == (503, {"status": "error"})


def test_staff_and_a_monitor_with_the_token_see_which_part_failed_but_no_message(
    admin_client, client, monkeypatch, settings
):
    def broken() -> dict:
        raise DatabaseError('connection to server on socket "/srv/app/.pgdata/.s.PGSQL.5432" failed')

    monkeypatch.setattr("jobmarket.views._database_status", broken)
    settings.HEALTHZ_TOKEN = "un-jeton-de-supervision"
    for response in (
        admin_client.get("/healthz"),
        client.get("/healthz", headers={"Authorization": "Bearer un-jeton-de-supervision"}),
    ):
        assert response.json()["database"] == {"status": "error"}
        assert "pgdata" not in response.content.decode()
    assert client.get("/healthz", headers={"Authorization": "Bearer autre"}).json() == {"status": "error"}
