"""Communes know the city of an arrondissement (the communes file's DISTRICT_OF).

Communes loaded before this migration get it from the project's list of the 45
arrondissements of Paris, Lyon and Marseille (offers/geography/data/arrondissements.csv).
"""

import csv
from pathlib import Path

from django.db import migrations, models

ARRONDISSEMENTS = Path(__file__).resolve().parents[1] / "geography" / "data" / "arrondissements.csv"


def fill_district_of(apps, schema_editor):
    Commune = apps.get_model("offers", "Commune")
    with ARRONDISSEMENTS.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            Commune.objects.filter(insee_code=row["insee_code"]).update(
                district_of=row["city_insee_code"], is_district=True
            )


class Migration(migrations.Migration):
    dependencies = [("offers", "0014_offer_source_stored_uncompressed")]

    operations = [
        migrations.AddField(
            model_name="commune",
            name="district_of",
            field=models.CharField(
                blank=True,
                help_text="Code INSEE de la ville (Paris, Lyon, Marseille).",
                max_length=5,
                verbose_name="arrondissement de",
            ),
        ),
        migrations.RunPython(fill_district_of, migrations.RunPython.noop),
    ]
