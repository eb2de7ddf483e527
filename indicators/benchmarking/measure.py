"""The measurements behind ``python manage.py benchmark`` (run on the generated data set).

Each figure is measured in-process, the way a request would run it: the engine functions
directly, the pages and API endpoints through ``django.test.Client`` (the whole middleware stack,
authentication, template rendering or JSON serialisation — no network). Every measurement except
the bulk import gets one untimed warm-up run and then ``repeat`` timed runs, reported as median,
p95 (nearest rank; with 5 runs that is the slowest) and the fastest run (the least disturbed by
other work on the machine), with the number of SQL queries of a run.

The bulk import goes through ``POST /api/v1/waarden/bulk/`` as a supplier's staff member with a
token: first the values are created (in fresh concept submissions for quarters after the data
set), then the same payload again (everything unchanged), then with every value changed. What it
created is removed afterwards, so the benchmark can run again.

Nothing here asserts on time: it only prints.
"""

import json
import math
import os
import platform
import random
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from core.tokens import issue_token
from organisations.models import Membership, Organisation, Role

from .. import engine
from ..models import (
    ImportJob,
    Period,
    PeriodType,
    Submission,
    SubmissionStatus,
    Uitvraag,
    UitvraagRegel,
    Value,
)
from . import PREFIX
from .plan import DOMAINS, HALVES, dutch_number

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"
MAX_IMPORT_QUARTERS = 40
IMPORT_UITVRAAG = "Benchmark-import"


class NoDataset(ImproperlyConfigured):
    pass


@dataclass
class Figure:
    label: str
    times: list[float]
    count: int | None = None  # what one run handles (values, rows, figures)
    unit: str = ""
    queries: int | None = None
    note: str = ""
    throughput: bool = False  # print count per second (the import)
    error: str = ""  # the measurement failed: why

    @classmethod
    def failed(cls, label: str, exc: Exception) -> "Figure":
        return cls(label, [], error=f"{type(exc).__name__}: {str(exc)[:200]}")

    @property
    def median(self) -> float | None:
        return statistics.median(self.times) if self.times else None

    @property
    def fastest(self) -> float | None:
        return min(self.times) if self.times else None

    @property
    def p95(self) -> float | None:
        if not self.times:
            return None
        ordered = sorted(self.times)
        return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]

    @property
    def per_second(self) -> float | None:
        """Throughput, for the figures that are about throughput (the import)."""
        if not self.throughput or not self.count or not self.median:
            return None
        return self.count / self.median


def seconds_text(seconds: float | None) -> str:
    if seconds is None:
        return "mislukt"
    if seconds < 0.01:
        text = f"{seconds * 1000:.1f} ms"
    elif seconds < 1:
        text = f"{seconds * 1000:.0f} ms"
    else:
        text = f"{seconds:.2f} s"
    return text.replace(".", ",")


