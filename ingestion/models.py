"""The collection pipeline's own records: runs (and, later in this app, raw payloads)."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from offers.models import Source


class RunStatus(models.TextChoices):
    RUNNING = "running", _("En cours")
    SUCCEEDED = "succeeded", _("Réussie")
    PARTIAL = "partial", _("Terminée avec des erreurs")
    FAILED = "failed", _("Échouée")


class IngestionRun(models.Model):
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    status = models.CharField(_("statut"), max_length=20, choices=RunStatus.choices, default=RunStatus.RUNNING)
    started_at = models.DateTimeField(_("début"), default=timezone.now)
    finished_at = models.DateTimeField(_("fin"), null=True, blank=True)
    api_calls = models.PositiveIntegerField(_("appels API"), default=0)
    fetched = models.PositiveIntegerField(_("reçues"), default=0)
    new = models.PositiveIntegerField(_("nouvelles"), default=0)
    updated = models.PositiveIntegerField(_("mises à jour"), default=0)
    unchanged = models.PositiveIntegerField(_("inchangées"), default=0)
    failed = models.PositiveIntegerField(_("en erreur"), default=0)
    closed = models.PositiveIntegerField(_("fermées"), default=0)
    merged = models.PositiveIntegerField(_("fusionnées"), default=0)
    errors = models.JSONField(_("erreurs"), default=list, blank=True)

    class Meta:
        ordering = ["-started_at"]
        get_latest_by = "started_at"
        verbose_name = _("collecte")
        verbose_name_plural = _("collectes")
        indexes = [models.Index(fields=["source", "-started_at"], name="run_source_started")]

    def __str__(self) -> str:
        return f"{self.get_source_display()} {self.started_at:%Y-%m-%d %H:%M}"
