"""The collection pipeline's own records: runs, raw payloads (bronze) and what to collect."""

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


class RunKind(models.TextChoices):
    COLLECT = "collect", _("Collecte API")
    SWEEP = "sweep", _("Balayage complet")
    REPLAY = "replay", _("Rejeu de fichiers")
    REPROCESS = "reprocess", _("Retraitement")
    RECHECK = "recheck", _("Re-vérification")


class IngestionRun(models.Model):
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    kind = models.CharField(_("type"), max_length=20, choices=RunKind.choices, default=RunKind.COLLECT)
    status = models.CharField(_("statut"), max_length=20, choices=RunStatus.choices, default=RunStatus.RUNNING)
    started_at = models.DateTimeField(_("début"), default=timezone.now)
    finished_at = models.DateTimeField(_("fin"), null=True, blank=True)
    since = models.DateTimeField(
        _("offres depuis"), null=True, blank=True, help_text=_("Début de la fenêtre demandée aux sources.")
    )
    api_calls = models.PositiveIntegerField(_("appels API"), default=0)
    fetched = models.PositiveIntegerField(_("reçues"), default=0)
    new = models.PositiveIntegerField(_("nouvelles"), default=0)
    updated = models.PositiveIntegerField(_("mises à jour"), default=0)
    unchanged = models.PositiveIntegerField(_("inchangées"), default=0)
    failed = models.PositiveIntegerField(_("en erreur"), default=0)
    closed = models.PositiveIntegerField(_("fermées"), default=0)
    merged = models.PositiveIntegerField(_("fusionnées"), default=0)
    complete = models.BooleanField(
        _("balayage complet"),
        null=True,
        blank=True,
        help_text=_("Balayage : toutes les parties du catalogue lues jusqu’au bout."),
    )
    errors = models.JSONField(_("erreurs"), default=list, blank=True)

    class Meta:
        ordering = ["-started_at"]
        get_latest_by = "started_at"
        verbose_name = _("collecte")
        verbose_name_plural = _("collectes")
        indexes = [models.Index(fields=["source", "-started_at"], name="run_source_started")]

    def __str__(self) -> str:
        return f"{self.get_source_display()} {self.started_at:%Y-%m-%d %H:%M}"


class NormalisationStatus(models.TextChoices):
    PENDING = "pending", _("À traiter")
    OK = "ok", _("Normalisée")
    ERROR = "error", _("En erreur")


class RawPayload(models.Model):
    """One version of one offer exactly as a source returned it (bronze layer).

    Rows are never edited in content: a payload whose hash differs from the current
    version adds version n+1 and the older row only loses `is_current`. Seeing the
    same payload again only moves `last_seen_at`.
    """

    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    external_id = models.CharField(_("identifiant à la source"), max_length=64)
    version = models.PositiveIntegerField(_("version"), default=1)
    is_current = models.BooleanField(_("version courante"), default=True)
    payload = models.JSONField(_("contenu reçu"))
    content_hash = models.CharField(_("empreinte du contenu"), max_length=64)
    run = models.ForeignKey(
        IngestionRun,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="raw_payloads",
        verbose_name=_("collecte"),
    )
    first_seen_at = models.DateTimeField(_("vue la première fois"), default=timezone.now)
    last_seen_at = models.DateTimeField(_("vue la dernière fois"), default=timezone.now)
    status = models.CharField(
        _("normalisation"),
        max_length=10,
        choices=NormalisationStatus.choices,
        default=NormalisationStatus.PENDING,
    )
    error_type = models.CharField(_("type d'erreur"), max_length=100, blank=True)
    error_message = models.TextField(_("erreur"), blank=True)
    normalised_at = models.DateTimeField(_("normalisée le"), null=True, blank=True)

    class Meta:
        ordering = ["source", "external_id", "-version"]
        verbose_name = _("contenu brut")
        verbose_name_plural = _("contenus bruts")
        constraints = [
            models.UniqueConstraint(fields=["source", "external_id", "version"], name="raw_payload_unique_version"),
            # At most one current version per offer: the upsert relies on it.
            models.UniqueConstraint(
                fields=["source", "external_id"],
                condition=models.Q(is_current=True),
                name="raw_payload_one_current",
            ),
        ]
        indexes = [
            models.Index(
                fields=["status", "source"],
                condition=models.Q(is_current=True) & ~models.Q(status="ok"),
                name="raw_payload_to_process",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_source_display()} {self.external_id} v{self.version}"


class CollectionSearch(models.Model):
    """One search the daily collection runs on a source (editable in the admin).

    With no active search for a source, the collection runs one search with no
    filter: all of France since the previous run (the last day on a first run).
    """

    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    keywords = models.CharField(_("mots-clés"), max_length=200, blank=True)
    rome_code = models.CharField(
        _("code ROME"), max_length=5, blank=True, help_text=_("France Travail seulement (Adzuna n'en a pas).")
    )
    departement = models.CharField(_("département"), max_length=3, blank=True)
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["source", "keywords", "rome_code", "departement"]
        verbose_name = _("recherche quotidienne")
        verbose_name_plural = _("recherches quotidiennes")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "keywords", "rome_code", "departement"], name="collection_search_unique"
            )
        ]

    def __str__(self) -> str:
        parts = [self.keywords, self.rome_code, self.departement]
        return f"{self.get_source_display()} : {' / '.join(p for p in parts if p) or _('toute la France')}"
