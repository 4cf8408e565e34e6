"""Skill labels said in other words: most of a label's meaningful words close together in one sentence.

ROME labels are written as a referential writes ("Réaliser la mise en rayon", "Nettoyer, désinfecter et ranger
la chambre et l'installation sanitaire", "Vérifier la conformité du conditionnement des produits (étanchéité,
poids, ...)"); offers and CVs say the same skill their own way ("vous remplissez les rayons", "nettoyage et
remise en état des chambres"). The strict reading (`skills.SkillReader.covered`) asks every word of a label in
one statement; this one asks, inside one sentence (commas and brackets do not cut it), a window that holds
most of the label's words by weight, where:

- words compare by root (`text.root`: noun and verb of one root meet, `word_synonyms` applied) cut to
  `PREFIX` letters ("pâtisserie" / "pâtissier", "encaissement" / "encaissez", "planifier" / "planifiez"); the
  employer's own words ("notre entreprise recrute") are skipped;
- the words of a label's brackets are examples, never required;
- a word weighs by how rare it is among ROME's 18,000 skill labels (`data/label_words.json`): a word of many
  labels ("client", "produit") says less than "cloison" or "fermentation", so the words that make the skill
  must be there; and a label's first word, its action, must be there unless it is a common one ("contrôler",
  "préparer" may be said otherwise; "agencer", "dresser", "livrer" may not).
"""

from __future__ import annotations

import json
import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from pathlib import Path

from offers.search.vocabulary import fold
from offers.understanding.text import STOP_WORDS, tokens

LABEL_WORDS = Path(__file__).resolve().parent / "data" / "label_words.json"
# Where a sentence ends (commas, brackets and " - " do not end one: a list of missions is read whole).
SENTENCE = re.compile(r"[.;!?\n\r•·|:]+")
_BRACKETS = re.compile(r"\([^)]*\)?")
PREFIX = 6
# A root shorter than this stays the word it comes from.
MIN_ROOT = 3
# The window holding the label's words: their number plus this many words of the text.
SLACK = 6
# The share of the label's weight (two words at least) that one window must hold; a long label
# ("Changer les draps, refaire le lit et remplacer le linge de toilette") is rarely said whole: less of it.
MIN_SHARE = 0.67
LONG_SHARE = 0.6
LONG_WORDS = 5
# A label's first meaningful word (its action: "agencer", "dresser", "livrer") must be there unless it is this
# common among labels (weight at most this: "contrôler", "préparer", "gérer" may be said otherwise).
HEAD_WEIGHT = 5.0


class ParaphraseReader:
    def __init__(
        self,
        word: Callable[[str], str],
        generic: Iterable[str],
        label_words: dict[str, int] | None = None,
        labels: int = 1,
        skipped: Iterable[str] = (),
    ) -> None:
        self._word = word  # a folded word -> its root as the skill reader compares it (synonyms applied)
        self.generic = frozenset(generic)  # roots that say nothing of a skill ("réaliser", "techniques")
        self._labels: dict[str, tuple[str, ...]] = {}
        # Word forms of the employer's voice ("notre entreprise recrute"): never a skill's word.
        self.skipped = frozenset(fold(word) for word in skipped)
        # How many of `labels` skill labels hold each key (the counts of its words, a word absent counting one).
        counts: dict[str, int] = defaultdict(int)
        for written, count in (label_words or {}).items():
            for key in self.keys(written)[:1]:
                counts[key] += count
        self.total = max(labels, 1)
        self.weights = {key: math.log(self.total / min(count, self.total)) + 1.0 for key, count in counts.items()}

    def weight(self, key: str) -> float:
        return self.weights.get(key) or math.log(self.total) + 1.0

    def keys(self, text: str) -> list[str]:
        """The text's meaningful words as compared here, in order."""
        keys = []
        for word in tokens(text):
            if word in STOP_WORDS or word in self.skipped or len(word) < 2:
                continue
            rooted = self._word(word)
            if rooted not in self.generic:
                keys.append(rooted[:PREFIX] if len(rooted) >= MIN_ROOT else word)
        return keys

    def label(self, text: str) -> tuple[str, ...]:
        """A label's meaningful words outside its brackets, each once."""
        core = self._labels.get(text)
        if core is None:
            core = tuple(dict.fromkeys(self.keys(_BRACKETS.sub(" ", fold(text)))))
            self._labels[text] = core
        return core

    def find(self, text: str, labels: Sequence[str]) -> list[str]:
        """The labels (of two words or more) whose words stand close together in one sentence of `text`."""
        sentences = [keys for part in SENTENCE.split(fold(text)) if (keys := self.keys(part))]
        present = {key for sentence in sentences for key in sentence}
        found = []
        for label in labels:
            core = self.label(label)
            if len(core) < 2:
                continue
            needed = (LONG_SHARE if len(core) >= LONG_WORDS else MIN_SHARE) * sum(self.weight(key) for key in core)
            if sum(self.weight(key) for key in core if key in present) < needed:
                continue
            head = core[0] if self.weight(core[0]) > HEAD_WEIGHT else None
            if any(self._window_weight(core, sentence, head) >= needed for sentence in sentences):
                found.append(label)
        return found

    def _window_weight(self, core: tuple[str, ...], sentence: list[str], head: str | None) -> float:
        """The most weight of `core`'s words (two at least, `head` among them) that one window of the sentence holds."""
        wanted = set(core)
        positions = [i for i, key in enumerate(sentence) if key in wanted]
        width = len(core) + SLACK
        best = 0.0
        for first, start in enumerate(positions):
            inside = {sentence[i] for i in positions[first:] if i - start < width}
            if len(inside) >= 2 and (head is None or head in inside):
                best = max(best, sum(self.weight(key) for key in inside))
        return best


@lru_cache(maxsize=1)
def label_words(path: Path = LABEL_WORDS) -> tuple[dict[str, int], int]:
    """Word -> in how many ROME skill labels it appears, and how many labels were counted."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return dict(data["words"]), int(data["labels"])
