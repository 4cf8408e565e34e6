"""How well the readers understand offers: France Travail's own `competences` and `romeCode` hidden, predicted
from the title and the description, then compared.

Skills: the vocabulary is every competence label of the set (which labels exist is known, as ROME's list
is; which ones an offer carries is what is predicted). Precision and recall are over (offer, label) pairs.
ROME: the occupation the title names, against `romeCode`, compared by ROME family (a v4.60 child code
counts as its parent); with a truth file (offer id -> the occupation the offer really is, such as the demo
generator's `demo_truth.json`), also against that truth, since a payload's own code may be misfiled.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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


def extraction_scores(
    offers: Iterable[dict[str, Any]],
    *,
    skills: SkillReader,
    occupations: OccupationReader,
    truth: dict[str, str] | None = None,
) -> ExtractionScores:
    offers = list(offers)
    vocabulary = sorted({label for offer in offers for label in _competences(offer)})
    true_positives = predicted = expected = scored = 0
    rome_total = rome_right = rome_answered = true_total = true_right = 0
    for offer in offers:
        text = f"{offer['intitule']}\n{offer.get('description') or ''}"
        listed = _competences(offer)
        if listed:
            found = set(skills.find(text, vocabulary))
            scored += 1
            true_positives += len(found & listed)
            predicted += len(found)
            expected += len(listed)
        code = str(offer.get("romeCode") or "").strip().upper()
        if code:
            rome_total += 1
            guesses = occupations.from_title(offer["intitule"])
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
    )
