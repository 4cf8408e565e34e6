"""Whether an offer's experience is required (France Travail's experienceExige "E") or only wished ("S").

User-visible (the recommendations say "Expérience exigée" or "souhaitée"): the change feed's update
trigger (0010, last redefined in 0019) compares it too. tests/api/test_change_feed.py checks
VISIBLE_COLUMNS here against the model.
"""

from importlib import import_module

from django.db import migrations, models

_PREVIOUS = import_module("offers.migrations.0019_offer_salary_estimate")
IGNORED_COLUMNS = _PREVIOUS.IGNORED_COLUMNS
VISIBLE_COLUMNS = (*_PREVIOUS.VISIBLE_COLUMNS, "experience_required")


class Migration(migrations.Migration):
    dependencies = [
        ("offers", "0021_search_related_terms_and_negations"),
    ]

    operations = [
        migrations.AddField(
            model_name="offer",
            name="experience_required",
            field=models.BooleanField(default=False, verbose_name="expérience exigée"),
        ),
        migrations.RunSQL(
            _PREVIOUS._compared(VISIBLE_COLUMNS), reverse_sql=_PREVIOUS._compared(_PREVIOUS.VISIBLE_COLUMNS)
        ),
    ]
