from __future__ import annotations

from django.urls import path

from offers import views

app_name = "offers"

urlpatterns = [
    path("offres/", views.offer_search_page, name="search"),
    path("offres/<int:offer_id>/", views.offer_detail_page, name="detail"),
    path("offres/suggestions/lieux/", views.place_options, name="place_options"),
    path("offres/suggestions/metiers/", views.job_title_options, name="job_title_options"),
    path("marche/", views.market_page, name="market"),
    path("competences/", views.soft_skills_page, name="soft_skills"),
    path("competences/suggestions/", views.occupation_options, name="occupation_options"),
]
