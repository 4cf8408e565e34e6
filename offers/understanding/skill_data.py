"""The skill reader's data and the written forms it reads before comparing: the concepts of
`data/skill_concepts.json` and the action words of `data/label_actions.json`, concept terms as word keys, licences
written once before several categories, a listed item that joins several skills, homographs' keys.

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

# A licence written once before several of its categories ("Permis B et C"): each category is read as if written with
# it ("Permis B, Permis C"), since a comma ends a statement. Read on the text as written: a licence's letters only in
# capitals ("Permis B, ce poste..." lists no "CE").
_SEPARATOR = r"\s*(?:,|/|-|\+|&|\bet\b|\bou\b)?\s*"
_LICENCE_LISTS = ((r"(?i:permis)(?:\s+(?i:cat(?:[ée]gorie)?s?)\.?)?", r"(?:B96|BE|B|C1E|C1|CE|C|D1E|D1|DE|D)"),)
_LICENCE_LIST_PATTERNS = tuple(
    re.compile(rf"\b(?P<family>{family})\s+(?P<items>{item}(?:{_SEPARATOR}{item})+)(?![\w'’])")
    for family, item in _LICENCE_LISTS
)
# A CACES as texts write it ("CACES 1, 3 et 5", "CACES® R489 cat. 1A/1B", "CACES R 389-3", "R489 catégorie 5",
# "CACES R 482-B1"), read as one canonical "CACES R489 1a" per category: the recommendation that replaced the old
# one in 2020 (R389 -> R489: a category 1 of the R389 is the R489's 1A, its heir), R489 when none is written (the
# forklifts', by far the most asked); a category's letter is kept ("1B", gerbeurs, is no "1A", pallet trucks).
_CACES_SUCCESSORS = {"389": "489", "372": "482", "383": "483", "386": "486", "390": "490", "377": "487", "318": "484"}
_CACES_ITEM = r"(?:\d{1,2}[a-cA-C]?|[A-G]\d?)(?![\w'’])"
_CACES = re.compile(
    r"\b(?:(?i:caces?)(?:\s*®)?(?:\s*(?i:r)\s*-?\s*(?P<rec>\d{3}))?|(?i:r)\s*-?\s*(?P<bare>4[89]\d|3[789]\d))"
    rf"(?P<items>\s*[-–:]?\s*(?:(?i:cat(?:[ée]gorie)?s?)\.?\s*)?{_CACES_ITEM}(?:{_SEPARATOR}{_CACES_ITEM})*)?"
)
_CACES_CATEGORY = re.compile(r"\d{1,2}[a-cA-C]?|\b[A-G]\d?\b")
_CATEGORY = re.compile(r"[0-9A-Za-z]+")
# ROME's wording of a driving licence ("Permis de conduire catégorie C", "Permis de conduire E"): read as the short
# one ("Permis C") that the concepts and the lists above know.
_DRIVING_LICENCE = re.compile(r"\b(?i:permis\s+de\s+conduire)(?:\s+(?i:cat(?:[ée]gorie)?s?)\.?)?\s+(?=[A-Z]{1,2}\d?\b)")
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


def _key(text: str) -> tuple[str, ...]:
    return tuple(singular(word) for word in tokens(text) if word not in _KEY_STOP_WORDS)


def term_key(text: str) -> tuple[str, ...]:
    """A text's words as concept terms are kept (singular, most stop words out): `SkillConcept.terms` compare to it."""
    return _key(text)


def listed_parts(skill: str) -> list[str]:
    """The skills one listed item joins ("Commandes et gestion des stocks" -> "Commandes", "gestion des stocks"),
    or none when it names one ("Hygiène", "Pétrir la pâte")."""
    parts = [part.strip() for part in _JOINED.split(skill) if part.strip()]
    return parts if len(parts) > 1 else []


def licence_lists_spelled(text: str) -> str:
    """A text with every licence written once before several categories written in full for each ("Permis B et
    C" -> "Permis B, Permis C"), every CACES in its canonical form ("CACES® R389 cat. 1, 3 et 5" -> "CACES R489 1,
    CACES R489 3, CACES R489 5"), ROME's "Permis de conduire catégorie C" read as "Permis C"."""
    text = _DRIVING_LICENCE.sub("Permis ", text)
    text = _CACES.sub(_caces_spelled, text)
    for pattern in _LICENCE_LIST_PATTERNS:
        text = pattern.sub(_spelled, text)
    return text


def _spelled(match: re.Match[str]) -> str:
    family = " ".join(match["family"].replace(".", " ").replace("®", " ").split())
    categories = [item for item in _CATEGORY.findall(match["items"]) if item.lower() not in ("et", "ou")]
    return ", ".join(f"{family} {category}" for category in categories)


def _caces_spelled(match: re.Match[str]) -> str:
    recommendation = match["rec"] or match["bare"] or ""
    recommendation = _CACES_SUCCESSORS.get(recommendation, recommendation)
    spelled = [
        f"CACES R{recommendation or '489'} {category.lower()}"
        for category in _CACES_CATEGORY.findall(match["items"] or "")
        # A category by letter only after its recommendation ("R482 B1"); by number, R489's when none is written.
        if category[0].isdigit() or recommendation
    ]
    if spelled:
        return ", ".join(spelled)
    return f"CACES R{recommendation}" if recommendation else "CACES"


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
            terms=tuple(key for key in dict.fromkeys(_key(term) for term in item["terms"]) if key),
            narrow=tuple(key for key in dict.fromkeys(_key(term) for term in item.get("narrow", ())) if key),
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
