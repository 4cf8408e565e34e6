from __future__ import annotations

from django.urls import path

from ingestion import views

app_name = "ingestion"

urlpatterns = [
    path("tableau-de-bord/", views.dashboard, name="dashboard"),
]
