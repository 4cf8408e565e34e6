"""Offers API: list and advanced search (cursor pagination), detail, staff writes, facets,
market statistics, and the reference lists (ROME, communes, closed lists).

Reads of offers are public; the reference lists need an account; writes need staff.
Search parameters are the search page's (French names, same validation and messages):
q, lieu, rayon, contrat, experience, secteur, rome, salaire_min, teletravail, depuis,
source, fermees, tri.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection
from django.db.models import Count, F, QuerySet, Value
from django.db.models.functions import Coalesce
from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.pagination import CursorPagination
from rest_framework.permissions import SAFE_METHODS, AllowAny, BasePermission
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from offers import feed, selectors
from offers.forms import SearchParamsError, search_params_from_query
from offers.models import (
    Commune,
    ContractType,
    Occupation,
    OccupationTitle,
    Offer,
    OfferChangeKind,
    OfferStatus,
    Seniority,
    Source,
    WorkingTime,
)
from offers.reference_data import normalize_place_name
from offers.search_cache import offer_facets_cached

# --- Search parameters --------------------------------------------------------------------

SORT_CHOICES = [choice for choice, _label in selectors.SortOrder.CHOICES]

SEARCH_PARAMETERS = [
    OpenApiParameter("q", str, description="Métier, compétence ou mot-clé (synonymes ROME, fautes tolérées)."),
    OpenApiParameter("lieu", str, description="Commune (« Montpellier (34) »), code postal ou département."),
    OpenApiParameter("rayon", int, enum=[5, 10, 20, 30, 50, 100], description="Rayon autour du lieu (km)."),
    OpenApiParameter("contrat", str, many=True, enum=ContractType.values, explode=True),
    OpenApiParameter("experience", str, many=True, enum=Seniority.values, explode=True),
    OpenApiParameter("secteur", str, description="Secteur exact (voir /api/reference/domains/)."),
    OpenApiParameter("rome", str, pattern=r"^[A-Na-n]\d{4}$", description="Code ROME, ex. D1102."),
    OpenApiParameter("salaire_min", int, description="Salaire annuel minimum (€)."),
    OpenApiParameter("teletravail", bool, description="Seulement les offres ouvertes au télétravail."),
    OpenApiParameter("depuis", int, enum=[1, 3, 7, 14, 30], description="Publiées depuis N jours."),
    OpenApiParameter("source", str, many=True, enum=Source.values, explode=True),
    OpenApiParameter("fermees", bool, description="Inclure les offres fermées."),
    OpenApiParameter("tri", str, enum=SORT_CHOICES, description="pertinence (avec q), date ou salaire."),
]
PAGINATION_PARAMETERS = [
    OpenApiParameter("cursor", str, description="Curseur de la page suivante ou précédente (liens next/previous)."),
    OpenApiParameter("page_size", int, description="Offres par page (1 à 100, 20 par défaut)."),
]


def _search_params(data: Any) -> selectors.OfferSearchParams:
    try:
        return search_params_from_query(data)
    except SearchParamsError as error:
        raise exceptions.ValidationError(error.errors) from None


# --- Pagination ---------------------------------------------------------------------------


class OfferCursorPagination(CursorPagination):
    """Keyset pages in the order the search asked for: no page cap, however deep a client goes."""

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100
    ordering: tuple[str, ...] = ("-published_at", "-id")

    def paginate_ordered(self, queryset: QuerySet, request: Request, view: Any, ordering: tuple[str, ...]) -> list:
        self.ordering = ordering
        return self.paginate_queryset(queryset, request, view) or []

    def get_ordering(self, request: Request, queryset: QuerySet, view: Any) -> tuple[str, ...]:
        return self.ordering

    def get_page_size(self, request: Request) -> int:
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        try:
            size = int(raw)
        except ValueError:
            raise exceptions.ValidationError({"page_size": [_("Un nombre entier entre 1 et 100.")]}) from None
        if not 1 <= size <= self.max_page_size:
            raise exceptions.ValidationError({"page_size": [_("Un nombre entier entre 1 et 100.")]})
        return size

    def decode_cursor(self, request: Request) -> Any:
        cursor = super().decode_cursor(request)
        # The position is compared with a column: a forged one must be a 404, not a database error.
        if (
            cursor is not None
            and cursor.position is not None
            and not _position_is_valid(cursor.position, self.ordering)
        ):
            raise exceptions.NotFound(self.invalid_cursor_message)
        return cursor


def _position_is_valid(position: str, ordering: tuple[str, ...]) -> bool:
    field = ordering[0].lstrip("-")
    try:
        if field == "published_at":
            parsed = dt.datetime.fromisoformat(position)
            return parsed.tzinfo is not None and 1900 < parsed.year < 2200
        float(position) if field == "rank" else int(position)
    except (ValueError, OverflowError):
        return False
    return field != "salary_sort" or -1 <= int(position) < 2**31


def _ordered_for_cursor(
    offers: QuerySet[Offer], params: selectors.OfferSearchParams
) -> tuple[QuerySet[Offer], tuple[str, ...]]:
    """The search's order, as one leading sortable column plus the id (what a cursor can hold)."""
    sort = params.effective_sort
    if sort == selectors.SortOrder.SALARY:
        offers = offers.annotate(salary_sort=Coalesce(F("salary_max"), F("salary_min"), Value(-1)))
        return offers, ("-salary_sort", "-id")
    if sort == selectors.SortOrder.RELEVANCE:
        expanded = selectors.query_expand(params.q)
        if not expanded.is_empty:
            # The search page's own ranking expression, so both rank alike.
            return offers.annotate(rank=selectors._rank(expanded)), ("-rank", "-id")
    return offers, ("-published_at", "-id")


