"""English job titles read in French: "Production operator" as "opérateur production".

ROME spells French titles; the aliases (`data/occupation_aliases.json`) know the English titles expats type most.
Another English title ("Construction cost estimator", "HRIS consultant") is read again with its words in French
(`data/english_title_words.json`, curated): its head, the last word as English puts it, first, then its other
words in the French order (reversed: "tourist information officer" -> "chargé information touristique") and as
written. The occupation reader reads those French forms as it reads any title, a little less surely.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "english_title_words.json"
# At most this many of a title's words may be neither head nor known word (kept as written: "HRIS", "multidrop").
UNKNOWN_WORDS = 1


@dataclass(frozen=True)
class EnglishTitleWords:
    heads: dict[str, tuple[str, ...]] = field(default_factory=dict)  # English head noun -> French title words
    words: dict[str, tuple[str, ...]] = field(default_factory=dict)  # English qualifier -> French words

    def french_forms(self, words: tuple[str, ...]) -> list[tuple[str, ...]]:
        """The French title words an English title may say, surest order first; none for a title whose last
        word is no English head noun, or with more than `UNKNOWN_WORDS` words neither head nor known."""
        if not words or words[-1] not in self.heads:
            return []
        others = words[:-1]
        if sum(1 for word in others if word not in self.words and word not in self.heads) > UNKNOWN_WORDS:
            return []
        said = [self.words.get(word) or self.heads.get(word) or (word,) for word in others]
        head = self.heads[words[-1]]
        forms = [
            (*head, *(part for phrase in reversed(said) for part in phrase)),
            (*head, *(part for phrase in said for part in phrase)),
            # Last, the head alone: qualifiers its French already holds ("Construction cost estimator": "chargé
            # d'études de prix").
            head,
        ]
        return list(dict.fromkeys(forms))


def english_title_words(key: Callable[[str], tuple[str, ...]], path: Path = DATA) -> EnglishTitleWords:
    """The curated words, English and French both as `key` (the occupation reader's title words) makes them."""
    data = json.loads(path.read_text(encoding="utf-8"))

    def table(entries: dict[str, str]) -> dict[str, tuple[str, ...]]:
        return {
            english[0]: french
            for word, spelled in entries.items()
            if len(english := key(word)) == 1 and (french := key(spelled))
        }

    return EnglishTitleWords(heads=table(data["heads"]), words=table(data["words"]))
