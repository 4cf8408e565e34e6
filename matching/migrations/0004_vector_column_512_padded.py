"""The vector columns widen from 384 to 512 dimensions (USE multilingual v3's width).

Vectors already stored (all-MiniLM-L6-v2's 384) are zero-padded in place: their cosines do not
change, so nothing is re-embedded. PostgreSQL rebuilds the HNSW index with the column.
"""

from django.db import migrations

import matching.models

_WIDEN = (
    "ALTER TABLE {table} ALTER COLUMN vector TYPE vector(512) "
    "USING (vector::real[] || array_fill(0::real, ARRAY[512 - vector_dims(vector)]))::vector(512)"
)
_NARROW = "ALTER TABLE {table} ALTER COLUMN vector TYPE vector(384) USING (vector::real[])[1:384]::vector(384)"


class Migration(migrations.Migration):
    dependencies = [("matching", "0003_evaluation_recommendations")]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(_WIDEN.format(table=table), reverse_sql=_NARROW.format(table=table))
                for table in ("matching_offerembedding", "matching_candidateembedding")
            ],
            state_operations=[
                migrations.AlterField(
                    model_name=model,
                    name="vector",
                    field=matching.models.PaddedVectorField(dimensions=512),
                )
                for model in ("offerembedding", "candidateembedding")
            ],
        ),
    ]