# --- Serializers --------------------------------------------------------------------------


class PostingSerializer(serializers.Serializer):
    source = serializers.ChoiceField(choices=Source.choices)
    external_id = serializers.CharField()
    url = serializers.CharField()
    source_updated_at = serializers.DateTimeField(allow_null=True)
    last_seen_at = serializers.DateTimeField()
    withdrawn_at = serializers.DateTimeField(allow_null=True)


OFFER_SUMMARY_FIELDS = [
    "id",
    "title",
    "company",
    "city",
    "postcode",
    "departement",
    "commune_insee",
    "latitude",
    "longitude",
    "contract_type",
    "working_time",
    "seniority",
    "domain",
    "rome_code",
    "rome_label",
    "skills",
    "salary_min",
    "salary_max",
    "salary_text",
    "remote",
    "sources",
    "status",
    "published_at",
    "source_updated_at",
]


class OfferSummarySerializer(serializers.ModelSerializer):
    class Meta:
        model = Offer
        fields = OFFER_SUMMARY_FIELDS


class OfferPageSerializer(serializers.Serializer):
    next = serializers.URLField(allow_null=True, help_text="Page suivante (null : dernière page).")
    previous = serializers.URLField(allow_null=True)
    results = OfferSummarySerializer(many=True)


class OfferDetailSerializer(serializers.ModelSerializer):
    postings = PostingSerializer(many=True, read_only=True)

    class Meta:
        model = Offer
        fields = [
            *OFFER_SUMMARY_FIELDS,
            "description",
            "description_truncated",
            "soft_skills",
            "first_seen_at",
            "last_seen_at",
            "closed_at",
            "postings",
        ]


def _plausible_date(value: dt.datetime | None) -> dt.datetime | None:
    if value is not None and not 1990 <= value.year <= 2100:
        raise serializers.ValidationError(_("Date hors de la plage acceptée (1990 à 2100)."))
    return value


