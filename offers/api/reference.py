"""Reference lists (authenticated): ROME occupations and titles, communes, closed lists, domains, skills."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.db.models import Count
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from jobmarket.api import QueryParamsSerializer
from offers.models import Commune, ContractType, Occupation, OccupationTitle, Offer, OfferStatus, Seniority, WorkingTime
from offers.reference_data import normalize_place_name
from offers.search.suggestions import occupation_suggestions
from offers.soft_skills import occupation_soft_skills


class LookupSerializer(QueryParamsSerializer):
    q = serializers.CharField(required=False, allow_blank=True, max_length=100)
    # Digits only: DRF's IntegerField would take "5.0".
    limit = serializers.RegexField(r"^[0-9]{1,3}$", required=False, default="20")

    def validate_limit(self, value: str) -> int:
        if not 1 <= int(value) <= 100:
            raise serializers.ValidationError(_("Un nombre entier entre 1 et 100."))
        return int(value)


LOOKUP_PARAMETERS = [
    OpenApiParameter("q", str, description="Début du nom, ou texte cherché (2 caractères au moins)."),
    OpenApiParameter(
        "limit", {"type": "integer", "minimum": 1, "maximum": 100}, description="Nombre de résultats (20 par défaut)."
    ),
]


def _lookup(request: Request) -> tuple[str, int]:
    if request.query_params.get("limit") == "":
        # DRF reads an empty optional query value as absent (the default); the schema says an integer.
        raise serializers.ValidationError({"limit": [_("Un nombre entier entre 1 et 100.")]})
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
            occupations = occupation_suggestions(query, limit=limit)
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
        return Response(OccupationSoftSkillsSerializer(occupation_soft_skills(rome_code=code)).data)


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
