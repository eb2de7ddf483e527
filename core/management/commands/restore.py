from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.backup import BackupError, restore_backup, verify_backup


class Command(BaseCommand):
    help = (
        "Zet een back-up terug (database en mediabestanden vervangen) en controleer het "
        "resultaat tegen het manifest en de opgeslagen SHA-256 van de vastgestelde bestanden. "
        "Met --check alleen de back-up zelf controleren."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", help="de map van de back-up")
        parser.add_argument(
            "--check", action="store_true", help="alleen de back-up controleren, niets terugzetten"
        )
        parser.add_argument(
            "--yes",
            action="store_true",
            help="echt terugzetten: de huidige database en MEDIA_ROOT worden vervangen",
        )

    def handle(self, *args, source, check=False, yes=False, **options):
        source = Path(source)
        try:
            if check:
                result = verify_backup(source)
                self._report(result, f"Back-up {source} gecontroleerd")
                return
            if not yes:
                raise CommandError(
                    "Terugzetten vervangt de database en alle mediabestanden; geef --yes mee."
                )
            result = restore_backup(source)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self._report(result, f"Back-up {source} teruggezet")

    def _report(self, result, what):
        for problem in result.problems:
            self.stderr.write(f"FOUT: {problem}")
        if not result.ok:
            raise CommandError(f"{what}: {len(result.problems)} fout(en).")
        hashed = f", {result.hashed} met opgeslagen SHA-256" if result.hashed else ""
        self.stdout.write(f"{what}: {result.files} bestanden in orde{hashed}.")
