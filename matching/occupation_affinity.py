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

Vectors are encoded on first use and kept for the process, keyed by the model and the text (a reloaded
referential gives new texts, so new vectors). An occupation without a definition (one known from offers only)
has no affinity: the ranking then keeps ROME's relation alone.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable

import numpy as np

from matching.models import EmbeddingModel
from offers.models import Occupation

# The label and the definition's first sentences: what the trade is; the rest lists tasks shared by many.
TEXT_CHARS = 500

_vectors: dict[tuple[str, str], np.ndarray] = {}
_lock = threading.Lock()


def occupation_text(label: str, definition: str) -> str:
    """What an occupation is encoded as: its label, then the start of its definition ('' without one)."""
    definition = definition.strip()
    return f"{label.strip()}. {definition[:TEXT_CHARS]}" if definition else ""


def occupation_affinities(model: EmbeddingModel, wanted: Iterable[str], offered: Iterable[str]) -> dict[str, float]:
    """Offered code -> its best cosine with one of the `wanted` codes, for the codes both sides define."""
    wanted, offered = set(wanted), set(offered)
    texts = {
        code: text
        for code, label, definition in Occupation.objects.filter(code__in=wanted | offered).values_list(
            "code", "label", "definition"
        )
        if (text := occupation_text(label, definition))
    }
    vectors = _encoded(model, texts)
    mine = [vectors[code] for code in wanted if code in vectors]
    if not mine:
        return {}
    stacked = np.stack(mine)
    return {code: float((stacked @ vectors[code]).max()) for code in offered if code in vectors}


def _encoded(model: EmbeddingModel, texts: dict[str, str]) -> dict[str, np.ndarray]:
    """Code -> unit vector of its text, encoding those this process has not seen."""
    from matching.services import encoder_for

    with _lock:
        missing = [text for text in dict.fromkeys(texts.values()) if (model.name, text) not in _vectors]
    if missing:
        encoded = np.asarray(encoder_for(model).encode(missing), dtype=np.float32)
        norms = np.linalg.norm(encoded, axis=1, keepdims=True)
        encoded = encoded / np.where(norms > 0, norms, 1.0)
        with _lock:
            _vectors.update(((model.name, text), vector) for text, vector in zip(missing, encoded, strict=True))
    with _lock:
        return {code: _vectors[(model.name, text)] for code, text in texts.items()}
