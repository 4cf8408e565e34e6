"""ROME's groups of skills, and the groups a candidate's listed skills fall in.

ROME files its 17,810 savoir-faire under 488 groups ("macro-compétences": "Réaliser des raccordements", "Entretenir
des locaux", "Tenir une caisse"...). A candidate lists skills in their own words ("Plomberie sanitaire",
"Encaissement", "Bionettoyage"); an offer's skill that the reader cannot match with them by words or by meaning
("Réaliser la pose de réseaux de canalisations", "Désinfecter et décontaminer des locaux sensibles") but that belongs
to the group of one of the ROME labels nearest in meaning to a listed skill (`NEAREST` of them, USE multilingual
v3, the vectors the CV reader compares clauses with: `meaning.py`) is one they may have: the explanations neither
claim it nor call it missing.

Chosen on the tuning half of the blind listed-skills set (`matching/evaluation/listed`, `evaluate_listed_skills`):
of the offer skills still called missing, NEAREST 3 takes 7 of the 15 the candidate listed (said or said in part)
out of "missing" and 8 of the 47 they did not list (a cook's "Eplucher des légumes et des fruits", an accountant's
"Elaborer une liasse fiscale": adjacent skills they may well have); 1 took 4 and 2, 5 took 7 and 9. The
independent half, totals only: 9 of 36 and 6 of 43.

The referential's vectors are never computed on a request: they are read from the disk cache the CV reader fills
(`meaning.referential_vectors`), warmed by `skill_groups_warm` with the offers' daily refresh and `make run`; until
then the explanations go without (`configured_skill_groups` is None). A knowledge label ("savoir") has no group.
"""

from __future__ import annotations

import csv
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from offers.understanding.meaning import (
    Encode,
    cached_referential_vectors,
    referential_vectors,
    rome_skill_file,
    rome_skill_labels,
    use_encode,
)

logger = logging.getLogger(__name__)

NEAREST = 3
CACHED_SKILLS = 20_000


class SkillGroups:
    """Label -> its ROME group; listed skill -> the groups of its nearest ROME labels (kept for the process)."""

    def __init__(
        self, groups: dict[str, str], labels: Sequence[str], vectors: np.ndarray, encode: Encode | None = None
    ) -> None:
        self._groups = groups
        self._labels = list(labels)
        self._vectors = np.asarray(vectors, dtype=np.float32)
        self._encode = encode
        self._near: OrderedDict[str, frozenset[str]] = OrderedDict()
        self._lock = threading.Lock()

    def group(self, label: str) -> str:
        """The ROME group of a skill label ("" for a label ROME does not group: a knowledge, a label of its own)."""
        return self._groups.get(label, "")

    def near(self, listed: Sequence[str], *, encode: Encode | None = None) -> frozenset[str]:
        """The groups of the `NEAREST` ROME labels of each listed skill. `encode`: USE multilingual v3 as the caller
        holds it (the ranking's model), else the process's own copy (`meaning.use_encode`)."""
        listed = [skill for skill in dict.fromkeys(listed) if skill.strip()]
        with self._lock:
            missing = [skill for skill in listed if skill not in self._near]
        if missing:
            encoder = encode or self._encode or use_encode()
            vectors = np.asarray(encoder(missing), dtype=np.float32)[:, : self._vectors.shape[1]]
            vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
            nearest_count = min(NEAREST, len(self._labels))
            similarities = vectors @ self._vectors.T
            nearest = np.argpartition(-similarities, nearest_count - 1, axis=1)[:, :nearest_count]
            found = {
                skill: frozenset(group for index in row if (group := self._groups.get(self._labels[index], "")))
                for skill, row in zip(missing, nearest, strict=True)
            }
            with self._lock:
                self._near.update(found)
                while len(self._near) > CACHED_SKILLS:
                    self._near.popitem(last=False)
        with self._lock:
            return frozenset().union(*(self._near.get(skill, frozenset()) for skill in listed))


def rome_skill_groups(folder: Path) -> dict[str, str]:
    """Skill label -> its group's code (`code_ogr_macro_comp` of `*referentiel_competence*.csv`), the first row's."""
    groups: dict[str, str] = {}
    with rome_skill_file(folder).open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row.get("libelle_competence") and row.get("code_ogr_macro_comp"):
                groups.setdefault(row["libelle_competence"], row["code_ogr_macro_comp"])
    return groups


_built: dict[Path, SkillGroups] = {}
_unready_until: dict[Path, float] = {}  # folder -> when to look for its vectors on disk again
_built_lock = threading.Lock()
# While the vectors are not on disk, a request looks for them again after this long (not at every page).
UNREADY_SECONDS = 60.0


def _folder() -> Path | None:
    from django.conf import settings

    folder = getattr(settings, "UNDERSTANDING_ROME_DIR", "")
    return Path(folder).resolve() if folder else None


def configured_skill_groups() -> SkillGroups | None:
    """The groups of the configured referential (`UNDERSTANDING_ROME_DIR`), None when there is none or its vectors
    are not on disk yet (never encoded here: a request may call this)."""
    folder = _folder()
    if folder is None:
        return None
    with _built_lock:
        if folder in _built:
            return _built[folder]
        if time.monotonic() < _unready_until.get(folder, 0.0):
            return None
    try:
        labels = rome_skill_labels(folder)
        vectors = cached_referential_vectors(labels)
        if vectors is None:
            with _built_lock:
                _unready_until[folder] = time.monotonic() + UNREADY_SECONDS
            return None
        groups = SkillGroups(rome_skill_groups(folder), labels, vectors)
    except (OSError, ImportError) as error:
        logger.warning("understanding: no skill groups (%s)", error)
        with _built_lock:
            _unready_until[folder] = time.monotonic() + UNREADY_SECONDS
        return None
    with _built_lock:
        return _built.setdefault(folder, groups)


def skill_groups_warm() -> bool:
    """Encode the referential's vectors once (about 25 s on one core), so that requests find them on disk; whether
    the groups are ready."""
    folder = _folder()
    if folder is None:
        return False
    with _built_lock:
        _unready_until.pop(folder, None)
    if configured_skill_groups() is not None:
        return True  # on disk already, and now kept by this process
    try:
        # Encoded and saved where the CV reader keeps them; no reader by meaning is built for it (this process
        # compares no clause).
        referential_vectors(rome_skill_labels(folder), use_encode())
    except (OSError, ImportError) as error:
        logger.warning("understanding: no skill groups (%s)", error)
        return False
    with _built_lock:
        _unready_until.pop(folder, None)
    return configured_skill_groups() is not None
