"""End to end in Chromium: live search, filters, pages, back button, offer page, charts, phone width."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from offers.models import ContractType
from tests.factories import OfferFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def some_offers() -> None:
    now = timezone.now()
    for number in range(23):
        OfferFactory(
            title=f"Boulanger H/F {number}",
            published_at=now - dt.timedelta(hours=number),
            domain="Boulangerie",
            salary_min=22000 + number * 100,
            salary_max=26000 + number * 100,
        )
    OfferFactory(
        title="Comptable confirmé",
        description="Bilans et liasses.",
        company="Cabinet Dupont",
        rome_code="M1203",
        rome_label="Comptabilité",
        skills=["Sage"],
        contract_type=ContractType.CDD,
        city="Nîmes",
        postcode="30000",
        departement="30",
        latitude=43.8345,
        longitude=4.3592,
    )


def test_typing_a_keyword_updates_the_results_and_the_url(page):
    some_offers()
    page.goto("/offres/")
    assert page.get_by_test_id("results-count").inner_text() == "24 offres"

    page.get_by_label("Métier, compétence ou mot-clé").fill("comptable")

    page.wait_for_url(re.compile(r"q=comptable"))
    assert page.get_by_test_id("results-count").inner_text() == "1 offre"
    assert page.get_by_test_id("offer").inner_text().startswith("Comptable confirmé")


def test_a_filter_checkbox_narrows_the_results(page):
    some_offers()
    page.goto("/offres/")

    page.get_by_text("Plus de filtres").click()
    page.get_by_label("CDD").check()

    page.wait_for_url(re.compile(r"contrat=cdd"))
    assert page.get_by_test_id("results-count").inner_text() == "1 offre"


def test_pages_and_back_button_restore_the_query(page):
    some_offers()
    page.goto("/offres/?q=boulanger")
    assert page.get_by_test_id("results-count").inner_text() == "23 offres"

    page.get_by_role("link", name="Suivante →").click()
    page.wait_for_url(re.compile(r"page=2"))
    assert page.get_by_test_id("offer").count() == 3
    assert "Page 2 sur 2" in page.locator(".pagination").inner_text()

    page.get_by_label("Métier, compétence ou mot-clé").fill("comptable")
    page.wait_for_url(re.compile(r"q=comptable"))
    assert page.get_by_test_id("results-count").inner_text() == "1 offre"

    page.go_back()
    page.wait_for_url(re.compile(r"q=boulanger.*page=2|page=2.*q=boulanger"))
    # The page of the URL comes from the server (no stale snapshot): wait for it.
    expect(page.get_by_label("Métier, compétence ou mot-clé")).to_have_value("boulanger")
    expect(page.locator(".pagination")).to_contain_text("Page 2 sur 2")


def test_opening_an_offer_shows_its_page(page):
    some_offers()
    page.goto("/offres/?q=comptable")

    page.get_by_role("link", name="Comptable confirmé").click()

    assert page.get_by_role("heading", level=1).inner_text() == "Comptable confirmé"
    assert page.get_by_text("Bilans et liasses.").is_visible()


def test_market_charts_are_drawn_with_data(page):
    some_offers()
    page.goto("/marche/")

    page.wait_for_function("() => document.querySelectorAll('canvas[data-chart]').length > 0")
    page.wait_for_function(
        """() => Array.from(document.querySelectorAll('canvas[data-chart]')).every(
            (canvas) => window.Chart && Chart.getChart(canvas)
                && Chart.getChart(canvas).data.datasets[0].data.length > 0)"""
    )
    drawn = page.evaluate(
        "() => Array.from(document.querySelectorAll('canvas[data-chart]')).map((c) => c.dataset.chart)"
    )
    assert {"contracts", "companies", "domains", "cities", "skills", "salaries"} <= set(drawn)
    assert page.locator("svg.fr-map path").count() >= 96  # the map of départements, drawn by the server

    page.get_by_label("Métier, compétence ou mot-clé").fill("comptable")
    page.wait_for_url(re.compile(r"q=comptable"))
    page.wait_for_function(
        """() => { const c = document.querySelector('canvas[data-chart="companies"]');
                   return c && Chart.getChart(c) && Chart.getChart(c).data.labels[0] === 'Cabinet Dupont'; }"""
    )


@pytest.mark.parametrize("path", ["/offres/?q=boulanger", "/marche/", "/competences/?metier=D1102"])
def test_pages_fit_a_phone_without_horizontal_scroll(phone_page, path):
    some_offers()
    phone_page.goto(path)
    phone_page.wait_for_load_state("networkidle")

    overflow = phone_page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")

    assert overflow <= 0


def test_an_unknown_place_gets_its_message_next_to_the_field_without_reloading(page):
    some_offers()
    page.goto("/offres/")

    place = page.get_by_label("Lieu (commune, code postal, département ou région)")
    place.fill("Atlantide")
    place.press("Tab")

    page.wait_for_url(re.compile(r"lieu=Atlantide"))
    assert "Lieu inconnu" in page.locator("#errors-lieu").inner_text()
    assert page.get_by_test_id("results-count").inner_text() == "0 offres"  # never silently all of France
