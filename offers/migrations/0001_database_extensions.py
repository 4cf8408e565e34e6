"""Database extensions and functions everything else relies on.

- `vector` (pgvector) for the embeddings of matching.
- `jm_unaccent(text)`: an IMMUTABLE accent folder written in SQL. The `unaccent`
  contrib extension is not shipped by every PostgreSQL build (pgserver's lacks it),
  and the stock `unaccent()` is not IMMUTABLE, so it cannot feed an index anyway.
"""

from __future__ import annotations

from django.db import migrations
from pgvector.django import VectorExtension

ACCENTED = "ÀÁÂÃÄÅàáâãäåÇçÈÉÊËèéêëÌÍÎÏìíîïÑñÒÓÔÕÖØòóôõöøÙÚÛÜùúûüÝýÿ’"
PLAIN = "AAAAAAaaaaaaCcEEEEeeeeIIIIiiiiNnOOOOOOooooooUUUUuuuuYyy'"
PLAIN_SQL = PLAIN.replace("'", "''")

CREATE_UNACCENT = f"""
CREATE OR REPLACE FUNCTION jm_unaccent(value text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT replace(replace(replace(replace(
    translate(value, '{ACCENTED}', '{PLAIN_SQL}'),
    'œ', 'oe'), 'Œ', 'OE'), 'æ', 'ae'), 'Æ', 'AE')
$$;
"""


class Migration(migrations.Migration):
    initial = True
    dependencies: list[tuple[str, str]] = []

    operations = [
        VectorExtension(),
        migrations.RunSQL(CREATE_UNACCENT, reverse_sql="DROP FUNCTION IF EXISTS jm_unaccent(text);"),
    ]
