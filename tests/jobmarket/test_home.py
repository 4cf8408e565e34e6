from __future__ import annotations

import pytest
from django.utils import timezone

from ingestion.models import IngestionRun, RunStatus
from offers.models import OfferStatus
from tests.factories import OfferFactory, OfferSourceFactory

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


def test_the_occupations_with_most_open_offers_link_to_their_search(client):
    OfferFactory.create_batch(3, rome_code="D1102", rome_label="Boulanger / Boulangère")
    OfferFactory(rome_code="J1506", rome_label="Infirmier / Infirmière en soins généraux")
    OfferFactory.create_batch(5, rome_code="K2204", rome_label="Agent de nettoyage", status=OfferStatus.CLOSED)

    html = client.get("/").content.decode()
    chips = html[html.index('id="hiring-title"') :]
    assert 'href="/offres/?rome=D1102"' in chips and "Boulanger / Boulangère&nbsp;" in chips
    assert chips.index("D1102") < chips.index("J1506")  # most offers first
    assert "K2204" not in chips  # closed offers do not count


def test_no_occupation_shortcuts_without_offers(client):
    assert 'id="hiring-title"' not in client.get("/").content.decode()
