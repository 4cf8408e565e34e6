"""Index the top of each offer's salary range, the value the minimum-salary filter compares.

Searching "keyword + minimum salary" can then intersect the GIN bitmap with this one
instead of reading every keyword match to test its salary.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("offers", "0006_offer_filter_indexes")]

    operations = [
        migrations.RunSQL(
            'CREATE INDEX offer_status_pay_top ON offers_offer (status, (COALESCE("salary_max", "salary_min")));',
            reverse_sql="DROP INDEX IF EXISTS offer_status_pay_top;",
        )
    ]
