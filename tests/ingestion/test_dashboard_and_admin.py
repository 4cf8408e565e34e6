"""The staff dashboard /tableau-de-bord/ and the admin of runs and raw payloads."""

from __future__ import annotations

import pytest
from django.utils import timezone

from ingestion.models import NormalisationStatus, RawPayload
from ingestion.selectors import offers_over_time
from ingestion.services import collection
from offers.models import Offer, OfferStatus
from tests.factories import UserFactory
from tests.ingestion.fake_client import FakeClient
from tests.ingestion.payloads import adzuna_job, france_travail_offer
from tests.ingestion.sessions import run_lock_held_elsewhere

pytestmark = pytest.mark.django_db


@pytest.fixture
def collected() -> None:
    collection.ingestion_run(
        source="francetravail",
        client=FakeClient("francetravail", [france_travail_offer("201A"), {"id": "BAD", "intitule": ""}]),
    )
    collection.ingestion_run(source="adzuna", client=FakeClient("adzuna", [adzuna_job("4801", title="Vendeur H/F")]))


def test_the_dashboard_is_for_staff_only(client) -> None:
    assert client.get("/tableau-de-bord/").status_code == 302
    client.force_login(UserFactory(is_staff=False))
    assert client.get("/tableau-de-bord/").status_code == 302


def test_the_dashboard_shows_runs_errors_calls_and_offers_over_time_as_tables(client, collected) -> None:
    client.force_login(UserFactory(is_staff=True))
    response = client.get("/tableau-de-bord/")
    assert response.status_code == 200
    html = response.content.decode()
    for text in ("Collectes par source et par jour", "Appels API", "missing_title", "Offres ouvertes et fermées"):
        assert text in html
    assert html.count("<table>") >= 4  # every chart also as a table
    assert 'id="dashboard-data"' in html


def test_offers_over_time_counts_open_and_closed_offers_per_day(collected) -> None:
    Offer.objects.filter(title="Vendeur H/F").update(status=OfferStatus.CLOSED, closed_at=timezone.now())
    today = offers_over_time(days=3)[-1]
    assert (today.day, today.open, today.closed) == (timezone.localdate(), 1, 1)


def test_the_admin_filters_raw_payloads_in_error(admin_client, collected) -> None:
    response = admin_client.get("/admin/ingestion/rawpayload/?en_erreur=oui")
    assert response.status_code == 200
    html = response.content.decode()
    assert "BAD" in html and "201A" not in html


def test_the_admin_shows_runs_and_edits_collection_searches(admin_client, collected) -> None:
    assert admin_client.get("/admin/ingestion/ingestionrun/").status_code == 200
    assert admin_client.get("/admin/ingestion/collectionsearch/").status_code == 200
    raw = RawPayload.objects.get(external_id="BAD")
    assert admin_client.get(f"/admin/ingestion/rawpayload/{raw.pk}/change/").status_code == 200


def test_the_admin_page_of_a_run_lists_its_errors(admin_client) -> None:
    run = collection.ingestion_run(source="francetravail", client=FakeClient("francetravail", [{}], fail_after=0))
    html = admin_client.get(f"/admin/ingestion/ingestionrun/{run.pk}/change/").content.decode()
    assert "ne répond plus" in html


def _retry(admin_client, *raws: RawPayload):
    return admin_client.post(
        "/admin/ingestion/rawpayload/",
        {"action": "retry_normalisation", "_selected_action": [raw.pk for raw in raws]},
        follow=True,
    )


def test_the_admin_normalises_selected_payloads_again(admin_client, collected) -> None:
    good = RawPayload.objects.get(external_id="201A")
    Offer.objects.all().delete()  # what a rebuild must bring back

    response = _retry(admin_client, good, RawPayload.objects.get(external_id="BAD"))

    assert "1 contenu normalisé." in response.content.decode()
    assert Offer.objects.get().postings.get().external_id == "201A"
    assert RawPayload.objects.get(external_id="BAD").status == NormalisationStatus.ERROR


def test_the_admin_does_not_normalise_while_a_run_of_the_source_is_active(admin_client, collected) -> None:
    with run_lock_held_elsewhere("francetravail"):
        Offer.objects.all().delete()

        response = _retry(admin_client, RawPayload.objects.get(external_id="201A"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "déjà en cours" in html and "Réessayez après la collecte." in html
    assert "0 contenu" in html and "normalisé" in html
    assert not Offer.objects.exists()
