"""Every current raw payload waits for normalisation again (issue 16).

The normalisers now make plain text (markup, entities, control and bidi characters gone,
lengths capped), read dates, booleans and company names as the sources write them, and
follow the written salary convention. Offers already stored were made by the older ones:
marking their payloads pending makes the next run of each source (or `manage.py
reprocess`) rebuild their postings and offers from the raw store first, with their dates
and withdrawals kept; a payload that no longer normalises has its posting withdrawn.
One UPDATE of a small column: payloads are stored out of line (migration 0005).
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("ingestion", "0005_raw_payload_stored_uncompressed")]

    operations = [
        migrations.RunSQL(
            "UPDATE ingestion_rawpayload SET status = 'pending' WHERE is_current AND status <> 'pending'",
            reverse_sql=migrations.RunSQL.noop,
        )
    ]
