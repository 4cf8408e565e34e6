"""jobmarket/site_pages.py lists every page of the site (the accessibility sweep and the
screenshots walk it): a new route is either in it or said not to be a page."""

from __future__ import annotations

import pytest
from django.urls import URLResolver, get_resolver, resolve

from jobmarket.site_pages import NOT_PAGES, site_pages
from tests.factories import OfferFactory

pytestmark = pytest.mark.django_db


def _routes(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern.url_patterns, prefix + str(pattern.pattern))
        else:
            yield prefix + str(pattern.pattern), pattern.name


def test_every_route_of_the_site_is_a_listed_page_or_said_not_to_be_one():
    OfferFactory()
    listed = {resolve(page.path.split("?")[0]).url_name for page in site_pages() if page.name != "page-introuvable"}
    site = {name for route, name in _routes(get_resolver().url_patterns) if not route.startswith(("admin/", "api/"))}
    assert site - listed - set(NOT_PAGES) == set()
    assert set(NOT_PAGES) <= site, "NOT_PAGES names a route that no longer exists"
    assert not listed & set(NOT_PAGES)
