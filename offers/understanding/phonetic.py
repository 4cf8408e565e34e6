"""How a French word sounds, roughly: the key that "farmacie" and "pharmacie", "batiman" and "bâtiment",
"asembleur" and "assembleur", "électrisien" and "électricien" share.

People who write a job title the way it sounds make errors a letter-distance check does not forgive
("farmacie" is two edits and 82 % from "pharmacie"). The key folds the spellings French gives one sound:
ph/f, qu/k, c/s/k, g/j, y/i, z/s, silent h, au/eau/o, ai/ei/è/e, en/an and m/n before a consonant,
doubled letters, silent endings (-er, -é, -s, -t, -ent...). It is a reading aid for words no list
knows, never a match by itself.
"""

from __future__ import annotations

import re
from functools import lru_cache

from offers.search.vocabulary import fold

# In this order: each rule reads what the ones before it left.
_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"[^a-z]", ""),
        (r"ph", "f"),
        (r"sch", "ch"),
        (r"ch", "X"),  # "chauffeur", "cuisinier": kept apart from c/k
        (r"qu?", "k"),
        (r"c(?=[eiy])", "s"),
        (r"ck|c", "k"),
        (r"gu(?=[eiy])", "g"),
        (r"g(?=[eiy])", "j"),
        (r"y", "i"),
        (r"(?<![sX])h", ""),
        (r"eau|au", "o"),
        (r"ai|ei", "e"),
        (r"m(?=[bp])", "n"),  # "plonbier" / "plombier"
        (r"e[nm](?=[^aeiouX]|$)", "an"),  # "batiment" / "batiman", "emploi" / "anploi"
        (r"z", "s"),  # "magazinier" / "magasinier", "asembleur" / "assembleur"
        (r"(.)\1+", r"\1"),
        (r"(?<=.{3})(?:er|ez|e|es|s|t|ts|x|d|ent)$", ""),  # silent endings ("boulangé" / "boulanger")
    )
)


@lru_cache(maxsize=100_000)
def phonetic_key(word: str) -> str:
    """The sound of one word, as a key ("pharmacie" -> "farmasi")."""
    key = fold(word)
    for pattern, replacement in _RULES:
        key = pattern.sub(replacement, key)
    return key
