"""Candidate profiles, saved offers, saved searches and the state of their e-mail alerts.

Identity is Django's `auth.User` with the e-mail address as username (the user
table was migrated before this app existed, so no custom user model).
"""

from __future__ import annotations

import os
import uuid
from datetime import timedelta
from pathlib import PurePosixPath

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from offers.models import ContractType, Offer, Seniority


class PrivateCvStorage(FileSystemStorage):
    """CVs live in CANDIDATE_CV_ROOT, outside STATIC and MEDIA_URL: no URL serves them.

    The folder is read from the settings on every use (not frozen at import), so that
    tests and deployments can move it.
    """

    @property  # type: ignore[override]
    def base_location(self) -> str:
        return str(settings.CANDIDATE_CV_ROOT)

    @property  # type: ignore[override]
    def location(self) -> str:
        return os.path.abspath(self.base_location)

    @property  # type: ignore[override]
    def file_permissions_mode(self) -> int:
        return 0o600

    def url(self, name: str | None) -> str:
        raise ValueError("CV files have no public URL; the owner downloads them through a view.")


def cv_storage() -> FileSystemStorage:
    return PrivateCvStorage()


def cv_upload_path(_instance: CandidateProfile | None, filename: str) -> str:
    # A random name: the uploaded name is attacker-controlled and would leak into paths.
    suffix = PurePosixPath(filename).suffix.lower()
    return f"{uuid.uuid4().hex}{suffix if suffix in {'.pdf', '.docx'} else ''}"


class RemotePreference(models.TextChoices):
    ANY = "any", _("Indifférent")
    REMOTE = "remote", _("Télétravail souhaité")
    ONSITE = "onsite", _("Sur site uniquement")


class CandidateProfile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="candidate_profile", verbose_name=_("compte")
    )
    wanted_title = models.CharField(_("poste recherché"), max_length=255, blank=True)
    rome_code = models.CharField(_("code ROME"), max_length=5, blank=True)
    skills = ArrayField(models.CharField(max_length=255), default=list, blank=True, verbose_name=_("compétences"))
    presentation = models.TextField(_("présentation"), blank=True, max_length=5000)
    place_name = models.CharField(_("lieu"), max_length=255, blank=True)
    commune_insee = models.CharField(_("code INSEE"), max_length=5, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    radius_km = models.PositiveSmallIntegerField(_("rayon (km)"), default=30)
    contract_types = ArrayField(
        models.CharField(max_length=20, choices=ContractType.choices),
        default=list,
        blank=True,
        verbose_name=_("types de contrat"),
    )
    seniority = models.CharField(_("expérience"), max_length=20, choices=Seniority.choices, blank=True)
    remote_preference = models.CharField(
        _("télétravail"), max_length=10, choices=RemotePreference.choices, default=RemotePreference.ANY
    )
    salary_min = models.PositiveIntegerField(_("salaire annuel minimum (€)"), null=True, blank=True)
    cv_file = models.FileField(_("CV"), storage=cv_storage, upload_to=cv_upload_path, blank=True, max_length=255)
    cv_original_name = models.CharField(_("nom du fichier CV"), max_length=255, blank=True)
    cv_text = models.TextField(_("texte du CV"), blank=True)
    cv_uploaded_at = models.DateTimeField(_("CV déposé le"), null=True, blank=True)
    profile_text = models.TextField(
        _("texte du profil"),
        blank=True,
        help_text=_("Poste, compétences, présentation et CV : ce que lit le matching."),
    )
    # Set at sign-up until the link mailed to the address is opened (or a password reset proves the
    # mailbox): until then the account holds no CV and no API token. Accounts made otherwise are trusted.
    email_confirmation_pending = models.BooleanField(_("adresse e-mail à confirmer"), default=False)
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    class Meta:
        verbose_name = _("profil candidat")
        verbose_name_plural = _("profils candidats")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(radius_km__lte=500), name="candidate_profile_radius_at_most_500_km"
            )
        ]

    def __str__(self) -> str:
        return self.user.email or self.user.get_username()


