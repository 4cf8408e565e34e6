from __future__ import annotations

from django.contrib import admin

from ingestion.models import IngestionRun


@admin.register(IngestionRun)
class IngestionRunAdmin(admin.ModelAdmin):
    list_display = ["started_at", "source", "status", "api_calls", "fetched", "new", "updated", "failed", "closed"]
    list_filter = ["source", "status", "started_at"]
    date_hierarchy = "started_at"
    readonly_fields = [field.name for field in IngestionRun._meta.fields]
