"""``python manage.py load_dataset <map-of-bestand>``: a data set as starting set (docs/datasets.md)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from datasets.commands import load_dataset
from datasets.files import DatasetError
from datasets.loader import Dataset


class Command(BaseCommand):
    help = _(
        "Laadt een dataset (een map met .yaml-bestanden of één bestand): organisaties, "
        "indicatoren, uitvragen, cijfers, begrotingen, beleidskaders en rapportages. Wat al "
        "bestaat (op code) blijft zoals het is; alles in één transactie. Formaat: docs/datasets.md."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help=_("Map met .yaml-bestanden, of één .yaml-bestand."))
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=_("Controleer en laad op proef; sla niets op."),
        )
        parser.add_argument(
            "--with-report",
            action="store_true",
            help=_("Maak ook de rapportages met only_with_report: true."),
        )
        parser.add_argument(
            "--reset-passwords",
            action="store_true",
            help=_("Zet het wachtwoord van bestaande gebruikers terug op dat van de dataset."),
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help=_("Ook een dataset met een wachtwoord laden als DEBUG uit staat."),
        )

    def handle(self, *args, path, force=False, **options):
        try:
            dataset = Dataset.read(path)
            if dataset.info.password and not settings.DEBUG and not force:
                raise CommandError(
                    _(
                        "Deze dataset zet een bekend wachtwoord voor zijn gebruikers en DEBUG "
                        "staat uit. Gebruik --force als u dit echt wilt."
                    )
                )
            title = dataset.info.name or str(path)
            options.pop("stdout", None)
            load_dataset(
                dataset,
                self.stdout,
                self.style,
                title=_("Geladen: %(t)s") % {"t": title},
                **options,
            )
        except DatasetError as exc:
            raise CommandError(_("De dataset is niet geladen:") + "\n" + str(exc)) from exc
