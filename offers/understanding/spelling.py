"""Words a job seeker misspells, read as the skill word they meant: "caise" as "caisse", "clien" as "client",
"qualiter" as "qualité", "acceuil" as "accueil", "farmacie" as "pharmacie".

A candidate's listed skills and text are read by their words (`skills.SkillReader`): "acceuil clien" named no
customer welcome, "caise" no cash register. A word that neither the French lexicon (`offers.search.lexicon`),
nor ROME's referential (`data/label_words.json`, its `vocabulary`), nor a concept's terms know is read as the word
of ROME's labels that sounds the same (`phonetic.phonetic_key`), or else as one one letter away with the same
first letter (added, dropped, changed or two swapped; five letters or more), the most frequent among ROME's labels
when several are. A general French spell checker corrects towards common words ("caise" -> "cause", "qualiter" ->
"quartier"); the labels' words are the ones a skill is written with. A word written in capitals (an acronym, a
brand) or with a digit is never read otherwise, nor one no label word is near ("Zabbix", "Hubspot", English words).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from functools import lru_cache

from offers.search.vocabulary import fold
from offers.understanding.phonetic import phonetic_key

_LETTERS = re.compile(r"[^\W\d_]+", re.UNICODE)
MIN_LENGTH = 4  # shorter words are left as written ("bac", "cap")
MIN_ONE_LETTER_AWAY = 5  # a word one letter away from another is read as it from this length on
MAX_LENGTH_GAP = 3  # a word that sounds the same is read as it unless their lengths differ more ("farmacie")


class Speller:
    def __init__(self, label_words: dict[str, int], known: Iterable[str]) -> None:
        """`label_words`: the words a misspelling may be read as, with their counts among ROME's skill labels;
        `known`: words never read as misspellings (the French lexicon, every word of ROME's referential, the
        concepts' terms: "palissage", "ébavurage", "Linux")."""
        self._counts = {fold(word): count for word, count in label_words.items() if word.isalpha()}
        self._known = frozenset(known) | set(self._counts)
        self._by_sound: dict[str, str] = {}
        for word in sorted(self._counts, key=lambda word: -self._counts[word]):
            self._by_sound.setdefault(phonetic_key(word), word)  # the most frequent of each sound
        self._by_start: dict[str, list[str]] = {}
        for word in self._counts:
            self._by_start.setdefault(word[:1], []).append(word)

    @lru_cache(maxsize=20_000)  # noqa: B019 (one speller per process)
    def word(self, written: str) -> str:
        """The folded word `written` stands for: itself when known or unlike any label word."""
        folded = fold(written)
        if len(folded) < MIN_LENGTH or not folded.isalpha() or folded in self._known or written.isupper():
            return folded
        sound = self._by_sound.get(phonetic_key(folded))
        if sound is not None and abs(len(sound) - len(folded)) <= MAX_LENGTH_GAP:
            return sound
        if len(folded) >= MIN_ONE_LETTER_AWAY:
            near = [word for word in self._by_start.get(folded[:1], ()) if _one_letter_away(folded, word)]
            if near:
                return max(near, key=lambda word: self._counts[word])
        return folded

    def text(self, written: str) -> str:
        """`written` with each misspelt word replaced by the word it stands for (folded); the rest as written."""
        return _LETTERS.sub(lambda match: self._replacement(match.group(0)), written)

    def _replacement(self, written: str) -> str:
        meant = self.word(written)
        return written if meant == fold(written) else meant


def _one_letter_away(a: str, b: str) -> bool:
    """One letter added, dropped or changed, or two neighbours swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diffs = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        return len(diffs) == 1 or (
            len(diffs) == 2 and diffs[1] == diffs[0] + 1 and a[diffs[0]] == b[diffs[1]] and a[diffs[1]] == b[diffs[0]]
        )
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


@lru_cache(maxsize=1)
def speller() -> Speller:
    from offers.search.lexicon import french_lexicon
    from offers.understanding.paraphrase import LABEL_WORDS
    from offers.understanding.skill_data import load_concepts

    data = json.loads(LABEL_WORDS.read_text(encoding="utf-8"))
    concepts, _, _ = load_concepts()
    terms = {word for concept in concepts for term in (*concept.terms, *concept.narrow) for word in term}
    return Speller(data["words"], french_lexicon() | set(data.get("vocabulary", ())) | terms)