class OfferWriteSerializer(serializers.ModelSerializer):
    """What staff may write. Offers normally come from ingestion; this is for corrections and tests."""

    title = serializers.CharField(max_length=500)
    skills = serializers.ListField(child=serializers.CharField(max_length=255), max_length=100, required=False)
    soft_skills = serializers.ListField(child=serializers.CharField(max_length=255), max_length=100, required=False)
    sources = serializers.ListField(child=serializers.ChoiceField(choices=Source.choices), max_length=2, required=False)
    latitude = serializers.FloatField(min_value=-90, max_value=90, allow_null=True, required=False)
    longitude = serializers.FloatField(min_value=-180, max_value=180, allow_null=True, required=False)
    salary_min = serializers.IntegerField(min_value=0, max_value=10_000_000, allow_null=True, required=False)
    salary_max = serializers.IntegerField(min_value=0, max_value=10_000_000, allow_null=True, required=False)
    published_at = serializers.DateTimeField(required=False, validators=[_plausible_date])
    rome_code = serializers.RegexField(r"^([A-Na-n]\d{4})?$", required=False, allow_blank=True)
    departement = serializers.RegexField(r"^([0-9]{2,3}|2[AaBb])?$", required=False, allow_blank=True)
    postcode = serializers.RegexField(r"^([0-9]{5})?$", required=False, allow_blank=True)
    commune_insee = serializers.RegexField(r"^([0-9AB]{5})?$", required=False, allow_blank=True)

    class Meta:
        model = Offer
        fields = [
            "title",
            "description",
            "company",
            "city",
            "postcode",
            "departement",
            "commune_insee",
            "latitude",
            "longitude",
            "contract_type",
            "working_time",
            "seniority",
            "domain",
            "rome_code",
            "rome_label",
            "skills",
            "soft_skills",
            "salary_min",
            "salary_max",
            "salary_text",
            "remote",
            "sources",
            "status",
            "published_at",
        ]

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        low = attrs.get("salary_min", getattr(self.instance, "salary_min", None))
        high = attrs.get("salary_max", getattr(self.instance, "salary_max", None))
        if low is not None and high is not None and low > high:
            raise serializers.ValidationError({"salary_max": [_("Le maximum doit être supérieur ou égal au minimum.")]})
        if "rome_code" in attrs:
            attrs["rome_code"] = attrs["rome_code"].upper()
        if "status" in attrs:
            # Closing by hand dates the closure like ingestion does; reopening clears it.
            was_closed = getattr(self.instance, "closed_at", None)
            attrs["closed_at"] = (was_closed or timezone.now()) if attrs["status"] == OfferStatus.CLOSED else None
        return attrs


class FacetValueSerializer(serializers.Serializer):
    value = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()


class FacetsSerializer(serializers.Serializer):
    contract_types = FacetValueSerializer(many=True)
    seniorities = FacetValueSerializer(many=True)
    domains = FacetValueSerializer(many=True)
    rome_codes = FacetValueSerializer(many=True)
    sources = FacetValueSerializer(many=True)
    published_within = FacetValueSerializer(many=True)
    remote = serializers.IntegerField()
    salary_known = serializers.IntegerField()
    counted = serializers.IntegerField()
    sampled = serializers.BooleanField(help_text="Vrai : comptes faits sur les meilleures offres seulement.")


class LabelCountSerializer(serializers.Serializer):
    label = serializers.CharField()
    count = serializers.IntegerField()


class SalaryStatSerializer(serializers.Serializer):
    label = serializers.CharField()
    count = serializers.IntegerField()
    min = serializers.IntegerField()
    q1 = serializers.IntegerField()
    median = serializers.IntegerField()
    q3 = serializers.IntegerField()
    max = serializers.IntegerField()


class PlaceStatSerializer(serializers.Serializer):
    city = serializers.CharField(allow_null=True)
    lat = serializers.FloatField()
    lon = serializers.FloatField()
    count = serializers.IntegerField()


class MarketStatsSerializer(serializers.Serializer):
    total = serializers.IntegerField()
    sampled = serializers.BooleanField()
    contract_types = LabelCountSerializer(many=True)
    companies = LabelCountSerializer(many=True)
    domains = LabelCountSerializer(many=True)
    seniorities = LabelCountSerializer(many=True)
    cities = LabelCountSerializer(many=True)
    skills = LabelCountSerializer(many=True)
    weeks = LabelCountSerializer(many=True)
    salaries = SalaryStatSerializer(many=True)
    places = PlaceStatSerializer(many=True)


