"""Drop the single-column indexes on Value.submission and Value.indicator.

Both columns lead composite indexes already (the unique constraint ``waarde_uniek`` and the
covering index ``waarde_aanlevering_gebied`` start with submission, ``(indicator, area)`` with
indicator), so queries and cascading deletes keep an index; a bulk import writes two indexes
fewer (docs/benchmarks.md). Only the indexes go: the foreign-key constraints stay as they are
(Django's own AlterField would drop and re-add them, re-checking every row of a large table).
"""

import django.db.models.deletion
from django.db import migrations, models

INDEXES = {
    "indicators_value_indicator_id_f64addf6": "indicator_id",
    "indicators_value_submission_id_61a20079": "submission_id",
}


class Migration(migrations.Migration):
    dependencies = [
        ("indicators", "0003_value_waarde_aanlevering_gebied"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="value",
                    name="indicator",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="values",
                        to="indicators.indicator",
                        verbose_name="indicator",
                    ),
                ),
                migrations.AlterField(
                    model_name="value",
                    name="submission",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="values",
                        to="indicators.submission",
                        verbose_name="aanlevering",
                    ),
                ),
            ],
            database_operations=[
                migrations.RunSQL(
                    sql=f"DROP INDEX IF EXISTS {name}",
                    reverse_sql=f"CREATE INDEX {name} ON indicators_value ({column})",
                )
                for name, column in INDEXES.items()
            ],
        ),
    ]
