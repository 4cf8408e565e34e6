"""Every API route under /api/: the apps' API modules, the schema and its docs page."""

from __future__ import annotations

from django.urls import path, re_path, register_converter
from drf_spectacular.views import SpectacularAPIView

from candidates import alerts_api
from candidates import api as candidates_api
from jobmarket import api
from offers.api import feed as offer_feed_api
from offers.api import market as market_api
from offers.api import offer as offer_api
from offers.api import reference as reference_api
from offers.api import search as search_api


class IdConverter:
    """A database id: digits that fit a bigint, so a huge number is a 404, not a database error."""

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


register_converter(IdConverter, "id")

app_name = "api"

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", api.swagger_ui, name="docs"),
    path("auth/token/", candidates_api.TokenView.as_view(), name="token"),
    # Offers (reads public, writes staff)
    path("offers/", search_api.OfferListView.as_view(), name="offer-list"),
    path("offers/search/", search_api.OfferSearchView.as_view(), name="offer-search"),
    path("offers/facets/", search_api.OfferFacetsView.as_view(), name="offer-facets"),
    path("offers/stats/", market_api.MarketStatsView.as_view(), name="offer-stats"),
    path("offers/changes/", offer_feed_api.OfferChangesView.as_view(), name="offer-changes"),
    path("offers/snapshot/", offer_feed_api.OfferSnapshotView.as_view(), name="offer-snapshot"),
    path("offers/<id:offer_id>/", offer_api.OfferDetailView.as_view(), name="offer-detail"),
    # The signed-in candidate
    path("me/", candidates_api.MeView.as_view(), name="me"),
    path("me/cv/", candidates_api.MeCvView.as_view(), name="me-cv"),
    path("me/export/", candidates_api.ExportView.as_view(), name="me-export"),
    path("me/tokens/", candidates_api.MeTokensView.as_view(), name="me-tokens"),
    path("me/tokens/<id:token_id>/", candidates_api.MeTokenView.as_view(), name="me-token"),
    path("me/saved/", candidates_api.SavedListView.as_view(), name="me-saved"),
    path("me/saved/<id:offer_id>/", candidates_api.SavedDetailView.as_view(), name="me-saved-detail"),
    path("me/searches/", alerts_api.SavedSearchListView.as_view(), name="me-searches"),
    path("me/searches/<id:search_id>/", alerts_api.SavedSearchDetailView.as_view(), name="me-search-detail"),
    path("me/alerts/", alerts_api.AlertSettingsView.as_view(), name="me-alerts"),
    # Reference lists
    path("reference/occupations/", reference_api.OccupationListView.as_view(), name="occupation-list"),
    re_path(
        r"^reference/occupations/(?P<code>[A-Za-z][0-9]{4})/$",
        reference_api.OccupationDetailView.as_view(),
        name="occupation-detail",
    ),
    re_path(
        r"^reference/occupations/(?P<code>[A-Za-z][0-9]{4})/soft-skills/$",
        reference_api.OccupationSoftSkillsView.as_view(),
        name="occupation-soft-skills",
    ),
    path("reference/titles/", reference_api.TitleListView.as_view(), name="title-list"),
    path("reference/communes/", reference_api.CommuneListView.as_view(), name="commune-list"),
    path("reference/contract-types/", reference_api.ContractTypeListView.as_view(), name="contract-type-list"),
    path("reference/seniority-levels/", reference_api.SeniorityListView.as_view(), name="seniority-list"),
    path("reference/working-times/", reference_api.WorkingTimeListView.as_view(), name="working-time-list"),
    path("reference/domains/", reference_api.DomainListView.as_view(), name="domain-list"),
    path("reference/skills/", reference_api.SkillListView.as_view(), name="skill-list"),
]
