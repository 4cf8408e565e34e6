from __future__ import annotations

import json
from typing import Any

from django.contrib import admin, messages
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ingestion.models import CollectionSearch, IngestionRun, NormalisationStatus, RawPayload
from ingestion.services import runs, storage


@admin.register(IngestionRun)
class IngestionRunAdmin(admin.ModelAdmin):
    list_display = [
        "started_at",
        "source",
        "kind",
        "status",
        "api_calls",
        "fetched",
        "new",
        "merged",
        "updated",
        "unchanged",
        "failed",
        "closed",
        "error_count",
    ]
    list_filter = ["source", "kind", "status", "started_at"]
    date_hierarchy = "started_at"
    readonly_fields = [field.name for field in IngestionRun._meta.fields if field.name != "errors"] + ["errors_list"]
    exclude = ["errors"]

    @admin.display(description=_("erreurs"))
    def error_count(self, run: IngestionRun) -> int:
        return len(run.errors)

    @admin.display(description=_("erreurs"))
    def errors_list(self, run: IngestionRun) -> str:
        if not run.errors:
            return "—"
        items = format_html_join("", "<li>{}</li>", ((error.get("message", error),) for error in run.errors))
        return format_html("<ul>{}</ul>", items)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


class InErrorFilter(admin.SimpleListFilter):
    title = _("en erreur")
    parameter_name = "en_erreur"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, Any]]:
        return [("oui", _("En erreur")), ("non", _("Sans erreur"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[RawPayload]) -> QuerySet[RawPayload]:
        if self.value() == "oui":
            return queryset.filter(status=NormalisationStatus.ERROR)
        if self.value() == "non":
            return queryset.exclude(status=NormalisationStatus.ERROR)
        return queryset


@admin.register(RawPayload)
class RawPayloadAdmin(admin.ModelAdmin):
    list_display = ["external_id", "source", "version", "is_current", "status", "error_type", "last_seen_at"]
    list_filter = [InErrorFilter, "source", "status", "error_type", "is_current"]
    search_fields = ["external_id", "error_message"]
    readonly_fields = [f.name for f in RawPayload._meta.fields if f.name != "payload"] + ["payload_pretty"]
    exclude = ["payload"]
    raw_id_fields = ["run"]
    show_full_result_count = False  # the table grows by a version per edit: no COUNT(*) per page
    actions = ["retry_normalisation"]

    @admin.display(description=_("contenu reçu"))
    def payload_pretty(self, raw: RawPayload) -> str:
        return format_html(
            "<pre style='white-space:pre-wrap'>{}</pre>", json.dumps(raw.payload, indent=2, ensure_ascii=False)
        )

    @admin.action(description=_("Renormaliser les contenus sélectionnés"))
    def retry_normalisation(self, request: HttpRequest, queryset: QuerySet[RawPayload]) -> None:
        done = 0
        for source in sorted(set(queryset.values_list("source", flat=True))):
            # Under the source's run lock, like a run: the upsert counts on no other writer of its postings.
            try:
                with runs.source_lock(source), transaction.atomic():
                    raws = list(queryset.filter(source=source, is_current=True).values_list("id", "payload"))
                    counts = storage.normalise_and_upsert(
                        source=source,
                        raws=raws,
                        seen_at=max(queryset.values_list("last_seen_at", flat=True)),
                        from_source=False,
                    )
                    done += len(raws) - counts.failed
            except runs.RunAlreadyActive as error:
                self.message_user(request, f"{error} {_('Réessayez après la collecte.')}", messages.WARNING)
        self.message_user(
            request,
            ngettext("%(n)d contenu normalisé.", "%(n)d contenus normalisés.", done) % {"n": done},
            messages.SUCCESS,
        )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: RawPayload | None = None) -> bool:
        return False  # bronze is never edited


@admin.register(CollectionSearch)
class CollectionSearchAdmin(admin.ModelAdmin):
    list_display = ["__str__", "source", "keywords", "rome_code", "departement", "active"]
    list_filter = ["source", "active"]
    list_editable = ["active"]
    search_fields = ["keywords", "rome_code", "departement"]
