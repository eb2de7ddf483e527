"""Load the BBV taakvelden (budgets/taakvelden.py), so a fresh install can enter budgets at once.

Later corrections to the list run through ``manage.py load_taakvelden`` (idempotent)."""

from django.db import migrations


def load(apps, schema_editor):
    from budgets.taakvelden import sync_taakvelden

    sync_taakvelden(apps.get_model("budgets", "Taakveld"))


class Migration(migrations.Migration):
    dependencies = [("budgets", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
