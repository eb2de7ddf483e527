"""``python manage.py benchmark``: speed figures on the generated data set (see
``generate_large_dataset``): bulk import through the API, computing the computed indicators, a
gemeente's overview and the heaviest list pages. Prints a table; never asserts on time.
"""

from django.core.management.base import BaseCommand, CommandError

from indicators.benchmarking.measure import Benchmark, NoDataset, environment, table


class Command(BaseCommand):
    help = (
        "Meet de snelheid op de benchmarkdataset: bulkimport via de API, berekenen, het overzicht "
        "van een gemeente en de zwaarste lijsten. Drukt een tabel af."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--values",
            type=int,
            default=100_000,
            help="Aantal waarden voor de bulkimport via de API (0: overslaan).",
        )
        parser.add_argument(
            "--repeat", type=int, default=5, help="Herhalingen per meting (na één opwarmronde)."
        )

    def handle(self, *args, values, repeat, **options):
        for line in environment():
            self.stdout.write(line)
        benchmark = Benchmark(values=values, repeat=repeat, progress=self.progress)
        try:
            figures = benchmark.run()
        except NoDataset as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write("")
        for line in table(figures):
            self.stdout.write(line)
        if benchmark.failures:
            raise CommandError(f"{len(benchmark.failures)} meting(en) mislukt: zie hierboven.")

    def progress(self, message: str) -> None:
        self.stdout.write(message)
        self.stdout.flush()
