"""ROME's texts file doubles every apostrophe (its export's SQL escaping); `load_rome` now reads them as one.
This mends the definitions and access texts loaded before."""

from django.db import migrations
from django.db.models import Value
from django.db.models.functions import Replace


def single_apostrophes(apps, schema_editor):
    Occupation = apps.get_model("offers", "Occupation")
    for field in ("definition", "access"):
        Occupation.objects.filter(**{f"{field}__contains": "''"}).update(
            **{field: Replace(field, Value("''"), Value("'"))}
        )


class Migration(migrations.Migration):
    dependencies = [("offers", "0023_offer_occupation_read")]

    operations = [migrations.RunPython(single_apostrophes, migrations.RunPython.noop)]
