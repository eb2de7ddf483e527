"""``python manage.py validate_period 2018H1``: run all active checks over a period's submissions.

Prints the findings per submission with counts, and a total. ``--alleen-fouten`` leaves out
warnings; ``--uitvoerder CODE`` limits the run to one supplier; with ``--strikt`` the exit status
is 1 when any submission has an error, so the command can guard a pipeline.
"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from indicators.models import Period, Submission
from indicators.quality.rules import check_period


class Command(BaseCommand):
    help = (
        "Controleert alle aanleveringen van een periode met de actieve validatieregels, de "
        "grenzen per indicator en de vergelijking met de vorige periode."
    )

    def add_arguments(self, parser):
        parser.add_argument("periode", help="Bijvoorbeeld 2018H1 (of 2018S1), 2018Q2 of 2018.")
        parser.add_argument("--uitvoerder", help="Alleen de aanleveringen van deze uitvoerder.")
        parser.add_argument("--alleen-fouten", action="store_true", help="Laat waarschuwingen weg.")

    def handle(self, *args, periode, uitvoerder=None, alleen_fouten=False, strikt=False, **options):
        try:
            type_, year, number = Period.parse_identifier(periode)
        except ValidationError as exc:
            raise CommandError(exc.messages[0]) from exc
        period = Period.objects.filter(type=type_, year=year, number=number).first()
        if period is None:
            raise CommandError(f"Periode {periode} bestaat niet.")
        submissions = Submission.objects.all()
        if uitvoerder:
            submissions = submissions.filter(uitvraag__uitvoerder__code=uitvoerder)
        checks = check_period(period, submissions)
        errors = warnings = 0
        for check in checks:
            findings = [f for f in check.findings if f.is_error or not alleen_fouten]
            errors += check.errors
            warnings += check.warnings
            submission = check.submission
            self.stdout.write(
                f"{submission.uitvraag.uitvoerder.name} – {submission.uitvraag.name} "
                f"(aanlevering {submission.pk}, {submission.get_status_display().lower()}): "
                f"{counted(check.errors, 'fout', 'fouten')}, "
                f"{counted(check.warnings, 'waarschuwing', 'waarschuwingen')}"
            )
            for finding in findings:
                label = finding.severity_label.lower()
                if not finding.is_error and finding.explained:
                    label += ", toegelicht"
                self.stdout.write(f"  [{label}] {finding.message}")
        summary = (
            f"{period.label}: {counted(len(checks), 'aanlevering', 'aanleveringen')} "
            f"gecontroleerd, {counted(errors, 'fout', 'fouten')}, "
            f"{counted(warnings, 'waarschuwing', 'waarschuwingen')}."
        )
        self.stdout.write(self.style.ERROR(summary) if errors else self.style.SUCCESS(summary))
        if errors and strikt:
            raise SystemExit(1)


def counted(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"
