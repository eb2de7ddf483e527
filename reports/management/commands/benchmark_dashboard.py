"""``python manage.py benchmark_dashboard``: how fast the dashboard pages are, as p50/p95 over
repeated requests.

By default the pages are requested in-process with ``django.test.Client`` (the whole middleware
stack and template rendering, no network): the time is server time, and the number of SQL
queries per request is printed too. With ``--url-base http://127.0.0.1:8000`` the pages are
requested over HTTP from a running server instead (logged in with ``--password``, or only the
public pages).

The first request of each page runs with an empty dashboard cache (``cold``); the figures that
follow are with the cache filled, as users mostly meet it. Nothing is asserted: it only prints.
"""

import math
import statistics
import time
from dataclasses import dataclass
from http.cookiejar import CookieJar
from urllib.parse import urlencode
from urllib.request import HTTPCookieProcessor, Request, build_opener

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse

from indicators.models import Indicator, Thema
from reports.dashboard import figures, services


@dataclass
class Measured:
    label: str
    url: str
    cold: float
    times: list[float]
    queries: int | None
    size: int

    @property
    def p50(self) -> float:
        return statistics.median(self.times)

    @property
    def p95(self) -> float:
        ordered = sorted(self.times)
        return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds >= 0.01 else f"{seconds * 1000:.1f} ms"


