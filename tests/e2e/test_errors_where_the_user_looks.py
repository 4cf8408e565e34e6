"""Errors where the user looks: htmx swaps a refused form's fragment (400) in place and moves the
focus to the field in error; an error without a fragment is said at the top of the page."""

from __future__ import annotations

import re
import time

import pytest

from tests.candidates.documents import pdf_with_text
from tests.factories import OfferFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _wait_until(page, expression: str, timeout: float = 10) -> None:
    """Poll an expression through the driver (the site's CSP refuses the eval of wait_for_function)."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        assert time.monotonic() < deadline, f"still false after {timeout} s: {expression}"
        page.wait_for_timeout(50)


def _signed_in(page, client, live_server):
    client.force_login(UserFactory())
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def test_saving_a_search_without_a_name_says_so_next_to_the_name_with_the_focus_on_it(page, client, live_server):
    OfferFactory()
    _signed_in(page, client, live_server)
    page.goto("/offres/?q=boulanger")
    page.get_by_text("Enregistrer cette recherche").click()
    page.get_by_role("button", name="Enregistrer la recherche").click()

    _wait_until(page, "document.activeElement && document.activeElement.id === 'save-search-name'")
    name = page.get_by_label("Nom de la recherche")
    assert name.get_attribute("aria-invalid") == "true"
    described = page.locator(f"#{name.get_attribute('aria-describedby')}")
    assert "Donnez un nom à cette recherche." in described.inner_text()
    assert described.is_visible()

    name.fill("Boulanger")
    page.get_by_role("button", name="Enregistrer la recherche").click()
    page.get_by_text("Recherche « Boulanger » enregistrée.").wait_for()


def test_a_refused_cv_is_said_next_to_the_file_field_which_gets_the_focus_without_a_reload(page, client, live_server):
    _signed_in(page, client, live_server)
    page.goto("/profil/")
    page.evaluate("window.notReloaded = true")
    page.locator("#cv-form input[type=file]").set_input_files(
        files=[{"name": "photo.pdf", "mimeType": "application/pdf", "buffer": b"\x89PNG\r\n\x1a\n not a pdf"}]
    )
    page.get_by_role("button", name="Déposer le CV").click()

    _wait_until(page, "document.activeElement && document.activeElement.type === 'file'")
    section = page.locator("#mon-cv")
    field = section.locator("input[type=file]")
    assert field.get_attribute("aria-invalid") == "true"
    error = section.locator(".errorlist, [id$='_error']").first
    assert error.is_visible()
    # Next to the field: within a screen's height of it, and the field itself on screen.
    assert abs(error.bounding_box()["y"] - field.bounding_box()["y"]) < 300
    assert 0 <= field.bounding_box()["y"] < page.viewport_size["height"]
    assert page.evaluate("window.notReloaded") is True

    # Then a good one: the page comes back with the outcome in the CV section.
    page.locator("#cv-form input[type=file]").set_input_files(
        files=[{"name": "cv.pdf", "mimeType": "application/pdf", "buffer": pdf_with_text(["Pétrir la pâte"])}]
    )
    page.get_by_role("button", name="Déposer le CV").click()
    page.locator("#mon-cv").get_by_text(re.compile(r"CV enregistré")).wait_for()


def test_a_server_error_during_a_search_is_said_at_the_top_of_the_page(page):
    OfferFactory()
    page.goto("/offres/")
    page.route(re.compile(r".*/offres/\?.*q=boulanger.*"), lambda route: route.fulfill(status=500, body="boom"))
    page.get_by_label("Métier, compétence ou mot-clé").fill("boulanger")
    alert = page.locator("#htmx-error")
    alert.wait_for(state="visible")
    assert "Une erreur est survenue de notre côté" in alert.inner_text()
    assert alert.get_attribute("role") == "alert"
    assert page.evaluate("document.activeElement.id") == "htmx-error"
    # The next request that goes through clears it.
    page.unroute(re.compile(r".*/offres/\?.*q=boulanger.*"))
    page.get_by_label("Métier, compétence ou mot-clé").fill("boulangerie")
    alert.wait_for(state="hidden")
