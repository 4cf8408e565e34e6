"""A small ranking vector next to the full search vector.

`search_vector` holds the description too, so PostgreSQL stores it out of line
(TOAST): ranking thousands of matches would detoast each one. `search_head` (title A,
skills and ROME label B) stays small and inline; relevance is computed on it, while
matching still uses the full vector and its GIN index.
"""

from django.db import migrations

ADD_SEARCH_HEAD = """
ALTER TABLE offers_offer ADD COLUMN search_head tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('french'::regconfig, jm_unaccent(coalesce(title, ''))), 'A')
    || setweight(to_tsvector('french'::regconfig,
        jm_unaccent(jm_array_text(skills::text[]) || ' ' || coalesce(rome_label, ''))), 'B')
) STORED;
"""


class Migration(migrations.Migration):
    dependencies = [("offers", "0004_search_vector_and_soft_skills")]

    operations = [
        migrations.RunSQL(ADD_SEARCH_HEAD, reverse_sql="ALTER TABLE offers_offer DROP COLUMN IF EXISTS search_head;"),
    ]
