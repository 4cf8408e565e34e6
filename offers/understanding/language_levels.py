"""How well a text says a language is spoken: "notions d'anglais" (1), "anglais intermédiaire" (2), "anglais
courant" (3), "anglais bilingue" (4), or no level at all ("Anglais").

The skill reader (`skills.py`) compares a language label that states a level with the level a candidate states:
"Notions d'anglais" has English, not "Anglais courant"; "Anglais" alone may or may not be fluent (neither claimed
nor called missing). A level is read from the words right after the language's name ("anglais courant", "English
(fluent)", "anglais lu, écrit, parlé"), or from the few that go before it ("notions d'anglais", "bon niveau
d'anglais", "bilingue anglais"), never across another word ("anglais courant, espagnol notions": fluent English,
basic Spanish; "Anglais, Excel avancé": English with no level). The highest level so placed counts, except that
a word saying what the language is used for ("professionnel", "commercial", "technique") states a level only where
none goes before the name ("notions d'anglais professionnel" is basic English). Two languages
joined before one plural level word share it ("anglais et allemand courants": both fluent); after a comma they do
not ("Anglais, espagnol notions": English with no level).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from offers.understanding.text import singular

# Level words, singular and folded, as `skills.term_key` gives them (CEFR levels too).
LEVEL_AFTER: Mapping[str, int] = {
    "notion": 1,
    "debutant": 1,
    "debutante": 1,
    "scolaire": 1,
    "elementaire": 1,
    "basique": 1,
    "base": 1,
    "faible": 1,
    "lu": 1,
    "a1": 1,
    "a2": 1,
    "intermediaire": 2,
    "moyen": 2,
    "correct": 2,
    "ecrit": 2,
    "technique": 2,
    "b1": 2,
    "courant": 3,
    "courante": 3,
    "fluent": 3,
    "professionnel": 3,
    "professionnelle": 3,
    "operationnel": 3,
    "operationnelle": 3,
    "avance": 3,
    "bon": 3,
    "affaire": 3,
    "commercial": 3,
    "parle": 3,
    "b2": 3,
    "bilingue": 4,
    "maternelle": 4,
    "natif": 4,
    "native": 4,
    "c1": 4,
    "c2": 4,
    # as English profiles write them
    "basic": 1,
    "beginner": 1,
    "intermediate": 2,
    "conversational": 2,
    "advanced": 3,
    "proficient": 3,
    "business": 3,
}
# The level words that go before a language's name ("notions d'anglais", "bon niveau d'anglais").
LEVEL_BEFORE: Mapping[str, int] = {"notion": 1, "base": 1, "bon": 3, "bilingue": 4}
# Level words after a language's name that say what it is used for ("anglais professionnel", "anglais commercial"):
# they state a level only where no level word goes before the name ("notions d'anglais professionnel": basic).
DOMAIN_WORDS = frozenset({"professionnel", "professionnelle", "commercial", "affaire", "technique", "business"})
# Words that may stand among level words without ending them ("anglais niveau avancé", "anglais oral courant",
# "espagnol langue maternelle").
FILLERS = frozenset({"niveau", "oral", "orale", "d", "l", "en", "langue"})
AFTER = 4  # words looked at after the language's name
BEFORE = 3  # and before it


# Two words joined by a conjunction, then a plural word: "anglais et allemand courants" (a folded text).
_JOINED = re.compile(r"\b([a-z]+)\s+(?:et|&|and)\s+([a-z]+)\s+([a-z]+)s\b")


def shared_levels_spelled(folded: str, languages: Mapping[str, str]) -> str:
    """A folded text with two languages joined before one plural level word spelled with it each: "anglais et
    allemand courants" -> "anglais courant, allemand courant". `languages` as for `stated_levels`."""

    def spelled(match: re.Match[str]) -> str:
        one, other, level = match.groups()
        if _language(one, languages) and _language(other, languages) and level in LEVEL_AFTER:
            return f"{one} {level}, {other} {level}"
        return match.group(0)

    return _JOINED.sub(spelled, folded)


def _language(word: str, languages: Mapping[str, str]) -> bool:
    # `languages` keys are singular ("anglai" for "anglais"), as concept terms are kept.
    return singular(word) in languages


def stated_levels(words: Sequence[str], languages: Mapping[str, str]) -> dict[str, int]:
    """Language concept -> the highest level `words` state for it; a language named with no level is absent.

    `words`: a text's words as concept terms are kept (`skill_data.term_key`); `languages`: a one-word term of a
    language -> its concept ("anglais" -> "english")."""
    levels: dict[str, int] = {}
    for position, word in enumerate(words):
        concept = languages.get(word)
        if concept is None:
            continue
        before = _levels(reversed(words[max(0, position - BEFORE) : position]), LEVEL_BEFORE)
        after = words[position + 1 : position + 1 + AFTER]
        found = [*_levels(after, LEVEL_AFTER, domain=not before), *before]
        if found:
            levels[concept] = max(levels.get(concept, 0), *found)
    return levels


def _levels(words: Iterable[str], known: Mapping[str, int], *, domain: bool = True) -> list[int]:
    """The levels of the level words that follow one another (fillers aside) from the first of `words`; not
    `domain`: a word of `DOMAIN_WORDS` is passed over, stating none."""
    found = []
    for word in words:
        if word in DOMAIN_WORDS and not domain:
            continue
        if word in known:
            found.append(known[word])
        elif word not in FILLERS:
            break
    return found
