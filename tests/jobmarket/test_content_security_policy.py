"""Content-Security-Policy: every page forbids inline scripts, and no page needs one."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.factories import OfferSourceFactory, UserFactory

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
# An executable script element without a src (a JSON data block is not executed, so it is allowed).
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/(?:ld\+)?json)[^>]*>", re.IGNORECASE)
INLINE_HANDLER = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)
INLINE_STYLE = re.compile(r"<style\b|\sstyle\s*=", re.IGNORECASE)


def _policy(response) -> dict[str, list[str]]:
    header = response.headers["Content-Security-Policy"]
    directives = (part.strip().split() for part in header.split(";") if part.strip())
    return {name: values for name, *values in directives}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/", "/offres/", "/connexion/", "/api/docs/", "/api/offers/", "/page-qui-n-existe-pas/"]
)
def test_every_response_carries_a_policy_without_inline_code_or_eval(client, path) -> None:
    policy = _policy(client.get(path))

    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]


def test_no_served_template_holds_inline_script_handler_or_style() -> None:
    offending = []
    for template in sorted(TEMPLATES.rglob("*.html")):
        if template.parent.name == "emails":  # read in mail clients, never served under our policy
            continue
        text = template.read_text(encoding="utf-8")
        for pattern in (INLINE_SCRIPT, INLINE_HANDLER, INLINE_STYLE):
            offending += [f"{template.relative_to(TEMPLATES)}: {m.group(0).strip()}" for m in pattern.finditer(text)]
    assert offending == []


def _sign_in(page, client, live_server, user) -> None:
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_pages_run_under_the_policy_without_a_single_violation(page, client, live_server) -> None:
    offer = OfferSourceFactory().offer
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(f"{page.url}: {message.text[:60]}") if "Content Security Policy" in message.text else None
        ),
    )
    _sign_in(page, client, live_server, UserFactory(is_staff=True, is_superuser=True))

    for path in ("/", "/offres/?q=boulanger", f"/offres/{offer.pk}/", "/marche/", "/competences/", "/profil/"):
        page.goto(path)
        page.wait_for_load_state("networkidle")
    page.goto("/tableau-de-bord/")
    page.wait_for_load_state("networkidle")
    # The dashboard's charts are drawn by its script file, now that it cannot be inline.
    assert page.evaluate("() => Boolean(window.Chart && Chart.getChart(document.getElementById('chart-timeline')))")
    page.goto("/api/docs/")
    page.locator(".opblock").first.wait_for()
    for path in ("/admin/", "/admin/offers/offer/", f"/admin/offers/offer/{offer.pk}/change/"):
        page.goto(path)
        page.wait_for_load_state("networkidle")

    assert violations == []
