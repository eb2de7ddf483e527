from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from core.backup import BackupError, make_backup


class Command(BaseCommand):
    help = (
        "Maak een consistente back-up van de database en de mediabestanden, met een manifest "
        "(SHA-256 van elk bestand). Zie docs/reliability.md."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "target",
            nargs="?",
            help="een nieuwe of lege map (standaard: backups/<datum-tijd>)",
        )

    def handle(self, *args, target=None, **options):
        target = Path(target or f"backups/{timezone.localtime():%Y%m%d-%H%M%S}")
        try:
            manifest = make_backup(target)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Back-up gemaakt in {target}: database ({manifest['database']['vendor']}), "
            f"{len(manifest['media'])} mediabestanden, "
            f"{len(manifest['referenced'])} bestanden waar de database naar verwijst."
        )
