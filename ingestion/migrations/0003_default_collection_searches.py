"""Seed the daily collection with one unfiltered search per source: all of France.

Admins narrow or widen it in the admin ("Recherches quotidiennes").
"""

from __future__ import annotations

from django.db import migrations

SOURCES = ("francetravail", "adzuna")


def seed(apps, schema_editor):
    CollectionSearch = apps.get_model("ingestion", "CollectionSearch")
    for source in SOURCES:
        CollectionSearch.objects.get_or_create(source=source, keywords="", rome_code="", departement="")


class Migration(migrations.Migration):
    dependencies = [("ingestion", "0002_raw_payloads_and_collection_searches")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
