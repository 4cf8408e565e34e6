"""A skill label and a candidate's (or an offer text's) profile as the skill reader (`skills.py`) reads them, and
what the reader and its judging (`skill_judging.py`) both need of them."""

from __future__ import annotations

from dataclasses import dataclass, field

# The kinds of concepts a candidate has or has not, never in other words: a tool, a licence, a language.
SPECIFIC_KINDS = frozenset({"tool", "licence", "language"})


@dataclass(frozen=True)
class SkillLabel:
    """A skill label as the reader sees it."""

    text: str
    folded: str
    concepts: frozenset[str]
    words: frozenset[str]  # content stems, generic words removed
    rest: frozenset[str]  # content stems that none of its concepts' terms says
    action: str = ""  # the root of its first word when that is one of ROME's actions ("prepar" of "Préparer ...")
    # Roots of the words that make its tool a variant of it ("vb" of "VB.NET", "bw" of "SAP BW", `_variants`).
    variants: frozenset[str] = frozenset()


@dataclass
class SkillProfile:
    """What a candidate (or an offer's text) shows: listed labels, concepts, statements."""

    listed: list[SkillLabel] = field(default_factory=list)
    # The parts of a listed skill that joins several ("Commandes et gestion des stocks", "repas et bain"): they
    # say part of an offer skill (`SkillReader.partly`), never that the candidate has it.
    parts: list[SkillLabel] = field(default_factory=list)
    concepts: set[str] = field(default_factory=set)
    # The concepts their words name, not those implied (a "WMS Reflex" user names Reflex; the WMS family is implied).
    named: set[str] = field(default_factory=set)
    statements: list[list[str]] = field(default_factory=list)  # content stems of each statement, in order
    stems: set[str] = field(default_factory=set)
    # Language concept -> the highest level their words state ("anglais courant": 3, `language_levels.py`).
    levels: dict[str, int] = field(default_factory=dict)
    # Licences, tools and languages their words name only as pending ("Permis C en cours", `unheld.py`): neither
    # had nor lacking.
    pending: set[str] = field(default_factory=set)


def is_action_form(label: SkillLabel, word: str) -> bool:
    """`word` is the label's action in another form ("soudure", "encaissement"): its root, four letters or more."""
    return len(label.action) >= 4 and word.startswith(label.action)
