from __future__ import annotations

from django.contrib import admin

from candidates.models import CandidateProfile, SavedOffer


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


@admin.register(SavedOffer)
class SavedOfferAdmin(admin.ModelAdmin):
    list_display = ["user", "offer", "saved_at"]
    search_fields = ["user__email", "offer__title"]
    raw_id_fields = ["user", "offer"]
    list_select_related = ["user", "offer"]
    date_hierarchy = "saved_at"