class OfferSearchBodySerializer(serializers.Serializer):
    """The advanced search: the search page's filters as a JSON object (lists for multiple values)."""

    q = serializers.CharField(required=False, allow_blank=True, max_length=200)
    lieu = serializers.CharField(required=False, allow_blank=True, max_length=100)
    rayon = serializers.ChoiceField(choices=[5, 10, 20, 30, 50, 100], required=False, allow_null=True)
    contrat = serializers.ListField(child=serializers.ChoiceField(choices=ContractType.choices), required=False)
    experience = serializers.ListField(child=serializers.ChoiceField(choices=Seniority.choices), required=False)
    secteur = serializers.CharField(required=False, allow_blank=True, max_length=255)
    rome = serializers.CharField(required=False, allow_blank=True, max_length=5)
    salaire_min = serializers.IntegerField(required=False, allow_null=True, min_value=0, max_value=1_000_000)
    teletravail = serializers.BooleanField(required=False)
    depuis = serializers.ChoiceField(choices=[1, 3, 7, 14, 30], required=False, allow_null=True)
    source = serializers.ListField(child=serializers.ChoiceField(choices=Source.choices), required=False)
    fermees = serializers.BooleanField(required=False)
    tri = serializers.ChoiceField(choices=SORT_CHOICES, required=False)

    def as_query(self) -> dict[str, Any]:
        """The validated body in the search form's shape (strings, lists for multiple values)."""
        query: dict[str, Any] = {}
        for name, value in self.validated_data.items():
            if value is None or value == "" or value == []:
                continue
            if isinstance(value, bool):
                query[name] = "on" if value else ""
            elif isinstance(value, list):
                query[name] = [str(item) for item in value]
            else:
                query[name] = str(value)
        return query


class _Query(dict):
    """A plain dict that answers getlist() like a QueryDict, for the search form's widgets."""

    def getlist(self, key: str, default: Any = None) -> list[Any]:
        value = self.get(key, default if default is not None else [])
        return value if isinstance(value, list) else [value]


# --- Offer views ----------------------------------------------------------------------------


class IsStaffOrReadOnly(BasePermission):
    def has_permission(self, request: Request, view: Any) -> bool:
        if request.method in SAFE_METHODS:
            return True
        return bool(request.user and request.user.is_authenticated and request.user.is_staff)


def _paginated_search(request: Request, view: APIView, params: selectors.OfferSearchParams) -> Response:
    offers = selectors.offer_filtered_queryset(params).defer("description")
    offers, ordering = _ordered_for_cursor(offers, params)
    paginator = OfferCursorPagination()
    page = paginator.paginate_ordered(offers, request, view, ordering)
    return paginator.get_paginated_response(OfferSummarySerializer(page, many=True).data)


class OfferListView(APIView):
    permission_classes = [IsStaffOrReadOnly]

    @extend_schema(
        operation_id="offers_list",
        parameters=[*SEARCH_PARAMETERS, *PAGINATION_PARAMETERS],
        responses={200: OfferPageSerializer},
        auth=[],
        summary="Lister et filtrer les offres",
        description="Mêmes filtres que la page de recherche ; pagination par curseur (liens next/previous).",
    )
    def get(self, request: Request) -> Response:
        return _paginated_search(request, self, _search_params(request.query_params))

    @extend_schema(
        operation_id="offers_create",
        request=OfferWriteSerializer,
        responses={201: OfferDetailSerializer},
        summary="Créer une offre (équipe)",
    )
    def post(self, request: Request) -> Response:
        payload = OfferWriteSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        offer = payload.save()
        return Response(OfferDetailSerializer(offer).data, status=status.HTTP_201_CREATED)


class OfferSearchView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="offers_search",
        request=OfferSearchBodySerializer,
        parameters=PAGINATION_PARAMETERS,
        responses={200: OfferPageSerializer},
        auth=[],
        summary="Recherche avancée (corps JSON)",
        description=(
            "Les filtres de la recherche dans un objet JSON. Pour la page suivante, renvoyez le même corps "
            "à l'adresse du lien `next` (le curseur est dans l'adresse)."
        ),
    )
    def post(self, request: Request) -> Response:
        body = OfferSearchBodySerializer(data=request.data)
        body.is_valid(raise_exception=True)
        return _paginated_search(request, self, _search_params(_Query(body.as_query())))


