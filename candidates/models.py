"""Candidate profiles and saved offers.

Identity is Django's `auth.User` with the e-mail address as username (the user
table was migrated before this app existed, so no custom user model).
"""

from __future__ import annotations

import os
import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.files.storage import FileSystemStorage
from django.db import models
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
