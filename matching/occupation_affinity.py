"""How alike two ROME occupations are in what their people do: the cosine of their label and definition,
encoded by the embedding model the offers are ranked with.

ROME's subdomains and mobility links join trades a job seeker does not take for theirs: D12 holds hairdressers
and clothes sellers, a cook is linked to a production-line operator, an R&D engineer to a cost estimator. The
ranking (`matching.ranking`) shows a "close" or "linked" occupation to a candidate whose occupation is clear only
when the two are also alike by their definitions (floors `close_occupation_affinity` and
`linked_occupation_affinity` of `ranking_weights.json`, per model). Over the 343 close or linked (wanted,
offered) pairs the evaluation's profiles grade, where ROME's relation alone calls every pair near, this cosine
ranks a pair graded "related" above one graded unrelated about 3 times out of 4 (AUC 0.76 close, 0.68 linked
with USE; matching/evaluation/README.md).

Texts are read from the database at most once a minute per occupation; vectors are stored per model
(`OccupationEmbedding`, filled with the offers' refresh, so that no request encodes) and kept by the process,
keyed by the model, its weights and the text (a reloaded referential gives new texts, so new vectors). An
occupation without a definition (one known from offers only) has no affinity: the ranking then keeps ROME's
relation alone.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from collections.abc import Iterable

import numpy as np
from django.db.models import QuerySet

from matching.encoder import EmbeddingModelUnavailable
from matching.models import EmbeddingModel, OccupationEmbedding, padded
from offers.models import Occupation

logger = logging.getLogger(__name__)

# The label and the definition's first sentences: what the trade is; the rest lists tasks shared by many.
TEXT_CHARS = 500

BATCH = 64
# Occupations' texts are read again after this long (a referential reloaded meanwhile gives new texts).
TEXTS_SECONDS = 60

_vectors: dict[tuple[str, str, str], np.ndarray] = {}  # (model, its weights, text's hash) -> unit vector
_read: dict[str, tuple[float, str]] = {}  # code -> (when read, its text)
_lock = threading.Lock()


def occupation_text(label: str, definition: str) -> str:
    """What an occupation is encoded as: its label, then the start of its definition ('' without one)."""
    definition = definition.strip()
    return f"{label.strip()}. {definition[:TEXT_CHARS]}" if definition else ""


def occupation_affinities(model: EmbeddingModel, wanted: Iterable[str], offered: Iterable[str]) -> dict[str, float]:
    """Offered code -> its best cosine with one of the `wanted` codes, for the codes both sides define."""
    wanted, offered = set(wanted), set(offered)
    texts = {code: text for code, text in _texts(wanted | offered).items() if text}
    vectors = _encoded(model, texts)
    mine = [vectors[code] for code in wanted if code in vectors]
    if not mine:
        return {}
    stacked = np.stack(mine)
    return {code: float((stacked @ vectors[code]).max()) for code in offered if code in vectors}


def _texts(codes: set[str]) -> dict[str, str]:
    """Code -> its text, read from the database at most once a minute per code (a request reads none)."""
    now = time.monotonic()
    with _lock:
        stale = {code for code in codes if now - _read.get(code, (-TEXTS_SECONDS, ""))[0] >= TEXTS_SECONDS}
    if stale:
        found = _texts_of(Occupation.objects.filter(code__in=stale))
        with _lock:
            _read.update((code, (now, found.get(code, ""))) for code in stale)
    with _lock:
        return {code: _read[code][1] for code in codes}


def _texts_of(occupations: QuerySet[Occupation]) -> dict[str, str]:
    """Code -> its text ('' without a definition), for `occupations`."""
    rows = occupations.values_list("code", "label", "definition")
    return {code: occupation_text(label, definition) for code, label, definition in rows}


def occupation_texts_forget() -> None:
    """Read every occupation's text again at its next use (the vectors stay: they are keyed by the text)."""
    with _lock:
        _read.clear()


def _encoded(model: EmbeddingModel, texts: dict[str, str]) -> dict[str, np.ndarray]:
    """Code -> unit vector of its text: kept by this process, else stored (`OccupationEmbedding`, filled by
    `occupation_embeddings_refresh` with the offers' refresh), else encoded now and stored; none encoded when
    the model's weights cannot be loaded here (the ranking then keeps ROME's relation alone)."""
    from matching.services import EmbeddingModelMismatch

    key = _model_key(model)
    hashes = {code: _hash(text) for code, text in texts.items()}
    with _lock:
        missing = {code for code in texts if (*key, hashes[code]) not in _vectors}
    if missing and model.pk is not None:
        stored = OccupationEmbedding.objects.filter(model=model, occupation_id__in=missing).values_list(
            "occupation_id", "content_hash", "vector"
        )
        with _lock:
            _vectors.update(
                ((*key, digest), _unit(vector)) for code, digest, vector in stored if digest == hashes[code]
            )
            missing = {code for code in missing if (*key, hashes[code]) not in _vectors}
    if missing:
        try:
            _encode_and_store(model, {code: texts[code] for code in missing})
        except (EmbeddingModelUnavailable, EmbeddingModelMismatch) as error:
            logger.warning("matching: occupations' affinity not judged, %s", error)
    with _lock:
        return {code: _vectors[(*key, hashes[code])] for code in texts if (*key, hashes[code]) in _vectors}


def occupation_embeddings_refresh(model: EmbeddingModel) -> int:
    """Encode and store, for `model`, every occupation whose text has no stored vector yet (a new referential,
    a new model); the number encoded. Run with the offers' refresh (`offer_embeddings_refresh`)."""
    texts = {code: text for code, text in _texts_of(Occupation.objects.exclude(definition="")).items() if text}
    stored = dict(OccupationEmbedding.objects.filter(model=model).values_list("occupation_id", "content_hash"))
    todo = {code: text for code, text in texts.items() if stored.get(code) != _hash(text)}
    for start in range(0, len(todo), BATCH):
        _encode_and_store(model, dict(list(todo.items())[start : start + BATCH]))
    return len(todo)


def _encode_and_store(model: EmbeddingModel, texts: dict[str, str]) -> None:
    from matching.services import encoder_for

    key = _model_key(model)
    codes = list(texts)
    hashes = [_hash(texts[code]) for code in codes]
    vectors = [_unit(vector) for vector in encoder_for(model).encode([texts[code] for code in codes])]
    with _lock:
        _vectors.update(((*key, digest), vector) for digest, vector in zip(hashes, vectors, strict=True))
    if model.pk is not None:
        OccupationEmbedding.objects.bulk_create(
            [
                OccupationEmbedding(occupation_id=code, model=model, vector=vector, content_hash=digest)
                for code, digest, vector in zip(codes, hashes, vectors, strict=True)
            ],
            update_conflicts=True,
            unique_fields=["occupation", "model"],
            update_fields=["vector", "content_hash"],
        )


def _unit(vector: Iterable[float]) -> np.ndarray:
    """Of unit length, and as wide as stored ones (a narrower model's vectors zero-padded, as the column keeps
    them): a fresh vector and a stored one compare."""
    array = padded(np.asarray(vector, dtype=np.float32))
    norm = float(np.linalg.norm(array))
    return array / norm if norm > 0 else array


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _model_key(model: EmbeddingModel) -> tuple[str, str]:
    return model.name, model.weights_checksum
