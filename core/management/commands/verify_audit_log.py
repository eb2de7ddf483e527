from django.core.management.base import BaseCommand, CommandError

from core.audit import verify_chain


class Command(BaseCommand):
    help = "Controleert de hashketen van het beveiligingslogboek en meldt de eerste breuk."

    def handle(self, *args, **options):
        checked, broken = verify_chain()
        if broken:
            raise CommandError(
                f"Keten gebroken bij regel {broken.seq}: {broken.reason} "
                f"({checked} regels daarvoor in orde)."
            )
        self.stdout.write(self.style.SUCCESS(f"Keten in orde: {checked} regels gecontroleerd."))
