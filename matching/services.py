"""Writes of the matching: model registration and switch, vector refresh, hidden offers."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from matching.encoder import Encoder, configured_encoder, load_encoder
from matching.models import (
    VECTOR_DIMENSIONS,
    CandidateEmbedding,
    EmbeddingModel,
    EmbeddingModelStatus,
    EmbeddingRun,
    HiddenOffer,
    OfferEmbedding,
    RunStatus,
)
from matching.offer_text import OFFER_TEXT_MAX_TOKENS, offer_text, text_hash
from offers.models import Offer, OfferStatus

logger = logging.getLogger(__name__)

# pg_try_advisory_lock key: one refresh at a time across every worker.
_REFRESH_LOCK_KEY = 7_201_001


class EmbeddingModelMismatch(Exception):
    """The weights cannot share the vector column (another dimension)."""


def embedding_model_register(*, encoder: Encoder) -> EmbeddingModel:
    """The row of these weights; the first model ever registered is active at once (nothing to keep serving)."""
    if encoder.dimension > VECTOR_DIMENSIONS:
        raise EmbeddingModelMismatch(
            f"{encoder.name} makes vectors of {encoder.dimension} dimensions; the vector column holds "
            f"{VECTOR_DIMENSIONS}: add a migration that changes matching.OfferEmbedding.vector first."
        )
    with transaction.atomic():
        model, created = EmbeddingModel.objects.get_or_create(
            name=encoder.name,
            weights_checksum=encoder.weights_checksum,
            defaults={
                "dimension": encoder.dimension,
                "max_seq_length": encoder.max_seq_length,
                "backend": encoder.backend,
            },
        )
        if created:
            logger.info("matching: registered embedding model %s", model.version)
        if not EmbeddingModel.objects.select_for_update().filter(is_active=True).exists():
            _activate(model)
    return model


def _activate(model: EmbeddingModel) -> None:
    now = timezone.now()
    EmbeddingModel.objects.filter(is_active=True).exclude(pk=model.pk).update(
        is_active=False, status=EmbeddingModelStatus.RETIRED, retired_at=now
    )
    model.is_active = True
    model.status = EmbeddingModelStatus.ACTIVE
    model.activated_at = now
    model.retired_at = None
    model.save(update_fields=["is_active", "status", "activated_at", "retired_at"])


def _missing_open_offers(model: EmbeddingModel) -> int:
    has_vector = OfferEmbedding.objects.filter(offer=OuterRef("pk"), model=model)
    return Offer.objects.filter(status=OfferStatus.OPEN).exclude(Exists(has_vector)).count()


def embedding_model_switch_if_complete(*, model: EmbeddingModel) -> bool:
    """Make `model` the one recommendations read, once every open offer has its vector.

    Until then the previous model keeps serving from its own (complete) vectors; after the
    switch, the old vectors are deleted: nothing may compare them with the new ones anyway.
    """
    if model.is_active:
        return False
    missing = _missing_open_offers(model)
    if missing:
        logger.info("matching: %s not active yet, %d open offers still without a vector", model.version, missing)
        return False
    with transaction.atomic():
        previous = list(EmbeddingModel.objects.select_for_update().filter(is_active=True).exclude(pk=model.pk))
        _activate(model)
        for old in previous:
            deleted, _ = OfferEmbedding.objects.filter(model=old).delete()
            CandidateEmbedding.objects.filter(model=old).delete()
            logger.info("matching: switched %s -> %s, %d old vectors deleted", old.version, model.version, deleted)
    return True


@contextmanager
def _refresh_lock() -> Iterator[bool]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [_REFRESH_LOCK_KEY])
        acquired = bool(cursor.fetchone()[0])
    try:
        yield acquired
    finally:
        if acquired:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [_REFRESH_LOCK_KEY])


def interrupted_embedding_runs_close() -> int:
    """Close the refreshes marked running whose process died (their lock is free), at once rather
    than at the next refresh; the next one resumes their work (the beat schedule calls this)."""
    with _refresh_lock() as acquired:
        if not acquired:  # a refresh is alive: whatever is marked running is its run
            return 0
        return EmbeddingRun.objects.filter(status=RunStatus.RUNNING).update(
            status=RunStatus.FAILED,
            finished_at=timezone.now(),
            error="Interrompu (processus arrêté) ; le calcul suivant reprend où il s'est arrêté.",
        )


@dataclass(frozen=True)
class _Pending:
    offer_id: int
    text: str
    content_hash: str


def _resume_cutoff(model: EmbeddingModel) -> datetime:
    """Start of the full refresh to finish: a crashed `embed --all` resumes instead of starting over."""
    unfinished = (
        EmbeddingRun.objects.filter(model=model, full=True)
        .exclude(status=RunStatus.SKIPPED)
        .order_by("-started_at")
        .first()
    )
    if unfinished and unfinished.status in (RunStatus.RUNNING, RunStatus.FAILED):
        return unfinished.started_at
    return timezone.now()


def _offers_to_examine(model: EmbeddingModel, *, full: bool, cutoff: datetime):
    vectors = OfferEmbedding.objects.filter(offer=OuterRef("pk"), model=model)
    if full:
        done = vectors.filter(embedded_at__gte=cutoff)
        return Offer.objects.filter(status=OfferStatus.OPEN).exclude(Exists(done))
    # New offers, and offers updated since their vector was made (the text hash then tells
    # whether the text really changed: ingestion touches `updated_at` on every sighting).
    stale = vectors.filter(embedded_at__lt=OuterRef("updated_at"))
    return Offer.objects.filter(status=OfferStatus.OPEN).filter(~Exists(vectors) | Exists(stale))


def _prune_closed_offers() -> int:
    deleted, _ = OfferEmbedding.objects.exclude(offer__status=OfferStatus.OPEN).delete()
    return deleted


def offer_embeddings_refresh(*, full: bool = False, batch_size: int | None = None) -> EmbeddingRun:
    """Embed the open offers that are new or whose text changed, for the configured model.

    Batches are committed one by one and the selection skips what is done, so a run that
    dies is resumed by the next one. A new model (MATCHING_MODEL changed) is embedded here
    in the background while the active one keeps serving, and takes over once complete.
    """
    batch_size = batch_size or settings.MATCHING_BATCH_SIZE
    encoder = configured_encoder()
    model = embedding_model_register(encoder=encoder)
    with _refresh_lock() as acquired:
        if not acquired:
            logger.warning("matching: an embedding refresh is already running, this one is skipped")
            return EmbeddingRun.objects.create(
                model=model, full=full, status=RunStatus.SKIPPED, finished_at=timezone.now()
            )
        cutoff = _resume_cutoff(model) if full else timezone.now()
        run = EmbeddingRun.objects.create(model=model, full=full)
        try:
            _refresh(run, encoder=encoder, model=model, full=full, cutoff=cutoff, batch_size=batch_size)
        except Exception as error:
            # Recorded for the admin, then re-raised so that Celery marks the task failed too.
            run.status = RunStatus.FAILED
            run.error = f"{type(error).__name__}: {error}"
            run.finished_at = timezone.now()
            run.save(update_fields=["status", "error", "finished_at"])
            logger.exception("matching: embedding refresh %s failed", run.pk)
            raise
    return run


def _refresh(
    run: EmbeddingRun,
    *,
    encoder: Encoder,
    model: EmbeddingModel,
    full: bool,
    cutoff: datetime,
    batch_size: int,
) -> None:
    run.pruned_count = _prune_closed_offers()
    to_examine = _offers_to_examine(model, full=full, cutoff=cutoff)
    run.candidates_count = to_examine.count()
    run.save(update_fields=["pruned_count", "candidates_count"])
    logger.info(
        "matching: refresh %s for %s: %d offers to examine (%s), %d closed-offer vectors pruned",
        run.pk,
        model.version,
        run.candidates_count,
        "full" if full else "new or updated",
        run.pruned_count,
    )
    last_id = 0
    while True:
        rows = list(
            to_examine.filter(id__gt=last_id)
            .order_by("id")
            .values("id", "title", "rome_label", "skills", "description")[:batch_size]
        )
        if not rows:
            break
        last_id = rows[-1]["id"]
        pending = []
        for row in rows:
            text = offer_text(row)
            pending.append(_Pending(offer_id=row["id"], text=text, content_hash=text_hash(text)))
        embedded, unchanged = _embed_batch(pending, encoder=encoder, model=model, force=full)
        run.processed_count += len(rows)
        run.embedded_count += embedded
        run.unchanged_count += unchanged
        run.save(update_fields=["processed_count", "embedded_count", "unchanged_count"])
        logger.info(
            "matching: refresh %s: %d/%d offers examined, %d embedded, %d unchanged",
            run.pk,
            run.processed_count,
            run.candidates_count,
            run.embedded_count,
            run.unchanged_count,
        )
    from matching.occupation_affinity import occupation_embeddings_refresh

    occupations = occupation_embeddings_refresh(model)
    if occupations:
        logger.info("matching: refresh %s: %d occupations' texts encoded", run.pk, occupations)
    from offers.understanding.skill_groups import skill_groups_warm

    # ROME's skill labels, encoded once onto disk (about 25 s the first time): the explanations read a listed skill's
    # group of skills from them, and a request never encodes them.
    skill_groups_warm()
    from offers.understanding.offer_skill_reading import offer_skill_readings_refresh

    # What the texts of the offers listing no skill say, read here rather than at their first showing.
    read = offer_skill_readings_refresh()
    if read:
        logger.info("matching: refresh %s: %d offers' texts read for their skills", run.pk, read)
    run.switched_model = embedding_model_switch_if_complete(model=model)
    run.status = RunStatus.SUCCEEDED
    run.finished_at = timezone.now()
    run.save(update_fields=["switched_model", "status", "finished_at"])


def _embed_batch(pending: list[_Pending], *, encoder: Encoder, model: EmbeddingModel, force: bool) -> tuple[int, int]:
    now = timezone.now()
    known = dict(
        OfferEmbedding.objects.filter(model=model, offer_id__in=[p.offer_id for p in pending]).values_list(
            "offer_id", "content_hash"
        )
    )
    changed = [p for p in pending if force or known.get(p.offer_id) != p.content_hash]
    unchanged_ids = [p.offer_id for p in pending if p not in changed]
    vectors = encoder.encode([p.text for p in changed], max_tokens=OFFER_TEXT_MAX_TOKENS)
    with transaction.atomic():
        if unchanged_ids:
            # Same text as last time: only record that it was checked (no model call).
            OfferEmbedding.objects.filter(model=model, offer_id__in=unchanged_ids).update(embedded_at=now)
        OfferEmbedding.objects.bulk_create(
            [
                OfferEmbedding(
                    offer_id=p.offer_id, model=model, vector=vector, content_hash=p.content_hash, embedded_at=now
                )
                for p, vector in zip(changed, vectors, strict=True)
            ],
            update_conflicts=True,
            unique_fields=["offer", "model"],
            update_fields=["vector", "content_hash", "embedded_at"],
        )
    return len(changed), len(unchanged_ids)


def encoder_for(model: EmbeddingModel) -> Encoder:
    """The loaded weights of a registered model (the active one may differ from MATCHING_MODEL mid-switch)."""
    encoder = load_encoder(model.name, backend=model.backend)
    if encoder.weights_checksum != model.weights_checksum:
        raise EmbeddingModelMismatch(
            f"the weights installed for {model.name} are not those of {model.version}: run `manage.py embed`"
        )
    return encoder


def candidate_embedding_upsert(*, profile_id: int, text: str, model: EmbeddingModel) -> CandidateEmbedding:
    """The vector of a candidate's text for `model`; not recomputed when the text has not changed."""
    content_hash = text_hash(text)
    current = CandidateEmbedding.objects.filter(profile_id=profile_id, model=model).first()
    if current and current.content_hash == content_hash:
        return current
    vector = encoder_for(model).encode([text], max_tokens=OFFER_TEXT_MAX_TOKENS)[0]
    embedding, _ = CandidateEmbedding.objects.update_or_create(
        profile_id=profile_id,
        model=model,
        defaults={"vector": vector, "content_hash": content_hash, "embedded_at": timezone.now()},
    )
    return embedding


