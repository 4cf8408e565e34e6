"""One vocabulary for an offer's sector: the 14 ROME domains, whatever the source.

France Travail gives each offer a ROME code, whose first letter is its domain; Adzuna gives
a category of its own ("it-jobs"), mapped onto a ROME domain by `data/taxonomy.json`. So the
"Secteur" facet, its filter and the market charts count the same sectors for both sources.
A category that says nothing of the job ("unknown", "graduate-jobs") gives no sector.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "taxonomy.json"


@cache
def _taxonomy() -> tuple[dict[str, str], dict[str, str]]:
    data = json.loads(DATA.read_text(encoding="utf-8"))
    return data["rome_domains"]["labels"], data["adzuna_categories"]["domains"]


def domain_of_rome_code(rome_code: str) -> str:
    """'D1102' -> 'Commerce, Vente et Grande distribution'; '' for no code."""
    return _taxonomy()[0].get(rome_code[:1].upper(), "") if rome_code else ""


def domain_of_adzuna_category(tag: str) -> str:
    """'it-jobs' -> 'Support à l'entreprise'; '' for a category that names no domain."""
    labels, categories = _taxonomy()
    return labels.get(categories.get(tag.strip().lower(), ""), "")
