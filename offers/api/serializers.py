"""How offers are represented in the API: summary, detail with postings, and what staff may write."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import serializers

from offers.models import Offer, OfferStatus, Source


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
    "region",
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
    "salary_estimate_min",
    "salary_estimate_max",
    "salary_estimate_label",
    "remote",
    "sources",
    "status",
    "published_at",
    "source_updated_at",
]


class OfferSummarySerializer(serializers.ModelSerializer):
    region = serializers.CharField(read_only=True, help_text="Code INSEE de la région (déduit du département).")
    salary_estimate_label = serializers.SerializerMethodField(
        help_text="« estimation » quand salary_estimate_min/max viennent d'une estimation de la source (Adzuna),"
        " pas de l'employeur (null sinon) ; salary_min/max ne contiennent jamais d'estimation."
    )

    class Meta:
        model = Offer
        fields = OFFER_SUMMARY_FIELDS

    def get_salary_estimate_label(self, offer: Offer) -> str | None:
        return "estimation" if offer.salary_estimate_min or offer.salary_estimate_max else None


class OfferPageSerializer(serializers.Serializer):
    next = serializers.URLField(allow_null=True, help_text="Page suivante (null : dernière page).")
    previous = serializers.URLField(allow_null=True)
    results = OfferSummarySerializer(many=True)


class OfferDetailSerializer(OfferSummarySerializer):
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