def hidden_offer_add(*, user_id: int, offer_id: int) -> HiddenOffer:
    hidden, _ = HiddenOffer.objects.get_or_create(user_id=user_id, offer_id=offer_id)
    return hidden


def hidden_offer_remove(*, user_id: int, offer_id: int) -> None:
    HiddenOffer.objects.filter(user_id=user_id, offer_id=offer_id).delete()


def candidate_embedding_refresh(*, profile_id: int) -> CandidateEmbedding | None:
    """Recompute a profile's vector for the active model (and for a model being built, if any), and
    read its occupations ahead of its next page (`matching.reading.candidate_reading`).

    None when the profile is gone or says nothing yet (no text to embed).
    """
    from candidates.models import CandidateProfile

    profile = CandidateProfile.objects.filter(pk=profile_id).only("profile_text").first()
    if profile is None or not profile.profile_text.strip():
        CandidateEmbedding.objects.filter(profile_id=profile_id).delete()
        return None
    active = None
    for model in EmbeddingModel.objects.exclude(status=EmbeddingModelStatus.RETIRED):
        embedding = candidate_embedding_upsert(profile_id=profile_id, text=profile.profile_text, model=model)
        if model.is_active:
            active = embedding
    if active is not None:
        from matching.ranking import profile_reading_warm

        profile_reading_warm(profile_id=profile_id)
    return active


def candidate_embeddings_delete(*, profile_id: int) -> None:
    CandidateEmbedding.objects.filter(profile_id=profile_id).delete()
