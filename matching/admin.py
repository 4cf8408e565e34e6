from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from matching.models import (
    CandidateEmbedding,
    EmbeddingModel,
    EmbeddingRun,
    EvaluationResult,
    HiddenOffer,
    OccupationEmbedding,
    OfferEmbedding,
)


@admin.register(EmbeddingModel)
class EmbeddingModelAdmin(admin.ModelAdmin):
    list_display = ("name", "short_checksum", "dimension", "status", "is_active", "created_at", "activated_at")
    list_filter = ("status", "is_active")
    readonly_fields = [field.name for field in EmbeddingModel._meta.fields]

    @admin.display(description=_("empreinte"))
    def short_checksum(self, obj: EmbeddingModel) -> str:
        return obj.weights_checksum[:12]

    def has_add_permission(self, request) -> bool:
        return False  # models are registered by the refresh, from MATCHING_MODEL


@admin.register(EmbeddingRun)
class EmbeddingRunAdmin(admin.ModelAdmin):
    list_display = (
        "started_at",
        "model",
        "status",
        "full",
        "progress",
        "embedded_count",
        "unchanged_count",
        "pruned_count",
        "switched_model",
        "finished_at",
    )
    list_filter = ("status", "full")
    readonly_fields = [field.name for field in EmbeddingRun._meta.fields]

    @admin.display(description=_("progression"))
    def progress(self, obj: EmbeddingRun) -> str:
        return f"{obj.processed_count}/{obj.candidates_count} ({obj.progress_percent} %)"

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(EvaluationResult)
class EvaluationResultAdmin(admin.ModelAdmin):
    list_display = (
        "created_at",
        "model_name",
        "backend",
        "offer_text",
        "method",
        "recall_at_5",
        "recall_at_10",
        "mrr",
        "ndcg_at_10",
        "unrelated_share",
        "mean_similarity",
        "diversity",
    )
    list_filter = ("method", "model_name", "backend", "offer_text")
    readonly_fields = [field.name for field in EvaluationResult._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(HiddenOffer)
class HiddenOfferAdmin(admin.ModelAdmin):
    list_display = ("user", "offer", "hidden_at")
    raw_id_fields = ("user", "offer")


class _VectorAdmin(admin.ModelAdmin):
    """Vectors are written by the refresh only: shown (without the 384 numbers), never edited."""

    exclude = ("vector",)
    list_filter = ("model",)
    show_full_result_count = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(OfferEmbedding)
class OfferEmbeddingAdmin(_VectorAdmin):
    list_display = ("offer", "model", "content_hash", "embedded_at")
    raw_id_fields = ("offer",)
    search_fields = ("=offer__id", "offer__title")


@admin.register(OccupationEmbedding)
class OccupationEmbeddingAdmin(_VectorAdmin):
    list_display = ("occupation", "model", "content_hash")
    raw_id_fields = ("occupation",)
    search_fields = ("=occupation__code", "occupation__label")


@admin.register(CandidateEmbedding)
class CandidateEmbeddingAdmin(_VectorAdmin):
    list_display = ("profile_id", "model", "content_hash", "embedded_at")
    search_fields = ("=profile_id",)
