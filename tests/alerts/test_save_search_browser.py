"""In Chromium: save the current search from /offres/ (htmx), then pause it from /profil/."""

from __future__ import annotations

import os

import pytest

from candidates.models import SavedSearch
from tests.factories import CommuneFactory, OfferFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "un mot de passe solide 2026"


def _log_in(page, email):
    page.goto("/connexion/")
    page.get_by_label("Adresse e-mail").fill(email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()


def test_a_candidate_saves_the_search_on_screen_and_pauses_it_from_the_profile(page):
    CommuneFactory()
    OfferFactory(title="Boulanger H/F")
    user = UserFactory()
    _log_in(page, user.email)

    page.goto("/offres/?contrat=cdi&q=pain")
    # Typed after the page loaded (htmx refreshes the results): the saved search has it too.
    page.get_by_label("Métier, compétence ou mot-clé").fill("boulanger")
    page.wait_for_url("**q=boulanger**")
    page.get_by_text("Enregistrer cette recherche et recevoir les nouvelles offres par e-mail").click()
    page.get_by_label("Nom de la recherche").fill("Boulanger en CDI")
    page.get_by_label("Alerte par e-mail").select_option("weekly")
    if os.environ.get("ALERTS_SCREENSHOTS"):
        page.screenshot(path=os.path.join(os.environ["ALERTS_SCREENSHOTS"], "save-search.png"), full_page=True)
    page.get_by_role("button", name="Enregistrer la recherche").click()
    page.get_by_text("Recherche « Boulanger en CDI » enregistrée.").wait_for()

    search = SavedSearch.objects.get(owner=user)
    assert search.query["q"] == "boulanger" and search.query["contrat"] == ["cdi"]
    assert search.frequency == "weekly"

    page.get_by_role("link", name="Gérer mes recherches et alertes").click()
    page.wait_for_url("**/profil/#saved-searches")
    page.get_by_role("button", name="Mettre en pause").click()
    page.get_by_text("alertes en pause").wait_for()
    if os.environ.get("ALERTS_SCREENSHOTS"):
        page.screenshot(path=os.path.join(os.environ["ALERTS_SCREENSHOTS"], "profile.png"), full_page=True)
    assert SavedSearch.objects.get(owner=user).paused is True