class OfferDetailView(APIView):
    permission_classes = [IsStaffOrReadOnly]

    def _offer(self, offer_id: int) -> Offer:
        offer = selectors.offer_detail(offer_id=offer_id)
        if offer is None:
            raise exceptions.NotFound(_("Cette offre n'existe pas."))
        return offer

    @extend_schema(
        operation_id="offers_retrieve", responses={200: OfferDetailSerializer}, auth=[], summary="Lire une offre"
    )
    def get(self, request: Request, offer_id: int) -> Response:
        return Response(OfferDetailSerializer(self._offer(offer_id)).data)

    @extend_schema(
        operation_id="offers_update",
        request=OfferWriteSerializer,
        responses={200: OfferDetailSerializer},
        summary="Remplacer une offre (équipe)",
    )
    def put(self, request: Request, offer_id: int) -> Response:
        return self._write(request, offer_id, partial=False)

    @extend_schema(
        operation_id="offers_partial_update",
        request=OfferWriteSerializer(partial=True),
        responses={200: OfferDetailSerializer},
        summary="Modifier une offre (équipe)",
    )
    def patch(self, request: Request, offer_id: int) -> Response:
        return self._write(request, offer_id, partial=True)

    @extend_schema(operation_id="offers_destroy", responses={204: None}, summary="Supprimer une offre (équipe)")
    def delete(self, request: Request, offer_id: int) -> Response:
        self._offer(offer_id).delete()
        return Response(status=status.HTTP_204_NO_CONTENT)

    def _write(self, request: Request, offer_id: int, *, partial: bool) -> Response:
        payload = OfferWriteSerializer(self._offer(offer_id), data=request.data, partial=partial)
        payload.is_valid(raise_exception=True)
        offer = payload.save()
        return Response(OfferDetailSerializer(selectors.offer_detail(offer_id=offer.pk)).data)


class OfferFacetsView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="offers_facets",
        parameters=SEARCH_PARAMETERS,
        responses={200: FacetsSerializer},
        auth=[],
        summary="Comptes par valeur de filtre",
    )
    def get(self, request: Request) -> Response:
        facets = offer_facets_cached(params=_search_params(request.query_params))
        return Response(FacetsSerializer(facets).data)


class MarketStatsView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="offers_stats",
        parameters=SEARCH_PARAMETERS,
        responses={200: MarketStatsSerializer},
        auth=[],
        summary="Statistiques du marché",
        description="Les agrégats des graphiques de /marche/ (contrats, employeurs, salaires par métier…).",
    )
    def get(self, request: Request) -> Response:
        market = selectors.offer_market(params=_search_params(request.query_params))

        def pairs(rows: list[tuple[str, int]]) -> list[dict[str, Any]]:
            return [{"label": label, "count": count} for label, count in rows]

        return Response(
            MarketStatsSerializer(
                {
                    "total": market.total,
                    "sampled": market.sampled,
                    "contract_types": pairs(market.contract_types),
                    "companies": pairs(market.companies),
                    "domains": pairs(market.domains),
                    "seniorities": pairs(market.seniorities),
                    "cities": pairs(market.cities),
                    "skills": pairs(market.skills),
                    "weeks": pairs(market.weeks),
                    "salaries": market.salaries,
                    "places": market.places,
                }
            ).data
        )


# --- Change feed and snapshot ------------------------------------------------------------------

FEED_DEFAULT_LIMIT = 100
FEED_MAX_LIMIT = 1000


class OfferChangeSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(
        choices=OfferChangeKind.choices, help_text="created, updated (champ visible modifié), closed, deleted."
    )
    offer_id = serializers.IntegerField()
    changed_at = serializers.DateTimeField()
    offer = OfferSummarySerializer(
        allow_null=True,
        help_text="L'offre telle qu'elle est à la lecture (null si supprimée) : gardez-la si son statut est "
        "« open », retirez-la sinon.",
    )


class OfferChangePageSerializer(serializers.Serializer):
    results = OfferChangeSerializer(many=True)
    next_cursor = serializers.CharField(help_text="À renvoyer dans `since` pour la suite (opaque).")
    has_more = serializers.BooleanField(help_text="Vrai : d'autres changements attendent déjà, relisez tout de suite.")


