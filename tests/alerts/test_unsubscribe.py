"""The unsubscribe link of every digest: one click, no login, and a forged link changes nothing."""

from __future__ import annotations

import pytest
from django.core import signing
from django.test import Client

from candidates import alerts
from candidates.models import AlertFrequency, AlertState, SavedSearch
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def candidate():
    user = UserFactory()
    alerts.saved_search_create(user=user, name="Boulanger", query={"q": "boulanger"}, frequency="daily")
    alerts.saved_search_create(user=user, name="Pâtissier", query={"q": "pâtissier"}, frequency="weekly")
    alerts.alert_recommendations_set(user=user, enabled=True)
    return user


def _path(url: str) -> str:
    return url.removeprefix("https://jobmarket.example")


def test_the_link_asks_for_confirmation_then_turns_one_alert_off_without_login(candidate):
    search = SavedSearch.objects.get(name="Boulanger")
    path = _path(alerts.unsubscribe_url(user_id=candidate.pk, search_id=search.pk))
    client = Client(enforce_csrf_checks=True)

    page = client.get(path)
    assert page.status_code == 200
    assert "Ne plus recevoir d'alerte pour la recherche « Boulanger » ?" in page.content.decode()
    assert SavedSearch.objects.get(pk=search.pk).frequency == AlertFrequency.DAILY  # a GET changes nothing

    done = client.post(path)
    assert done.status_code == 200
    assert "Vous ne recevrez plus d'alerte pour la recherche « Boulanger »" in done.content.decode()
    assert SavedSearch.objects.get(pk=search.pk).frequency == AlertFrequency.NEVER
    assert SavedSearch.objects.get(name="Pâtissier").frequency == AlertFrequency.WEEKLY
    # Clicking again is harmless.
    assert client.post(path).status_code == 200


def test_one_click_unsubscribe_from_the_mail_client_turns_every_alert_off(candidate):
    """RFC 8058: the mail client POSTs List-Unsubscribe=One-Click to the List-Unsubscribe address."""
    path = _path(alerts.unsubscribe_url(user_id=candidate.pk))

    response = Client(enforce_csrf_checks=True).post(path, {"List-Unsubscribe": "One-Click"})

    assert response.status_code == 200
    assert set(SavedSearch.objects.values_list("frequency", flat=True)) == {AlertFrequency.NEVER}
    assert AlertState.objects.get(user=candidate).recommendations is False
    assert SavedSearch.objects.filter(owner=candidate).count() == 2  # the searches stay


@pytest.mark.parametrize(
    "tamper",
    [
        lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),  # signature altered
        lambda token: token.replace(token.split(":")[0], "eyJ1Ijo5OTksInMiOm51bGx9"),  # payload swapped
        lambda token: "n-importe-quoi",
    ],
)
def test_a_tampered_link_is_rejected_with_a_clear_french_page(candidate, tamper):
    token = alerts.unsubscribe_token(user_id=candidate.pk)
    client = Client()

    for response in (client.get(f"/alertes/desinscription/{tamper(token)}/"),
                     client.post(f"/alertes/desinscription/{tamper(token)}/")):  # fmt: skip
        assert response.status_code == 400
        assert "Ce lien de désabonnement n'est pas valide" in response.content.decode()
    assert set(SavedSearch.objects.values_list("frequency", flat=True)) == {AlertFrequency.DAILY, AlertFrequency.WEEKLY}
    assert AlertState.objects.get(user=candidate).recommendations is True


def test_a_link_for_another_candidates_search_id_does_not_work(candidate):
    other = UserFactory()
    theirs = alerts.saved_search_create(user=other, name="Autre", query={}, frequency="daily")
    # A validly signed token whose search is not the candidate's (cannot be forged, but checked anyway).
    token = alerts.unsubscribe_token(user_id=candidate.pk, search_id=theirs.pk)

    assert Client().post(f"/alertes/desinscription/{token}/").status_code == 400
    assert SavedSearch.objects.get(pk=theirs.pk).frequency == AlertFrequency.DAILY


def test_a_link_is_the_same_whenever_it_is_made(candidate, monkeypatch):
    """A digest sent again after a crash must be the same message: its links carry no timestamp."""
    monkeypatch.setattr(signing.time, "time", lambda: 1_800_000_000.0)
    first = alerts.unsubscribe_token(user_id=candidate.pk)
    monkeypatch.setattr(signing.time, "time", lambda: 1_800_000_007.0)
    assert alerts.unsubscribe_token(user_id=candidate.pk) == first


def test_a_link_mailed_before_links_lost_their_timestamp_still_works(candidate):
    token = signing.dumps({"u": candidate.pk, "s": None}, salt=alerts.UNSUBSCRIBE_SALT, compress=False)

    assert Client().post(f"/alertes/desinscription/{token}/").status_code == 200
    assert set(SavedSearch.objects.values_list("frequency", flat=True)) == {AlertFrequency.NEVER}
