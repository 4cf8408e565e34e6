"""What staff read on /tableau-de-bord/ and in the admin, in words: error types described,
no empty untitled chart, no "Normal" drift without anything to compare, sources by name."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from ingestion.models import IngestionRun, RunStatus
from ingestion.services import collection
from offers.models import Source
from tests.factories import OfferFactory, UserFactory
from tests.ingestion.fake_client import FakeClient
from tests.ingestion.payloads import france_travail_offer

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client):
    client.force_login(UserFactory(is_staff=True))
    return client


def test_error_types_are_said_in_words_with_the_source_named(staff):
    collection.ingestion_run(
        source="francetravail", client=FakeClient("francetravail", [france_travail_offer("201A"), {"id": "BAD"}])
    )
    html = staff.get("/tableau-de-bord/").content.decode()
    errors = html[html.index("Contenus bruts en erreur de normalisation") :]
    assert "<td>France Travail</td>" in errors
    assert "Intitulé de l" in errors  # the normaliser's message, "intitulé de l'offre absent"
    assert "<small>(missing_title)</small>" in errors


def test_a_series_of_zeros_is_said_in_words_not_drawn_as_an_empty_chart(staff):
    # A replay from files (the demo) receives offers without calling the API.
    IngestionRun.objects.create(
        source="francetravail", status=RunStatus.SUCCEEDED, fetched=12, api_calls=0, finished_at=timezone.now()
    )
    html = staff.get("/tableau-de-bord/").content.decode()
    assert 'id="chart-fetched"' in html and "Offres reçues par jour</h3>" in html
    assert 'id="chart-calls"' not in html
    assert "Aucun appel aux API sur la période" in html


def test_drift_is_never_normal_when_the_comparison_period_is_empty(staff):
    for _ in range(5):
        OfferFactory(first_seen_at=timezone.now() - timedelta(days=1))
    html = staff.get("/tableau-de-bord/derive/").content.decode()
    occupation_row = html[
        html.index("Répartition des métiers") : html.index("</tr>", html.index("Répartition des métiers"))
    ]
    assert "Normal" not in occupation_row
    assert "Dérive</strong> : aucune offre dans la période de comparaison" in occupation_row


def test_the_admin_filters_offers_by_source_name(admin_client):
    OfferFactory(title="Plombier", sources=[Source.FRANCE_TRAVAIL])
    OfferFactory(title="Vendeur", sources=[Source.ADZUNA])
    OfferFactory(title="Caissier", sources=[Source.FRANCE_TRAVAIL, Source.ADZUNA])
    html = admin_client.get("/admin/offers/offer/").content.decode()
    assert "?source=francetravail" in html and "?source=adzuna" in html and "?source=toutes" in html
    assert "[&#x27;francetravail&#x27;" not in html and "['francetravail'" not in html
    adzuna = admin_client.get("/admin/offers/offer/", {"source": "adzuna"}).content.decode()
    assert "Vendeur" in adzuna and "Caissier" in adzuna and "Plombier" not in adzuna
    both = admin_client.get("/admin/offers/offer/", {"source": "toutes"}).content.decode()
    assert "Caissier" in both and "Vendeur" not in both
