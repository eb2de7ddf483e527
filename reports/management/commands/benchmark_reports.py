"""``python manage.py benchmark_reports``: time and peak memory to make the full report (PDF, XLSX,
CSV and snapshot) for one gemeente and for several at once, as the generation task makes them.

Nothing is stored: each run creates temporary concept reports inside a transaction that is rolled
back, and renders the files into memory. Time is measured without tracing (the best and the median
of ``--repeat`` runs, after ``--warmup`` unmeasured runs); memory in one extra run under
``tracemalloc`` (peak of Python allocations; ``--no-tracemalloc`` skips it, for the large data set)
and as the process's peak resident size (``ru_maxrss``, which includes WeasyPrint's native memory
and never goes down).
"""

import gc
import io
import resource
import statistics
import sys
import time
import tracemalloc
from dataclasses import dataclass, field

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from core.charts import forget_drawn
from indicators.benchmarking.measure import environment
from indicators.disclosure import patterns
from indicators.models import Period, PeriodType, Value
from organisations.models import Organisation
from reports import charts, snapshot
from reports.content import collect
from reports.models import Report
from reports.opendata import render_csv
from reports.pdf import render_pdf
from reports.services import copy_texts, report_title
from reports.xlsx import render_xlsx

WALCHEREN = "GM0718,GM0687,GM0717"
STEPS = ["cijfers", "momentopname", "grafieken", "pdf", "xlsx", "csv"]
# The aim per report on this machine.
MAX_SECONDS = 30
MAX_BYTES = 1024**3


class Rollback(Exception):
    pass


@dataclass
class Run:
    seconds: float = 0.0
    steps: dict = field(default_factory=dict)
    sizes: dict = field(default_factory=dict)
    pdfs: list = field(default_factory=list)

    @property
    def pages(self) -> int:
        return sum(page_count(pdf) for pdf in self.pdfs)


def temporary_report(gemeente: Organisation, period: Period) -> Report:
    """A concept beside any real ones (a free version number), with the latest real report's
    texts, so the benchmark renders what the beleidsmedewerker would get."""
    latest = Report.objects.filter(gemeente=gemeente, period=period).order_by("-version").first()
    top = Report.objects.filter(gemeente=gemeente, period=period).aggregate(v=Max("version"))
    report = Report.objects.create(
        gemeente=gemeente,
        period=period,
        version=(top["v"] or 0) + 1,
        title=report_title(gemeente, period),
        introduction=latest.introduction if latest else "",
    )
    if latest:
        copy_texts(latest, report, None)
    return report


def make_files(report: Report, run: Run) -> None:
    """The steps of :func:`reports.tasks.build`, into memory."""
    generated_at = timezone.now().replace(microsecond=0)
    started = time.perf_counter()

    def step(name):
        nonlocal started
        now = time.perf_counter()
        run.steps[name] = run.steps.get(name, 0.0) + now - started
        started = now

    content = collect(report, generated_at)
    step("cijfers")
    snapshot.prepare(report, content)
    step("momentopname")
    for chart in content.charts:
        charts.render(chart)
    step("grafieken")
    pdf = render_pdf(content)
    step("pdf")
    xlsx = render_xlsx(content)
    step("xlsx")
    csv = render_csv(report, content)
    step("csv")
    for kind, data in (("pdf", pdf), ("xlsx", xlsx), ("csv", csv)):
        run.sizes[kind] = run.sizes.get(kind, 0) + len(data)
    run.pdfs.append(pdf)


def page_count(pdf: bytes) -> int:
    """Pages in the PDF (pypdf is a development dependency: 0 without it)."""
    try:
        import pypdf
    except ImportError:
        return 0
    try:
        return len(pypdf.PdfReader(io.BytesIO(pdf)).pages)
    except Exception:  # not a readable PDF: the count is only informative
        return 0


def measure(gemeenten: list[Organisation], period: Period) -> Run:
    """Make the reports of ``gemeenten`` one after the other; leave the database as it was."""
    run = Run()
    started = time.perf_counter()
    try:
        with transaction.atomic():
            for gemeente in gemeenten:
                make_files(temporary_report(gemeente, period), run)
            raise Rollback
    except Rollback:
        pass
    run.seconds = time.perf_counter() - started
    return run


def maxrss_bytes() -> int:
    usage = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return usage if sys.platform == "darwin" else usage * 1024


def mib(size: int) -> str:
    return f"{size / 1024**2:,.0f} MiB".replace(",", ".")


def kilobytes(size: int) -> str:
    return f"{size / 1024:,.0f} kB".replace(",", ".")


def seconds(value: float) -> str:
    return f"{value:.2f} s".replace(".", ",")


