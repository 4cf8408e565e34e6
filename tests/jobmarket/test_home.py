from __future__ import annotations

import pytest
from django.utils import timezone

from ingestion.models import IngestionRun, RunStatus
from offers.models import OfferStatus
from tests.factories import OfferSourceFactory

pytestmark = pytest.mark.django_db


def test_home_page_explains_the_site_and_shows_live_counts(client):
    OfferSourceFactory.create_batch(3)
    OfferSourceFactory(source="adzuna", offer__status=OfferStatus.CLOSED)
    finished = timezone.now()
    IngestionRun.objects.create(source="francetravail", status=RunStatus.SUCCEEDED, finished_at=finished)

    response = client.get("/")

    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="fr"' in html
    assert "offres ouvertes" in html
    assert response.context["counts"].open == 3
    assert response.context["counts"].closed == 1
    assert dict(response.context["sources"]) == {"France Travail": 3, "Adzuna": 0}
    assert response.context["last_update"] == finished


def test_home_page_has_an_empty_state_before_any_collection(client):
    response = client.get("/")
    assert "Aucune offre n'a encore été collectée" in response.content.decode()
    assert response.context["last_update"] is None
