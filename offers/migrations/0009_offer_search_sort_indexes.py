"""Indexes shaped for the search's radius filter and salary sort.

- (status, latitude, longitude): the bounding box is checked inside the index, so a
  radius keeps only the offers of the box instead of a whole band of latitude.
- (status, top of the salary range DESC NULLS LAST): the order of the salary sort, so
  "best paid first" reads the index from the top.
"""

from django.db import migrations

FORWARD = """
DROP INDEX IF EXISTS offer_status_latitude;
CREATE INDEX offer_status_lat_lon ON offers_offer (status, latitude, longitude) WHERE latitude IS NOT NULL;
DROP INDEX IF EXISTS offer_status_pay_top;
CREATE INDEX offer_status_pay_top_desc
    ON offers_offer (status, (COALESCE("salary_max", "salary_min")) DESC NULLS LAST);
"""

BACKWARD = """
DROP INDEX IF EXISTS offer_status_lat_lon;
CREATE INDEX offer_status_latitude ON offers_offer (status, latitude) WHERE latitude IS NOT NULL;
DROP INDEX IF EXISTS offer_status_pay_top_desc;
CREATE INDEX offer_status_pay_top ON offers_offer (status, (COALESCE("salary_max", "salary_min")));
"""


class Migration(migrations.Migration):
    dependencies = [("offers", "0008_offer_change_feed")]

    operations = [migrations.RunSQL(FORWARD, reverse_sql=BACKWARD)]
