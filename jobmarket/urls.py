from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

from jobmarket import views

admin.site.site_header = "JobMarket – administration"
admin.site.site_title = "JobMarket"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("confidentialite/", views.privacy, name="privacy"),
    path("mentions-legales/", views.legal_notice, name="legal_notice"),
    path("sources-et-licences/", views.data_sources, name="data_sources"),
    path("favicon.ico", views.favicon, name="favicon"),
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
