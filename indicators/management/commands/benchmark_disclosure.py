"""``python manage.py benchmark_disclosure``: how long protecting the linked tables takes, and
what it costs in hidden cells, on the large generated data set (``generate_large_dataset``).

Prints, for one indicator × jaar over every gemeente and regio (the quarters, half-years and the
year, every doelgroep and the total): the cells, the primary and secondary suppressions, the share
of cells suppressed secondarily, and the time of the protection itself (the figures are computed
by the engine first, timed apart). With ``--all`` the same for every indicator of the year
together. Nothing is asserted on time; see docs/disclosure.md for the recorded figures.
"""

import statistics
import time

from django.core.management.base import BaseCommand, CommandError

from indicators import engine
from indicators.disclosure import Flag, Rules
from indicators.disclosure.linked import Hierarchy, Statistics, protect_linked
from indicators.disclosure.patterns import forget, kinds_of, memo, pattern_for, sources_of
from indicators.models import Period, Value
from organisations.models import Organisation


class Command(BaseCommand):
    help = "Meet de geheimhouding over gekoppelde tabellen (tijd en aandeel secundair geheim)."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, help="Het jaar (standaard het laatste).")
        parser.add_argument(
            "--indicator",
            default="bench-werk-1-instroom",
            help="Code van de indicator (standaard bench-werk-1-instroom, een stroomcijfer).",
        )
        parser.add_argument("--prefix", default="bench-", help="Codes van de gemeenten.")
        parser.add_argument("--repeat", type=int, default=3)
        parser.add_argument("--all", action="store_true", help="Ook alle indicatoren samen.")

    def handle(self, *args, **options):
        gemeenten = list(
            Organisation.objects.gemeenten()
            .filter(code__startswith=options["prefix"])
            .values_list("pk", flat=True)
        )
        if not gemeenten:
            raise CommandError("Geen gemeenten gevonden: maak eerst generate_large_dataset.")
        year = options["year"] or Period.objects.order_by("-year").values_list("year", flat=True)[0]
        periods = list(Period.objects.filter(year=year))
        catalogue = engine.Catalogue.load()
        indicator = catalogue.by_code.get(options["indicator"])
        if indicator is None:
            raise CommandError(f"Onbekende indicator {options['indicator']}.")

        members = {r: m for r, m in engine.regio_members(gemeenten).items() if m & set(gemeenten)}
        hierarchy = Hierarchy(members, {p.pk: (p.type, p.start, p.end) for p in periods})
        kinds = kinds_of(catalogue)
        rules = Rules.from_settings()
        write = self.stdout.write

        # One indicator: its approved figures and the engine's totals, then the protection.
        started = time.perf_counter()
        rows = engine.value_rows(
            Value.objects.approved().filter(
                indicator_id=indicator.pk, submission__period__in=periods
            )
        )
        computed = engine.compute_rows(periods, rows, catalogue, members, set())
        own, _derived = _cells(computed, catalogue)
        write(
            f"Jaar {year}: {len(gemeenten)} gemeenten, {len(members)} regio's, "
            f"{len(periods)} periodes; cijfers van {indicator.code} (engine) "
            f"{time.perf_counter() - started:.2f} s"
        )
        self._measure(
            f"{indicator.code} × {year}", own, hierarchy, kinds, rules, {}, options["repeat"]
        )

        if options["all"]:
            started = time.perf_counter()
            computed = engine.compute(periods, gemeenten, catalogue)
            values, derived = _cells(computed, catalogue)
            write(f"Alle indicatoren (engine): {time.perf_counter() - started:.1f} s")
            self._measure(f"alle indicatoren × {year}", values, hierarchy, kinds, rules, derived, 1)

        # What a page pays: the pattern of one gemeente's component, cold, from the shared cache
        # (another process, or after the worker computed it ahead) and from this process's memo.
        forget(shared=True)
        biggest = max(members.values(), key=len)
        gemeente = min(biggest)
        started = time.perf_counter()
        pattern_for({gemeente}, [year], rules, catalogue)
        cold = time.perf_counter() - started
        memo.clear()
        started = time.perf_counter()
        pattern_for({gemeente}, [year], rules, catalogue)
        shared = time.perf_counter() - started
        started = time.perf_counter()
        pattern_for({gemeente}, [year], rules, catalogue)
        warm = time.perf_counter() - started
        write(
            f"Patroon van de grootste regio ({len(biggest)} gemeenten, alle indicatoren, "
            f"berekening plus engine): {cold:.2f} s eerste keer, {shared * 1000:.0f} ms uit de "
            f"gedeelde cache (een ander proces), {warm * 1000:.0f} ms daarna"
        )

    def _measure(self, label, values, hierarchy, kinds, rules, derived, repeat):
        times, cpu, pattern = [], [], None
        for _run in range(max(1, repeat)):
            started, started_cpu = time.perf_counter(), time.process_time()
            pattern = protect_linked(values, hierarchy, kinds, rules, derived)
            times.append(time.perf_counter() - started)
            cpu.append(time.process_time() - started_cpu)
        stats = Statistics.of(pattern)
        self.stdout.write(
            f"{label}: {stats.cells} cellen, {pattern.equations} vergelijkingen; "
            f"primair {stats.primary}, secundair {stats.secondary} "
            f"({stats.secondary_share:.1%} van de cellen), afgeleid {stats.derived}, "
            f"met de rangcontrole toegevoegd {pattern.repaired}; "
            f"tijd mediaan {statistics.median(times):.3f} s, snelste {min(times):.3f} s "
            f"(processortijd snelste {min(cpu):.3f} s)"
        )
        primary = pattern.count(Flag.PRIMARY)
        if primary:
            self.stdout.write(
                f"  secundair per primair geheime cel: {stats.secondary / primary:.2f}"
            )


def _cells(computed, catalogue):
    """The engine's figures as cells (indicator, area, doelgroep, period), with the sources of
    computed cells."""
    values, derived = {}, {}
    for period_pk, figures in computed.items():
        for (indicator_id, area_id, doelgroep_id), value in figures.values.items():
            cell = (indicator_id, area_id, doelgroep_id, period_pk)
            values[cell] = value
            if indicator_id in catalogue.inputs:
                derived[cell] = sources_of(figures, catalogue, cell)
    return values, derived
