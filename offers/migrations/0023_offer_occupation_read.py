"""The occupation the project reads of each offer, stored (offers.understanding.offer_occupation).

Not a change clients see (the source's ROME code is): both columns are ignored by the change feed's
update trigger, which is not redefined. Offers written before this migration get theirs from
`manage.py read_occupations`; until then the matching reads them when it meets them. A database default
keeps the statements that do not name them (bench/search.py's COPY) working.
"""

from importlib import import_module

from django.db import migrations, models

_PREVIOUS = import_module("offers.migrations.0022_offer_experience_required")
IGNORED_COLUMNS = (*_PREVIOUS.IGNORED_COLUMNS, "occupation_code", "occupation_confidence")
VISIBLE_COLUMNS = _PREVIOUS.VISIBLE_COLUMNS


class Migration(migrations.Migration):
    dependencies = [
        ("offers", "0022_offer_experience_required"),
    ]

    operations = [
        migrations.AddField(
            model_name="offer",
            name="occupation_code",
            field=models.CharField(blank=True, db_default="", default="", max_length=5, verbose_name="métier lu"),
        ),
        migrations.AddField(
            model_name="offer",
            name="occupation_confidence",
            field=models.FloatField(db_default=0.0, default=0.0, verbose_name="confiance du métier lu"),
        ),
    ]
