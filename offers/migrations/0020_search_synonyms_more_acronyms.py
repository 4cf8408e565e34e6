"""More acronyms and jargon of French job offers in the search synonyms (offers/search/synonyms.json).

Adds the terms the table lacks (TP, VRD, ADVF, TISF, CIP, permis C/CE/D, FIMO...); AVS and
DRH take the file's new equivalents only where staff left them as 0017 loaded them.
"""

from django.db import migrations

# What 0017 loaded for the two terms whose equivalents changed.
FORMER = {
    "AVS": (
        "auxiliaire de vie scolaire, AESH, accompagnant d'élèves en situation de handicap, auxiliaire de vie sociale"
    ),
    "DRH": "directeur des ressources humaines, directrice des ressources humaines",
}


def load_synonyms(apps, schema_editor):
    import json

    from offers.search.synonyms import SYNONYMS_PATH, search_synonyms_load

    model = apps.get_model("offers", "SearchSynonym")
    search_synonyms_load(model=model)
    entries = {entry["term"]: entry for entry in json.loads(SYNONYMS_PATH.read_text(encoding="utf-8"))["synonyms"]}
    for term, former in FORMER.items():
        entry = entries[term]
        model.objects.filter(term=term, equivalents=former).update(
            equivalents=entry["equivalents"], rome_codes=entry.get("rome_codes", ""), source=entry.get("source", "")
        )


class Migration(migrations.Migration):
    dependencies = [
        ("offers", "0019_offer_salary_estimate"),
    ]

    operations = [migrations.RunPython(load_synonyms, migrations.RunPython.noop)]
