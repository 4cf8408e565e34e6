from __future__ import annotations

from django.urls import path

from matching import api

app_name = "matching"

urlpatterns = [
    path("api/match/", api.match, name="api_match"),
]
