from __future__ import annotations

from django.urls import path

from matching import api, views

app_name = "matching"

urlpatterns = [
    path("recommandations/", views.recommendations_page, name="recommendations"),
    path("recommandations/masquer/<int:offer_id>/", views.hide_offer, name="hide_offer"),
    path("offres/<int:offer_id>/similaires/", views.similar_offers_fragment, name="similar_offers"),
    path("tableau-de-bord/derive/", views.drift_fragment, name="drift"),
    path("api/match/", api.match, name="api_match"),
    path("api/me/recommendations/", api.me_recommendations, name="api_me_recommendations"),
]