class OfferSnapshotSerializer(serializers.Serializer):
    cursor = serializers.CharField(help_text="Curseur `since` du flux de changements qui suit cet instantané.")
    offers = OfferSummarySerializer(many=True)


def _feed_limit(request: Request) -> int:
    raw = request.query_params.get("limit")
    if raw is None:
        return FEED_DEFAULT_LIMIT
    message = _("Un nombre entier entre 1 et %(max)s.") % {"max": FEED_MAX_LIMIT}
    try:
        limit = int(raw)
    except ValueError:
        raise exceptions.ValidationError({"limit": [message]}) from None
    if not 1 <= limit <= FEED_MAX_LIMIT:
        raise exceptions.ValidationError({"limit": [message]})
    return limit


class OfferChangesView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="offers_changes",
        parameters=[
            OpenApiParameter(
                "since",
                str,
                description="Curseur reçu (`next_cursor` ou `cursor` de l'instantané) ; absent : depuis le début.",
            ),
            OpenApiParameter(
                "limit",
                int,
                description=f"Changements par page (1 à {FEED_MAX_LIMIT}, {FEED_DEFAULT_LIMIT} par défaut).",
            ),
        ],
        responses={200: OfferChangePageSerializer},
        auth=[],
        summary="Flux des changements d'offres",
        description=(
            "Chaque création, modification visible, fermeture ou suppression d'offre, dans l'ordre, à partir "
            "d'un curseur. Gardez `next_cursor` et relisez avec `since=` : aucun changement n'est sauté, même "
            "écrit par une transaction plus lente (un changement n'est servi qu'une fois toutes les transactions "
            "plus anciennes terminées). Chaque entrée porte l'offre telle qu'elle est à la lecture : appliquer "
            "les entrées dans l'ordre redonne exactement les offres ouvertes."
        ),
    )
    def get(self, request: Request) -> Response:
        since = request.query_params.get("since")
        try:
            position = feed.cursor_decode(since) if since else feed.FEED_START
        except feed.InvalidCursor:
            message = _("Curseur invalide : reprenez celui que le flux a donné.")
            raise exceptions.ValidationError({"since": [message]}) from None
        page = feed.offer_changes_since(position=position, limit=_feed_limit(request))
        return Response(
            OfferChangePageSerializer(
                {
                    "results": [
                        {"kind": e.kind, "offer_id": e.offer_id, "changed_at": e.changed_at, "offer": e.offer}
                        for e in page.entries
                    ],
                    "next_cursor": feed.cursor_encode(page.next_position),
                    "has_more": page.has_more,
                }
            ).data
        )


class OfferSnapshotView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="offers_snapshot",
        responses={200: OfferSnapshotSerializer},
        auth=[],
        summary="Instantané de toutes les offres ouvertes (flux)",
        description=(
            "Pour une première synchronisation : un objet JSON envoyé au fil de l'eau, `cursor` d'abord, puis "
            "`offers` (toutes les offres ouvertes, par id croissant). Continuez ensuite avec "
            "`/api/offers/changes/?since=<cursor>`."
        ),
    )
    def get(self, request: Request) -> StreamingHttpResponse:
        position, batches = feed.open_offers_snapshot()

        def body() -> Iterator[bytes]:
            yield f'{{"cursor": {json.dumps(feed.cursor_encode(position))}, "offers": ['.encode()
            separator = ""
            for batch in batches:
                rows = OfferSummarySerializer(batch, many=True).data
                chunk = ",".join(json.dumps(row, cls=DjangoJSONEncoder, ensure_ascii=False) for row in rows)
                yield (separator + chunk).encode()
                separator = ","
            yield b"]}"

        response = StreamingHttpResponse(body(), content_type="application/json")
        response["Cache-Control"] = "no-store"
        return response


# --- Reference lists (authenticated) ----------------------------------------------------------


class LookupSerializer(serializers.Serializer):
    q = serializers.CharField(required=False, allow_blank=True, max_length=100)
    limit = serializers.IntegerField(required=False, min_value=1, max_value=100, default=20)