class CvUploadStatus(models.TextChoices):
    READING = "reading", _("en cours de lecture")
    READ = "read", _("lu")
    REJECTED = "rejected", _("refusé")


class CvUpload(models.Model):
    """A CV file received and waiting to be read outside the request (`candidates.tasks.cv_upload_read`).

    The file is stored at once under `stored_name`; once read it becomes the profile's CV, once
    refused it is deleted and `message` says why. A newer upload of the same account supersedes it.
    """

    # Past this age a reading still "in progress" was lost (its worker died twice): shown as failed.
    STALLED_AFTER = timedelta(minutes=10)

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cv_uploads", verbose_name=_("compte")
    )
    stored_name = models.CharField(_("fichier"), max_length=255, blank=True)
    original_name = models.CharField(_("nom du fichier"), max_length=255)
    status = models.CharField(_("état"), max_length=10, choices=CvUploadStatus.choices, default=CvUploadStatus.READING)
    message = models.TextField(_("motif du refus"), blank=True)
    skills_added = ArrayField(
        models.CharField(max_length=255), default=list, blank=True, verbose_name=_("compétences ajoutées")
    )
    # What the CV proposes for the profile (`candidates.cv_proposals.CvProposals`), written to the profile only
    # once the candidate confirms it; `skills_added` then lists the skills they kept.
    proposals = models.JSONField(_("propositions lues dans le CV"), default=dict, blank=True)
    proposals_answered_at = models.DateTimeField(_("propositions traitées le"), null=True, blank=True)
    created_at = models.DateTimeField(_("déposé le"), auto_now_add=True)
    finished_at = models.DateTimeField(_("lu le"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("dépôt de CV")
        verbose_name_plural = _("dépôts de CV")

    def __str__(self) -> str:
        return f"{self.original_name} ({self.get_status_display()})"

    @property
    def is_stalled(self) -> bool:
        return self.status == CvUploadStatus.READING and timezone.now() - self.created_at > self.STALLED_AFTER


class ApiToken(models.Model):
    """An API token: a new one per `POST /api/auth/token/` or per creation in the profile, named,
    listed and revocable there.

    Only a digest of the key is kept (the key is shown once). A token holds while the account's
    password is the one it was issued under (`password_fingerprint`, Django's session hash):
    a password change or reset, by any path (site, admin, shell), revokes every token at once.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("compte")
    )
    name = models.CharField(_("nom"), max_length=100)
    key_digest = models.CharField(_("empreinte de la clé"), max_length=64, unique=True)
    key_prefix = models.CharField(_("début de la clé"), max_length=8)
    password_fingerprint = models.CharField(max_length=128)
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("dernier usage"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("jeton d'API")
        verbose_name_plural = _("jetons d'API")

    def __str__(self) -> str:
        return f"{self.name} ({self.key_prefix}…)"


class SavedOffer(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_offers", verbose_name=_("compte")
    )
    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="+", verbose_name=_("offre"))
    saved_at = models.DateTimeField(_("sauvegardée le"), auto_now_add=True)

    class Meta:
        ordering = ["-saved_at", "-id"]
        verbose_name = _("offre sauvegardée")
        verbose_name_plural = _("offres sauvegardées")
        constraints = [models.UniqueConstraint(fields=["user", "offer"], name="saved_offer_unique_per_user")]

    def __str__(self) -> str:
        return f"{self.user} → {self.offer_id}"


class AlertFrequency(models.TextChoices):
    DAILY = "daily", _("Chaque jour")
    WEEKLY = "weekly", _("Chaque semaine (le lundi)")
    NEVER = "never", _("Jamais (recherche enregistrée seulement)")


class SavedSearch(models.Model):
    """A search of /offres/ kept by a candidate, and how often its new offers are e-mailed."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches", verbose_name=_("compte")
    )
    name = models.CharField(_("nom"), max_length=100)
    # The search page's query string as a dict (its French parameter names; lists for the
    # multiple choices), validated by offers.forms when saved and again when used.
    query = models.JSONField(_("recherche"), default=dict, blank=True)
    frequency = models.CharField(
        _("alerte"), max_length=10, choices=AlertFrequency.choices, default=AlertFrequency.DAILY
    )
    paused = models.BooleanField(_("en pause"), default=False)
    # Alerts list offers first seen after this moment: set when alerts start or resume, so a
    # search resumed after months does not bring back offers from before.
    alerts_since = models.DateTimeField(_("alertes depuis le"), default=timezone.now)
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("recherche enregistrée")
        verbose_name_plural = _("recherches enregistrées")

    def __str__(self) -> str:
        return self.name

    @property
    def alerts_active(self) -> bool:
        return not self.paused and self.frequency != AlertFrequency.NEVER


class AlertState(models.Model):
    """Where each candidate's alerts stand: one row per candidate, locked while a digest is sent.

    The horizons are positions in the offer change feed (offers.feed.feed_horizon): the
    last digest covered the offers created by transactions below them. The next one covers
    [horizon, new horizon): windows that neither overlap (nothing twice) nor leave gaps
    (nothing lost). They move in the same transaction that records the digest.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="alert_state", verbose_name=_("compte")
    )
    recommendations = models.BooleanField(
        _("nouvelles offres pour mon profil"),
        default=False,
        help_text=_("Ajouter aux alertes les nouvelles offres recommandées pour le profil."),
    )
    daily_horizon = models.BigIntegerField(_("horizon quotidien"))
    weekly_horizon = models.BigIntegerField(_("horizon hebdomadaire"))
    weekly_done_at = models.DateTimeField(_("dernier passage hebdomadaire"), default=timezone.now)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    class Meta:
        verbose_name = _("état des alertes")
        verbose_name_plural = _("états des alertes")

    def __str__(self) -> str:
        return f"{self.user} ({self.daily_horizon}/{self.weekly_horizon})"


class AlertDigest(models.Model):
    """One digest e-mail sent: what it covered, for the admin and the candidate's data export."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="alert_digests", verbose_name=_("compte")
    )
    sent_at = models.DateTimeField(_("envoyé le"), default=timezone.now)
    daily_from = models.BigIntegerField(_("depuis (quotidien)"))
    weekly_from = models.BigIntegerField(_("depuis (hebdomadaire)"), null=True, blank=True)
    horizon = models.BigIntegerField(_("jusqu'à"))
    offer_ids = ArrayField(models.BigIntegerField(), default=list, verbose_name=_("offres"))
    message_id = models.CharField(_("Message-ID"), max_length=255)

    class Meta:
        ordering = ["-sent_at", "-id"]
        verbose_name = _("alerte envoyée")
        verbose_name_plural = _("alertes envoyées")
        constraints = [
            models.UniqueConstraint(fields=["user", "horizon"], name="alert_digest_one_per_user_and_horizon")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.sent_at:%Y-%m-%d}"


class AlertRun(models.Model):
    """One run of the digest task (matching.tasks.send_alert_digests), for the admin."""

    started_at = models.DateTimeField(_("début"), default=timezone.now)
    finished_at = models.DateTimeField(_("fin"), null=True, blank=True)
    horizon = models.BigIntegerField(_("horizon"))
    weekly = models.BooleanField(_("alertes hebdomadaires dues"), default=False)
    candidates = models.PositiveIntegerField(_("candidats examinés"), default=0)
    sent = models.PositiveIntegerField(_("e-mails envoyés"), default=0)
    empty = models.PositiveIntegerField(_("rien de nouveau"), default=0)
    skipped = models.PositiveIntegerField(_("déjà faits ou pris par un autre worker"), default=0)
    failed = models.PositiveIntegerField(_("échecs d'envoi"), default=0)
    errors = models.TextField(_("erreurs"), blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = _("passage des alertes")
        verbose_name_plural = _("passages des alertes")

    def __str__(self) -> str:
        return f"{self.started_at:%Y-%m-%d %H:%M} ({self.sent})"
