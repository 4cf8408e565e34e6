"""Offer skills that a skill the candidate listed says in other words, by the meaning the ranking's model reads.

The skill reader (`offers.understanding.skills`) compares words: "Entretiens de recrutement" neither covers nor half
says "Organiser un entretien d'embauche", so the explanations called it "À acquérir" for a candidate who had listed
it. When
the cosine of a listed skill and an offer's skill, encoded by the model the offers are ranked with, reaches
`listed_skill_said_otherwise` (`ranking_weights.json`, per model), the offer's skill is neither claimed ("Vous
avez") nor called missing: the candidate may have it, their words do not say it plainly. Only the "missing" side
moves, so no skill is ever claimed on meaning alone. A listed skill that shares a meaningful word with the offer's
skill ("Filmage de palettes" / "Utilisation d'une machine à filmer") needs only
`listed_skill_sharing_word_said_otherwise`, lower: the shared word anchors the comparison.

Vectors are kept by the process, keyed by the model and the text (ROME labels repeat across offers); the texts
not yet met are encoded in one batch per page. A model whose weights cannot be loaded compares nothing.

`listed_may_have` adds ROME's groups of skills (`offers.understanding.skill_groups`): an offer skill of the group of
a ROME label near a listed skill ("Réaliser la pose de réseaux de canalisations" for "Plomberie sanitaire") is one
they may have, neither claimed nor called missing either.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import numpy as np

from matching.encoder import EmbeddingModelUnavailable
from matching.models import EmbeddingModel
from matching.use_runtime import USE_MODEL

if TYPE_CHECKING:
    from offers.understanding.paraphrase import ParaphraseReader

logger = logging.getLogger(__name__)

CACHED_TEXTS = 20_000
SHARED_WORDS_KEPT = 20_000
# A candidate's text is compared by its first clauses (a long CV: encoded once per process, then kept).
TEXT_CLAUSES = 80
MIN_CLAUSE_LETTERS = 4
_vectors: OrderedDict[tuple[str, str, str], np.ndarray] = OrderedDict()
_lock = threading.Lock()


def never(skill: str) -> bool:
    return False


def said_otherwise(
    model: EmbeddingModel,
    listed: Sequence[str],
    offer_skills: Iterable[str],
    *,
    threshold: float,
    foreign_threshold: float | None = None,
    sharing_threshold: float | None = None,
) -> Callable[[str], bool]:
    """Whether one of `listed` says an offer skill (one of `offer_skills`) in other words. A listed skill written
    with words no French dictionary has ("Budgeting and forecasting") is compared with `foreign_threshold`: a
    model's cosines across two languages run lower than within one ("Élaborer un budget" 0.54). A listed skill that
    shares a meaningful word with the offer skill (`shared_words`: "Filmage de palettes" / "Utilisation d'une
    machine à filmer", "Service au comptoir" / "Techniques de service au bar") is compared with
    `sharing_threshold`, lower: the shared word anchors the comparison, the model need only not deny it."""
    listed = [skill for skill in dict.fromkeys(listed) if skill.strip()]
    skills = [skill for skill in dict.fromkeys(offer_skills) if skill.strip()]
    foreign = threshold if foreign_threshold is None else foreign_threshold
    sharing = threshold if sharing_threshold is None else sharing_threshold
    if not listed or not skills or min(threshold, foreign, sharing) > 1.0:
        return never
    from matching.services import EmbeddingModelMismatch

    try:
        vectors = _encoded(model, [*listed, *skills])
    except (EmbeddingModelUnavailable, EmbeddingModelMismatch) as error:
        logger.warning("matching: listed skills compared by words only (%s)", error)
        return never
    own = np.stack([vectors[skill] for skill in listed])
    needed = np.array([foreign if _foreign(skill) else threshold for skill in listed], dtype=np.float32)
    words = [shared_words(skill) for skill in listed]
    near = set()
    for skill in skills:
        mine = shared_words(skill)
        wanted = np.array(
            [min(base, sharing) if mine & theirs else base for base, theirs in zip(needed, words, strict=True)]
        )
        if bool(np.any(own @ vectors[skill] >= wanted)):
            near.add(skill)
    return near.__contains__


def shared_words(skill: str) -> frozenset[str]:
    """A skill's meaningful words as the skill reader compares them in other words (`paraphrase.ParaphraseReader.keys`:
    roots cut to six letters, synonyms applied; no stop word, none that says nothing of a skill, such as "réaliser"
    or "techniques")."""
    from offers.understanding.skills import skill_reader

    return _keys(skill_reader().paraphrase, skill)


@lru_cache(maxsize=SHARED_WORDS_KEPT)
def _keys(paraphrase: ParaphraseReader, skill: str) -> frozenset[str]:
    """`shared_words` kept per reader and skill: ROME's labels recur across the offers of every page."""
    return frozenset(paraphrase.keys(skill))


