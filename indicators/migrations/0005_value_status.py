"""The single ``voorlopig`` flag becomes the status CBS uses: voorlopig, nader voorlopig,
definitief. voorlopig=True → voorlopig, False → definitief, in the values and their history."""

from django.db import migrations, models
from django.db.models import Case, Value, When

STATUS_CHOICES = [
    ("voorlopig", "voorlopig"),
    ("nader_voorlopig", "nader voorlopig"),
    ("definitief", "definitief"),
]


def flag_to_status(apps, schema_editor):
    for name in ("Value", "HistoricalValue"):
        model = apps.get_model("indicators", name)
        model.objects.update(
            status=Case(When(voorlopig=True, then=Value("voorlopig")), default=Value("definitief"))
        )


def status_to_flag(apps, schema_editor):
    for name in ("Value", "HistoricalValue"):
        model = apps.get_model("indicators", name)
        model.objects.update(
            voorlopig=Case(When(status="definitief", then=Value(False)), default=Value(True))
        )


def status_field():
    return models.CharField(
        choices=STATUS_CHOICES,
        default="definitief",
        help_text="Zoals CBS: voorlopig, nader voorlopig of definitief.",
        max_length=16,
        verbose_name="status",
    )


class Migration(migrations.Migration):
    dependencies = [
        ("indicators", "0004_value_fk_indexes_covered"),
    ]

    operations = [
        migrations.AddField(model_name="historicalvalue", name="status", field=status_field()),
        migrations.AddField(model_name="value", name="status", field=status_field()),
        migrations.RunPython(flag_to_status, status_to_flag, elidable=False),
        migrations.RemoveIndex(model_name="value", name="waarde_aanlevering_gebied"),
        migrations.RemoveField(model_name="historicalvalue", name="voorlopig"),
        migrations.RemoveField(model_name="value", name="voorlopig"),
        migrations.AddIndex(
            model_name="value",
            index=models.Index(
                fields=["submission", "area"],
                include=["indicator", "doelgroep", "value", "status"],
                name="waarde_aanlevering_gebied",
            ),
        ),
    ]
