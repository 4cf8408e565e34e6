"""Acronyms a candidate writes for what a skill label spells out in words.

People list a diploma, a certificate or a rule by its initials ("CAP AEPE", "DEA", "PSC 1", "RSE / temps de
conduite"); ROME's labels spell them out ("CAP accompagnant éducatif petite enfance", "Diplôme d'Etat
d'ambulancier", "Habilitation Prévention et Secours Civiques de niveau 1", "Réglementation sociale européenne").
An acronym names a label's words when its letters are the initials of a run of the label's meaningful words, in
order (stop words skipped: "Diplôme d'Etat d'ambulancier" spells DEA). The reader then takes the label as said in
part (`skills.SkillReader.partly`): the candidate may have it, and is never told to acquire it.

Only acronyms written in capitals count, of three to six letters ("BR", two letters, spells too many runs by
chance), and never one the reader knows as a licence, a tool or a language of its own (`SkillReader` concepts:
SSIAP, CACES, FIMO are read by their levels and categories, which initials know nothing of).
"""

from __future__ import annotations

import re
from functools import lru_cache

from offers.search.vocabulary import fold
from offers.understanding.text import STOP_WORDS, tokens

# A word in capitals, dotted or not ("AEPE", "R.S.E"); letters only.
_ACRONYM = re.compile(r"(?<![\w.])((?:[A-Z]\.?){3,6})(?![\w])")
MIN_LETTERS = 3


@lru_cache(maxsize=20_000)
def acronyms_of(written: str, *, known: frozenset[str] = frozenset()) -> tuple[str, ...]:
    """The acronyms written in capitals in `written`, folded ("aepe"), less the `known` ones (folded)."""
    found = []
    for match in _ACRONYM.finditer(written):
        letters = match.group(1).replace(".", "").lower()
        if len(letters) >= MIN_LETTERS and letters not in known:
            found.append(letters)
    return tuple(dict.fromkeys(found))


def spells(acronym: str, label: str) -> bool:
    """Whether the initials of a run of `label`'s meaningful words, in order, are `acronym` (folded)."""
    initials = "".join(word[0] for word in tokens(fold(label)) if word not in STOP_WORDS and word[0].isalpha())
    return acronym in initials