class Command(BaseCommand):
    help = (
        "Meet de tijd en het piekgeheugen om de volledige rapportage (PDF, Excel, CSV en "
        "momentopname) te maken, voor één gemeente en voor alle gekozen gemeenten tegelijk. "
        "Slaat niets op."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--gemeenten",
            default=WALCHEREN,
            help="Gemeentecodes, komma-gescheiden (standaard de drie Walcherse gemeenten).",
        )
        parser.add_argument(
            "--periode",
            "--period",
            dest="period",
            default="",
            help="Periode, bv. 2018H1 (standaard het laatste halfjaar met goedgekeurde cijfers).",
        )
        parser.add_argument("--repeat", type=int, default=3, help="Herhalingen per meting.")
        parser.add_argument(
            "--warmup", type=int, default=1, help="Opwarmrondes vooraf (niet gemeten)."
        )
        parser.add_argument(
            "--warm-charts",
            action="store_true",
            help="Laat getekende grafieken in de cache staan tussen de rondes (standaard: elke "
            "ronde tekent alles opnieuw).",
        )
        parser.add_argument(
            "--cold-patterns",
            action="store_true",
            help="Bereken de onthullingspatronen elke ronde opnieuw (standaard: uit de gedeelde "
            "cache, zoals de worker ze na elke goedkeuring vooraf berekent).",
        )
        parser.add_argument(
            "--no-tracemalloc",
            dest="trace",
            action="store_false",
            help="Sla de extra ronde onder tracemalloc over (alleen ru_maxrss; voor grote data).",
        )

    def handle(
        self,
        *args,
        gemeenten,
        period,
        repeat,
        warmup,
        trace,
        warm_charts=False,
        cold_patterns=False,
        **options,
    ):
        self.warm_charts = warm_charts
        self.cold_patterns = cold_patterns
        codes = [code.strip() for code in gemeenten.split(",") if code.strip()]
        found = Organisation.objects.gemeenten().in_bulk(codes, field_name="code")
        missing = [code for code in codes if code not in found]
        if missing:
            raise CommandError(
                f"Onbekende gemeente(n): {', '.join(missing)}. Laad eerst de demo "
                "(python manage.py load_demo) of de benchmarkdataset."
            )
        selected = [found[code] for code in codes]
        period = self.choose_period(selected, period)
        repeat = max(1, repeat)

        for line in environment():
            self.stdout.write(line)
        self.stdout.write(
            f"Periode {period.identifier}; {repeat} herhaling(en) na {warmup} opwarmronde(n); "
            "er wordt niets opgeslagen."
        )
        self.stdout.write(
            "Onthullingspatronen: elke ronde opnieuw berekend."
            if cold_patterns
            else "Onthullingspatronen: uit de gedeelde cache (vooraf berekend, zoals na een "
            "goedkeuring); grafieken: "
            + ("uit de cache." if warm_charts else "elke ronde opnieuw getekend.")
        )
        if not cold_patterns:  # what the worker's precompute task leaves in the shared cache
            first = Report(gemeente=selected[0], period=period).history_start.year
            patterns.pattern_for({g.pk for g in selected}, range(first, period.year + 1))
        scenarios = [(f"1 gemeente ({selected[0].name})", selected[:1])]
        if len(selected) > 1:
            names = ", ".join(g.name for g in selected)
            scenarios.append((f"{len(selected)} gemeenten tegelijk ({names})", selected))
        results = []
        for label, group in scenarios:
            self.stdout.write(f"\n{label}")
            results.append((label, group, self.scenario(group, period, repeat, warmup, trace)))
        self.stdout.write("")
        for label, group, (best, median, peak, rss) in results:
            per_report = median / len(group)
            verdict = (
                "binnen de norm"
                if per_report < MAX_SECONDS and rss < MAX_BYTES
                else "BOVEN DE NORM"
            )
            python = f"piek Python {mib(peak)}, " if trace else ""
            self.stdout.write(
                f"{label}: mediaan {seconds(median)} (beste {seconds(best)}), "
                f"{seconds(per_report)} per rapportage; {python}"
                f"piek proces {mib(rss)} — {verdict} ({MAX_SECONDS} s, 1 GiB per rapportage)"
            )

    def choose_period(self, gemeenten, identifier: str) -> Period:
        if identifier:
            try:
                type_, year, number = Period.parse_identifier(identifier)
            except Exception as exc:
                raise CommandError(f"Onbekende periode: {identifier}") from exc
            period = Period.objects.filter(type=type_, year=year, number=number).first()
            if period is None:
                raise CommandError(f"Onbekende periode: {identifier}")
            return period
        latest = (
            Value.objects.approved()
            .for_gemeente(gemeenten[0])
            .order_by("-submission__period__end")
            .values_list("submission__period__end", flat=True)
            .first()
        )
        # Reports are per half-year: the one in which the latest approved figures end.
        period = (
            Period.objects.filter(type=PeriodType.HALFJAAR, start__lte=latest, end__gte=latest)
            .order_by("start")
            .first()
            if latest
            else None
        )
        if period is None:
            raise CommandError(
                "Geen goedgekeurde cijfers in een bekend halfjaar gevonden; geef een periode op "
                "met --periode."
            )
        return period

    def scenario(self, group, period, repeat, warmup=1, trace=True):
        for _round in range(warmup):
            measure(group, period)  # imports, fonts, caches
        times = []
        for number in range(1, repeat + 1):
            gc.collect()
            if not self.warm_charts:
                forget_drawn(shared=True)  # every run draws its charts (the cold case)
            patterns.forget(shared=self.cold_patterns)  # the process memo never helps a run
            run = measure(group, period)
            times.append(run.seconds)
            steps = ", ".join(f"{name} {seconds(run.steps.get(name, 0))}" for name in STEPS)
            self.stdout.write(f"  run {number}: {seconds(run.seconds)} ({steps})")
        sizes = ", ".join(f"{kind} {kilobytes(size)}" for kind, size in run.sizes.items())
        pages = f"; {run.pages} pagina's PDF" if run.pages else ""
        self.stdout.write(f"  bestanden: {sizes}{pages}")
        peak = 0
        if trace:
            gc.collect()
            if not self.warm_charts:
                forget_drawn(shared=True)
            patterns.forget(shared=self.cold_patterns)
            tracemalloc.start()
            try:
                measure(group, period)
                _current, peak = tracemalloc.get_traced_memory()
            finally:
                tracemalloc.stop()
        rss = maxrss_bytes()
        traced = f"piek Python-allocaties {mib(peak)} (tracemalloc), " if trace else ""
        self.stdout.write(
            f"  geheugen: {traced}piek procesgeheugen tot nu toe {mib(rss)} (ru_maxrss)"
        )
        return min(times), statistics.median(times), peak, rss
