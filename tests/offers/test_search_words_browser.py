"""End to end in Chromium: typos, the no-dead-end page, Back and Forward, the way back from an offer."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from offers.models import ContractType
from tests.factories import OfferFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

KEYWORD = "Métier, compétence ou mot-clé"


def bakers_and_an_accountant() -> None:
    now = timezone.now()
    for number in range(23):
        OfferFactory(
            title=f"Boulanger H/F {number}",
            published_at=now - dt.timedelta(hours=number),
            contract_type=ContractType.CDI if number % 2 else ContractType.CDD,
        )
    OfferFactory(
        title="Comptable confirmé", description="Bilans.", skills=["Sage"], rome_code="M1203",
        rome_label="Comptabilité", contract_type=ContractType.CDI,
    )  # fmt: skip


def count(page) -> str:
    return page.get_by_test_id("results-count").inner_text()


def test_a_typo_finds_the_offers_and_says_what_was_searched(page):
    bakers_and_an_accountant()
    page.goto("/offres/")

    page.get_by_label(KEYWORD).fill("boulangre")

    page.wait_for_url(re.compile(r"q=boulangre"))
    assert count(page) == "23 offres"
    assert "Recherche élargie à" in page.locator(".search-expansion").first.inner_text()


def test_several_words_that_no_offer_holds_together_show_the_closest_said_so(page):
    bakers_and_an_accountant()
    page.goto("/offres/")

    page.get_by_label(KEYWORD).fill("comptable boulanger")

    page.wait_for_url(re.compile(r"q=comptable"))
    assert (
        page.get_by_test_id("closest-note").inner_text()
        == "Aucune offre ne contient tous les mots ; voici les plus proches."
    )
    assert count(page) == "24 offres"


def test_an_empty_page_proposes_a_way_out_with_its_count_and_following_it_updates_the_form(page):
    bakers_and_an_accountant()
    page.goto("/offres/?q=comptable&contrat=cdd")
    assert page.get_by_test_id("empty-state").is_visible()

    page.get_by_role("link", name="Sans le filtre « Type de contrat »").click()

    page.wait_for_url(re.compile(r"/offres/\?q=comptable$"))
    assert count(page) == "1 offre"
    page.get_by_text("Plus de filtres").click()
    assert not page.get_by_label("CDD").is_checked()


def test_back_and_forward_restore_the_keyword_the_filters_and_the_results_together(page):
    bakers_and_an_accountant()
    page.goto("/offres/")
    start = page.evaluate("history.length")

    page.get_by_label(KEYWORD).fill("boulanger")
    page.wait_for_url(re.compile(r"q=boulanger"))
    page.get_by_label(KEYWORD).press("Tab")  # leaving the field fires `change`: no second entry
    page.get_by_text("Plus de filtres").click()
    page.get_by_label("CDI").check()
    page.wait_for_url(re.compile(r"contrat=cdi"))
    assert count(page) == "11 offres"
    assert page.evaluate("history.length") == start + 2  # one entry per search

    page.go_back()
    page.wait_for_url(lambda url: "q=boulanger" in url and "contrat" not in url)
    expect(page.get_by_label(KEYWORD)).to_have_value("boulanger")
    expect(page.get_by_test_id("results-count")).to_have_text("23 offres")
    page.get_by_text("Plus de filtres").click()
    assert not page.get_by_label("CDI").is_checked()

    page.go_forward()
    page.wait_for_url(re.compile(r"contrat=cdi"))
    expect(page.get_by_test_id("results-count")).to_have_text("11 offres")
    expect(page.get_by_label(KEYWORD)).to_have_value("boulanger")

    page.go_back()
    page.go_back()
    page.wait_for_url(re.compile(r"/offres/$"))
    expect(page.get_by_test_id("results-count")).to_have_text("24 offres")
    expect(page.get_by_label(KEYWORD)).to_have_value("")


def test_the_offer_page_returns_to_the_same_search_and_page(page):
    bakers_and_an_accountant()
    page.goto("/offres/?q=boulanger")
    page.get_by_role("link", name="Suivante →").click()
    page.wait_for_url(re.compile(r"page=2"))

    page.get_by_test_id("offer").first.get_by_role("link").first.click()
    page.wait_for_url(re.compile(r"/offres/\d+/"))
    page.get_by_test_id("back-to-search").click()

    page.wait_for_url(re.compile(r"/offres/\?q=boulanger&page=2$"))
    assert page.get_by_label(KEYWORD).input_value() == "boulanger"
    assert "Page 2 sur 2" in page.locator(".pagination").inner_text()
