"""Places in Chromium: the way people type them, the radius with unknown distances, a wrong place."""

from __future__ import annotations

import re

import pytest

from tests.factories import OfferFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PLACE_FIELD = "Lieu (commune, code postal, département ou région)"


@pytest.fixture
def paris_and_montpellier(load_communes):
    load_communes("Paris", "75108", "75119", "Montpellier", "Lunel")
    OfferFactory(title="Serveur Paris 8e", commune_insee="75108", city="Paris 8e Arrondissement", departement="75",
                 postcode="75008", latitude=48.8725, longitude=2.3126)  # fmt: skip
    OfferFactory(title="Serveur Paris 19e", commune_insee="75119", city="Paris 19e Arrondissement", departement="75",
                 postcode="75019", latitude=48.8869, longitude=2.3847)  # fmt: skip
    OfferFactory(title="Serveur Montpellier", commune_insee="34172", city="Montpellier", departement="34")
    OfferFactory(title="Serveur Lunel", commune_insee="34145", city="Lunel", departement="34", postcode="34400",
                 latitude=43.6757, longitude=4.1358)  # fmt: skip
    OfferFactory(title="Serveur Hérault", commune_insee="", city="", postcode="", departement="34",
                 latitude=None, longitude=None)  # fmt: skip


def offer_titles(page) -> list[str]:
    return [item.inner_text().splitlines()[0] for item in page.get_by_test_id("offer").all()]


def test_a_city_an_arrondissement_and_a_departement_as_people_type_them(page, paris_and_montpellier):
    page.goto("/offres/")
    place = page.get_by_label(PLACE_FIELD)

    place.fill("paris")
    place.press("Tab")
    page.wait_for_url(re.compile(r"lieu=paris"))
    expect_count(page, "2 offres")
    assert sorted(offer_titles(page)) == ["Serveur Paris 19e", "Serveur Paris 8e"]

    place.fill("PARIS 19")
    place.press("Tab")
    page.wait_for_url(re.compile(r"lieu=PARIS(\+|%20)19"))
    expect_count(page, "1 offre")
    assert offer_titles(page) == ["Serveur Paris 19e"]
    assert "Paris 19e Arrondissement (75)" in page.get_by_test_id("search-place").inner_text()

    place.fill("herault")
    place.press("Tab")
    page.wait_for_url(re.compile(r"lieu=herault"))
    expect_count(page, "3 offres")


def test_a_radius_lists_the_departement_only_offers_last_with_an_unknown_distance(page, paris_and_montpellier):
    page.goto("/offres/?lieu=Montpellier&rayon=30")
    expect_count(page, "3 offres")
    cards = page.get_by_test_id("offer").all()
    assert [card.inner_text().splitlines()[0] for card in cards] == [
        "Serveur Montpellier", "Serveur Lunel", "Serveur Hérault",
    ]  # fmt: skip
    assert "à 23 km" in cards[1].inner_text()
    assert "distance inconnue" in cards[2].inner_text() and "Hérault (34)" in cards[2].inner_text()


def test_a_wrong_place_says_so_next_to_the_field_and_lists_nothing(page, paris_and_montpellier):
    page.goto("/offres/")
    page.get_by_label(PLACE_FIELD).fill("Montpelier")
    page.get_by_label(PLACE_FIELD).press("Tab")

    page.wait_for_url(re.compile(r"lieu=Montpelier"))
    errors = page.locator("#errors-lieu")
    errors.get_by_text("Vouliez-vous dire : Montpellier (34) ?").wait_for()
    expect_count(page, "0 offres")
    assert offer_titles(page) == []


def expect_count(page, text: str) -> None:
    page.get_by_test_id("results-count").filter(has_text=re.compile(rf"^\s*{text}\s*$")).wait_for()
