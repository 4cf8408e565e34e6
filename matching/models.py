"""Embedding models, the vectors they made, and what the matching records about its own runs.

Every vector row points at the `EmbeddingModel` that produced it, and every query filters on
that model: vectors of two models live side by side during a switch but are never compared.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from pgvector.django import HnswIndex, VectorField

from offers.models import Occupation, Offer

# The vector column has a fixed width so that pgvector can index it (HNSW needs typed
# dimensions): 512, USE multilingual v3's. all-MiniLM-L6-v2's 384 dimensions are stored
# zero-padded (PaddedVectorField), which changes no cosine; a wider model is refused at registration.
VECTOR_DIMENSIONS = 512


def padded(vector: Sequence[float] | np.ndarray, dimensions: int = VECTOR_DIMENSIONS) -> np.ndarray:
    """A model's vector at the column's width: zeros after it (dot products and norms unchanged)."""
    values = np.asarray(vector, dtype=np.float32)
    if values.shape[-1] > dimensions:
        raise ValueError(f"a vector of {values.shape[-1]} dimensions does not fit a column of {dimensions}")
    if values.shape[-1] == dimensions:
        return values
    return np.concatenate([values, np.zeros(dimensions - values.shape[-1], dtype=np.float32)])


class PaddedVectorField(VectorField):
    """A pgvector column that takes the vectors of narrower models, zero-padded."""

    def get_prep_value(self, value: Any) -> Any:
        if value is not None and not isinstance(value, str):
            value = padded(value, self.dimensions)
        return super().get_prep_value(value)


class EmbeddingModelStatus(models.TextChoices):
    BUILDING = "building", _("En cours de calcul")
    ACTIVE = "active", _("Actif")
    RETIRED = "retired", _("Retiré")


class EmbeddingModel(models.Model):
    """One set of weights that has produced vectors (name + checksum identify it)."""

    name = models.CharField(_("nom"), max_length=255, help_text=_("Valeur de MATCHING_MODEL."))
    dimension = models.PositiveSmallIntegerField(_("dimension"))
    weights_checksum = models.CharField(_("empreinte des poids (SHA-256)"), max_length=64)
    max_seq_length = models.PositiveIntegerField(_("fenêtre (tokens)"), default=256)
    backend = models.CharField(
        _("moteur d'inférence"), max_length=20, default="torch", help_text=_("Valeur de MATCHING_BACKEND.")
    )
    status = models.CharField(
        _("statut"), max_length=10, choices=EmbeddingModelStatus.choices, default=EmbeddingModelStatus.BUILDING
    )
    is_active = models.BooleanField(
        _("actif"), default=False, help_text=_("Le modèle dont les vecteurs servent les recommandations.")
    )
    created_at = models.DateTimeField(_("enregistré le"), default=timezone.now)
    activated_at = models.DateTimeField(_("activé le"), null=True, blank=True)
    retired_at = models.DateTimeField(_("retiré le"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("modèle d'embedding")
        verbose_name_plural = _("modèles d'embedding")
        constraints = [
            models.UniqueConstraint(fields=["name", "weights_checksum"], name="embedding_model_unique_weights"),
            # Recommendations read exactly one model's vectors: never two active at once.
            models.UniqueConstraint(
                fields=["is_active"], condition=models.Q(is_active=True), name="embedding_model_single_active"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.weights_checksum[:12]})"

    @property
    def version(self) -> str:
        return f"{self.name}@{self.weights_checksum[:12]}"


class OccupationEmbedding(models.Model):
    """An occupation's label and definition as one model encodes them (`matching.occupation_affinity`): kept,
    so that no request encodes them; `content_hash` says which text it was made from."""

    occupation = models.ForeignKey(Occupation, on_delete=models.CASCADE, related_name="+", verbose_name=_("métier"))
    model = models.ForeignKey(
        EmbeddingModel, on_delete=models.CASCADE, related_name="occupation_embeddings", verbose_name=_("modèle")
    )
    vector = PaddedVectorField(dimensions=VECTOR_DIMENSIONS)
    content_hash = models.CharField(_("empreinte du texte"), max_length=64)

    class Meta:
        verbose_name = _("vecteur de métier")
        verbose_name_plural = _("vecteurs de métiers")
        constraints = [
            models.UniqueConstraint(fields=["occupation", "model"], name="occupation_embedding_unique_per_model")
        ]


class OfferEmbedding(models.Model):
    """The vector of one offer for one model; `content_hash` says which text it was made from."""

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="+", verbose_name=_("offre"))
    model = models.ForeignKey(
        EmbeddingModel, on_delete=models.CASCADE, related_name="offer_embeddings", verbose_name=_("modèle")
    )
    vector = PaddedVectorField(dimensions=VECTOR_DIMENSIONS)
    content_hash = models.CharField(_("empreinte du texte"), max_length=64)
    embedded_at = models.DateTimeField(_("calculé le"), default=timezone.now)

    class Meta:
        verbose_name = _("vecteur d'offre")
        verbose_name_plural = _("vecteurs d'offres")
        constraints = [models.UniqueConstraint(fields=["offer", "model"], name="offer_embedding_unique_per_model")]
        indexes = [
            HnswIndex(
                name="offer_embedding_hnsw_cosine",
                fields=["vector"],
                m=16,
                ef_construction=64,
                opclasses=["vector_cosine_ops"],
            ),
            models.Index(fields=["model", "offer"], name="offer_embedding_model_offer"),
        ]

    def __str__(self) -> str:
        return f"offre {self.offer_id} / modèle {self.model_id}"


class CandidateEmbedding(models.Model):
    """The vector of one candidate profile for one model (recomputed after each profile change)."""

    profile_id = models.BigIntegerField(_("profil candidat"), db_index=True)
    model = models.ForeignKey(
        EmbeddingModel, on_delete=models.CASCADE, related_name="candidate_embeddings", verbose_name=_("modèle")
    )
    vector = PaddedVectorField(dimensions=VECTOR_DIMENSIONS)
    content_hash = models.CharField(_("empreinte du texte"), max_length=64)
    embedded_at = models.DateTimeField(_("calculé le"), default=timezone.now)

    class Meta:
        verbose_name = _("vecteur de candidat")
        verbose_name_plural = _("vecteurs de candidats")
        constraints = [
            models.UniqueConstraint(fields=["profile_id", "model"], name="candidate_embedding_unique_per_model")
        ]

    def __str__(self) -> str:
        return f"profil {self.profile_id} / modèle {self.model_id}"


class RunStatus(models.TextChoices):
    RUNNING = "running", _("En cours")
    SUCCEEDED = "succeeded", _("Terminé")
    FAILED = "failed", _("Échec")
    SKIPPED = "skipped", _("Ignoré (un autre calcul tourne)")


class EmbeddingRun(models.Model):
    """One refresh of the offer vectors: what the admin reads to follow progress."""

    model = models.ForeignKey(
        EmbeddingModel, on_delete=models.SET_NULL, null=True, related_name="runs", verbose_name=_("modèle")
    )
    status = models.CharField(_("statut"), max_length=10, choices=RunStatus.choices, default=RunStatus.RUNNING)
    full = models.BooleanField(_("recalcul complet"), default=False)
    started_at = models.DateTimeField(_("début"), default=timezone.now)
    finished_at = models.DateTimeField(_("fin"), null=True, blank=True)
    candidates_count = models.PositiveIntegerField(_("offres à examiner"), default=0)
    processed_count = models.PositiveIntegerField(_("offres examinées"), default=0)
    embedded_count = models.PositiveIntegerField(_("vecteurs calculés"), default=0)
    unchanged_count = models.PositiveIntegerField(_("textes inchangés"), default=0)
    pruned_count = models.PositiveIntegerField(_("vecteurs d'offres fermées supprimés"), default=0)
    switched_model = models.BooleanField(_("bascule de modèle"), default=False)
    error = models.TextField(_("erreur"), blank=True)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("calcul des vecteurs")
        verbose_name_plural = _("calculs des vecteurs")

    def __str__(self) -> str:
        return f"{self.started_at:%Y-%m-%d %H:%M} {self.get_status_display()}"

    @property
    def progress_percent(self) -> int:
        if not self.candidates_count:
            return 100 if self.status == RunStatus.SUCCEEDED else 0
        return min(100, round(100 * self.processed_count / self.candidates_count))


class HiddenOffer(models.Model):
    """An offer a candidate does not want to see again: excluded from every recommendation."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="hidden_offers", verbose_name=_("compte")
    )
    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="+", verbose_name=_("offre"))
    hidden_at = models.DateTimeField(_("masquée le"), default=timezone.now)

    class Meta:
        ordering = ["-hidden_at"]
        verbose_name = _("offre masquée")
        verbose_name_plural = _("offres masquées")
        constraints = [models.UniqueConstraint(fields=["user", "offer"], name="hidden_offer_unique_per_user")]

    def __str__(self) -> str:
        return f"{self.user} ✕ {self.offer_id}"


