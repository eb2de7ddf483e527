"""``python manage.py load_demo``: the Walcheren monitor as demo data, with one user per role.

``load_dataset`` on the bundled set ``datasets/demo/`` (where every figure comes from: its
``document`` and ``bron``), with a guard: the demo users have a public password, so it refuses
when DEBUG is off unless ``--force``. Idempotent, like every data set.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from datasets.commands import load_dataset
from datasets.files import DatasetError
from datasets.loader import Dataset

DEMO = Path(__file__).resolve().parents[2] / "demo"


class Command(BaseCommand):
    help = (
        "Laadt de Monitor Sociaal Domein Walcheren als demo-data: gemeenten, Orionis en Porthos, "
        "de vijf maatschappelijke resultaten, alle indicatoren uit de bijlage, de cijfers uit de "
        "monitor (goedgekeurd) en één demo-gebruiker per rol."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Ook laden als DEBUG uit staat (demo-gebruikers met een bekend wachtwoord!).",
        )
        parser.add_argument(
            "--with-report",
            action="store_true",
            help="Maak ook een concept-rapportage Vlissingen 2018H1 en laat die genereren.",
        )
        parser.add_argument(
            "--reset-passwords",
            action="store_true",
            help="Zet het wachtwoord van bestaande demo-gebruikers terug op het demo-wachtwoord.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Controleer en laad op proef; sla niets op."
        )

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG staat uit: dit lijkt een productie-omgeving. De demo-gebruikers hebben een "
                "openbaar bekend wachtwoord en worden daarom niet aangemaakt. Gebruik --force "
                "als u dit echt wilt."
            )
        try:
            options.pop("stdout", None)
            dataset = Dataset.read(DEMO)
            load_dataset(
                dataset, self.stdout, self.style, title="Demo-data Walcheren geladen.", **options
            )
        except DatasetError as exc:
            raise CommandError("De demo-dataset is niet geladen:\n" + str(exc)) from exc