LOOKUP_PARAMETERS = [
    OpenApiParameter("q", str, description="Début du nom, ou texte cherché (2 caractères au moins)."),
    OpenApiParameter("limit", int, description="Nombre de résultats (1 à 100, 20 par défaut)."),
]


def _lookup(request: Request) -> tuple[str, int]:
    lookup = LookupSerializer(data=request.query_params)
    lookup.is_valid(raise_exception=True)
    return (lookup.validated_data.get("q") or "").strip(), lookup.validated_data["limit"]


class OccupationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Occupation
        fields = ["code", "label", "from_referential"]


class TitleSerializer(serializers.ModelSerializer):
    rome_code = serializers.CharField(source="occupation_id")
    occupation = serializers.CharField(source="occupation.label")

    class Meta:
        model = OccupationTitle
        fields = ["label", "short_label", "rome_code", "occupation"]


class OccupationDetailSerializer(serializers.ModelSerializer):
    titles = serializers.SlugRelatedField(many=True, read_only=True, slug_field="label")
    close_occupations = OccupationSerializer(many=True, read_only=True)

    class Meta:
        model = Occupation
        fields = ["code", "label", "definition", "access", "from_referential", "titles", "close_occupations"]


class CommuneSerializer(serializers.ModelSerializer):
    class Meta:
        model = Commune
        fields = ["insee_code", "name", "departement", "postcodes", "latitude", "longitude"]


class ChoiceSerializer(serializers.Serializer):
    value = serializers.CharField()
    label = serializers.CharField()


class CountedValueSerializer(serializers.Serializer):
    value = serializers.CharField()
    count = serializers.IntegerField()


class SoftSkillSerializer(serializers.Serializer):
    summary = serializers.CharField()
    details = serializers.CharField()
    score = serializers.FloatField(allow_null=True, help_text="Score Match via Soft Skills (0 à 1).")
    offer_share = serializers.FloatField(allow_null=True, help_text="Part des offres du métier qui le demandent.")
    offer_count = serializers.IntegerField()


class OccupationSoftSkillsSerializer(serializers.Serializer):
    rome_code = serializers.CharField()
    label = serializers.CharField()
    offers = serializers.IntegerField()
    has_scores = serializers.BooleanField()
    skills = SoftSkillSerializer(many=True)


class OccupationListView(APIView):
    @extend_schema(
        operation_id="reference_occupations",
        parameters=LOOKUP_PARAMETERS,
        responses={200: OccupationSerializer(many=True)},
        summary="Métiers ROME",
    )
    def get(self, request: Request) -> Response:
        query, limit = _lookup(request)
        if query:
            occupations = selectors.occupation_suggestions(query, limit=limit)
        else:
            occupations = list(Occupation.objects.order_by("code")[:limit])
        return Response(OccupationSerializer(occupations, many=True).data)


class OccupationDetailView(APIView):
    @extend_schema(
        operation_id="reference_occupation",
        responses={200: OccupationDetailSerializer},
        summary="Un métier ROME, ses appellations et ses métiers proches",
    )
    def get(self, request: Request, code: str) -> Response:
        occupation = (
            Occupation.objects.prefetch_related("titles", "close_occupations").filter(code=code.upper()).first()
        )
        if occupation is None:
            raise exceptions.NotFound(_("Code ROME inconnu."))
        return Response(OccupationDetailSerializer(occupation).data)


class OccupationSoftSkillsView(APIView):
    @extend_schema(
        operation_id="reference_occupation_soft_skills",
        responses={200: OccupationSoftSkillsSerializer},
        summary="Savoir-être d'un métier",
    )
    def get(self, request: Request, code: str) -> Response:
        code = code.upper()
        if not (Occupation.objects.filter(code=code).exists() or Offer.objects.filter(rome_code=code).exists()):
            raise exceptions.NotFound(_("Code ROME inconnu."))
        return Response(OccupationSoftSkillsSerializer(selectors.occupation_soft_skills(rome_code=code)).data)


