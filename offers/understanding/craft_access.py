"""The crafts one enters with a trade diploma, read from ROME's "accès au métier" texts.

French law reserves some trades to people who hold their qualification (the artisanal crafts of the 1996 law on
trade and crafts: hairdressing, beauty care, bakers, butchers, pastry cooks, fishmongers...), and ROME's access text
says so in one shape: "Cet emploi est accessible avec un CAP Boulanger ou un Brevet Professionnel Boulanger." A
craft here is an occupation whose access text names a CAP or a Brevet Professionnel of the trade first, names a CAP
and a Brevet Professionnel, a Brevet de Maîtrise or a Mention Complémentaire, and gives no open way in ("sans diplôme",
"avec ou sans qualification", "avec une expérience professionnelle ... sans diplôme particulier").

The ranking (`matching.occupation_fit.lacks_craft_qualification`) does not show a candidate whose occupation is
clear the offers of a neighbouring craft whose diploma they do not show: a food seller is no baker, a hairdresser no
beautician.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from offers.understanding.text import STOP_WORDS, fold

# A way in without the diploma: the trade is open to whoever can do it.
_OPEN = re.compile(
    r"sans (?:aucun |particulier |)(?:dipl[ôo]me|qualification|formation|condition)"
    r"|avec ou sans"
    r"|accessible (?:à tous|directement)"
    r"|(?:accessible|ouvert) (?:avec|par|grâce à) (?:une |l')?exp[ée]rience",
    re.IGNORECASE,
)
# The trade diploma named first: "accessible avec un CAP Boulanger", "... un CAP en soins esthétiques".
_NAMED = re.compile(
    r"accessible (?:\w+ )?(?:avec|par) (?:un|une|le|la|l') ?(?:CAP|Brevet Professionnel|BP)"
    r"(?!\s*(?:/|ou\b|à\b|\(|de niveau|,|\.))\s+([^,.;()]{3,60})",
    re.IGNORECASE,
)
# Where the diploma's name ends: "CAP Boulanger ou un Brevet Professionnel Boulanger".
_NAME_END = re.compile(r"\s(?:ou|et|avec|puis)\s", re.IGNORECASE)
_CAP = re.compile(r"\bCAP\b")
# A second, higher diploma of the crafts.
_CRAFT = re.compile(
    r"Brevet Professionnel|\bBP\b|Brevet de Ma[îi]trise|\bBTM\b|Brevet Technique des M[ée]tiers"
    r"|Mention Compl[ée]mentaire",
    re.IGNORECASE,
)
# The words that name a diploma of the crafts in a candidate's text ("CAP", "BP", "brevet", "BM", "MC").
_DIPLOMA_WORDS = frozenset(["cap", "bp", "brevet", "bm", "btm", "mc", "mention"])
# Words of a diploma's name that do not say its trade ("CAP Métiers de la coiffure", "CAP en soins esthétiques").
_UNSAID = STOP_WORDS | frozenset(
    ["option", "specialite", "mention", "metier", "metiers", "professionnel", "professionnelle"]
)
_WORD = re.compile(r"[a-z]+")
# Words are compared by their first letters: "CAP boulangerie" names the "CAP Boulanger".
STEM = 6


@dataclass(frozen=True)
class CraftQualification:
    """The words that name a craft's trade in its diploma's name ("CAP Boulanger") and in the occupation's label,
    by their stems."""

    trade: frozenset[str]
    label: frozenset[str] = frozenset()

    def same_trade(self, other: CraftQualification) -> bool:
        """Whether two crafts ask one diploma ("CAP Coiffure" of the barber and of the salon manager)."""
        return bool(self.trade & other.trade)

    def shown_by(self, text: str) -> bool:
        """Whether a candidate's words name a diploma of this craft: "CAP boulangerie", "BP coiffure", "j'ai mon CAP
        esthétique" (the trade's word within the three words after the diploma's)."""
        words = _words(text)
        for index, word in enumerate(words):
            if word in _DIPLOMA_WORDS and any(
                later[:STEM] in self.trade | self.label for later in words[index + 1 : index + 4]
            ):
                return True
        return False


@lru_cache(maxsize=4096)
def craft_qualification(access: str, label: str = "") -> CraftQualification | None:
    """The diploma of a craft that ROME's access text (`access`) says one enters with, None for any other
    occupation. The occupation's `label` ("Esthéticien / Esthéticienne") also names its trade."""
    if not access or _OPEN.search(access) or not (_CAP.search(access) and _CRAFT.search(access)):
        return None
    named = _NAMED.search(access)
    if named is None:
        return None
    name = _NAME_END.split(named.group(1), maxsplit=1)[0]
    trade = frozenset(word[:STEM] for word in _WORD.findall(fold(name)) if word not in _UNSAID)
    if not trade:
        return None
    named_by_label = frozenset(word[:STEM] for word in _WORD.findall(fold(label.split("/")[0])) if word not in _UNSAID)
    return CraftQualification(trade=trade, label=named_by_label)


@lru_cache(maxsize=256)
def _words(text: str) -> tuple[str, ...]:
    """A text's folded words (kept per text: a request asks them for each craft's offer it meets)."""
    return tuple(_WORD.findall(fold(text)))
