"""The vector columns widen from 384 to 512 dimensions (USE multilingual v3's width).

Vectors already stored (all-MiniLM-L6-v2's 384) are zero-padded in place: their cosines do not
change, so nothing is re-embedded. PostgreSQL rebuilds the HNSW index with the column. The
vectors stay in their rows (PLAIN storage, below).
"""

from django.db import migrations

import matching.models

# One statement, one table rewrite: PLAIN storage keeps each vector in its row. A 512-float vector
# (2 KB) is just over PostgreSQL's TOAST threshold, and the type's default (EXTENDED) would move
# every one to the TOAST table: the exact scans of filtered kNN read them all (bench/recommend.py,
# 1 % filters at 100k: p95 10-15 ms against 5-6 inline).
_WIDEN = (
    "ALTER TABLE {table} ALTER COLUMN vector TYPE vector(512) "
    "USING (vector::real[] || array_fill(0::real, ARRAY[512 - vector_dims(vector)]))::vector(512), "
    "ALTER COLUMN vector SET STORAGE PLAIN"
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
