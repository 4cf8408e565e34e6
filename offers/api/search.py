"""Listing and searching offers (cursor pagination in the search's order) and the facets."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import F, QuerySet, Value
from django.db.models.functions import Coalesce
from django.http import QueryDict
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.pagination import CursorPagination
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from offers.api.offer import IsStaffOrReadOnly
from offers.api.serializers import OfferDetailSerializer, OfferSummarySerializer, OfferWriteSerializer
from offers.forms import SearchParamsError, search_params_from_query
from offers.models import ContractType, Offer, Seniority, Source
from offers.search.cache import offer_facets_cached
from offers.search.params import OfferSearchParams, SortOrder
from offers.search.place_filters import distance_expression
from offers.search.query import offer_filtered_queryset, rank_expression
from offers.search.vocabulary import query_expand

SORT_CHOICES = [choice for choice, _label in SortOrder.CHOICES]
UNKNOWN_DISTANCE = 100_000.0  # km: sorts offers without coordinates after every located one

SEARCH_PARAMETERS = [
    OpenApiParameter("q", str, description="Métier, compétence ou mot-clé (synonymes ROME, fautes tolérées)."),
    OpenApiParameter(
        "lieu",
        str,
        description="Commune (« Montpellier (34) », « Paris » ou « Paris 19e »), code postal, département (« 34 »,"
        " « Hérault »), région (« Occitanie ») ou « France entière ». Inconnu : erreur 400.",
    ),
    OpenApiParameter("rayon", int, enum=[5, 10, 20, 30, 50, 100], description="Rayon autour du lieu (km)."),
    OpenApiParameter("contrat", str, many=True, enum=ContractType.values, explode=True),
    OpenApiParameter("experience", str, many=True, enum=Seniority.values, explode=True),
    OpenApiParameter("secteur", str, description="Secteur exact (voir /api/reference/domains/)."),
    OpenApiParameter("rome", str, pattern=r"^([A-Na-n]\d{4})?$", description="Code ROME, ex. D1102 (vide : tous)."),
    OpenApiParameter(
        "salaire_min",
        {"type": "integer", "minimum": 0, "maximum": 1_000_000},
        description="Salaire annuel minimum (€).",
    ),
    OpenApiParameter(
        "salaire_estime",
        bool,
        description="Avec salaire_min : compter aussi les salaires estimés par la source (estimation Adzuna) des"
        " offres qui n'indiquent pas de salaire. Sans lui, seuls les salaires donnés par l'employeur comptent.",
    ),
    OpenApiParameter("teletravail", bool, description="Seulement les offres ouvertes au télétravail."),
    OpenApiParameter("depuis", int, enum=[1, 3, 7, 14, 30], description="Publiées depuis N jours."),
    OpenApiParameter("source", str, many=True, enum=Source.values, explode=True),
    OpenApiParameter("fermees", bool, description="Inclure les offres fermées."),
    OpenApiParameter(
        "tri", str, enum=SORT_CHOICES, description="pertinence (avec q), date, salaire ou distance (avec un lieu)."
    ),
]
PAGINATION_PARAMETERS = [
    OpenApiParameter("cursor", str, description="Curseur de la page suivante ou précédente (liens next/previous)."),
    OpenApiParameter(
        "page_size", {"type": "integer", "minimum": 1, "maximum": 100}, description="Offres par page (20 par défaut)."
    ),
]


# In the API's query string, booleans are "true" or "false" as documented (the web form's checkbox
# sends "on"), and a parameter that is present is not empty ("?tri=" is not a sort order): the API
# refuses what its schema does not allow, such as teletravail=null.
STRICT_BOOLEANS = ("salaire_estime", "teletravail", "fermees")
NOT_EMPTY = ("tri", "rayon", "depuis", "salaire_min", "contrat", "experience", "source", *STRICT_BOOLEANS)


def _query_string_errors(data: QueryDict) -> dict[str, list[str]]:
    errors = {name: [_("Ce paramètre ne peut pas être vide.")] for name in NOT_EMPTY if "" in data.getlist(name)}
    for name in STRICT_BOOLEANS:
        if name not in errors and data.get(name) is not None and data[name].lower() not in ("true", "false"):
            errors[name] = [_("« true » ou « false ».")]
    return errors


def search_params_or_400(data: Any) -> OfferSearchParams:
    if isinstance(data, QueryDict) and (errors := _query_string_errors(data)):
        raise exceptions.ValidationError(errors)
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
        if not raw.isascii() or not raw.isdigit():  # int() would take " 7", "+7" or "٧"
            raise exceptions.ValidationError({"page_size": [_("Un nombre entier entre 1 et 100.")]})
        size = int(raw)
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
        float(position) if field in ("rank", "distance_sort") else int(position)
    except (ValueError, OverflowError):
        return False
    return field != "salary_sort" or -1 <= int(position) < 2**31


def _ordered_for_cursor(offers: QuerySet[Offer], params: OfferSearchParams) -> tuple[QuerySet[Offer], tuple[str, ...]]:
    """The search's order, as one leading sortable column plus the id (what a cursor can hold)."""
    sort = params.effective_sort
    if sort == SortOrder.DISTANCE and params.place is not None:
        # The nearest first; offers without coordinates (distance unknown) after every located one.
        offers = offers.annotate(distance_sort=Coalesce(distance_expression(params.place), Value(UNKNOWN_DISTANCE)))
        return offers, ("distance_sort", "id")
    if sort == SortOrder.SALARY:
        offers = offers.annotate(salary_sort=Coalesce(F("salary_max"), F("salary_min"), Value(-1)))
        return offers, ("-salary_sort", "-id")
    if sort == SortOrder.RELEVANCE:
        expanded = query_expand(params.q)
        if not expanded.is_empty:
            # The search page's own ranking expression, so both rank alike.
            return offers.annotate(rank=rank_expression(expanded, exact=True)), ("-rank", "-id")
    return offers, ("-published_at", "-id")


class OfferPageSerializer(serializers.Serializer):
    next = serializers.URLField(allow_null=True, help_text="Page suivante (null : dernière page).")
    previous = serializers.URLField(allow_null=True)
    results = OfferSummarySerializer(many=True)


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


class OfferSearchBodySerializer(serializers.Serializer):
    """The advanced search: the search page's filters as a JSON object (lists for multiple values)."""

    q = serializers.CharField(required=False, allow_blank=True, max_length=200)
    lieu = serializers.CharField(required=False, allow_blank=True, max_length=100)
    rayon = serializers.ChoiceField(choices=[5, 10, 20, 30, 50, 100], required=False, allow_null=True)
    contrat = serializers.ListField(child=serializers.ChoiceField(choices=ContractType.choices), required=False)
    experience = serializers.ListField(child=serializers.ChoiceField(choices=Seniority.choices), required=False)
    secteur = serializers.CharField(required=False, allow_blank=True, max_length=255)
    rome = serializers.RegexField(r"^([A-Na-n]\d{4})?$", required=False, allow_blank=True, max_length=5)
    salaire_min = serializers.IntegerField(required=False, allow_null=True, min_value=0, max_value=1_000_000)
    salaire_estime = serializers.BooleanField(required=False)
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


# --- Views ---------------------------------------------------------------------------------


def paginated_search(request: Request, view: APIView, params: OfferSearchParams) -> Response:
    offers = offer_filtered_queryset(params).defer("description")
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
        return paginated_search(request, self, search_params_or_400(request.query_params))

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
        return paginated_search(request, self, search_params_or_400(_Query(body.as_query())))


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
        facets = offer_facets_cached(params=search_params_or_400(request.query_params))
        return Response(FacetsSerializer(facets).data)
