"""The crafts one enters with a trade diploma, read from ROME's "accès au métier" texts.

French law reserves some trades to people who hold their qualification (the artisanal crafts of the 1996 law on
trade and crafts: hairdressing, beauty care, bakers, butchers, pastry cooks, fishmongers...), and ROME's access text
says so in one shape: "Cet emploi est accessible avec un CAP Boulanger ou un Brevet Professionnel Boulanger." A
craft here is an occupation whose access text names a CAP or a Brevet Professionnel of the trade first, names a CAP
and a Brevet Professionnel, a Brevet de Maîtrise or a Mention Complémentaire, and gives no open way in ("sans diplôme",
"avec ou sans qualification", "avec une expérience professionnelle ... sans diplôme particulier").

The ranking (`matching.occupation_fit.lacks_craft_qualification`) does not show a candidate whose occupation is
clear the offers of a neighbouring craft whose diploma they do not show: a food seller is no baker, a hairdresser no
beautician. Two crafts are one trade when the diplomas their texts name share a word of the trade (the
charcutier's "Bac Professionnel Boucher-charcutier-traiteur" is the butcher's too).
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
# Every diploma of the crafts the text names, and the name after it ("un Bac Professionnel Boucher Charcutier
# Traiteur" of the charcutier: the butcher's trade too).
_DIPLOMA_NAMED = re.compile(
    r"\b(?:CAP|BP|Brevet Professionnel|Bac(?:calaur[ée]at)? Pro(?:fessionnel)?|Brevet de Ma[îi]trise|BTM"
    r"|Brevet Technique des M[ée]tiers|Mention Compl[ée]mentaire)(?!\s*(?:/|ou\b|à\b|\(|de niveau|,|\.))\s+"
    r"((?:(?!\s(?:ou|et|avec|puis)\s)[^,.;()]){3,60})",
    re.IGNORECASE,
)
# Where the diploma's name ends: "CAP Boulanger ou un Brevet Professionnel Boulanger", "... Boulangerie spécialisée
# peuvent être demandées".
_NAME_END = re.compile(
    r"\s(?:ou|et|avec|puis|peut|peuvent|est|sont|permet|facilite|compl[ée]t[ée]e?s?|pr[ée]par[ée]e?s?)\s", re.IGNORECASE
)
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
# "traiteur" of "poissonnier-écailler-traiteur" would join fishmongers to butchers.
_UNSAID = STOP_WORDS | frozenset(["option", "specialite", "specialise", "specialisee", "mention", "metier", "metiers"])
_UNSAID |= frozenset(["professionnel", "professionnelle", "produits", "traiteur"])
_WORD = re.compile(r"[a-z]+")
# A diploma's name is its first words ("Brevet Professionnel Boucher charcutier traiteur peut être un atout").
NAME_WORDS = 4
# Words are compared by their first letters: "CAP boulangerie" names the "CAP Boulanger".
STEM = 6


@dataclass(frozen=True)
class CraftQualification:
    """The words that name a craft's trade in its diploma's name ("CAP Boulanger") and in the occupation's label,
    by their stems."""

    trade: frozenset[str]
    label: frozenset[str] = frozenset()

    def same_trade(self, other: CraftQualification) -> bool:
        """Whether two crafts share a diploma's trade ("CAP Coiffure" of the barber and of the salon manager; "Bac
        Professionnel Boucher Charcutier Traiteur" of the butcher and of the charcutier)."""
        return bool(self.trade & other.trade)

    def shown_by(self, text: str) -> bool:
        """Whether a candidate's words name a diploma of this craft: "CAP boulangerie", "BP coiffure", "j'ai mon CAP
        esthétique" (the trade's word within the three words after the diploma's)."""
        words = _words(text)
        names = self.trade | self.label
        return any(
            word in _DIPLOMA_WORDS and any(later[:STEM] in names for later in words[index + 1 : index + 4])
            for index, word in enumerate(words)
        )


@lru_cache(maxsize=4096)
def craft_qualification(access: str, label: str = "") -> CraftQualification | None:
    """The diploma of a craft that ROME's access text (`access`) says one enters with, None for any other
    occupation. The occupation's `label` ("Esthéticien / Esthéticienne") also names its trade."""
    if not access or _OPEN.search(access) or not (_CAP.search(access) and _CRAFT.search(access)):
        return None
    named = _NAMED.search(access)
    if named is None:
        return None
    if not _trade_words(named.group(1)):
        return None
    trade = frozenset(word for name in _DIPLOMA_NAMED.findall(access) for word in _trade_words(name))
    named_by_label = frozenset(word[:STEM] for word in _WORD.findall(fold(label.split("/")[0])) if word not in _UNSAID)
    return CraftQualification(trade=trade, label=named_by_label)


def _trade_words(name: str) -> set[str]:
    """The stems of the words that say a diploma's trade in its name ("Boulanger ou un Brevet ..." -> "boulan")."""
    name = _NAME_END.split(name, maxsplit=1)[0]
    return {word[:STEM] for word in _WORD.findall(fold(name))[:NAME_WORDS] if word not in _UNSAID}


@lru_cache(maxsize=256)
def _words(text: str) -> tuple[str, ...]:
    """A text's folded words (kept per text: a request asks them for each craft's offer it meets)."""
    return tuple(_WORD.findall(fold(text)))
