from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

from jobmarket import views

admin.site.site_header = "JobMarket – administration"
admin.site.site_title = "JobMarket"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("api/", include("jobmarket.api_urls")),
    path("", include("offers.urls")),
    path("", include("ingestion.urls")),
    path("", include("candidates.urls")),
    path("", include("matching.urls")),
]

handler403 = "jobmarket.views.permission_denied"
handler404 = "jobmarket.views.page_not_found"
handler500 = "jobmarket.views.server_error"
