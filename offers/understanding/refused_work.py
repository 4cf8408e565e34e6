"""The work a text says it does not want: "pas cuisinier, pas fast food, juste la plonge", "I'm not a nanny and I
don't want housekeeping-only jobs", "je ne veux plus faire de vente", "Not on the tills please".

A job seeker who names the trades next to theirs that they refuse has said which neighbouring offers are not for
them; ROME's neighbours (a subdomain, a mobility link) would show those very offers. What is refused is the phrase
after a cue of refusal, up to the end of its clause, each alternative on its own ("a formwork carpenter or a
labourer"), cut where the text turns to what it wants ("..., juste la plonge", "but ..."). A lack is no refusal:
"je n'ai pas d'expérience en cuisine", "pas encore de CACES", "not afraid of night shifts" say nothing refused, and
the cues below are those of a refusal only.

`matching.refusals.refused_occupations` reads each phrase as occupations; the ranking then leaves out another
occupation's offers that a phrase refuses.
"""

from __future__ import annotations

import re
from functools import lru_cache

# A cue of refusal, the phrase it governs in group `what`.
_REFUSAL = re.compile(
    r"(?:"
    # "je ne veux pas / plus / surtout pas (faire / travailler / être) ...", spoken "je veux plus de ..."
    r"\bje\s+(?:ne\s+|n')?(?:veux|voudrais|souhaite|cherche)\s+(?:surtout\s+)?(?:pas|plus|jamais)\b"
    r"(?:\s+(?:faire|travailler|être|etre|retourner|bosser|refaire))?"
    # "je (ne) suis pas boulanger", "je ne fais pas le pain", "je fais plus de ménage"
    r"|\bje\s+(?:ne\s+|n')?(?:suis|fais)\s+(?:pas|plus)\b"
    # "I don't want (to do / to work in) ...", "I won't (go back to) ...", "I'm not (looking for) ...", "I do not do"
    r"|\bi\s+(?:don'?t|do\s+not|won'?t|will\s+not|no\s+longer)\s+(?:want|wish|do|go\s+back|work)\b"
    r"(?:\s+(?:to\s+)?(?:do|work|be|go\s+back)\b)?(?:\s+(?:to|in|as|on|with|at|into))?"
    r"|\bi(?:'?m|\s+am)\s+not\b(?:\s+(?:looking\s+for|interested\s+in|going\s+back\s+to|going\s+to\s+do))?"
    r"|\bnot\s+(?:looking|interested)\s+(?:for|in)\b"
    # A clause that opens on its negation: "pas cuisinier, pas fast food", "Not retail", "surtout pas l'usine",
    # "ni la vente", "no more nights", "plus jamais la route"
    r"|(?:^|[.,;:!?(\n]|\bet\b|\band\b)\s*(?:surtout\s+|and\s+|et\s+)?"
    r"(?:pas|ni|not|nor|no|no\s+more|plus\s+jamais|never)\b"
    r")"
    r"(?P<what>[^.,;:!?()\n]*)",
    re.IGNORECASE,
)
# Where a refused phrase turns to what is wanted ("pas cuisinier juste la plonge", "not retail but ...").
_TURN = re.compile(
    r"\b(?:juste|seulement|uniquement|que|plutôt|plutot|mais|just|only|but|rather|instead|please|svp|merci|thanks)\b.*",
    re.IGNORECASE,
)
# Alternatives refused together ("a formwork carpenter or a labourer", "ni cuisinier ni serveur").
_ALTERNATIVES = re.compile(r"\b(?:or|nor|ou|ni|and|et)\b", re.IGNORECASE)
# What a refusal may govern that says no work refused: a lack, a fear, a condition ("pas encore", "pas peur",
# "not afraid", "pas de souci", "no problem", "not yet").
_NOT_A_REFUSAL = re.compile(
    r"^\s*(?:encore|peur|loin|trop|assez|contre|ferm[ée]e?|de\s+coupure|d'heures|des\s+horaires|de\s+soucis?"
    r"|de\s+probl[èe]me|probl[èe]me|forc[ée]ment|obligatoirement|toujours|"
    r"afraid|yet|a\s+problem|problem|sure|only|just|mobile|v[ée]hicul[ée]e?|disponible|available|"
    r"d'exp[ée]rience|exp[ée]rience|experienced|qualified|dipl[ôo]m[ée]e?|"
    # Conditions of work, not a trade: "pas les nuits", "no weekends", "plus de déplacements", "pas de CDD".
    r"(?:(?:de|d'|les|la|le|du|des|en|the|any|on)\s+)?(?:nuits?|night|nights|week-?ends?|dimanches?|sundays?|horaires?|"
    r"shifts?|coupures?|d[ée]placements?|travel|travelling|temps\s+partiel|part[\s-]time|full[\s-]time|cdd|cdi|"
    r"int[ée]rim|contrat|contract|salaire|salary|trajets?|commute|t[ée]l[ée]travail|remote))\b",
    re.IGNORECASE,
)
_MAX_WORDS = 8
# Articles and prepositions a refused phrase opens on ("faire de la vente", "a nanny"): not the work refused.
_LEADING = re.compile(
    r"^(?:(?:d'|l')\s*|(?:de|du|des|la|le|les|un|une|en|dans|a|an|the|any|to|in|as)\s+)+", re.IGNORECASE
)


def refused_work(text: str) -> list[str]:
    """The phrases of work `text` refuses, in order, each alternative on its own; [] for most texts."""
    return list(_refused(text))


@lru_cache(maxsize=2048)
def _refused(text: str) -> tuple[str, ...]:
    """`refused_work`, kept per text: every request of a profile reads the same text (a CV's 5,000 characters take
    1.6 ms to scan)."""
    phrases: list[str] = []
    for match in _REFUSAL.finditer(text):
        what = _TURN.sub("", match.group("what"))
        if _NOT_A_REFUSAL.match(what):
            continue
        for part in _ALTERNATIVES.split(what):
            # An alternative that opens on a refusal of its own ("not a nanny and I don't want housekeeping jobs").
            inner = _REFUSAL.search(part)
            if inner and not part[: inner.start()].strip():
                part = _TURN.sub("", inner.group("what"))
            part = _LEADING.sub("", part.strip(" -'"))
            if _NOT_A_REFUSAL.match(part):
                continue
            words = part.split()
            if words and len(words) <= _MAX_WORDS and part not in phrases:
                phrases.append(part)
    return tuple(phrases)
