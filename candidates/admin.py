from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest
from rest_framework.authtoken.models import TokenProxy

from candidates.models import (
    AlertDigest,
    AlertRun,
    AlertState,
    ApiToken,
    CandidateProfile,
    CvUpload,
    SavedOffer,
    SavedSearch,
)


@admin.register(CandidateProfile)
class CandidateProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "wanted_title", "rome_code", "place_name", "seniority", "remote_preference", "updated_at"]
    list_filter = [
        "seniority",
        "remote_preference",
        ("cv_uploaded_at", admin.EmptyFieldListFilter),
        "created_at",
        "updated_at",
    ]
    search_fields = ["user__email", "wanted_title", "rome_code", "place_name", "profile_text"]
    list_select_related = ["user"]
    raw_id_fields = ["user"]
    # The CV has no URL (private storage): the admin shows its name and text, read only.
    exclude = ["cv_file"]
    readonly_fields = ["cv_original_name", "cv_text", "cv_uploaded_at", "profile_text", "created_at", "updated_at"]
    date_hierarchy = "created_at"


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Named API tokens (keys are never stored): staff can see and revoke (delete) them, not create them."""

    list_display = ["user", "name", "key_prefix", "created_at", "last_used_at"]
    search_fields = ["user__email", "name", "key_prefix"]
    list_select_related = ["user"]
    readonly_fields = ["user", "name", "key_prefix", "created_at", "last_used_at"]
    exclude = ["key_digest", "password_fingerprint"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


# DRF's single-token table is no longer used (candidates.ApiToken replaced it, migration 0004).
if admin.site.is_registered(TokenProxy):
    admin.site.unregister(TokenProxy)


@admin.register(CvUpload)
class CvUploadAdmin(admin.ModelAdmin):
    """The last CV upload of each account and how its reading went (read only: the task writes it)."""

    list_display = ["user", "original_name", "status", "created_at", "finished_at"]
    list_filter = ["status", "created_at"]
    search_fields = ["user__email", "original_name", "message"]
    list_select_related = ["user"]
    readonly_fields = [
        "user",
        "stored_name",
        "original_name",
        "status",
        "message",
        "skills_added",
        "proposals",
        "proposals_answered_at",
        "created_at",
        "finished_at",
    ]


@admin.register(SavedOffer)
class SavedOfferAdmin(admin.ModelAdmin):
    list_display = ["user", "offer", "saved_at"]
    search_fields = ["user__email", "offer__title"]
    raw_id_fields = ["user", "offer"]
    list_select_related = ["user", "offer"]
    date_hierarchy = "saved_at"


@admin.register(SavedSearch)
class SavedSearchAdmin(admin.ModelAdmin):
    list_display = ["name", "owner", "frequency", "paused", "created_at"]
    list_filter = ["frequency", "paused"]
    search_fields = ["owner__email", "name"]
    raw_id_fields = ["owner"]
    list_select_related = ["owner"]


@admin.register(AlertDigest)
class AlertDigestAdmin(admin.ModelAdmin):
    list_display = ["user", "sent_at", "horizon", "message_id"]
    search_fields = ["user__email", "message_id"]
    raw_id_fields = ["user"]
    list_select_related = ["user"]
    date_hierarchy = "sent_at"
    # A record of what left: never edited by hand.
    readonly_fields = ["user", "sent_at", "daily_from", "weekly_from", "horizon", "offer_ids", "message_id"]


@admin.register(AlertRun)
class AlertRunAdmin(admin.ModelAdmin):
    list_display = ["started_at", "finished_at", "weekly", "candidates", "sent", "empty", "skipped", "failed"]
    readonly_fields = [field.name for field in AlertRun._meta.fields]
    date_hierarchy = "started_at"


@admin.register(AlertState)
class AlertStateAdmin(admin.ModelAdmin):
    list_display = ("user", "recommendations", "daily_horizon", "weekly_horizon", "weekly_done_at", "updated_at")
    list_filter = ("recommendations",)
    search_fields = ("user__email",)
    raw_id_fields = ("user",)
