"""The offer change feed: `offers_offerchange`, filled by triggers on `offers_offer`.

Triggers rather than Python: the ingestion writes offers with COPY + INSERT ... ON
CONFLICT, the API and the admin with the ORM; a trigger sees every one of them.
They are statement-level with transition tables, so a bulk upsert of 10,000 offers
adds one INSERT ... SELECT, not 10,000 function calls.

- insert -> "created";
- update -> "closed" when the status turns to closed, else "updated", and only when
  a user-visible column changed: the daily `last_seen_at` touch of every offer seen
  again (and `updated_at`, the generated search vectors, the dedup key) are not news;
- delete -> "deleted" (staff can delete an offer through the API).

Every row carries pg_current_xact_id() (offers.feed explains why readers need it).
Offers present when this migration runs are recorded as created (and closed), so a
client reading the feed from the start sees them too.
"""

import django.db.models.functions.datetime
from django.db import migrations, models

# Columns whose change is not news to a feed client.
IGNORED = "ARRAY['last_seen_at', 'updated_at', 'created_at', 'search_vector', 'search_head', 'dedup_key']"

CREATE_TRIGGERS = f"""
CREATE FUNCTION offers_offer_change_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO offers_offerchange (offer_id, kind, changed_at, xid)
    SELECT n.id, 'created', clock_timestamp(), pg_current_xact_id()::text::bigint
    FROM offer_change_new AS n ORDER BY n.id;
    RETURN NULL;
END $$;

CREATE FUNCTION offers_offer_change_on_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO offers_offerchange (offer_id, kind, changed_at, xid)
    SELECT n.id,
           CASE WHEN n.status = 'closed' AND o.status IS DISTINCT FROM 'closed' THEN 'closed' ELSE 'updated' END,
           clock_timestamp(), pg_current_xact_id()::text::bigint
    FROM offer_change_new AS n JOIN offer_change_old AS o ON o.id = n.id
    WHERE (to_jsonb(n) - {IGNORED}) IS DISTINCT FROM (to_jsonb(o) - {IGNORED})
    ORDER BY n.id;
    RETURN NULL;
END $$;

CREATE FUNCTION offers_offer_change_on_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO offers_offerchange (offer_id, kind, changed_at, xid)
    SELECT o.id, 'deleted', clock_timestamp(), pg_current_xact_id()::text::bigint
    FROM offer_change_old AS o ORDER BY o.id;
    RETURN NULL;
END $$;

CREATE TRIGGER offer_change_on_insert AFTER INSERT ON offers_offer
    REFERENCING NEW TABLE AS offer_change_new
    FOR EACH STATEMENT EXECUTE FUNCTION offers_offer_change_on_insert();
CREATE TRIGGER offer_change_on_update AFTER UPDATE ON offers_offer
    REFERENCING OLD TABLE AS offer_change_old NEW TABLE AS offer_change_new
    FOR EACH STATEMENT EXECUTE FUNCTION offers_offer_change_on_update();
CREATE TRIGGER offer_change_on_delete AFTER DELETE ON offers_offer
    REFERENCING OLD TABLE AS offer_change_old
    FOR EACH STATEMENT EXECUTE FUNCTION offers_offer_change_on_delete();

INSERT INTO offers_offerchange (offer_id, kind, changed_at, xid)
SELECT id, 'created', created_at, pg_current_xact_id()::text::bigint FROM offers_offer ORDER BY id;
INSERT INTO offers_offerchange (offer_id, kind, changed_at, xid)
SELECT id, 'closed', coalesce(closed_at, updated_at), pg_current_xact_id()::text::bigint
FROM offers_offer WHERE status = 'closed' ORDER BY id;
"""

DROP_TRIGGERS = """
DROP TRIGGER IF EXISTS offer_change_on_insert ON offers_offer;
DROP TRIGGER IF EXISTS offer_change_on_update ON offers_offer;
DROP TRIGGER IF EXISTS offer_change_on_delete ON offers_offer;
DROP FUNCTION IF EXISTS offers_offer_change_on_insert();
DROP FUNCTION IF EXISTS offers_offer_change_on_update();
DROP FUNCTION IF EXISTS offers_offer_change_on_delete();
"""


class Migration(migrations.Migration):
    dependencies = [("offers", "0007_offer_pay_top_index")]

    operations = [
        migrations.CreateModel(
            name="OfferChange",
            fields=[
                ("id", models.BigAutoField(primary_key=True, serialize=False)),
                ("offer_id", models.BigIntegerField(verbose_name="offre")),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("created", "créée"),
                            ("updated", "modifiée"),
                            ("closed", "fermée"),
                            ("deleted", "supprimée"),
                        ],
                        max_length=10,
                        verbose_name="nature",
                    ),
                ),
                (
                    "changed_at",
                    models.DateTimeField(db_default=django.db.models.functions.datetime.Now(), verbose_name="le"),
                ),
                ("xid", models.BigIntegerField(verbose_name="transaction")),
            ],
            options={
                "verbose_name": "changement d'offre",
                "verbose_name_plural": "changements d'offres",
                "indexes": [models.Index(fields=["xid", "id"], name="offer_change_position")],
            },
        ),
        migrations.RunSQL(CREATE_TRIGGERS, reverse_sql=DROP_TRIGGERS),
    ]
