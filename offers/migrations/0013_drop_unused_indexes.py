"""Indexes the ingestion maintained on every write and no query used.

`db_index=True` on a CharField gives two indexes: a b-tree for equality and a
`varchar_pattern_ops` copy for LIKE 'prefix%'. No query filters département, ROME code,
dedup key or text key by prefix, so the copies only cost the bulk upsert time; the
offer's own dedup key is never looked up at all (the postings' is). The equality
indexes stay, renamed and declared in Meta. Nothing is rebuilt: the copies are dropped
and the kept indexes renamed.
"""

from django.db import migrations, models

KEPT = [
    ("offers_offer_departement_124be1ea", "offer_departement"),
    ("offers_offer_rome_code_a20cb9ab", "offer_rome_code"),
    ("offers_offersource_dedup_key_eb488342", "offer_source_dedup_key"),
    ("offers_offersource_text_key_c81fcd85", "offer_source_text_key"),
]
DROPPED_COPIES = [
    ("offers_offer_departement_124be1ea_like", "offers_offer", "departement"),
    ("offers_offer_rome_code_a20cb9ab_like", "offers_offer", "rome_code"),
    ("offers_offer_dedup_key_d531730d_like", "offers_offer", "dedup_key"),
    ("offers_offersource_dedup_key_eb488342_like", "offers_offersource", "dedup_key"),
    ("offers_offersource_text_key_c81fcd85_like", "offers_offersource", "text_key"),
]

FORWARD = [
    *(f"DROP INDEX IF EXISTS {name};" for name, _, _ in DROPPED_COPIES),
    "DROP INDEX IF EXISTS offers_offer_dedup_key_d531730d;",
    *(f"ALTER INDEX IF EXISTS {old} RENAME TO {new};" for old, new in KEPT),
]
BACKWARD = [
    *(f"ALTER INDEX IF EXISTS {new} RENAME TO {old};" for old, new in KEPT),
    "CREATE INDEX IF NOT EXISTS offers_offer_dedup_key_d531730d ON offers_offer (dedup_key);",
    *(
        f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({column} varchar_pattern_ops);"
        for name, table, column in DROPPED_COPIES
    ),
]


class Migration(migrations.Migration):
    dependencies = [("offers", "0012_offer_search_columns_trigger")]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunSQL(FORWARD, BACKWARD)],
            state_operations=[
                migrations.AlterField(
                    model_name="offer",
                    name="departement",
                    field=models.CharField(blank=True, max_length=3, verbose_name="département"),
                ),
                migrations.AlterField(
                    model_name="offer",
                    name="rome_code",
                    field=models.CharField(blank=True, max_length=5, verbose_name="code ROME"),
                ),
                migrations.AlterField(
                    model_name="offer",
                    name="dedup_key",
                    field=models.CharField(
                        blank=True,
                        help_text="Employeur + intitulé normalisé + commune.",
                        max_length=64,
                        verbose_name="clé de dédoublonnage",
                    ),
                ),
                migrations.AlterField(
                    model_name="offersource",
                    name="dedup_key",
                    field=models.CharField(blank=True, max_length=64, verbose_name="clé employeur/intitulé/commune"),
                ),
                migrations.AlterField(
                    model_name="offersource",
                    name="text_key",
                    field=models.CharField(blank=True, max_length=64, verbose_name="empreinte du texte"),
                ),
                migrations.AddIndex(
                    model_name="offer", index=models.Index(fields=["departement"], name="offer_departement")
                ),
                migrations.AddIndex(
                    model_name="offer", index=models.Index(fields=["rome_code"], name="offer_rome_code")
                ),
                migrations.AddIndex(
                    model_name="offersource", index=models.Index(fields=["dedup_key"], name="offer_source_dedup_key")
                ),
                migrations.AddIndex(
                    model_name="offersource", index=models.Index(fields=["text_key"], name="offer_source_text_key")
                ),
            ],
        )
    ]
