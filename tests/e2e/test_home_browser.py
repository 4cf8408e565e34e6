from __future__ import annotations

import pytest

from tests.factories import OfferSourceFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_home_page_shows_live_counts_and_a_keyboard_reachable_search(page):
    OfferSourceFactory.create_batch(2)

    page.goto("/")

    assert page.title() == "Accueil · JobMarket"
    # On a desktop the navigation is visible without any click.
    for name in ("Offres", "Marché", "Recommandations", "Connexion"):
        assert page.get_by_role("link", name=name, exact=True).is_visible()
    assert not page.get_by_role("button", name="Menu").is_visible()
    assert page.get_by_test_id("open-offers").inner_text() == "2"
    # The skip link is the first stop for keyboard users and leads to the content.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    search = page.get_by_label("Métier, compétence ou mot-clé")
    search.fill("boulanger")
    search.press("Enter")
    page.wait_for_url("**/offres/?q=boulanger")


def test_navigation_folds_into_a_menu_on_a_phone(phone_page):
    phone_page.goto("/")

    offers_link = phone_page.get_by_role("link", name="Offres", exact=True)
    assert not offers_link.is_visible()
    menu = phone_page.get_by_role("button", name="Menu")
    assert menu.get_attribute("aria-expanded") == "false"
    menu.click()
    assert offers_link.is_visible()
    assert menu.get_attribute("aria-expanded") == "true"
    phone_page.keyboard.press("Escape")
    assert not offers_link.is_visible()
    # No horizontal scrolling at phone width.
    assert phone_page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