class Command(BaseCommand):
    help = (
        "Meet de snelheid van de dashboardpagina's: p50 en p95 over herhaalde verzoeken "
        "(standaard in het proces met django.test.Client; met --url-base tegen een draaiende "
        "server)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--requests", type=int, default=50, help="Verzoeken per pagina.")
        parser.add_argument(
            "--url-base", default="", help="Bijvoorbeeld http://127.0.0.1:8000 (anders in-proces)."
        )
        parser.add_argument("--user", default="", help="Gebruikersnaam (standaard: beleid).")
        parser.add_argument("--password", default="", help="Wachtwoord, alleen met --url-base.")
        parser.add_argument(
            "--gemeente", default="", help="CBS-code (standaard: die van de gebruiker)."
        )
        parser.add_argument(
            "--periode", default="", help="Bijvoorbeeld 2018H1 (standaard: de laatste)."
        )
        parser.add_argument(
            "--public", action="store_true", help="Ook de openbare pagina's (/openbaar/)."
        )

    def handle(self, *args, **options):
        n = max(1, options["requests"])
        user = self.find_user(options["user"])
        gemeente = self.find_gemeente(user, options["gemeente"])
        audience = figures.audience_for(user, gemeente)
        if audience is None:
            raise CommandError(f"{user.username} mag het dashboard van {gemeente.code} niet zien.")
        ctx = services.build_context(gemeente, audience, periode=options["periode"], user=user)
        if ctx.period is None:
            raise CommandError(f"Geen cijfers voor {gemeente.name}.")
        pages = self.pages(ctx, public=False)
        if options["public"]:
            if not gemeente.public_dashboard:
                raise CommandError(f"{gemeente.name} heeft geen openbaar dashboard.")
            public_ctx = services.build_context(gemeente, figures.PUBLIC, public=True)
            pages += self.pages(public_ctx, public=True)
        self.stdout.write(
            f"Gemeente {gemeente.name} ({gemeente.code}), gebruiker {user.username} "
            f"({audience.bron}), stand per {ctx.period.identifier}, {n} verzoeken per pagina, "
            + (f"via HTTP naar {options['url_base']}" if options["url_base"] else "in-proces")
        )
        get = (
            self.http_getter(options["url_base"], user.username, options["password"])
            if options["url_base"]
            else self.client_getter(user)
        )
        results = [
            self.measure(label, url, get, n, local=not options["url_base"]) for label, url in pages
        ]
        self.report(results)

    # --- what to measure -------------------------------------------------------------------------

    def find_user(self, username):
        User = get_user_model()
        names = [username] if username else ["bench-beleid", "beleid"]
        user = User.objects.filter(username__in=names).order_by("-username").first()
        if user is None:
            raise CommandError(f"Gebruiker niet gevonden: {', '.join(names)}.")
        return user

    def find_gemeente(self, user, code):
        gemeenten = figures.dashboard_gemeenten(user)
        gemeente = gemeenten.filter(code=code).first() if code else gemeenten.first()
        if gemeente is None:
            raise CommandError("Geen gemeente gevonden voor deze gebruiker.")
        return gemeente

    def pages(self, ctx, public: bool) -> list[tuple[str, str]]:
        """The home page, the thema with the most indicators, its heaviest indicator, each with
        and without a comparison, the chart and the budget."""
        prefix = "openbaar " if public else ""
        ns = "openbaar:openbaar_" if public else "dashboard:"
        code = ctx.gemeente.code
        base = {"periode": ctx.period.identifier}
        with_figures = ctx.points.indicator_ids
        shown = [i for i in ctx.indicators if i.pk in with_figures]
        counts = {}
        for indicator in shown:
            counts[indicator.thema_id] = counts.get(indicator.thema_id, 0) + 1
        thema = Thema.objects.filter(pk=max(counts, key=counts.get)).first() if counts else None
        in_thema = [i for i in shown if thema is None or i.thema_id == thema.pk]
        indicator = ([i for i in in_thema if i.is_computed] or in_thema or [None])[0]
        regio = next((o for o in ctx.compare_options if o.group == "regio"), None)
        result = [
            (f"{prefix}gemeente", reverse(f"{ns}gemeente", args=[code]) + "?" + urlencode(base))
        ]
        variants = [("", base)]
        if regio:
            variants.append((" + regio", {**base, "vergelijk": regio.code}))
        variants.append((" + gemiddelde", {**base, "vergelijk": "gemiddelde"}))
        if thema is not None:
            for suffix, query in variants:
                url = reverse(f"{ns}thema", args=[code, thema.code]) + "?" + urlencode(query)
                result.append((f"{prefix}thema{suffix}", url))
        if indicator is not None:
            indicator = Indicator.objects.get(pk=indicator.pk)
            for suffix, query in variants:
                url = (
                    reverse(f"{ns}indicator", args=[code, indicator.code]) + "?" + urlencode(query)
                )
                result.append((f"{prefix}indicator{suffix}", url))
            url = reverse(f"{ns}indicator_chart", args=[code, indicator.code, "svg"])
            result.append((f"{prefix}grafiek (SVG)", url + "?" + urlencode(base)))
        result.append((f"{prefix}begroting", reverse(f"{ns}begroting", args=[code])))
        return result

    # --- requesting ------------------------------------------------------------------------------

    def client_getter(self, user):
        client = Client()
        client.force_login(user)
        hosts = [*settings.ALLOWED_HOSTS, "testserver"]

        def get(url):
            with override_settings(ALLOWED_HOSTS=hosts):
                response = client.get(url)
            if response.status_code != 200:
                raise CommandError(f"{url}: status {response.status_code}")
            return len(response.content)

        return get

    def http_getter(self, url_base, username, password):
        jar = CookieJar()
        opener = build_opener(HTTPCookieProcessor(jar))
        base = url_base.rstrip("/")
        if password:
            login = base + reverse("login")
            opener.open(login).read()
            token = next((c.value for c in jar if c.name == "csrftoken"), "")
            body = urlencode(
                {"username": username, "password": password, "csrfmiddlewaretoken": token}
            ).encode()
            request = Request(login, data=body, headers={"Referer": login})
            opener.open(request).read()

        def get(url):
            with opener.open(base + url) as response:
                if response.status != 200 or "/inloggen/" in response.url:
                    raise CommandError(f"{url}: status {response.status} ({response.url})")
                return len(response.read())

        return get

    def measure(self, label, url, get, n, local) -> Measured:
        self.stdout.write(f"  {label} ...")
        self.stdout.flush()
        if local:
            cache.clear()
            figures.memo.clear()
        start = time.perf_counter()
        size = get(url)
        cold = time.perf_counter() - start
        times, queries = [], None
        for _i in range(n):
            with CaptureQueriesContext(connection) as captured:
                start = time.perf_counter()
                get(url)
                times.append(time.perf_counter() - start)
            queries = len(captured.captured_queries) if local else None
        return Measured(label, url, cold, times, queries, size)

    def report(self, results: list[Measured]) -> None:
        header = ("Pagina", "koud", "p50", "p95", "max", "queries", "kB")
        rows = [header] + [
            (
                r.label,
                ms(r.cold),
                ms(r.p50),
                ms(r.p95),
                ms(max(r.times)),
                "" if r.queries is None else str(r.queries),
                str(r.size // 1024),
            )
            for r in results
        ]
        widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
        self.stdout.write("")
        for number, row in enumerate(rows):
            cells = [
                c.ljust(w) if i == 0 else c.rjust(w)
                for i, (c, w) in enumerate(zip(row, widths, strict=True))
            ]
            self.stdout.write("  ".join(cells).rstrip())
            if number == 0:
                self.stdout.write("  ".join("-" * w for w in widths))
        slow = [r.label for r in results if r.p95 > 0.3]
        self.stdout.write("")
        self.stdout.write(
            "p95 boven 300 ms: " + ", ".join(slow) if slow else "Alle pagina's: p95 onder 300 ms."
        )
