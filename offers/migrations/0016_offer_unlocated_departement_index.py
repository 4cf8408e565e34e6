"""Offers without coordinates, by département: what a radius search adds to its circle.

A radius reaching a département holds that département's offers placed at département level
only (`latitude IS NULL`, offers.search.place_filters). They are a few per cent of the offers:
this partial index finds them without reading the département's located offers.
"""

from django.db import migrations

FORWARD = """
CREATE INDEX offer_status_departement_unlocated ON offers_offer (status, departement) WHERE latitude IS NULL;
"""
BACKWARD = "DROP INDEX IF EXISTS offer_status_departement_unlocated;"


class Migration(migrations.Migration):
    dependencies = [("offers", "0015_commune_district_of")]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
