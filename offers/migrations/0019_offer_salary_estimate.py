"""Salary estimates of the sources (Adzuna's predicted salaries), apart from the employer's figures.

They are user-visible: the change feed's update trigger (0010) compares them too, so a
changed estimate reaches API clients. tests/api/test_change_feed.py checks VISIBLE_COLUMNS
here against the model.
"""

from importlib import import_module

from django.db import migrations, models

_TRIGGER = import_module("offers.migrations.0010_offer_change_update_columns")
IGNORED_COLUMNS = _TRIGGER.IGNORED_COLUMNS
VISIBLE_COLUMNS = (*_TRIGGER.VISIBLE_COLUMNS, "salary_estimate_min", "salary_estimate_max")


def _compared(columns: tuple[str, ...]) -> str:
    return _TRIGGER._function(
        "(" + ", ".join(f"n.{c}" for c in columns) + ") IS DISTINCT FROM (" + ", ".join(f"o.{c}" for c in columns) + ")"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("offers", "0018_posting_live_published_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="offer",
            name="salary_estimate_max",
            field=models.PositiveIntegerField(
                blank=True, null=True, verbose_name="estimation de salaire annuel max (€)"
            ),
        ),
        migrations.AddField(
            model_name="offer",
            name="salary_estimate_min",
            field=models.PositiveIntegerField(
                blank=True, null=True, verbose_name="estimation de salaire annuel min (€)"
            ),
        ),
        migrations.AddConstraint(
            model_name="offer",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("salary_estimate_min__isnull", True),
                    ("salary_estimate_max__isnull", True),
                    ("salary_estimate_min__lte", models.F("salary_estimate_max")),
                    _connector="OR",
                ),
                name="offer_salary_estimate_ordered",
            ),
        ),
        migrations.RunSQL(_compared(VISIBLE_COLUMNS), reverse_sql=_compared(_TRIGGER.VISIBLE_COLUMNS)),
    ]
