from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_swagger_ui_renders_every_operation_from_the_vendored_assets(page):
    external: list[str] = []
    page.on(
        "request",
        lambda request: (
            external.append(request.url) if "127.0.0.1" not in request.url and "localhost" not in request.url else None
        ),
    )
    page.goto("/api/docs/")
    page.locator(".opblock").first.wait_for()
    assert page.locator(".opblock").count() >= 25
    assert page.get_by_text("JobMarket API").first.is_visible()
    assert page.locator(".opblock-summary-path", has_text="/api/offers/search/").count() == 1
    assert external == []
