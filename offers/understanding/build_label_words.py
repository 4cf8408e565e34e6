"""Builds `data/label_words.json`: in how many ROME skill labels each word appears (run on purpose).

    python -m offers.understanding.build_label_words ../shared/data/rome

The paraphrase reader (`paraphrase.py`) weighs a skill label's words by how rare they are among all of ROME's
skill labels: "réaliser", "client", "produit" appear in hundreds and say little, "cloison", "fermentation" in a
few and make the skill. Only the counts are kept (words of two labels or more; a word absent counts as one),
not the referential's files, and the list of words the referential's skills, knowledge and job titles are written with
(`vocabulary`, for `spelling.py`). Source: France Travail, ROME v4.60 (`unix_referentiel_competence_v460_utf8.csv`,
`libelle_competence`; `unix_referentiel_savoir_v460_utf8.csv`, `unix_referentiel_appellation_v460_utf8.csv`),
Licence Ouverte / Etalab 2.0.
"""

from __future__ import annotations

import csv
import json
import os
import sys
from collections import Counter
from pathlib import Path

OUT = Path(__file__).resolve().parent / "data" / "label_words.json"
SOURCE = (
    "France Travail, ROME v4.60, unix_referentiel_competence_v460_utf8.csv (libelle_competence; vocabulary: also "
    "unix_referentiel_savoir_v460_utf8.csv and unix_referentiel_appellation_v460_utf8.csv), Licence Ouverte 2.0"
)


def label_words(folder: Path) -> dict[str, object]:
    from offers.understanding.meaning import rome_skill_labels
    from offers.understanding.text import tokens

    labels = rome_skill_labels(folder)
    counts = Counter(word for label in labels for word in set(tokens(label)))
    vocabulary = {word for text in _referential_texts(folder) for word in tokens(text) if word.isalpha()}
    return {
        "about": (
            "In how many ROME skill labels each folded word appears (2 or more): weights of paraphrase.py. "
            "`vocabulary`: every folded word of four letters or more of ROME's skills, knowledge and job titles, "
            "which spelling.py never reads as a misspelling."
        ),
        "source": SOURCE,
        "labels": len(labels),
        "words": dict(sorted((word, count) for word, count in counts.items() if count >= 2)),
        "vocabulary": sorted(word for word in vocabulary if len(word) >= 4),
    }


def _referential_texts(folder: Path) -> list[str]:
    """The skill and knowledge labels and the job titles of the ROME files in `folder`."""
    texts = []
    for pattern, column in (
        ("*referentiel_competence*.csv", "libelle_competence"),
        ("*referentiel_savoir*.csv", "libelle_savoir"),
        ("*referentiel_appellation*.csv", "libelle_appellation_long"),
    ):
        for path in sorted(folder.glob(pattern)):
            with path.open(encoding="utf-8", newline="") as handle:
                texts.extend(row[column] for row in csv.DictReader(handle) if row.get(column))
    return texts


if __name__ == "__main__":
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jobmarket.settings")
    django.setup()
    data = label_words(Path(sys.argv[1]))
    OUT.write_text(json.dumps(data, ensure_ascii=False, indent=0, sort_keys=False) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(data['words'])} words of {data['labels']} labels")  # noqa: T201