def table(figures: list[Figure]) -> list[str]:
    """The figures as a plain-text table (also pasted into docs/benchmarks.md)."""
    header = ("Meting", "Aantal", "Mediaan", "p95", "Min", "Per seconde", "Queries", "Runs")
    rows = [header]
    for figure in figures:
        rows.append(
            (
                figure.label,
                f"{dutch_number(figure.count)} {figure.unit}".strip()
                if figure.count is not None
                else "",
                seconds_text(figure.median),
                seconds_text(figure.p95),
                seconds_text(figure.fastest),
                dutch_number(int(figure.per_second)) if figure.per_second else "",
                str(figure.queries) if figure.queries is not None else "",
                str(len(figure.times)),
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = []
    for number, row in enumerate(rows):
        cells = [
            cell.ljust(width) if i == 0 else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  ".join(cells).rstrip())
        if number == 0:
            lines.append("  ".join("-" * w for w in widths))
    notes = [f"- {f.label}: {f.error or f.note}" for f in figures if f.error or f.note]
    return lines + ([""] + notes if notes else [])


def environment() -> list[str]:
    """Where the figures were measured."""
    load = ", ".join(f"{x:.1f}".replace(".", ",") for x in os.getloadavg())
    lines = [
        f"Python {platform.python_version()} op {platform.system()} {platform.machine()}, "
        f"{os.cpu_count()} cores, belasting (load average 1/5/15 min) {load}",
    ]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
            version = cursor.fetchone()[0]
            cursor.execute(
                "SELECT reltuples::bigint FROM pg_class WHERE oid = %s::regclass",
                [Value._meta.db_table],
            )
            estimate = cursor.fetchone()[0]
            lines.append(
                f"PostgreSQL {version}, database {connection.settings_dict['NAME']}, "
                f"~{dutch_number(max(estimate, 0))} waarden (schatting van de planner)"
            )
        else:
            lines.append(
                f"{connection.vendor} {connection.settings_dict['NAME']}, "
                f"{dutch_number(Value.objects.count())} waarden"
            )
    return lines


class Benchmark:
    def __init__(
        self,
        values: int = 100_000,
        repeat: int = 5,
        progress: Callable[[str], None] = print,
    ):
        self.values = values
        self.repeat = max(1, repeat)
        self.progress = progress
        self.figures: list[Figure] = []

    # --- the data set --------------------------------------------------------------------------------

    def find_dataset(self) -> None:
        User = get_user_model()
        users = {u.username: u for u in User.objects.filter(username__startswith=PREFIX)}
        supplier_code = f"{PREFIX}{DOMAINS[0][0]}-{HALVES[0][0]}"
        self.beheerder = users.get(f"{PREFIX}beheerder")
        self.beleid = users.get(f"{PREFIX}beleid")
        self.leverancier = users.get(supplier_code)
        self.supplier = Organisation.objects.filter(code=supplier_code).first()
        latest = (
            Submission.objects.filter(
                uitvraag__uitvoerder__code__startswith=PREFIX,
                status=SubmissionStatus.GOEDGEKEURD,
            )
            .select_related("period")
            .order_by("-period__end")
            .first()
        )
        if not (self.beheerder and self.beleid and self.leverancier and self.supplier and latest):
            raise NoDataset(
                "Geen benchmarkdataset gevonden: maak die eerst met "
                "'python manage.py generate_large_dataset'."
            )
        membership = Membership.objects.select_related("organisation").get(
            user=self.beleid, role=Role.BELEID
        )
        self.gemeente = membership.organisation
        year = latest.period.year
        self.quarter = latest.period
        self.half = Period.objects.get(type=PeriodType.HALFJAAR, year=year, number=2)
        self.year = Period.objects.get(type=PeriodType.JAAR, year=year, number=1)
        self.gemeenten = Organisation.objects.gemeenten().count()
        regio_ids = engine.regio_members([self.gemeente.pk])
        self.regio_size = max((len(m) for m in regio_ids.values()), default=0)

    # --- running ---------------------------------------------------------------------------------------

    def run(self) -> list[Figure]:
        self.find_dataset()
        self.progress(
            f"Gemeente {self.gemeente.name} ({self.gemeente.code}, regio van "
            f"{self.regio_size} gemeenten); perioden {self.quarter.identifier}, "
            f"{self.half.identifier}, {self.year.identifier}; {self.repeat} herhalingen."
        )
        hosts = [*settings.ALLOWED_HOSTS, "testserver"]
        with override_settings(ALLOWED_HOSTS=hosts):
            if self.values > 0:
                self.measure_import()
            self.measure_compute()
            self.measure_overview()
            self.measure_lists()
        return self.figures

    @property
    def failures(self) -> list[Figure]:
        return [figure for figure in self.figures if figure.error]

    def measure(self, label: str, run: Callable[[], object], unit: str = "", note: str = ""):
        """Warm up once, then ``repeat`` timed runs; ``run`` returns the count (or None). A
        failing run (e.g. a page that answers 500) is reported, and the other figures still
        measured."""
        self.progress(f"  {label} ...")
        try:
            run()
            times, count, queries = [], None, None
            for _n in range(self.repeat):
                with CaptureQueriesContext(connection) as captured:
                    start = time.perf_counter()
                    count = run()
                    times.append(time.perf_counter() - start)
                queries = len(captured.captured_queries)
        except Exception as exc:  # reported in the table; the other figures are still measured
            self.figures.append(Figure.failed(label, exc))
            return
        self.figures.append(Figure(label, times, count, unit, queries, note))

    # --- bulk import through the API -------------------------------------------------------------

    def measure_import(self) -> None:
        target = ImportTarget(self.supplier, self.leverancier, self.values, self.quarter.year)
        label = "Bulkimport API"
        try:
            items = target.prepare()
            _token, secret = issue_token(self.leverancier, name="benchmark", days=1)
            client = Client(HTTP_AUTHORIZATION=f"Token {secret}")
            check(client.get("/api/v1/periodes/"))  # warm up: loads the URL modules
            n = len(items)
            note = (
                f"{n} waarden in één verzoek ({len(target.submissions)} kwartalen van "
                f"{self.supplier.name}), via django.test.Client"
            )
            label = "Bulkimport API: aanmaken"
            self.bulk(client, label, items, n, "created", note)
            label = "Bulkimport API: zelfde payload (ongewijzigd)"
            self.bulk(client, label, items, n, "unchanged")
            changed = [dict(item, waarde=item["waarde"] + 1) for item in items]
            label = "Bulkimport API: alles gewijzigd"
            self.bulk(client, label, changed, n, "updated")
        except Exception as exc:  # reported in the table; the other figures are still measured
            self.figures.append(Figure.failed(label, exc))
        finally:
            target.clean_up()

    def bulk(self, client, label, items, n, expected, note=""):
        self.progress(f"  {label} ...")
        body = json.dumps({"waarden": items, "reden": "Benchmark"})
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.post("/api/v1/waarden/bulk/", body, content_type="application/json")
            elapsed = time.perf_counter() - start
        summary = check(response).json()
        if summary[expected] != n:
            raise RuntimeError(
                f"{label}: {expected}={summary[expected]} in plaats van {n} "
                f"(conflicten: {summary['conflicts'][:3]})"
            )
        self.figures.append(
            Figure(label, [elapsed], n, "waarden", len(captured.captured_queries), note, True)
        )

    # --- the engine ------------------------------------------------------------------------------

    def measure_compute(self) -> None:
        gemeente = self.gemeente

        def computing(period, gemeenten):
            def run():
                catalogue = engine.Catalogue.load()
                figures = engine.compute_period(period, gemeenten, catalogue)
                return sum(1 for key in figures.values if key[0] in catalogue.computed)

            return run

        note = (
            f"compute_period(periode, [gemeente]); laadt ook de {self.regio_size} gemeenten van "
            "de regio voor het regionale totaal"
        )
        unit = "berekend"
        self.measure(
            f"Berekenen: 1 gemeente, kwartaal {self.quarter.identifier}",
            computing(self.quarter, [gemeente]),
            unit,
            note,
        )
        self.measure(
            f"Berekenen: 1 gemeente, jaar {self.year.identifier}",
            computing(self.year, [gemeente]),
            unit,
            "optellen van 4 kwartalen naar het jaar, dan berekenen",
        )
        self.measure(
            f"Berekenen: alle {self.gemeenten} gemeenten, kwartaal {self.quarter.identifier}",
            computing(self.quarter, None),
            unit,
            "compute_period(periode): alle gemeenten en regio's",
        )
        self.measure(
            f"Berekenen: alle {self.gemeenten} gemeenten, jaar {self.year.identifier}",
            computing(self.year, None),
            unit,
        )

    def measure_overview(self) -> None:
        gemeente, user = self.gemeente, self.beleid

        def overview(period):
            def run():
                return len(engine.overview(gemeente, period, user).rows)

            return run

        for name, period in (
            ("kwartaal", self.quarter),
            ("halfjaar", self.half),
            ("jaar", self.year),
        ):
            self.measure(
                f"Overzicht gemeente (engine.overview), {name} {period.identifier}",
                overview(period),
                "rijen",
                "met de vorige periode, streefwaarden, trendvoorstellen" if name == "jaar" else "",
            )
            self.measure(
                f"  ... alleen de SQL daarvan, {name} {period.identifier}",
                sql_alone(overview(period)),
                "queries",
                "de queries van één overzicht opnieuw uitgevoerd (het fysieke anker)",
            )
        web = logged_in(user)
        query = f"gemeente={gemeente.code}&periode={self.quarter.identifier}"
        self.measure(
            f"Overzicht gemeente, webpagina /cijfers/ ({self.quarter.identifier})",
            lambda: len(check(web.get(f"/cijfers/?{query}")).content) // 1024,
            "kB HTML",
            "oordeelformulier alleen op verzoek (?beoordelen=)",
        )
        api = token_client(user)
        self.measure(
            f"Overzicht gemeente, API /api/v1/overzicht/ ({self.quarter.identifier})",
            lambda: len(check(api.get(f"/api/v1/overzicht/?{query}")).content) // 1024,
            "kB JSON",
        )

    # --- list pages ------------------------------------------------------------------------------

    def measure_lists(self) -> None:
        beheerder = logged_in(self.beheerder)
        submissions = Submission.objects.count()

        def submission_list():
            check(beheerder.get("/aanleveringen/"))
            return submissions

        self.measure(
            "Aanleveringenlijst /aanleveringen/ (beheerder, pagina 1)",
            submission_list,
            "aanleveringen",
        )
        period = self.quarter.identifier
        in_period = Submission.objects.filter(period=self.quarter).count()

        def completeness():
            check(beheerder.get(f"/kwaliteit/?periode={period}"))
            return in_period

        self.measure(
            f"Volledigheid /kwaliteit/?periode={period} (beheerder)",
            completeness,
            "aanleveringen",
            "telt de ingevulde cellen per aanlevering",
        )
        supplier = token_client(self.leverancier)

        def api_list():
            data = check(supplier.get(f"/api/v1/aanleveringen/?period={period}")).json()
            return len(data["results"])

        self.measure(
            f"API /api/v1/aanleveringen/?period={period} (leverancier)",
            api_list,
            "aanleveringen",
            "sinds API 1.1 zonder waarden",
        )
        first = Submission.objects.filter(uitvraag__uitvoerder=self.supplier, period=self.quarter)
        first = first.order_by("pk").first()

        def values_page():
            data = check(supplier.get(f"/api/v1/aanleveringen/{first.pk}/waarden/")).json()
            return len(data["results"])

        self.measure(
            "API /api/v1/aanleveringen/{id}/waarden/ (eerste pagina)",
            values_page,
            "waarden",
            "1.000 per pagina",
        )


def sql_alone(run: Callable[[], object]) -> Callable[[], int]:
    """The queries one run of ``run`` makes, as a run of their own: executed again and fetched
    (no Python around them), to compare a computation with what the database must do for it.
    Captured at the first measurement, so a failing ``run`` is reported like any other."""
    statements: list[str] = []

    def again() -> int:
        if not statements:
            with CaptureQueriesContext(connection) as captured:
                run()
            statements.extend(q["sql"] for q in captured.captured_queries)
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
                if cursor.description:
                    cursor.fetchall()
        return len(statements)

    return again


def check(response):
    if response.status_code != 200:
        raise RuntimeError(
            f"{response.request['PATH_INFO']}: status {response.status_code} "
            f"{response.content[:300]!r}"
        )
    return response


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user, backend=MODEL_BACKEND)
    return client


def token_client(user) -> Client:
    _token, secret = issue_token(user, name="benchmark", days=1)
    return Client(HTTP_AUTHORIZATION=f"Token {secret}")


class ImportTarget:
    """Fresh concept submissions for a supplier, in quarters after the data set, with the same
    rows and gemeenten as its generated uitvraag — and everything removed again afterwards."""

    def __init__(self, supplier, user, n: int, last_year: int):
        self.supplier, self.user, self.n, self.last_year = supplier, user, n, last_year
        self.uitvraag = None
        self.submissions: list[Submission] = []
        self.created_periods: list[Period] = []
        self.started = None

    def prepare(self) -> list[dict]:
        from django.utils import timezone

        self.started = timezone.now()
        for leftover in Uitvraag.objects.filter(uitvoerder=self.supplier, name=IMPORT_UITVRAAG):
            remove_import_uitvraag(leftover)  # of an interrupted earlier run
        source = (
            Uitvraag.objects.filter(uitvoerder=self.supplier).exclude(name=IMPORT_UITVRAAG).first()
        )
        regels = list(
            UitvraagRegel.objects.filter(uitvraag=source)
            .select_related("indicator", "doelgroep")
            .order_by("order", "pk")
        )
        areas = list(source.areas.order_by("code"))
        cells = len(regels) * len(areas)
        quarters = math.ceil(self.n / cells) if cells else MAX_IMPORT_QUARTERS + 1
        if quarters > MAX_IMPORT_QUARTERS:
            raise RuntimeError(
                f"De dataset is te klein voor {self.n} waarden in {MAX_IMPORT_QUARTERS} kwartalen "
                f"({cells} cellen per kwartaal); kies minder --values."
            )
        self.uitvraag = Uitvraag.objects.create(
            uitvoerder=self.supplier, name=IMPORT_UITVRAAG, description="Tijdelijk."
        )
        self.uitvraag.areas.set(areas)
        UitvraagRegel.objects.bulk_create(
            UitvraagRegel(
                uitvraag=self.uitvraag, indicator=r.indicator, doelgroep=r.doelgroep, order=r.order
            )
            for r in regels
        )
        periods = []
        for k in range(quarters):
            identifier = f"{self.last_year + 1 + k // 4}Q{k % 4 + 1}"
            period, created = Period.get_or_create_from_identifier(identifier)
            if created:
                self.created_periods.append(period)
            periods.append(period)
        self.submissions = [
            Submission.objects.create(
                uitvraag=self.uitvraag, period=p, deadline=p.end + timedelta(weeks=6)
            )
            for p in periods
        ]
        rnd = random.Random(42)
        items = []
        for period in periods:
            for regel in regels:
                for area in areas:
                    items.append(
                        {
                            "indicator": regel.indicator.code,
                            "doelgroep": regel.doelgroep.code if regel.doelgroep else None,
                            "gebied": area.code,
                            "periode": period.identifier,
                            "waarde": rnd.randrange(1000),
                        }
                    )
                    if len(items) == self.n:
                        return items
        return items

    def clean_up(self) -> None:
        with transaction.atomic():
            if self.started is not None:
                ImportJob.objects.filter(user=self.user, created_at__gte=self.started).delete()
            if self.uitvraag is not None:
                remove_import_uitvraag(self.uitvraag)
            for period in self.created_periods:
                if not period.submissions.exists():
                    period.delete()


def remove_import_uitvraag(uitvraag) -> None:
    """The benchmark's own uitvraag with its submissions and figures. Values and their history go
    with one DELETE each: the ORM would write a history row per deleted value."""
    ids = list(uitvraag.submissions.values_list("pk", flat=True))
    Value.objects.filter(submission_id__in=ids)._raw_delete(connection.alias)
    Value.history.filter(submission_id__in=ids)._raw_delete(connection.alias)
    Submission.objects.filter(pk__in=ids).delete()
    uitvraag.delete()
