"""How well the readers understand offers: France Travail's own `competences` and `romeCode` hidden, predicted
from the title and the description, then compared.

Skills: the vocabulary is every competence label of the set (which labels exist is known, as ROME's list
is; which ones an offer carries is what is predicted). Precision and recall are over (offer, label) pairs.
ROME: the occupation the title names, against `romeCode`, compared by ROME family (a v4.60 child code
counts as its parent); with a truth file (offer id -> the occupation the offer really is, such as the demo
generator's `demo_truth.json`), also against that truth, since a payload's own code may be misfiled.

Recall against stated labels: a set may carry `stated.json` (offer id -> label -> whether the text states that
label in any words, annotated by hand): the recall over the stated labels alone is what a reader can reach, the
plain recall also counts labels no reader could find.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from offers.understanding.meaning import MeaningReader
from offers.understanding.occupations import OccupationReader
from offers.understanding.skills import SkillReader


@dataclass(frozen=True)
class ExtractionScores:
    offers: int  # offers with competences (skills are scored on them)
    skill_precision: float
    skill_recall: float
    rome_offers: int  # offers with a romeCode
    rome_accuracy: float
    rome_answered: float  # share of offers for which the title named an occupation at all
    rome_true_offers: int = 0  # offers with a romeCode that the truth file knows
    rome_true_accuracy: float = 0.0  # against the truth file's occupation, on those offers
    stated_labels: int = 0  # hidden labels the text states, when the set says which (stated.json)
    stated_recall: float = 0.0  # recall over those labels alone


def france_travail_offers(folder: Path) -> Iterator[dict[str, Any]]:
    """The offers of France Travail search bodies (`{"resultats": [...]}`) saved as JSON files in `folder`."""
    for path in sorted(folder.glob("*.json")):
        body = json.loads(path.read_text(encoding="utf-8"))
        for offer in body.get("resultats") or [] if isinstance(body, dict) else []:
            if isinstance(offer, dict) and isinstance(offer.get("intitule"), str):
                yield offer


def _competences(offer: dict[str, Any]) -> set[str]:
    items = offer.get("competences")
    if not isinstance(items, list):
        return set()
    return {
        item["libelle"].strip() for item in items if isinstance(item, dict) and isinstance(item.get("libelle"), str)
    }


def truth_codes(path: Path) -> dict[str, str]:
    """France Travail offer id -> true ROME code, from a truth file (`{"francetravail": {id: code}, ...}`)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    labels = data.get("francetravail") if isinstance(data, dict) else None
    if not isinstance(labels, dict):
        raise ValueError(f"{path}: no 'francetravail' object of offer id -> ROME code")
    return {str(key).strip(): str(code).strip().upper() for key, code in labels.items() if code}


def stated_labels(path: Path) -> dict[str, dict[str, bool]]:
    """Offer id -> each hidden label -> whether its text states it, from a set's `stated.json`
    (`{"offers": {id: {label: {"stated": bool, "why": str}}}}`)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    offers = data.get("offers") if isinstance(data, dict) else None
    if not isinstance(offers, dict):
        raise ValueError(f"{path}: no 'offers' object of offer id -> label -> {{'stated': bool, 'why': str}}")
    stated: dict[str, dict[str, bool]] = {}
    for offer_id, labels in offers.items():
        if not isinstance(labels, dict) or not all(
            isinstance(note, dict) and isinstance(note.get("stated"), bool) and note.get("why")
            for note in labels.values()
        ):
            raise ValueError(f"{path}: offer {offer_id}: every label needs 'stated' (true/false) and 'why'")
        stated[str(offer_id)] = {label.strip(): note["stated"] for label, note in labels.items()}
    return stated


def extraction_scores(
    offers: Iterable[dict[str, Any]],
    *,
    skills: SkillReader,
    occupations: OccupationReader,
    truth: dict[str, str] | None = None,
    stated: dict[str, dict[str, bool]] | None = None,
    meaning: MeaningReader | None = None,
) -> ExtractionScores:
    """Scores of the readers on `offers`; `stated` (offer id -> label -> stated or not, `stated_labels`) adds the
    recall over stated labels: every label of every scored offer must be annotated, and nothing else. `meaning`
    adds the reading by meaning (`meaning.py`) to the lexical one."""
    offers = list(offers)
    vocabulary = sorted({label for offer in offers for label in _competences(offer)})
    true_positives = predicted = expected = scored = stated_found = stated_total = 0
    rome_total = rome_right = rome_answered = true_total = true_right = 0
    for offer in offers:
        text = f"{offer['intitule']}\n{offer.get('description') or ''}"
        listed = _competences(offer)
        # The occupation is read as a stored offer's is; the reading by meaning reads its trade's skills.
        guesses = occupations.from_offer(offer["intitule"], offer.get("description") or "")
        if listed:
            found = set(skills.find(text, vocabulary, meaning=meaning, trade=guesses[0].code if guesses else ""))
            scored += 1
            true_positives += len(found & listed)
            predicted += len(found)
            expected += len(listed)
            if stated is not None:
                offer_id = str(offer.get("id") or "").strip()
                notes = stated.get(offer_id, {})
                if set(notes) != listed:
                    raise ValueError(f"offer {offer_id!r}: stated.json does not annotate exactly its competences")
                said = {label for label in listed if notes[label]}
                stated_total += len(said)
                stated_found += len(found & said)
        code = str(offer.get("romeCode") or "").strip().upper()
        if code:
            rome_total += 1
            guessed = occupations.family(guesses[0].code) if guesses else ""
            rome_answered += bool(guesses)
            rome_right += bool(guessed) and guessed == occupations.family(code)
            true_code = (truth or {}).get(str(offer.get("id") or "").strip())
            if true_code:
                true_total += 1
                true_right += bool(guessed) and guessed == occupations.family(true_code)
    return ExtractionScores(
        offers=scored,
        skill_precision=true_positives / predicted if predicted else 0.0,
        skill_recall=true_positives / expected if expected else 0.0,
        rome_offers=rome_total,
        rome_accuracy=rome_right / rome_total if rome_total else 0.0,
        rome_answered=rome_answered / rome_total if rome_total else 0.0,
        rome_true_offers=true_total,
        rome_true_accuracy=true_right / true_total if true_total else 0.0,
        stated_labels=stated_total,
        stated_recall=stated_found / stated_total if stated_total else 0.0,
    )