def in_listed_groups(listed: Sequence[str], model: EmbeddingModel | None = None) -> Callable[[str], bool]:
    """Whether an offer skill is of the ROME group of a label near one of `listed` (`offers.understanding.skill_groups`;
    never while the referential's vectors are not on disk). The listed skills are encoded by USE multilingual v3: the
    ranking's own copy when it is the `model` (no second copy of its weights in the process)."""
    from offers.understanding.skill_groups import configured_skill_groups

    groups = configured_skill_groups() if any(skill.strip() for skill in listed) else None
    if groups is None:
        return never
    encode = None
    if model is not None and model.name == USE_MODEL:
        from matching.services import EmbeddingModelMismatch, encoder_for

        try:
            encode = encoder_for(model).encode
        except (EmbeddingModelUnavailable, EmbeddingModelMismatch):
            encode = None  # the process's own copy, then
    near = groups.near(listed, encode=encode)
    return lambda skill: groups.group(skill) in near


def listed_may_have(
    model: EmbeddingModel,
    listed: Sequence[str],
    offer_skills: Iterable[str],
    *,
    weights: Mapping[str, Any],
    text: str = "",
) -> Callable[[str], bool]:
    """Whether the candidate who listed `listed` may have an offer skill their words do not say plainly: a listed
    skill says it in other words (`said_otherwise`, at the model's `listed_skill_said_otherwise`,
    `listed_foreign_skill_said_otherwise` and `listed_skill_sharing_word_said_otherwise`), or it is of the group of
    a ROME label near one (`in_listed_groups`). The clauses of their `text` (presentation, CV: `text_clauses`) are
    compared as listed skills are: "je fais les transmissions à l'équipe soignante" says "Transmettre les
    observations à l'équipe soignante" in other words (0.60)."""
    offer_skills = list(offer_skills)
    said = said_otherwise(
        model,
        [*listed, *text_clauses(text)],
        offer_skills,
        threshold=weights["listed_skill_said_otherwise"],
        foreign_threshold=weights["listed_foreign_skill_said_otherwise"],
        sharing_threshold=weights["listed_skill_sharing_word_said_otherwise"],
    )
    grouped = in_listed_groups(listed, model)
    return lambda skill: said(skill) or grouped(skill)


def text_clauses(text: str) -> list[str]:
    """The clauses of a candidate's text (`offers.understanding.meaning.clauses_of`: sentences cut at commas, "et",
    dashes...; every line, the first too), the first `TEXT_CLAUSES` of four letters or more."""
    from offers.understanding.meaning import clauses_of

    clauses = [clause for clause in clauses_of(text, heading=False) if len(clause) >= MIN_CLAUSE_LETTERS]
    return clauses[:TEXT_CLAUSES]


def _foreign(skill: str) -> bool:
    """A skill written with a word of four letters or more that no French dictionary has (English, mostly)."""
    from offers.search.lexicon import french_lexicon, words_of

    lexicon = french_lexicon()
    return any(len(word) >= 4 and word not in lexicon for word in words_of(skill))


def _encoded(model: EmbeddingModel, texts: Sequence[str]) -> dict[str, np.ndarray]:
    from matching.services import encoder_for

    key = (model.name, model.weights_checksum)
    with _lock:
        found = {text: _vectors.get((*key, text)) for text in texts}
    missing = [text for text, vector in found.items() if vector is None]
    if missing:
        encoded = encoder_for(model).encode(missing)  # unit-length rows: a cosine is a dot product
        with _lock:
            for text, vector in zip(missing, encoded, strict=True):
                _vectors[(*key, text)] = found[text] = vector
            while len(_vectors) > CACHED_TEXTS:
                _vectors.popitem(last=False)
    return found  # type: ignore[return-value]
