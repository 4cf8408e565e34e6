"""The demo as `make run` loads it: a new user, from the home page, reaches "Postuler" on a
relevant offer in three clicks or fewer (typing the search words is not a click)."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import call_command
from django.utils import timezone

from jobmarket.management.commands.run_local import DEMO_DIR, demo_payloads_as_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MAX_CLICKS = 3


@pytest.fixture
def demo_offers(tmp_path):
    """The demo payloads pushed through the real pipeline, as `make run` does."""
    demo_payloads_as_of(DEMO_DIR, tmp_path, now=timezone.now())
    call_command("ingest", from_files=str(tmp_path), stdout=io.StringIO())


@pytest.mark.parametrize(("viewport", "way"), [("desktop", "search"), ("phone", "search"), ("phone", "shortcut")])
def test_a_new_user_reaches_postuler_on_a_relevant_offer_in_three_clicks(
    browser, live_server, demo_offers, viewport, way
):
    size = {"width": 1366, "height": 900} if viewport == "desktop" else {"width": 390, "height": 844}
    context = browser.new_context(
        base_url=live_server.url, locale="fr-FR", viewport=size, is_mobile=viewport == "phone"
    )
    context.set_default_timeout(10_000)
    # The sources' sites are out of reach from the test machine: answer for them.
    context.route(re.compile(r"^https://(?!127\.0\.0\.1).*"), lambda route: route.fulfill(body="site de la source"))
    page = context.new_page()
    clicks = 0
    try:
        page.goto("/")
        if way == "search":
            page.get_by_label("Métier, compétence ou mot-clé").fill("boulanger")
            page.get_by_role("button", name="Rechercher").click()
            clicks += 1
            page.wait_for_url("**/offres/?q=boulanger")
        else:  # no typing: one of the occupations that recruit, listed on the home page
            page.locator(".hiring").get_by_role("link", name="Boulanger / Boulangère").click()
            clicks += 1
            page.wait_for_url(re.compile(r"/offres/\?rome="))

        first = page.get_by_test_id("offer").first.locator("h3 a")
        title = first.inner_text()
        assert re.search(r"boulang", title, re.IGNORECASE), title  # relevant: the job asked for
        first.click()
        clicks += 1
        page.wait_for_url(re.compile(r"/offres/\d+/"))

        apply = page.get_by_role("link", name=re.compile(r"^Postuler"))
        assert apply.first.is_visible()  # no scrolling needed to see it
        assert apply.first.bounding_box()["y"] < size["height"]
        with context.expect_page() as new_tab:
            apply.first.click()
        clicks += 1
        source_page = new_tab.value
        source_page.wait_for_load_state()
        assert source_page.url.startswith("https://")
        assert clicks <= MAX_CLICKS
    finally:
        context.close()