class RankingMethod(models.TextChoices):
    VECTOR = "vector", _("Vecteurs")
    KEYWORD = "keyword", _("Mots-clés")
    HYBRID = "hybrid", _("Hybride (RRF)")
    RANKING = "ranking", _("Recommandations")
    COSINE = "cosine", _("Cosinus filtré (référence)")


class EvaluationResult(models.Model):
    """The figures of one `evaluate_matching` run for one ranking method."""

    model_name = models.CharField(_("modèle"), max_length=255)
    model_checksum = models.CharField(_("empreinte des poids"), max_length=64)
    backend = models.CharField(_("moteur d'inférence"), max_length=20, default="torch")
    offer_text = models.CharField(_("texte des offres"), max_length=40)
    method = models.CharField(_("méthode"), max_length=10, choices=RankingMethod.choices)
    dataset_version = models.CharField(_("version du jeu"), max_length=64)
    profiles_count = models.PositiveIntegerField(_("profils"))
    offers_count = models.PositiveIntegerField(_("offres"))
    recall_at_5 = models.FloatField("recall@5")
    recall_at_10 = models.FloatField("recall@10")
    mrr = models.FloatField("MRR")
    ndcg_at_10 = models.FloatField("nDCG@10")
    mean_similarity = models.FloatField(_("similarité moyenne (top 10)"), null=True, blank=True)
    diversity = models.FloatField(_("diversité (top 10)"))
    unrelated_share = models.FloatField(
        _("part d'offres d'un autre métier (top 10)"),
        null=True,
        blank=True,
        help_text=_("Recommandations seulement : offres montrées dont le métier n'est ni visé ni proche."),
    )
    created_at = models.DateTimeField(_("mesuré le"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "method"]
        verbose_name = _("évaluation du matching")
        verbose_name_plural = _("évaluations du matching")

    def __str__(self) -> str:
        return f"{self.model_name} {self.method} {self.created_at:%Y-%m-%d %H:%M}"
