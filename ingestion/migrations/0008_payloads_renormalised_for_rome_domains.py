"""Every current raw payload waits for normalisation again: sectors become ROME domains (issue 16).

An offer's sector ("Secteur") was France Travail's activity of the employer or Adzuna's own
category label: two vocabularies in one facet. The normalisers now give both sources' offers
one of the 14 ROME domains (`ingestion/normalise/data/taxonomy.json`). As in migration 0006,
the next run of each source (or `manage.py reprocess`) rebuilds the postings and offers from
the raw store, with their dates and withdrawals kept.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("ingestion", "0007_sweep_runs")]

    operations = [
        migrations.RunSQL(
            "UPDATE ingestion_rawpayload SET status = 'pending' WHERE is_current AND status <> 'pending'",
            reverse_sql=migrations.RunSQL.noop,
        )
    ]
