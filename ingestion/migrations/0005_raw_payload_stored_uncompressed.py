"""Raw payloads are kept out of line without PostgreSQL's compression (STORAGE EXTERNAL).

A payload of 2-3 kB of JSON takes a row just over the 2 kB at which PostgreSQL compresses
it (pglz, ~28 µs a payload: about a tenth of what a first ingestion costs the database,
on the run's critical path; bench/ingest.py). With EXTERNAL, such a payload goes to the
TOAST table as it is. The row left in the table is then small, which the daily run also
gains from: it moves `last_seen_at` on every payload seen again, and an update copies the
row, not a payload stored out of line. Measured at 100k payloads: 329 MB after a first
load instead of 255, ~390 MB after a second, unchanged one instead of ~330. Rows already
written keep their form.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("ingestion", "0004_drop_unused_raw_first_seen_index")]

    operations = [
        migrations.RunSQL(
            "ALTER TABLE ingestion_rawpayload ALTER COLUMN payload SET STORAGE EXTERNAL",
            reverse_sql="ALTER TABLE ingestion_rawpayload ALTER COLUMN payload SET STORAGE EXTENDED",
        )
    ]
