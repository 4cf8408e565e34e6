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

Texts are read from the database at most once a minute per occupation, vectors encoded on first use and kept for
the process, keyed by the model, its weights and the text (a reloaded referential gives new texts, so new
vectors). An occupation without a definition (one known from offers only) has no affinity: the ranking then
keeps ROME's relation alone.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterable

import numpy as np

from matching.models import EmbeddingModel
from offers.models import Occupation

logger = logging.getLogger(__name__)

# The label and the definition's first sentences: what the trade is; the rest lists tasks shared by many.
TEXT_CHARS = 500

# Occupations' texts are read again after this long (a referential reloaded meanwhile gives new texts).
TEXTS_SECONDS = 60

_vectors: dict[tuple[str, str, str], np.ndarray] = {}  # (model, its weights, text) -> unit vector
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
        found = {
            code: occupation_text(label, definition)
            for code, label, definition in Occupation.objects.filter(code__in=stale).values_list(
                "code", "label", "definition"
            )
        }
        with _lock:
            _read.update((code, (now, found.get(code, ""))) for code in stale)
    with _lock:
        return {code: _read[code][1] for code in codes}


def occupation_texts_forget() -> None:
    """Read every occupation's text again at its next use (the vectors stay: they are keyed by the text)."""
    with _lock:
        _read.clear()


def _encoded(model: EmbeddingModel, texts: dict[str, str]) -> dict[str, np.ndarray]:
    """Code -> unit vector of its text, encoding those this process has not seen; none when the model's
    weights cannot be loaded here (the ranking then keeps ROME's relation alone, as before affinities)."""
    from matching.encoder import EmbeddingModelUnavailable
    from matching.services import EmbeddingModelMismatch, encoder_for

    with _lock:
        missing = [text for text in dict.fromkeys(texts.values()) if (*_model_key(model), text) not in _vectors]
    if missing:
        try:
            encoder = encoder_for(model)
        except (EmbeddingModelUnavailable, EmbeddingModelMismatch) as error:
            logger.warning("matching: occupations' affinity not judged, %s", error)
            return {}
        encoded = np.asarray(encoder.encode(missing), dtype=np.float32)
        norms = np.linalg.norm(encoded, axis=1, keepdims=True)
        encoded = encoded / np.where(norms > 0, norms, 1.0)
        with _lock:
            _vectors.update(((*_model_key(model), text), vector) for text, vector in zip(missing, encoded, strict=True))
    with _lock:
        return {code: _vectors[(*_model_key(model), text)] for code, text in texts.items()}


def _model_key(model: EmbeddingModel) -> tuple[str, str]:
    return model.name, model.weights_checksum
