"""French words as the search folds them, and the French lexicon that decides what is a typo.

A word the lexicon knows ("pain", "paie", "vente", "soins", "nuit") is never corrected,
even when no offer uses it: it means what it says, and a search for it may rightly find
nothing. The lexicon is the French word list shipped by the `pyspellchecker` package
(~140,000 words with their inflections: OpenSubtitles frequencies kept only when a
French dictionary knows the word), folded like the offers' text. Its English list tells the English words of a
French text, which are no typos either.
"""

from __future__ import annotations

import functools
import gzip
import json
import re
import unicodedata
from importlib import resources

_WORD = re.compile(r"[a-z0-9]+")


def fold(text: str) -> str:
    """Lower-case and strip accents the way `jm_unaccent` + to_tsvector do ('Œuvre' -> 'oeuvre')."""
    text = text.replace("œ", "oe").replace("Œ", "OE").replace("æ", "ae").replace("Æ", "AE").replace("’", "'")
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def words_of(text: str) -> list[str]:
    return _WORD.findall(fold(text))


@functools.cache
def french_lexicon() -> frozenset[str]:
    """Every folded French word of the lexicon (a hyphenated word also gives its parts)."""
    return _lexicon("fr")


@functools.cache
def english_lexicon() -> frozenset[str]:
    """Every folded English word of `pyspellchecker`'s list: an English word in a French text ("models") is no typo
    of a French one."""
    return _lexicon("en")


def _lexicon(language: str) -> frozenset[str]:
    data = resources.files("spellchecker").joinpath("resources", f"{language}.json.gz").read_bytes()
    words: set[str] = set()
    for entry in json.loads(gzip.decompress(data)):
        words.update(words_of(entry))
    return frozenset(word for word in words if len(word) > 1)
