"""A load benchmark: gunicorn on 127.0.0.1, the heavy pages driven at several concurrencies.

Started by ``python manage.py benchmark_load`` on the large data set (``generate_large_dataset``).
It starts gunicorn with ``config/gunicorn.conf.py`` (workers × threads as asked) on a free port of
127.0.0.1, logs the benchmark's beleidsmedewerker in (a session cookie) and takes the supplier's
API token, warms every page once, then per concurrency sends a bounded number of requests per
page from that many threads and prints requests per second and p50/p95/p99. Prints, never
asserts: the machine may be shared.
"""

import os
import signal
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from http.client import HTTPConnection
from pathlib import Path

from django.conf import settings
from django.test import Client

from core.tokens import issue_token

from ..models import Submission
from .measure import MODEL_BACKEND, Benchmark


@dataclass
class Page:
    label: str
    path: str
    headers: dict


@dataclass
class Result:
    label: str
    concurrency: int
    requests: int
    seconds: float
    latencies: list[float]
    errors: int

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile(self, p: float) -> float:
        ordered = sorted(self.latencies)
        if not ordered:
            return 0.0
        return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pages(bench: Benchmark) -> list[Page]:
    """The pages of issue 16, with the credentials each needs."""
    web = Client()
    web.force_login(bench.beleid, backend=MODEL_BACKEND)
    cookie = {
        "Cookie": f"{settings.SESSION_COOKIE_NAME}={web.cookies[settings.SESSION_COOKIE_NAME].value}"
    }
    _token, secret = issue_token(bench.leverancier, name="benchmark_load", days=1)
    api = {"Authorization": f"Token {secret}"}
    quarter, code = bench.quarter.identifier, bench.gemeente.code
    submission = (
        Submission.objects.filter(uitvraag__uitvoerder=bench.supplier, period=bench.quarter)
        .order_by("pk")
        .first()
    )
    from ..models import Thema

    thema = Thema.objects.order_by("order", "pk").first()
    return [
        Page("API /api/v1/aanleveringen/ (lijst)", f"/api/v1/aanleveringen/?period={quarter}", api),
        Page(
            "API …/waarden/ (1e pagina, 1.000)",
            f"/api/v1/aanleveringen/{submission.pk}/waarden/",
            api,
        ),
        Page(f"/cijfers/ ({quarter})", f"/cijfers/?gemeente={code}&periode={quarter}", cookie),
        Page("dashboard gemeente", f"/dashboard/{code}/", cookie),
        Page(
            "dashboard thema + gemiddelde",
            f"/dashboard/{code}/thema/{thema.code}/?vergelijk=gemiddelde",
            cookie,
        ),
    ]


class Server:
    def __init__(self, workers: int, threads: int):
        self.port = free_port()
        self.workers, self.threads = workers, threads
        self.process = None

    def __enter__(self):
        env = {
            **os.environ,
            "GUNICORN_BIND": f"127.0.0.1:{self.port}",
            "GUNICORN_WORKERS": str(self.workers),
            "GUNICORN_THREADS": str(self.threads),
        }
        gunicorn = Path(sys.executable).with_name("gunicorn")
        self.process = subprocess.Popen(
            [
                str(gunicorn),
                "-c",
                "config/gunicorn.conf.py",
                "--access-logfile",
                "/dev/null",
                "config.wsgi",
            ],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                self.get("/gezondheid/web/", {})
                return self
            except OSError:
                time.sleep(0.3)
        self.__exit__()
        raise RuntimeError("gunicorn kwam niet op binnen 60 s")

    def __exit__(self, *exc):
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)

    def get(self, path: str, headers: dict) -> int:
        connection = HTTPConnection("127.0.0.1", self.port, timeout=120)
        try:
            connection.request("GET", path, headers={"Host": "localhost", **headers})
            response = connection.getresponse()
            response.read()
            return response.status
        finally:
            connection.close()


def drive(server: Server, page: Page, concurrency: int, requests: int) -> Result:
    def one(_n):
        started = time.perf_counter()
        status = server.get(page.path, page.headers)
        return time.perf_counter() - started, status != 200

    started = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        outcomes = list(pool.map(one, range(requests)))
    seconds = time.perf_counter() - started
    return Result(
        page.label,
        concurrency,
        requests,
        seconds,
        [o[0] for o in outcomes],
        sum(o[1] for o in outcomes),
    )


def run(workers=4, threads=2, concurrencies=(1, 4, 16), requests=48, progress=print):
    bench = Benchmark(values=0, repeat=1, progress=progress)
    bench.find_dataset()
    chosen = pages(bench)
    results = []
    with Server(workers, threads) as server:
        for page in chosen:  # warm up every worker's caches and URL modules
            for _n in range(workers):
                server.get(page.path, page.headers)
        for page in chosen:
            for concurrency in concurrencies:
                n = max(requests, concurrency)
                result = drive(server, page, concurrency, n)
                results.append(result)
                progress(format_result(result))
    return results


def format_result(r: Result) -> str:
    def ms(seconds):
        return f"{seconds * 1000:7.0f} ms"

    errors = f"  {r.errors} fouten" if r.errors else ""
    return (
        f"{r.label:<38} c={r.concurrency:<3} n={r.requests:<4} {r.per_second:6.1f} req/s  "
        f"p50 {ms(r.percentile(50))}  p95 {ms(r.percentile(95))}  p99 {ms(r.percentile(99))}"
        f"{errors}"
    )
