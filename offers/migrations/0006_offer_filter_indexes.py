"""Indexes for searches made of filters only (no keywords): sector and remote work.

Without them a rare sector or the remote filter reads the whole offers table.
"""

from django.db import migrations

ADD = """
CREATE INDEX offer_status_domain ON offers_offer (status, domain) WHERE domain <> '';
CREATE INDEX offer_status_remote ON offers_offer (status, published_at DESC) WHERE remote;
CREATE INDEX offer_status_seniority ON offers_offer (status, seniority, published_at DESC);
CREATE INDEX offer_status_contract ON offers_offer (status, contract_type, published_at DESC);
"""

DROP = """
DROP INDEX IF EXISTS offer_status_domain;
DROP INDEX IF EXISTS offer_status_remote;
DROP INDEX IF EXISTS offer_status_seniority;
DROP INDEX IF EXISTS offer_status_contract;
"""


class Migration(migrations.Migration):
    dependencies = [("offers", "0005_offer_search_head")]

    operations = [migrations.RunSQL(ADD, reverse_sql=DROP)]
