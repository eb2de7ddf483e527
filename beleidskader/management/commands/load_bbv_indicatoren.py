from django.core.management.base import BaseCommand

from beleidskader.bbv import sync


class Command(BaseCommand):
    help = (
        "Laadt of corrigeert de BBV-beleidsindicatoren (landelijke set) uit "
        "beleidskader/data/bbv_beleidsindicatoren.yaml; verwijdert niets."
    )

    def handle(self, *args, **options):
        created, updated = sync()
        self.stdout.write(f"BBV-beleidsindicatoren: {created} nieuw, {updated} bijgewerkt.")
