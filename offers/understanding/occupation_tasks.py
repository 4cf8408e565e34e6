"""Occupations read from what a text says one does, for a text that names no job title.

A CV may list tasks only ("pétrissage, façonnage et cuisson des pains, travail de nuit"): no title for
`occupations.OccupationReader` to find. ROME describes each occupation in a few sentences (its
`definition`: "Prépare et réalise des produits de boulangerie et de viennoiserie..."); the text is compared
with each of them, word by word as the skill reader compares paraphrases (`paraphrase.ParaphraseReader.keys`:
roots cut to a few letters, stop and generic words out), weighed by BM25 (a word of few definitions counts
more, a long definition does not win by length).

Occupations are grouped by ROME family (a v4.60 child code belongs to its parent's) and a reading is given only
when the best family stands clearly above the next one (`MIN_MARGIN`, chosen on the CV cases of
`tests/candidates/test_cv_title_fallback.py`): two close families (waiter or head waiter?) give no reading,
since a wrong proposal costs the candidate more than none; nor when the best definition shares few words with
the text. The reading names the family's occupation, with its ROME label.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from offers.models import Occupation
from offers.understanding.process_copy import ProcessCopy

# BM25's usual constants.
K1 = 1.2
B = 0.75
# The best family's score over the next family's: below it, no reading (measured cases and figures in
# tests/candidates/test_cv_title_fallback.py).
MIN_MARGIN = 1.3
# The winning definition must share this many different words with the text: one rare word in common
# ("polyvalent" of "Équipier polyvalent") is no description of a job.
MIN_SHARED = 5
REBUILD_CHECK_SECONDS = 60


@dataclass(frozen=True)
class TaskReading:
    code: str  # the occupation of the family whose definition is closest
    label: str  # its ROME label ("Boulanger / Boulangère")
    margin: float  # the family's score over the next family's


class TaskReader:
    def __init__(
        self,
        *,
        definitions: Iterable[tuple[str, str, str]],  # (code, label, definition)
        parents: dict[str, str],
        keys: Callable[[str], list[str]],
    ) -> None:
        self.keys = keys
        self.parents = parents
        self.labels: dict[str, str] = {}
        self.documents: dict[str, Counter[str]] = {}
        for code, label, definition in definitions:
            words = Counter(keys(definition))
            if words:
                self.documents[code] = words
                self.labels[code] = label
        self.frequency: Counter[str] = Counter(key for words in self.documents.values() for key in words)
        self.lengths = {code: sum(words.values()) for code, words in self.documents.items()}
        self.average = sum(self.lengths.values()) / len(self.lengths) if self.lengths else 1.0
        self.holding: dict[str, list[str]] = defaultdict(list)  # key -> the codes whose definition holds it
        for code, words in self.documents.items():
            for key in words:
                self.holding[key].append(code)

    def family(self, code: str) -> str:
        return self.parents.get(code) or code

    def scores(self, text: str) -> dict[str, float]:
        """Occupation code -> BM25 score of its definition against the text's words."""
        count = len(self.documents)
        scores: dict[str, float] = defaultdict(float)
        for key in set(self.keys(text)):
            codes = self.holding.get(key, ())
            if not codes:
                continue
            weight = math.log(1 + (count - len(codes) + 0.5) / (len(codes) + 0.5))
            for code in codes:
                times = self.documents[code][key]
                norm = K1 * (1 - B + B * self.lengths[code] / self.average)
                scores[code] += weight * times * (K1 + 1) / (times + norm)
        return scores

    def describes_work(self, text: str) -> bool:
        """Whether a word of the text is one an occupation's definition uses ("entrepôt", "enfants"; not "Lyon")."""
        return any(key in self.holding for key in self.keys(text))

    def read(self, text: str) -> TaskReading | None:
        """The occupation the text describes, when one family stands clearly above the others."""
        best: dict[str, tuple[float, str]] = {}
        for code, score in self.scores(text).items():
            family = self.family(code)
            if score > best.get(family, (0.0, ""))[0]:
                best[family] = (score, code)
        ranked = sorted(best.values(), reverse=True)
        if not ranked:
            return None
        first, best_code = ranked[0]
        margin = first / ranked[1][0] if len(ranked) > 1 else math.inf
        if margin < MIN_MARGIN or len(set(self.keys(text)) & set(self.documents[best_code])) < MIN_SHARED:
            return None
        # The family's own occupation and label ("Développeur / Développeuse informatique", not the "Product
        # builder no code" filed under it): the broader reading, for the candidate to narrow.
        family = self.family(best_code)
        code = family if family in self.labels else best_code
        return TaskReading(code=code, label=self.labels[code], margin=round(margin, 2))


def task_reader_build() -> TaskReader:
    from offers.understanding.skills import skill_reader

    rows = list(Occupation.objects.exclude(definition="").values_list("code", "label", "definition"))
    parents = dict(Occupation.objects.exclude(parent_code="").values_list("code", "parent_code"))
    parents = {code: parent for code, parent in parents.items() if parent != code}
    return TaskReader(definitions=rows, parents=parents, keys=skill_reader().paraphrase.keys)


def _version() -> tuple[int, int]:
    return (Occupation.objects.count(), Occupation.objects.exclude(definition="").count())


_copy: ProcessCopy[TaskReader] = ProcessCopy(lambda _version: task_reader_build(), _version)


def task_reader() -> TaskReader:
    """The process's reader, rebuilt when the occupations changed (checked once a minute)."""
    return _copy.get(check_seconds=REBUILD_CHECK_SECONDS)


def task_reader_reset() -> None:
    _copy.reset()
