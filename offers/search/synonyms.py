"""The synonym and acronym list of the search: loading the curated file into `SearchSynonym`.

The list itself is data (offers/search/synonyms.json, then the admin); the vocabulary
(offers/search/vocabulary.py) reads the active rows.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

SYNONYMS_PATH = Path(__file__).resolve().parent / "synonyms.json"


def search_synonyms_load(*, model: Any = None, path: Path = SYNONYMS_PATH, replace: bool = False) -> tuple[int, int]:
    """Add the file's terms that the table lacks (or, with `replace`, overwrite them); returns (added, updated).

    Without `replace`, a term staff already edited keeps their version. `model` is the
    (historical, in a migration) SearchSynonym class.
    """
    if model is None:
        from offers.models import SearchSynonym as model
    entries = json.loads(path.read_text(encoding="utf-8"))["synonyms"]
    # A migration's historical model may lack later fields ("related" before 0021).
    fields = {field.name for field in model._meta.get_fields()}
    existing = {row.term.lower(): row for row in model.objects.all()}
    added = updated = 0
    for entry in entries:
        values = {
            "equivalents": entry["equivalents"],
            "kind": entry["kind"],
            "both_ways": entry.get("both_ways", True),
            "related": entry.get("related", ""),
            "rome_codes": entry.get("rome_codes", ""),
            "source": entry.get("source", ""),
        }
        values = {name: value for name, value in values.items() if name in fields}
        row = existing.get(entry["term"].lower())
        if row is None:
            model.objects.create(term=entry["term"], **values)
            added += 1
        elif replace:
            for name, value in values.items():
                setattr(row, name, value)
            row.save()
            updated += 1
    return added, updated
