"""The skill reader's data and the written forms it reads before comparing: the concepts of
`data/skill_concepts.json` and the action words of `data/label_actions.json`, concept terms as word keys, a listed item
that joins several skills, homographs' keys (licences in their canonical forms: `licence_forms.py`).

`skills.py` compares labels and texts with what these give.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from offers.search.vocabulary import fold
from offers.understanding.text import STOP_WORDS, singular, tokens

DATA = Path(__file__).resolve().parent / "data" / "skill_concepts.json"
ACTIONS = Path(__file__).resolve().parent / "data" / "label_actions.json"

# What joins several skills in one listed item: "et", "&", "+", a comma or a slash between words.
_JOINED = re.compile(r"\s+(?:et|&|\+)\s+|\s*[,;/]\s*", re.IGNORECASE)


@dataclass(frozen=True)
class SkillConcept:
    id: str
    label: str
    kind: str
    terms: tuple[tuple[str, ...], ...]  # word sequences (singular, most stop words removed)
    # Terms that name a part of the concept ("autolaveuse" of cleaning): they show the concept in a text, but a
    # label that names it only through one of them is read by its own words (no sibling stands in for it).
    narrow: tuple[tuple[str, ...], ...] = ()
    # Concepts that whoever has this one has too: a CACES R489 of category 3 or 5 is the forklift's.
    implies: tuple[str, ...] = ()
    # Concepts whose holder may have this one too, without saying it: an old CACES of category 1 may cover the
    # R489's 1B (gerbeurs).
    held_with: tuple[str, ...] = ()


# Concept terms keep single letters and "ce": "permis C", "permis CE" and "permis D" are three licences.
_KEY_STOP_WORDS = frozenset(word for word in STOP_WORDS if len(word) > 1) - {"ce"}


# ".NET" written with its dot, alone or after "ASP" / "VB" / "ADO": Microsoft's platform. Not "net" ("salaire net"),
# nor the end of an address ("prenom.nom@laposte.net", "www.exemple.net").
_DOT_NET = re.compile(r"(?:(?<![\w.@/])|(?<=asp)|(?<=vb)|(?<=ado))\.net\b", re.IGNORECASE)


def dot_net_spelled(text: str) -> str:
    """The text with ".NET" written as one word ("dotnet"), which a split at its dot would lose."""
    return _DOT_NET.sub(" dotnet ", text)


def term_key(text: str) -> tuple[str, ...]:
    """A text's words as concept terms are kept (singular, most stop words out): `SkillConcept.terms` compare to it."""
    return tuple(singular(word) for word in tokens(dot_net_spelled(text)) if word not in _KEY_STOP_WORDS)


def listed_parts(skill: str) -> list[str]:
    """The skills one listed item joins ("Commandes et gestion des stocks" -> "Commandes", "gestion des stocks"),
    or none when it names one ("Hygiène", "Pétrir la pâte")."""
    parts = [part.strip() for part in _JOINED.split(skill) if part.strip()]
    return parts if len(parts) > 1 else []


# What a homograph's key starts with: no root does, so no word read by its root, nor an action's other forms
# (`_is_action`), meets it.
HOMOGRAPH_MARK = "="


def homograph_keys(homographs: Iterable[str | Sequence[str]]) -> dict[str, str]:
    """Each written form (folded, singular) of `homographs` -> the key it is compared by: a group of forms of one
    word ("ménage", "ménager", "ménagère") shares its first form's."""
    keys: dict[str, str] = {}
    for entry in homographs:
        forms = [singular(fold(form)) for form in ([entry] if isinstance(entry, str) else entry)]
        keys.update(dict.fromkeys(forms, HOMOGRAPH_MARK + forms[0]))
    return keys


def load_concepts(path: Path = DATA) -> tuple[list[SkillConcept], list[list[str]], dict[str, list[str]]]:
    """The concepts, the word synonym groups, and the word lists by name (generic, employer, homograph, seeker)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    concepts = [
        SkillConcept(
            id=item["id"],
            label=item["label"],
            kind=item["kind"],
            terms=tuple(key for key in dict.fromkeys(term_key(term) for term in item["terms"]) if key),
            narrow=tuple(key for key in dict.fromkeys(term_key(term) for term in item.get("narrow", ())) if key),
            implies=tuple(item.get("implies", ())),
            held_with=tuple(item.get("held_with", ())),
        )
        for item in data["concepts"]
    ]
    synonyms = [list(group) for group in data.get("word_synonyms", ())]
    words = {
        name: list(data.get(name, ()))
        for name in ("generic_words", "employer_words", "homographs", "seeker_words", "not_terms")
    }
    return concepts, synonyms, words


def load_actions(path: Path = ACTIONS) -> tuple[list[str], list[str], list[str]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return list(data["actions"]), list(data["nouns"]), list(data.get("heads", ()))
