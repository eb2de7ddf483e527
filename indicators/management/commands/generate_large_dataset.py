"""``python manage.py generate_large_dataset``: a realistic large data set for the benchmark.

All 342 gemeenten, ~35 regio's, regional suppliers with doelgroepen, a few hundred indicators
(entered, population and computed), 10 years of quarters and tens of millions of approved figures
at the default scale, loaded with PostgreSQL COPY. Codes start with ``bench-``, so the set lives
beside the demo data; ``--drop`` removes it again. See indicators/benchmarking/dataset.py and
docs/benchmarks.md.
"""

import sys

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from indicators.benchmarking import PREFIX
from indicators.benchmarking.dataset import (
    SQLITE_MAX_VALUES,
    Generator,
    dataset_exists,
    drop_dataset,
)
from indicators.benchmarking.plan import Scale, ScaleError, dutch_number


class Command(BaseCommand):
    help = (
        "Maakt een grote gegenereerde dataset (codes beginnen met 'bench-') voor "
        "'manage.py benchmark', of verwijdert die met --drop."
    )

    def add_arguments(self, parser):
        defaults = Scale()
        parser.add_argument("--gemeenten", type=int, default=defaults.gemeenten)
        parser.add_argument(
            "--indicators", type=int, default=defaults.indicators, help="Alle indicatoren samen."
        )
        parser.add_argument("--years", type=int, default=defaults.years, help="Jaren kwartalen.")
        parser.add_argument(
            "--doelgroepen", type=int, default=defaults.doelgroepen, help="Per uitvoerder."
        )
        parser.add_argument(
            "--computed", type=int, default=defaults.computed, help="Berekende indicatoren."
        )
        parser.add_argument("--seed", type=int, default=defaults.seed)
        parser.add_argument(
            "--last-year", type=int, default=defaults.last_year, help="Het laatste jaar."
        )
        parser.add_argument("--yes", action="store_true", help="Niet om bevestiging vragen.")
        parser.add_argument(
            "--drop", action="store_true", help="Verwijder de benchmarkdataset (en maak niets)."
        )
        parser.add_argument(
            "--keep-indexes",
            action="store_true",
            help="Laat de indexen van de waardentabel staan tijdens het laden (ter vergelijking).",
        )

    def handle(self, *args, **options):
        if options["drop"]:
            return self.drop(options)
        scale = Scale(
            gemeenten=options["gemeenten"],
            indicators=options["indicators"],
            years=options["years"],
            doelgroepen=options["doelgroepen"],
            computed=options["computed"],
            seed=options["seed"],
            last_year=options["last_year"],
        )
        try:
            scale.check()
        except ScaleError as exc:
            raise CommandError(str(exc)) from exc
        total = scale.total_values
        if connection.vendor == "sqlite" and total > SQLITE_MAX_VALUES:
            raise CommandError(
                f"Deze schaal geeft {dutch_number(total)} waarden; SQLite is alleen voor kleine "
                f"schalen (hoogstens {dutch_number(SQLITE_MAX_VALUES)}). Gebruik PostgreSQL via "
                "DATABASE_URL."
            )
        if dataset_exists():
            raise CommandError(
                f"Er staat al een benchmarkdataset (codes '{PREFIX}...') in de database. "
                "Verwijder die eerst met --drop."
            )
        self.stdout.write(
            f"Benchmarkdataset: {scale.gemeenten} gemeenten, {scale.regios} regio's, "
            f"{scale.indicators} indicatoren ({scale.computed} berekend), {scale.years} jaar "
            f"kwartalen ({scale.last_year - scale.years + 1}-{scale.last_year}), "
            f"{scale.doelgroepen} doelgroepen per uitvoerder: {dutch_number(total)} waarden, "
            f"database {connection.settings_dict['NAME']} ({connection.vendor})."
        )
        if not options["yes"] and not self.confirmed():
            raise CommandError("Afgebroken.")
        generator = Generator(
            scale,
            progress=self.progress,
            drop_indexes=False if options["keep_indexes"] else None,
        )
        try:
            report = generator.run()
        except ScaleError as exc:
            raise CommandError(str(exc)) from exc
        for note in report.notes:
            self.stdout.write(note)
        seconds = report.seconds["totaal"]
        self.stdout.write(
            self.style.SUCCESS(
                f"Klaar: {dutch_number(report.values)} waarden in {seconds:.1f} s "
                f"({dutch_number(int(report.values / seconds)) if seconds else '-'} per seconde). "
                "Gegenereerde cijfers hebben geen historie (geen invoer van gebruikers)."
            )
        )

    def drop(self, options):
        if not dataset_exists():
            self.stdout.write("Er is geen benchmarkdataset.")
            return
        if not options["yes"] and not self.confirmed("De benchmarkdataset verwijderen?"):
            raise CommandError("Afgebroken.")
        counts = drop_dataset(progress=self.progress)
        self.stdout.write(
            self.style.SUCCESS(
                "Benchmarkdataset verwijderd: "
                + ", ".join(f"{dutch_number(n)} {label}" for label, n in counts.items())
                + "."
            )
        )

    def progress(self, message: str) -> None:
        self.stdout.write(message)
        self.stdout.flush()

    def confirmed(self, question: str = "Doorgaan?") -> bool:
        if not sys.stdin or not sys.stdin.isatty():
            raise CommandError("Bevestig met --yes (geen terminal om het te vragen).")
        return input(f"{question} [j/N] ").strip().lower() in {"j", "ja", "y", "yes"}
