"""Builds `data/label_actions.json`: the verbs ROME's skill labels begin with (run on purpose).

    python -m offers.understanding.build_label_actions ../shared/data/rome

Every ROME skill ("savoir-faire") label begins with its action, an infinitive: "Préparer les déclarations de
TVA", "Réaliser des travaux de peinture". A candidate lists the same skill by its object ("Déclarations de
TVA", "peinture"): the skill reader (`skills.py`) lets a listed skill that names a label's object cover that
label, and needs to know which first word is the action. The file keeps the verbs ROME's skills begin with,
and the words written like an infinitive that ROME uses as nouns (the first words of its knowledge labels,
"Dossier", "Atelier"; the words of its job titles, "Boucher", "Conseiller"); not the referential's files. It
also keeps the heads of ROME's labels: the first words of at least `HEAD_MIN_LABELS` skill or knowledge labels
("Gestion", "Lecture", "Encadrement", "Réaliser"), the action or the kind of knowledge a label names before its
object; a candidate who lists "Gestion des stocks" names the stocks, not a skill of its own.
Source: France Travail, ROME v4.60 (`unix_referentiel_competence_v460_utf8.csv`,
`unix_referentiel_savoir_v460_utf8.csv`, `unix_referentiel_appellation_v460_utf8.csv`), Licence Ouverte /
Etalab 2.0.
"""

from __future__ import annotations

import csv
import json
import os
import sys
from collections import Counter
from pathlib import Path

HEAD_MIN_LABELS = 20
OUT = Path(__file__).resolve().parent / "data" / "label_actions.json"
SOURCE = (
    "France Travail, ROME v4.60, unix_referentiel_competence_v460_utf8.csv (libelle_competence), "
    "unix_referentiel_savoir_v460_utf8.csv (libelle_savoir), unix_referentiel_appellation_v460_utf8.csv, "
    "Licence Ouverte 2.0"
)


def _column(folder: Path, pattern: str, *columns: str) -> list[list[str]]:
    """The folded words of each value of `columns` in the referential's file matching `pattern`."""
    from offers.understanding.text import tokens

    path = next(folder.glob(pattern))
    with path.open(encoding="utf-8", newline="") as handle:
        return [tokens(row[column]) for row in csv.DictReader(handle) for column in columns if row.get(column)]


def label_actions(folder: Path) -> dict[str, object]:
    from offers.understanding.skills import INFINITIVE_ENDINGS

    skills = _column(folder, "*referentiel_competence*.csv", "libelle_competence")
    # A few skill labels begin with a noun ("Gestion de ...", "Capacité à ..."): infinitives only.
    actions = {words[0] for words in skills if words and words[0].endswith(INFINITIVE_ENDINGS)}
    knowledge = _column(folder, "*referentiel_savoir*.csv", "libelle_savoir")
    titles = _column(folder, "*referentiel_appellation*.csv", "libelle_appellation_long", "libelle_appellation_court")
    nouns = {words[0] for words in knowledge if words} | {word for words in titles for word in words}
    firsts = Counter(words[0] for words in [*skills, *knowledge] if words)
    return {
        "about": "The infinitives ROME's skill labels begin with (their action), and the words written like an "
        "infinitive that ROME uses as nouns (first words of its knowledge labels, words of its job titles), folded: "
        "skills.py reads a label's first word as its action when it is an action, or ends like an infinitive and "
        "is no such noun.",
        "source": SOURCE,
        "actions": sorted(actions),
        "nouns": sorted(word for word in nouns - actions if word.endswith(INFINITIVE_ENDINGS)),
        "heads_about": f"The first words of at least {HEAD_MIN_LABELS} of ROME's skill or knowledge labels, folded: "
        "the action or the kind of knowledge a label names before its object ('Gestion des stocks').",
        "heads": sorted(word for word, count in firsts.items() if count >= HEAD_MIN_LABELS),
    }


if __name__ == "__main__":
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jobmarket.settings")
    django.setup()
    data = label_actions(Path(sys.argv[1]))
    OUT.write_text(json.dumps(data, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(data['actions'])} actions, {len(data['nouns'])} nouns, {len(data['heads'])} heads")  # noqa: T201
