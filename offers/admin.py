from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from offers.models import (
    Commune,
    Occupation,
    OccupationSoftSkill,
    OccupationTitle,
    Offer,
    OfferChange,
    OfferSkillReading,
    OfferSource,
    SearchSynonym,
    SoftSkill,
    Source,
)


class OccupationTitleInline(admin.TabularInline):
    model = OccupationTitle
    extra = 0
    fields = ["label", "short_label", "ogr_code"]


@admin.register(Occupation)
class OccupationAdmin(admin.ModelAdmin):
    list_display = ["code", "label", "from_referential"]
    list_filter = ["from_referential"]
    search_fields = ["code", "label", "titles__label"]
    filter_horizontal = ["close_occupations"]
    inlines = [OccupationTitleInline]


@admin.register(OccupationTitle)
class OccupationTitleAdmin(admin.ModelAdmin):
    list_display = ["label", "occupation"]
    search_fields = ["label", "short_label", "occupation__code"]
    list_select_related = ["occupation"]
    autocomplete_fields = ["occupation"]


@admin.register(Commune)
class CommuneAdmin(admin.ModelAdmin):
    list_display = ["insee_code", "name", "departement", "region", "postcodes", "latitude", "longitude", "district_of"]
    list_filter = ["departement", "is_district"]
    search_fields = ["insee_code", "name", "normalized_name"]


class OfferSourceInline(admin.TabularInline):
    model = OfferSource
    extra = 0
    fields = ("source", "external_id", "url", "source_updated_at", "last_seen_at", "checked_at", "withdrawn_at")
    readonly_fields = fields


class OfferSourceFilter(admin.SimpleListFilter):
    """The sources an offer was seen on, by name: Django's filter of an array field lists the
    arrays themselves (`['francetravail', 'adzuna']`), and an empty entry."""

    title = _("source")
    parameter_name = "source"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        return [*((value, str(label)) for value, label in Source.choices), ("toutes", _("sur plusieurs sources"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Offer]) -> QuerySet[Offer]:
        value = self.value()
        if value == "toutes":
            return queryset.filter(sources__len__gt=1)
        if value in Source.values:
            return queryset.filter(sources__contains=[value])
        return queryset


@admin.register(Offer)
class OfferAdmin(admin.ModelAdmin):
    list_display = ["title", "company", "city", "contract_type", "status", "published_at", "sources"]
    list_filter = ["status", "contract_type", "seniority", "remote", OfferSourceFilter, "published_at"]
    search_fields = ["title", "company", "city", "rome_code", "postings__external_id"]
    date_hierarchy = "published_at"
    inlines = [OfferSourceInline]
    show_full_result_count = False  # COUNT(*) on a million rows on every page is not worth it


class PostingWarningFilter(admin.SimpleListFilter):
    """Postings the normaliser corrected (e.g. coordinates swapped or far from their commune)."""

    title = _("avertissements de normalisation")
    parameter_name = "avertissements"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        return [("oui", _("Avec avertissement")), ("non", _("Sans avertissement"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[OfferSource]) -> QuerySet[OfferSource]:
        if self.value() in ("oui", "non"):
            return queryset.filter(normalised__warnings__0__isnull=self.value() == "non")
        return queryset


@admin.register(OfferSource)
class OfferSourceAdmin(admin.ModelAdmin):
    list_display = [
        "external_id", "source", "offer", "source_updated_at", "last_seen_at", "checked_at", "withdrawn_at", "warnings",
    ]  # fmt: skip
    list_filter = [
        "source", ("withdrawn_at", admin.EmptyFieldListFilter), ("checked_at", admin.EmptyFieldListFilter),
        PostingWarningFilter,
    ]  # fmt: skip
    search_fields = ["external_id", "offer__title", "dedup_key"]
    raw_id_fields = ["offer"]
    list_select_related = ["offer"]
    # Written by the ingestion only (offers.services): rebuilt from raw payloads by `reprocess`.
    readonly_fields = ["normalised", "content_hash", "dedup_key", "text_key", "published_at", "checked_at"]
    show_full_result_count = False

    @admin.display(description=_("avertissements"))
    def warnings(self, posting: OfferSource) -> str:
        return " · ".join((posting.normalised or {}).get("warnings") or [])


@admin.register(SoftSkill)
class SoftSkillAdmin(admin.ModelAdmin):
    list_display = ["code", "summary"]
    search_fields = ["code", "summary", "details"]


@admin.register(OccupationSoftSkill)
class OccupationSoftSkillAdmin(admin.ModelAdmin):
    list_display = ["rome_code", "soft_skill", "score", "collected_at"]
    list_filter = ["soft_skill"]
    search_fields = ["rome_code"]
    list_select_related = ["soft_skill"]


@admin.register(OfferChange)
class OfferChangeAdmin(admin.ModelAdmin):
    """The change feed as written by the database triggers: read-only."""

    list_display = ["id", "offer_id", "kind", "changed_at", "xid"]
    list_filter = ["kind", "changed_at"]
    search_fields = ["=offer_id"]
    show_full_result_count = False

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(OfferSkillReading)
class OfferSkillReadingAdmin(admin.ModelAdmin):
    """What an offer's text says of skills, as the refresh read it (offer_skill_reading.py): read-only, remade by
    `read_offer_skills`."""

    list_display = ["offer_id", "offer", "key"]
    search_fields = ["offer__title"]
    list_select_related = ["offer"]
    show_full_result_count = False

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(SearchSynonym)
class SearchSynonymAdmin(admin.ModelAdmin):
    list_display = ["term", "equivalents", "kind", "both_ways", "rome_codes", "active"]
    list_filter = ["kind", "active", "both_ways"]
    search_fields = ["term", "equivalents", "rome_codes"]
    list_editable = ["active"]
