"""``python manage.py load_taakvelden``: add or correct the BBV taakvelden (idempotent)."""

from django.core.management.base import BaseCommand
from django.db import transaction

from budgets.taakvelden import sync_taakvelden


class Command(BaseCommand):
    help = (
        "Laadt de BBV-taakvelden (hoofdtaakvelden 0-8, sociaal domein inclusief de splitsing van "
        "2023) of werkt ze bij. Verwijdert nooit iets; kan veilig vaker draaien."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            created, updated = sync_taakvelden()
        self.stdout.write(
            self.style.SUCCESS(
                f"Taakvelden: {created} nieuw, {updated} bijgewerkt (de rest was al actueel)."
            )
        )
