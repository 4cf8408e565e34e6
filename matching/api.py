"""Matching API: `POST /api/match/` (public, throttled) — free text in, explained offers out."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import api_view, authentication_classes, permission_classes, throttle_classes
from rest_framework.exceptions import APIException
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from jobmarket.api import QueryParamsSerializer
from jobmarket.throttling import SimpleRateThrottle
from matching.encoder import EmbeddingModelUnavailable
from matching.explanations import CandidateContext
from matching.knn import HardConstraints
from matching.ranking import Recommendation, recommendations_for_text
from matching.selectors import NoActiveEmbeddingModel, active_embedding_model
from matching.services import EmbeddingModelMismatch
from offers.models import ContractType, Seniority

MAX_TEXT_CHARS = 20_000


class MatchingUnavailable(APIException):
    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_code = "matching_unavailable"
    default_detail = _("Le moteur de recommandation n'est pas prêt : aucune offre n'a encore été vectorisée.")


class MatchRateThrottle(SimpleRateThrottle):
    """Per client IP (or account): encoding a text costs CPU, so the public endpoint is rationed."""

    scope = "match"

    def get_rate(self) -> str:
        return f"{settings.MATCHING_API_RATE_PER_MINUTE}/minute"

    def get_cache_key(self, request: Request, view: Any) -> str:
        ident = request.user.pk if request.user and request.user.is_authenticated else self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}


class MatchRequestSerializer(serializers.Serializer):
    text = serializers.CharField(
        max_length=MAX_TEXT_CHARS,
        trim_whitespace=True,
        help_text="Un CV ou quelques lignes sur vous (en français).",
    )
    k = serializers.IntegerField(min_value=1, max_value=50, default=10, help_text="Nombre d'offres voulues.")
    min_similarity = serializers.FloatField(
        min_value=0.0, max_value=1.0, required=False, help_text="Similarité cosinus minimale (0 à 1)."
    )
    contract_types = serializers.ListField(
        child=serializers.ChoiceField(choices=ContractType.choices), required=False, default=list
    )
    latitude = serializers.FloatField(min_value=-90, max_value=90, required=False)
    longitude = serializers.FloatField(min_value=-180, max_value=180, required=False)
    radius_km = serializers.FloatField(min_value=1, max_value=500, required=False)
    remote = serializers.ChoiceField(choices=["any", "remote", "onsite"], default="any")
    seniority = serializers.ChoiceField(choices=Seniority.choices, required=False, allow_blank=True, default="")
    salary_min = serializers.IntegerField(min_value=0, max_value=1_000_000, required=False)
    skills = serializers.ListField(
        child=serializers.CharField(max_length=255), required=False, default=list, max_length=100
    )
    rome_code = serializers.RegexField(r"^[A-N]\d{4}$", required=False, allow_blank=True, default="")

    def validate_text(self, value: str) -> str:
        if sum(char.isalpha() for char in value) < 3:
            raise serializers.ValidationError(_("Décrivez-vous en quelques mots (au moins 3 lettres)."))
        return value

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        point = [attrs.get(name) is not None for name in ("latitude", "longitude", "radius_km")]
        if any(point) and not all(point):
            raise serializers.ValidationError(
                {"radius_km": _("Indiquez latitude, longitude et rayon ensemble, ou aucun des trois.")}
            )
        return attrs


class ExplanationSerializer(serializers.Serializer):
    similarity = serializers.FloatField()
    matched_skills = serializers.ListField(child=serializers.CharField())
    missing_skills = serializers.ListField(child=serializers.CharField())
    # Skills of an offer of the candidate's own trade that their profile does not say: to state, not lacks.
    unstated_skills = serializers.ListField(child=serializers.CharField())
    distance_km = serializers.FloatField(allow_null=True)
    salary_fit = serializers.ChoiceField(choices=["above_floor", "below_floor", "not_stated", "no_floor"])
    salary_fit_label = serializers.CharField()
    occupation_fit = serializers.ChoiceField(choices=["same", "close", "other", "unknown"])
    occupation_fit_label = serializers.CharField()
    summary = serializers.CharField()


class MatchedOfferSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    company = serializers.CharField()
    city = serializers.CharField()
    contract_type = serializers.CharField()
    rome_code = serializers.CharField()
    remote = serializers.BooleanField()
    salary_min = serializers.IntegerField(allow_null=True)
    salary_max = serializers.IntegerField(allow_null=True)
    url = serializers.CharField()


class MatchResultSerializer(serializers.Serializer):
    offer = MatchedOfferSerializer()
    similarity = serializers.FloatField()
    explanation = ExplanationSerializer()


class MatchResponseSerializer(serializers.Serializer):
    model = serializers.CharField(help_text="Version du modèle dont les vecteurs ont servi.")
    count = serializers.IntegerField()
    results = MatchResultSerializer(many=True)


def recommendation_payload(recommendation: Recommendation) -> dict[str, Any]:
    """One recommendation as the API shows it (shared with /api/me/recommendations/)."""
    offer = recommendation.offer
    return {
        "offer": {
            "id": offer.pk,
            "title": offer.title,
            "company": offer.company,
            "city": offer.city,
            "contract_type": offer.contract_type,
            "rome_code": offer.rome_code,
            "remote": offer.remote,
            "salary_min": offer.salary_min,
            "salary_max": offer.salary_max,
            "url": reverse("offers:detail", args=[offer.pk]),
        },
        "similarity": round(recommendation.similarity, 4),
        "explanation": recommendation.explanation.as_dict(),
    }


def constraints_from(data: dict[str, Any]) -> HardConstraints:
    return HardConstraints(
        contract_types=tuple(data.get("contract_types") or ()),
        latitude=data.get("latitude"),
        longitude=data.get("longitude"),
        radius_km=data.get("radius_km"),
        remote_only=data.get("remote") == "remote",
        onsite_only=data.get("remote") == "onsite",
        seniority=data.get("seniority") or "",
        salary_floor=data.get("salary_min"),
    )


@extend_schema(
    operation_id="match_text",
    summary="Offres les plus proches d'un texte libre (CV, présentation)",
    description=(
        "Public, limité par adresse IP. Le texte est vectorisé par le modèle actif et comparé aux offres ouvertes ; "
        "les contraintes (contrat, distance, télétravail, expérience, salaire minimum) sont des filtres stricts. "
        "Chaque offre vient avec son explication : similarité, compétences présentes et manquantes, distance, "
        "salaire, métier. 503 tant qu'aucune offre n'a été vectorisée."
    ),
    request=MatchRequestSerializer,
    responses={200: MatchResponseSerializer},
    examples=[
        OpenApiExample(
            "Boulanger à Montpellier",
            value={
                "text": "Boulanger depuis 5 ans, pain au levain, viennoiseries, travail de nuit.",
                "k": 5,
                "contract_types": ["cdi"],
                "latitude": 43.61,
                "longitude": 3.88,
                "radius_km": 30,
            },
            request_only=True,
        )
    ],
    tags=["recommandations"],
)
@api_view(["POST"])
@authentication_classes([])  # public: no session, hence no CSRF token needed by API clients
@permission_classes([AllowAny])
@throttle_classes([MatchRateThrottle])
def match(request: Request) -> Response:
    serializer = MatchRequestSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    data = serializer.validated_data
    model = active_embedding_model()
    try:
        results = recommendations_for_text(
            text=data["text"],
            constraints=constraints_from(data),
            context=CandidateContext(
                text=data["text"],
                skills=tuple(data["skills"]),
                rome_code=data["rome_code"],
                latitude=data.get("latitude"),
                longitude=data.get("longitude"),
                salary_floor=data.get("salary_min"),
            ),
            k=data["k"],
            min_similarity=data.get("min_similarity"),
        )
    except (NoActiveEmbeddingModel, EmbeddingModelUnavailable, EmbeddingModelMismatch) as error:
        raise MatchingUnavailable() from error
    payload = [recommendation_payload(item) for item in results]
    return Response({"model": model.version if model else "", "count": len(payload), "results": payload})


class MeRecommendationsQuerySerializer(QueryParamsSerializer):
    k = serializers.IntegerField(min_value=1, max_value=50, default=10)


@extend_schema(
    operation_id="me_recommendations",
    summary="Recommandations du candidat connecté",
    description=(
        "Les offres ouvertes les plus proches du profil, filtrées par ses contraintes (contrat, rayon autour de sa "
        "commune, télétravail, expérience, salaire minimum), offres masquées exclues, chacune expliquée."
    ),
    parameters=[MeRecommendationsQuerySerializer],
    responses={200: MatchResponseSerializer},
    tags=["recommandations"],
)
@api_view(["GET"])
def me_recommendations(request: Request) -> Response:
    from candidates.selectors import profile_for_user
    from matching.ranking import recommendations_for_profile

    query = MeRecommendationsQuerySerializer(data=request.query_params)
    query.is_valid(raise_exception=True)
    profile = profile_for_user(user=request.user)
    model = active_embedding_model()
    if profile is None:
        return Response({"model": model.version if model else "", "count": 0, "results": []})
    try:
        results = recommendations_for_profile(profile=profile, k=query.validated_data["k"])
    except (NoActiveEmbeddingModel, EmbeddingModelUnavailable, EmbeddingModelMismatch) as error:
        raise MatchingUnavailable() from error
    payload = [recommendation_payload(item) for item in results]
    return Response({"model": model.version if model else "", "count": len(payload), "results": payload})
