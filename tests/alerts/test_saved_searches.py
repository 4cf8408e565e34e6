"""Saving the current search from /offres/, and managing saved searches on /profil/."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client

from candidates import alerts
from candidates.models import AlertFrequency, AlertState, SavedSearch
from tests.factories import CommuneFactory, OfferFactory, UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "un mot de passe solide 2026"
EVERY_FILTER = (
    "q=boulanger&lieu=Montpellier+%2834%29&rayon=20&contrat=cdi&contrat=cdd&experience=debutant&secteur=Boulangerie"
    "&rome=D1102&salaire_min=25000&teletravail=on&depuis=7&source=francetravail&fermees=on&tri=date&page=3"
)


@pytest.fixture
def candidate():
    return UserFactory()


@pytest.fixture
def signed_in(candidate) -> Client:
    client = Client()
    client.force_login(candidate)
    return client


@pytest.fixture
def montpellier():
    CommuneFactory()
    OfferFactory()


def test_saving_the_current_search_keeps_every_filter(signed_in, candidate, montpellier):
    response = signed_in.post(
        f"/profil/recherches/?{EVERY_FILTER}", {"name": "Boulanger à Montpellier", "frequency": "weekly"}
    )

    assert response.status_code == 302
    search = SavedSearch.objects.get(owner=candidate)
    assert search.name == "Boulanger à Montpellier"
    assert search.frequency == AlertFrequency.WEEKLY
    assert search.query == {
        "q": "boulanger",
        "lieu": "Montpellier (34)",
        "rayon": "20",
        "contrat": ["cdi", "cdd"],
        "experience": ["debutant"],
        "secteur": "Boulangerie",
        "rome": "D1102",
        "salaire_min": "25000",
        "teletravail": "on",
        "depuis": "7",
        "source": ["francetravail"],
        "fermees": "on",
        "tri": "date",
    }  # everything but the page number
    # Back on the same search, and the saved search links to it.
    assert parse_qs(urlsplit(response["Location"]).query) == parse_qs(urlsplit(alerts.search_url(search.query)).query)
    assert AlertState.objects.filter(user=candidate).exists()


def test_saving_with_htmx_takes_the_search_form_as_it_is_now(signed_in, candidate, montpellier):
    response = signed_in.post(
        "/profil/recherches/?q=ancienne",
        {"name": "Pâtissier", "frequency": "daily", "q": "pâtissier", "lieu": "34", "contrat": ["cdi"], "rayon": ""},
        HTTP_HX_REQUEST="true",
    )

    assert response.status_code == 200
    assert "Recherche « Pâtissier » enregistrée." in response.content.decode()
    assert SavedSearch.objects.get(owner=candidate).query == {"q": "pâtissier", "lieu": "34", "contrat": ["cdi"]}


def test_a_search_with_an_invalid_filter_is_refused_with_a_french_message(signed_in, candidate):
    response = signed_in.post(
        "/profil/recherches/?rome=XYZ&contrat=stage-de-rêve",
        {"name": "Invalide", "frequency": "daily"},
        HTTP_HX_REQUEST="true",
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "filtres invalides" in page
    assert "code ROME" in page
    assert not SavedSearch.objects.exists()


def test_a_name_is_required(signed_in):
    response = signed_in.post(
        "/profil/recherches/?q=boulanger", {"name": "", "frequency": "daily"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 400
    assert "Donnez un nom à cette recherche." in response.content.decode()


def test_an_anonymous_visitor_is_sent_to_the_login_page_and_back(client):
    response = client.post("/profil/recherches/?q=boulanger", {"name": "x", "frequency": "daily"})
    assert response.status_code == 302
    assert response["Location"].startswith("/connexion/?next=")
    assert "boulanger" in response["Location"]
    assert not SavedSearch.objects.exists()


def test_the_search_page_offers_to_save_the_search(signed_in, client):
    page = signed_in.get("/offres/?q=boulanger").content.decode()
    assert 'id="save-search"' in page
    assert "Enregistrer la recherche" in page
    assert "Connectez-vous" in client.get("/offres/?q=boulanger").content.decode()


def test_the_profile_lists_saved_searches_with_edit_pause_and_delete(signed_in, candidate):
    search = alerts.saved_search_create(user=candidate, name="Boulanger", query={"q": "boulanger"}, frequency="daily")

    page = signed_in.get("/profil/").content.decode()
    assert "Mes recherches et alertes" in page
    assert "Boulanger" in page
    assert f"/profil/recherches/{search.pk}/" in page

    signed_in.post(f"/profil/recherches/{search.pk}/pause/", {"paused": "1"})
    assert SavedSearch.objects.get(pk=search.pk).paused is True
    assert "alertes en pause" in signed_in.get("/profil/").content.decode()

    response = signed_in.post(
        f"/profil/recherches/{search.pk}/", {"name": "Boulanger de nuit", "frequency": "weekly", "paused": ""}
    )
    assert response.status_code == 302
    search.refresh_from_db()
    assert (search.name, search.frequency, search.paused) == ("Boulanger de nuit", "weekly", False)

    response = signed_in.post(f"/profil/recherches/{search.pk}/supprimer/", HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "Aucune recherche enregistrée" in response.content.decode()
    assert not SavedSearch.objects.exists()


def test_resuming_alerts_starts_them_from_now(candidate):
    search = alerts.saved_search_create(user=candidate, name="B", query={"q": "boulanger"}, frequency="daily")
    first = search.alerts_since
    alerts.saved_search_pause(user=candidate, search_id=search.pk, paused=True)
    resumed = alerts.saved_search_pause(user=candidate, search_id=search.pk, paused=False)
    assert resumed.alerts_since > first


def test_a_candidate_cannot_see_edit_pause_or_delete_another_candidates_search(signed_in):
    owner = UserFactory()
    search = alerts.saved_search_create(user=owner, name="La mienne", query={"q": "boulanger"}, frequency="daily")

    assert signed_in.get(f"/profil/recherches/{search.pk}/").status_code == 404
    assert signed_in.post(f"/profil/recherches/{search.pk}/", {"name": "x", "frequency": "never"}).status_code == 404
    assert signed_in.post(f"/profil/recherches/{search.pk}/pause/", {"paused": "1"}).status_code == 404
    assert signed_in.post(f"/profil/recherches/{search.pk}/supprimer/").status_code == 404
    assert "La mienne" not in signed_in.get("/profil/").content.decode()
    search.refresh_from_db()
    assert (search.name, search.frequency, search.paused) == ("La mienne", "daily", False)


def test_the_profile_alert_can_be_switched_on_and_off(signed_in, candidate):
    signed_in.post("/profil/alertes/profil/", {"recommendations": "on"})
    assert AlertState.objects.get(user=candidate).recommendations is True
    signed_in.post("/profil/alertes/profil/", {})
    assert AlertState.objects.get(user=candidate).recommendations is False


def test_a_candidate_keeps_at_most_twenty_saved_searches(candidate):
    for index in range(alerts.MAX_SAVED_SEARCHES):
        alerts.saved_search_create(user=candidate, name=f"R{index}", query={}, frequency="never")
    with pytest.raises(alerts.SavedSearchError, match="supprimez-en une"):
        alerts.saved_search_create(user=candidate, name="Une de trop", query={}, frequency="never")


def test_saved_searches_are_in_the_candidates_data_export(signed_in, candidate):
    alerts.saved_search_create(user=candidate, name="Boulanger", query={"q": "boulanger"}, frequency="weekly")
    data = signed_in.get("/profil/mes-donnees.json").json()
    assert data["saved_searches"][0]["name"] == "Boulanger"
    assert data["saved_searches"][0]["query"] == {"q": "boulanger"}
    assert data["alert_digests"] == []
