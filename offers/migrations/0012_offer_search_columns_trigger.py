"""The two search columns of offers are filled by a trigger instead of being generated.

As STORED generated columns (0004, 0005), `search_vector` and `search_head` were
recomputed on every insert and on every update of the row, whatever the update: the
daily `last_seen_at` touch of an offer seen again re-parsed its whole description, and
the title/skills part was parsed twice (once per column). That was most of
PostgreSQL's time in an ingestion (bench/ingest.py).

The trigger computes the head (title A, skills and ROME label B) once, appends the
company and description part (C) to make the full vector, and runs only on inserts and
on updates that change one of those five columns. `head || C` is exactly the former
`A || B || C` (tsvector concatenation shifts the right side's positions by the left
side's last one), so search results do not change. `DROP EXPRESSION` turns the columns
into plain ones and keeps their values: no table rewrite, no recomputation.

A statement may write both columns itself: the ingestion's bulk upsert
(offers.services._offers_write) computes them from texts whose accents it folded in
Python, because jm_unaccent's translate() was half of their cost. The trigger keeps
what such a statement wrote (an insert that gives both, an update that changes them);
every other write (the ORM, the admin, the API) gets them computed here.
tests/offers/test_search_columns.py checks that both ways give the same vectors.
"""

from django.db import migrations

SOURCE_COLUMNS = ("title", "skills", "rome_label", "company", "description")

CREATE_TRIGGER = f"""
ALTER TABLE offers_offer ALTER COLUMN search_vector DROP EXPRESSION;
ALTER TABLE offers_offer ALTER COLUMN search_head DROP EXPRESSION;

CREATE FUNCTION offers_offer_search_columns() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        IF ({", ".join(f"NEW.{name}" for name in SOURCE_COLUMNS)})
           IS NOT DISTINCT FROM ({", ".join(f"OLD.{name}" for name in SOURCE_COLUMNS)}) THEN
            RETURN NEW;  -- the SET list named a source column but left its value as it was
        END IF;
        IF (NEW.search_head, NEW.search_vector) IS DISTINCT FROM (OLD.search_head, OLD.search_vector) THEN
            RETURN NEW;  -- the statement wrote them itself (the ingestion's bulk upsert)
        END IF;
    ELSIF NEW.search_head IS NOT NULL AND NEW.search_vector IS NOT NULL THEN
        RETURN NEW;  -- the statement wrote them itself (the ingestion's bulk upsert)
    END IF;
    NEW.search_head :=
        setweight(to_tsvector('french'::regconfig, jm_unaccent(coalesce(NEW.title, ''))), 'A')
        || setweight(to_tsvector('french'::regconfig,
            jm_unaccent(jm_array_text(NEW.skills::text[]) || ' ' || coalesce(NEW.rome_label, ''))), 'B');
    NEW.search_vector := NEW.search_head
        || setweight(to_tsvector('french'::regconfig,
            jm_unaccent(coalesce(NEW.company, '') || ' ' || left(coalesce(NEW.description, ''), 6000))), 'C');
    RETURN NEW;
END $$;

-- UPDATE OF: an update whose SET list names none of the source columns (the daily
-- last_seen_at touch, a status change) does not even call the function.
CREATE TRIGGER offer_search_columns BEFORE INSERT OR UPDATE OF {", ".join(SOURCE_COLUMNS)} ON offers_offer
    FOR EACH ROW EXECUTE FUNCTION offers_offer_search_columns();
"""

# Back to generated columns (PostgreSQL 16 cannot give a plain column an expression: re-added).
DROP_TRIGGER = """
DROP TRIGGER IF EXISTS offer_search_columns ON offers_offer;
DROP FUNCTION IF EXISTS offers_offer_search_columns();
DROP INDEX IF EXISTS offer_search_vector_gin;
ALTER TABLE offers_offer DROP COLUMN search_vector, DROP COLUMN search_head;
ALTER TABLE offers_offer ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('french'::regconfig, jm_unaccent(coalesce(title, ''))), 'A')
    || setweight(to_tsvector('french'::regconfig,
        jm_unaccent(jm_array_text(skills::text[]) || ' ' || coalesce(rome_label, ''))), 'B')
    || setweight(to_tsvector('french'::regconfig,
        jm_unaccent(coalesce(company, '') || ' ' || left(coalesce(description, ''), 6000))), 'C')
) STORED;
ALTER TABLE offers_offer ADD COLUMN search_head tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('french'::regconfig, jm_unaccent(coalesce(title, ''))), 'A')
    || setweight(to_tsvector('french'::regconfig,
        jm_unaccent(jm_array_text(skills::text[]) || ' ' || coalesce(rome_label, ''))), 'B')
) STORED;
CREATE INDEX offer_search_vector_gin ON offers_offer USING gin (search_vector);
"""


class Migration(migrations.Migration):
    dependencies = [("offers", "0011_occupation_parent_code")]

    operations = [migrations.RunSQL(CREATE_TRIGGER, reverse_sql=DROP_TRIGGER)]