class TitleListView(APIView):
    @extend_schema(
        operation_id="reference_titles",
        parameters=LOOKUP_PARAMETERS,
        responses={200: TitleSerializer(many=True)},
        summary="Appellations ROME (autocomplétion)",
    )
    def get(self, request: Request) -> Response:
        query, limit = _lookup(request)
        if len(query) < 2:
            return Response([])
        titles = (
            OccupationTitle.objects.filter(label__icontains=query)
            .select_related("occupation")
            .order_by("label")[: limit * 5]
        )
        folded = query.lower()
        ranked = sorted(titles, key=lambda title: (not title.label.lower().startswith(folded), len(title.label)))
        return Response(TitleSerializer(ranked[:limit], many=True).data)


class CommuneListView(APIView):
    @extend_schema(
        operation_id="reference_communes",
        parameters=LOOKUP_PARAMETERS,
        responses={200: CommuneSerializer(many=True)},
        summary="Communes (autocomplétion par nom ou code postal)",
    )
    def get(self, request: Request) -> Response:
        query, limit = _lookup(request)
        if len(query) < 2:
            return Response([])
        if query.isdigit():
            communes = Commune.objects.filter(postcodes__0__startswith=query[:5])
        else:
            communes = Commune.objects.filter(normalized_name__startswith=normalize_place_name(query) or query)
        return Response(CommuneSerializer(communes.order_by("is_district", "name")[:limit], many=True).data)


def _choices(choices: list[tuple[str, Any]]) -> list[dict[str, str]]:
    return [{"value": value, "label": str(label)} for value, label in choices]


class ContractTypeListView(APIView):
    @extend_schema(
        operation_id="reference_contract_types",
        responses={200: ChoiceSerializer(many=True)},
        summary="Types de contrat",
    )
    def get(self, request: Request) -> Response:
        return Response(_choices(ContractType.choices))


class SeniorityListView(APIView):
    @extend_schema(
        operation_id="reference_seniority_levels",
        responses={200: ChoiceSerializer(many=True)},
        summary="Niveaux d'expérience",
    )
    def get(self, request: Request) -> Response:
        return Response(_choices(Seniority.choices))


class WorkingTimeListView(APIView):
    @extend_schema(
        operation_id="reference_working_times", responses={200: ChoiceSerializer(many=True)}, summary="Temps de travail"
    )
    def get(self, request: Request) -> Response:
        return Response(_choices(WorkingTime.choices))


class DomainListView(APIView):
    @extend_schema(
        operation_id="reference_domains",
        parameters=LOOKUP_PARAMETERS,
        responses={200: CountedValueSerializer(many=True)},
        summary="Secteurs des offres ouvertes",
    )
    def get(self, request: Request) -> Response:
        query, limit = _lookup(request)
        domains = Offer.objects.filter(status=OfferStatus.OPEN).exclude(domain="")
        if query:
            domains = domains.filter(domain__icontains=query)
        rows = domains.values("domain").annotate(count=Count("id")).order_by("-count", "domain")[:limit]
        return Response([{"value": row["domain"], "count": row["count"]} for row in rows])


class SkillListView(APIView):
    @extend_schema(
        operation_id="reference_skills",
        parameters=[*LOOKUP_PARAMETERS, OpenApiParameter("rome", str, description="Seulement ce code ROME.")],
        responses={200: CountedValueSerializer(many=True)},
        summary="Compétences demandées par les offres ouvertes",
    )
    def get(self, request: Request) -> Response:
        query, limit = _lookup(request)
        rome = request.query_params.get("rome", "").strip().upper()[:5].replace("\x00", "")
        conditions, params = ["status = %s"], [OfferStatus.OPEN]
        if rome:
            conditions.append("rome_code = %s")
            params.append(rome)
        having, having_params = "", []
        if query:
            having, having_params = "HAVING skill ILIKE %s", [f"%{_escape_like(query)}%"]
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT skill, count(*) FROM {Offer._meta.db_table}, unnest(skills) AS skill"
                f" WHERE {' AND '.join(conditions)} GROUP BY skill {having} ORDER BY 2 DESC, 1 LIMIT %s",
                [*params, *having_params, limit],
            )
            rows = cursor.fetchall()
        return Response([{"value": skill, "count": count} for skill, count in rows])


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
