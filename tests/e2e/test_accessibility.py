"""Accessibility held by tests: every page, desktop and phone, signed in or not.

- axe-core (npm, pinned in package-lock.json, injected into Debian's Chromium): no WCAG 2.1
  A or AA violation;
- every control (button, field, list, summary) has a name, and no two share one; two links
  with the same name lead to the same place;
- at 320 px nothing scrolls sideways (WCAG 1.4.10 reflow).

The pages are those of jobmarket/site_pages.py, filled with the demo data (tests/e2e/site_pages.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from jobmarket.site_pages import VIEWPORTS, session_cookies
from tests.e2e.site_pages import demo_site_pages

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE_PATH = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# Names of the controls and links shown, computed by axe itself (its accessible-name algorithm).
NAMES_SCRIPT = """() => {
  axe.setup(document);
  try {
    // Controls a screen reader meets: shown, not inert, not inside aria-hidden (the map's drawing,
    // whose links repeat its table's for pointers only).
    const shown = (el) =>
      el.checkVisibility({ visibilityProperty: true }) && !el.closest("[inert], [aria-hidden=true]");
    const target = (el) => {
      try { return new URL(el.getAttribute("href"), location.href).href.split("#")[0]; }
      catch (error) { return el.getAttribute("href"); }
    };
    const name = (el) =>
      axe.commons.text.accessibleTextVirtual(axe.utils.getNodeFromTree(el)).trim().replace(/\\s+/g, " ");
    const where = (el) => el.outerHTML.slice(0, 120);
    const controls = [...document.querySelectorAll(
      "button, input:not([type=hidden]), select, textarea, summary, [role=button], [role=switch]")].filter(shown);
    const links = [...document.querySelectorAll("a[href]")].filter(shown);
    return {
      controls: controls.map((el) => ({ name: name(el), html: where(el) })),
      links: links.map((el) => ({ name: name(el), href: target(el), html: where(el) })),
    };
  } finally { axe.teardown(); }
}"""


def _inject_axe(page) -> None:
    # Evaluated through the DevTools protocol: the site's CSP (scripts from its own files only)
    # refuses an injected <script>, but not the test driver.
    page.evaluate(AXE_PATH.read_text(encoding="utf-8"))


def _axe_violations(page) -> list[str]:
    result = page.evaluate(
        "(tags) => axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })",
        WCAG_TAGS,
    )
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} — {node['target']} {node['html'][:140]}"
        for violation in result["violations"]
        for node in violation["nodes"][:3]
    ]


def _name_problems(page) -> list[str]:
    found = page.evaluate(NAMES_SCRIPT)
    problems, seen = [], {}
    for control in found["controls"]:
        if not control["name"]:
            problems.append(f"control without a name: {control['html']}")
        elif control["name"] in seen:
            problems.append(f"two controls named « {control['name']} »: {seen[control['name']]} / {control['html']}")
        seen.setdefault(control["name"], control["html"])
    targets: dict[str, str] = {}
    for link in found["links"]:
        if not link["name"]:
            problems.append(f"link without a name: {link['html']}")
        elif targets.setdefault(link["name"], link["href"]) != link["href"]:
            problems.append(f"links named « {link['name']} » lead to {targets[link['name']]} and {link['href']}")
    return problems


def _overflow(page) -> list[str]:
    # The layout viewport's width (clientWidth), not window.innerWidth: a phone browser zooms
    # out on a page wider than the screen, and innerWidth then grows with the page.
    width = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    if width <= 0:
        return []
    culprits = page.evaluate(
        """() => {
             const limit = document.documentElement.clientWidth + 1;
             return [...document.querySelectorAll('body *')]
               .filter((el) => el.getBoundingClientRect().right > limit && el.checkVisibility())
               .slice(0, 3).map((el) => el.outerHTML.slice(0, 100));
           }"""
    )
    return [f"scrolls {width} px sideways at {page.viewport_size['width']} px: {culprits}"]


def _check(page, path: str) -> list[str]:
    response = page.goto(path)
    assert response is not None
    page.wait_for_load_state("networkidle")
    _inject_axe(page)
    leaks = page.evaluate("() => ['{#', '{%', '{{', '#}'].filter((mark) => document.body.innerText.includes(mark))")
    template_text = [f"template syntax shown on the page: {leaks}"] if leaks else []
    return _axe_violations(page) + _name_problems(page) + _overflow(page) + template_text


def _interactive_states(page, viewport: str) -> list[str]:
    """States a plain page load does not show: the phone menu and filters drawer opened."""
    problems = []
    if viewport == "phone":
        page.goto("/offres/?q=boulanger")
        page.get_by_role("button", name="Menu").click()
        page.get_by_role("button", name="Filtrer les résultats").click()
        _inject_axe(page)
        problems += [f"filters drawer open: {problem}" for problem in _axe_violations(page) + _overflow(page)]
    return problems


def test_every_page_passes_axe_names_its_controls_and_fits_a_320px_phone(browser, live_server):
    assert AXE_PATH.exists(), "axe-core is missing: run `make test` (it runs `npm ci`)"
    pages = demo_site_pages()
    report = []
    checked = 0
    for viewport, size in VIEWPORTS.items():
        for role in ("anonymous", "candidate", "staff"):
            context = browser.new_context(
                base_url=live_server.url, locale="fr-FR", viewport=size, is_mobile=viewport == "phone"
            )
            context.add_cookies(session_cookies(role, live_server.url))
            context.set_default_timeout(15_000)
            page = context.new_page()
            try:
                for site_page in (item for item in pages if item.role == role):
                    for problem in _check(page, site_page.path):
                        report.append(f"[{viewport}] {site_page.name} {site_page.path}: {problem}")
                    checked += 1
                if role == "anonymous":
                    report += [f"[{viewport}] {problem}" for problem in _interactive_states(page, viewport)]
            finally:
                context.close()
    assert checked == 2 * len(pages)
    assert not report, f"{len(report)} problems:\n" + "\n".join(report)


def test_the_checks_see_a_violation_a_shared_name_and_a_page_wider_than_the_phone(browser):
    """The sweep above passes only if its three checks can fail: each one meets its fault here."""
    context = browser.new_context(viewport=VIEWPORTS["phone"], locale="fr-FR")
    page = context.new_page()
    try:
        page.set_content(
            '<html lang="fr"><head><title>t</title></head><body><main><h1>t</h1>'
            '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'
            "<button>Sauvegarder</button><button>Sauvegarder</button>"
            '<a href="/offres/1/">Boulanger</a><a href="/offres/2/">Boulanger</a>'
            '<div style="width: 400px">large</div></main></body></html>'
        )
        _inject_axe(page)
        assert any(problem.startswith("image-alt") for problem in _axe_violations(page))
        names = _name_problems(page)
        assert any("two controls named « Sauvegarder »" in problem for problem in names)
        assert any("links named « Boulanger »" in problem for problem in names)
        assert "sideways at 320 px" in _overflow(page)[0]
    finally:
        context.close()
