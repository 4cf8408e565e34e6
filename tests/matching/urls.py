"""URLs for the /api/match/ tests.

The project's /api/ include ends with a catch-all 404 that answers before `matching.urls`
is reached; until jobmarket/api_urls.py routes `match/` to `matching.api.match`, the tests
mount matching's own routes (exactly as matching/urls.py declares them) first.
"""

from __future__ import annotations

from django.urls import include, path

urlpatterns = [
    path("", include("matching.urls")),
    path("", include("jobmarket.urls")),
]
