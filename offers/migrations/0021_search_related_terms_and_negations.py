"""Search: neighbour terms of a synonym (SearchSynonym.related), and a vector without negations.

`related` names neighbours, not equivalents ("DRH" -> "responsable RH"): their offers follow the
exact answers, shown as close ones (offers/search/synonyms.json fills it where staff left it empty).

The search vector leaves out what an offer's description says it does NOT ask for.

"Permis B suffisant : pas de permis poids lourd demandé" made a light-van delivery job answer a
search for "poids lourd": full text cannot read a negation. `jm_without_negations` blanks, in the
folded description, the words after "pas de", "sans", "aucun(e)", "ni" (three at most, never past
punctuation) and the words before "non requis", "n'est pas exigé", "pas nécessaire"..., before it
becomes the C part of the vector. Titles, skills and the ROME label (A, B) stay as written.

The trigger of 0012 gets the same C part; the ingestion's bulk upsert (offers.services) calls the
function too. Offers stored before keep their vector until they change (`manage.py reprocess`).
"""

from django.db import migrations, models

PREFIXED = r"\m(pas d[e']?|pas des|sans|aucune?|ni)\M[[:space:]']*(\w+[[:space:]'-]+){0,2}\w+"
SUFFIXED = (
    r"(\w+[[:space:]'-]+){0,2}\w+[[:space:]]+(non|n[[:space:]']?est pas|ne sont pas|pas)[[:space:]]+"
    r"(requise?s?|exigee?s?|necessaires?|obligatoires?|demandee?s?|indispensables?)\M"
)


def _literal(pattern: str) -> str:
    return "'" + pattern.replace("'", "''") + "'"


CREATE_FUNCTION = f"""
CREATE OR REPLACE FUNCTION jm_without_negations(value text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
    SELECT regexp_replace(regexp_replace(value, {_literal(SUFFIXED)}, ' ', 'gi'), {_literal(PREFIXED)}, ' ', 'gi')
$$;
"""

SOURCE_COLUMNS = ("title", "skills", "rome_label", "company", "description")


def _trigger_function(description_part: str) -> str:
    # As offers migration 0012 wrote it, with `description_part` for the C text.
    return f"""
CREATE OR REPLACE FUNCTION offers_offer_search_columns() RETURNS trigger LANGUAGE plpgsql AS $$
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
        || setweight(to_tsvector('french'::regconfig, {description_part}), 'C');
    RETURN NEW;
END $$;
"""


DESCRIPTION = "jm_unaccent(coalesce(NEW.company, '') || ' ' || left(coalesce(NEW.description, ''), 6000))"


def load_related(apps, schema_editor):
    import json

    from offers.search.synonyms import SYNONYMS_PATH, search_synonyms_load

    model = apps.get_model("offers", "SearchSynonym")
    search_synonyms_load(model=model)
    for entry in json.loads(SYNONYMS_PATH.read_text(encoding="utf-8"))["synonyms"]:
        if entry.get("related"):
            model.objects.filter(term=entry["term"], related="").update(related=entry["related"])


class Migration(migrations.Migration):
    dependencies = [
        ("offers", "0020_search_synonyms_more_acronyms"),
    ]

    operations = [
        migrations.AddField(
            model_name="searchsynonym",
            name="related",
            field=models.TextField(
                blank=True,
                help_text=(
                    "Expressions voisines, séparées par des virgules : leurs offres suivent les réponses exactes, "
                    "marquées « Proche », quand moins d'une page d'offres contient le terme (ex. DRH → responsable RH)."
                ),
                verbose_name="termes voisins",
            ),
        ),
        migrations.RunPython(load_related, migrations.RunPython.noop),
        migrations.RunSQL(
            CREATE_FUNCTION + _trigger_function(f"jm_without_negations({DESCRIPTION})"),
            _trigger_function(DESCRIPTION) + "DROP FUNCTION IF EXISTS jm_without_negations(text);",
        ),
    ]
