"""``python manage.py benchmark_load``: the heavy pages under load (indicators/benchmarking/load.py)."""

import os

from django.core.management.base import BaseCommand, CommandError

from indicators.benchmarking.load import run
from indicators.benchmarking.measure import NoDataset, environment


class Command(BaseCommand):
    help = (
        "Start gunicorn op 127.0.0.1 en meet de zware pagina's bij 1, 4 en 16 gelijktijdige "
        "verzoeken (verzoeken/s, p50/p95/p99) op de grote dataset."
    )

    def add_arguments(self, parser):
        parser.add_argument("--workers", type=int, default=4)
        parser.add_argument("--threads", type=int, default=2)
        parser.add_argument("--concurrency", default="1,4,16", help="Bijvoorbeeld 1,4,16.")
        parser.add_argument("--requests", type=int, default=48, help="Verzoeken per meting.")

    def handle(self, *args, **options):
        for line in environment():
            self.stdout.write(line)
        self.stdout.write(f"belasting van de machine (1/5/15 min): {os.getloadavg()}")
        self.stdout.write(
            f"gunicorn {options['workers']} workers × {options['threads']} threads, "
            f"{options['requests']} verzoeken per meting"
        )
        try:
            run(
                workers=options["workers"],
                threads=options["threads"],
                concurrencies=[int(c) for c in options["concurrency"].split(",")],
                requests=options["requests"],
                progress=self.stdout.write,
            )
        except NoDataset as exc:
            raise CommandError(str(exc)) from exc
