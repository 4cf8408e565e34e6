"""What a web worker loads before its first request, so that no job seeker waits for it.

A recommendation reads the candidate with the occupation reader (ROME, from the database), the skill reader (its
word lists), the embedding model's weights and tokenizer, the ROME skill groups' vectors (from disk) and, for a text
without a title, the French and English word lists. Each is built on first use and kept for the process: about
three seconds of a worker's first request, and tens of milliseconds of the next few (bench/README.md). gunicorn runs
`warm_process` in each worker before it accepts a request (`gunicorn.conf.py`, `post_worker_init`).

A part that cannot load (no referential yet, no vectors yet, a model not installed) is logged and skipped: the worker
serves anyway, and builds that part on first use as before.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from django.db import DatabaseError, connections

from matching.encoder import EmbeddingModelUnavailable
from matching.selectors import active_embedding_model
from matching.services import EmbeddingModelMismatch, encoder_for
from matching.skill_meaning import in_listed_groups
from offers.search.lexicon import english_lexicon, french_lexicon
from offers.understanding.occupations import occupation_reader
from offers.understanding.offer_skill_reading import skill_rules_version
from offers.understanding.skills import skill_reader
from offers.understanding.spelling import speller

logger = logging.getLogger(__name__)

# What a part's loading may raise when the machine is not ready for it; anything else is a defect and propagates.
NOT_READY = (DatabaseError, OSError, ImportError, EmbeddingModelUnavailable, EmbeddingModelMismatch)


def _embedding_model() -> None:
    """The active model's weights, and its tokenizer through one text encoded; then the ROME skill groups, whose
    listed skills it encodes (USE multilingual v3: the process's own copy when another model ranks)."""
    model = active_embedding_model()
    if model is not None:
        encoder_for(model).encode(["Boulanger"])
    in_listed_groups(["Accueil des clients"], model)


STEPS: tuple[tuple[str, Callable[[], object]], ...] = (
    ("occupation reader", occupation_reader),
    ("skill reader", lambda: (skill_reader(), skill_rules_version())),
    ("skill words' spelling", speller),
    ("French and English words", lambda: (french_lexicon(), english_lexicon())),
    ("embedding model and skill groups", _embedding_model),
)


def warm_process() -> dict[str, float]:
    """Load every part a recommendation builds on first use; seconds per part loaded (a part not ready is left out)."""
    loaded: dict[str, float] = {}
    for name, step in STEPS:
        started = time.perf_counter()
        try:
            step()
        except NOT_READY as error:
            logger.warning("warm-up: %s not loaded (%s); built on first use", name, error)
            continue
        loaded[name] = time.perf_counter() - started
    # The worker's requests open their own connections (CONN_MAX_AGE): none is left open from here.
    connections.close_all()
    logger.info(
        "warm-up: %s in %.1f s",
        ", ".join(f"{name} {seconds:.1f} s" for name, seconds in loaded.items()) or "nothing",
        sum(loaded.values()),
    )
    return loaded
