"""Market statistics: the aggregates behind the /marche/ charts."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from offers.api.search import SEARCH_PARAMETERS, search_params_or_400
from offers.display import departement_name
from offers.market import offer_market


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


class DepartementCountSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="Code INSEE du département ; vide : lieu inconnu.")
    name = serializers.CharField()
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
    departements = DepartementCountSerializer(many=True)


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
        market = offer_market(params=search_params_or_400(request.query_params))

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
                    "departements": [
                        {"code": code, "name": departement_name(code) if code else "", "count": count}
                        for code, count in market.departements
                    ],
                }
            ).data
        )
