from __future__ import annotations

import pytest
from django.db import DatabaseError
from django.utils import timezone

from ingestion.models import IngestionRun, RunStatus

pytestmark = pytest.mark.django_db


def test_healthz_reports_database_vector_and_eager_mode(client, settings):
    settings.REDIS_URL = None
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"] == {"status": "ok"}
    assert body["vector"]["status"] == "ok"
    assert body["vector"]["version"].startswith("0.")
    assert body["redis"]["status"] == "eager mode"
    assert body["embedding_model"]["configured"] == settings.MATCHING_MODEL
    assert body["ingestion"] == {"francetravail": None, "adzuna": None}


def test_healthz_lists_the_last_run_of_each_source(client):
    IngestionRun.objects.create(source="adzuna", status=RunStatus.SUCCEEDED, finished_at=timezone.now())
    body = client.get("/healthz").json()
    assert body["ingestion"]["adzuna"]["status"] == "succeeded"
    assert body["ingestion"]["francetravail"] is None


def test_healthz_is_degraded_when_redis_is_unreachable(client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["redis"]["status"] == "error"
    assert response.json()["status"] == "degraded"


def test_healthz_answers_503_when_the_database_is_down(client, monkeypatch):
    def broken() -> dict:
        raise DatabaseError("connection refused")

    monkeypatch.setattr("jobmarket.views._database_status", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"]["status"] == "error"
    assert response.json()["status"] == "error"
