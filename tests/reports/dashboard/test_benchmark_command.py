"""``manage.py benchmark_dashboard`` prints p50/p95 per page (in-process or over HTTP)."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.factories import PASSWORD


def run(*args) -> str:
    out = io.StringIO()
    call_command("benchmark_dashboard", *args, stdout=out)
    return out.getvalue()


def test_the_benchmark_prints_p50_and_p95_per_page(dash):
    output = run("--requests", "2", "--user", "beleid")
    assert "Gemeente Vlissingen (GM0718), gebruiker beleid" in output
    header = next(line for line in output.splitlines() if line.startswith("Pagina"))
    assert header.split() == ["Pagina", "koud", "p50", "p95", "max", "queries", "kB"]
    for page in ("gemeente", "thema + gemiddelde", "indicator + regio", "grafiek (SVG)"):
        assert any(line.startswith(page + " ") for line in output.splitlines()), page


def test_the_benchmark_measures_the_public_pages_too(dash):
    from tests.reports.dashboard.conftest import vaststellen

    dash.vlissingen.public_dashboard = True
    dash.vlissingen.save()
    vaststellen(dash.vlissingen, "2018H1", dash.beleid)
    output = run("--requests", "1", "--user", "beleid", "--public")
    assert any(line.startswith("openbaar thema ") for line in output.splitlines())


def test_the_benchmark_refuses_a_gemeente_the_user_may_not_see(dash):
    with pytest.raises(CommandError):
        run("--requests", "1", "--user", "beleid", "--gemeente", "GM0505")


@pytest.mark.django_db(transaction=True)
def test_the_benchmark_requests_a_running_server_over_http(dash, live_server):
    output = run(
        "--requests",
        "1",
        "--user",
        "beleid",
        "--password",
        PASSWORD,
        "--url-base",
        live_server.url,
    )
    assert f"via HTTP naar {live_server.url}" in output
    assert any(line.startswith("thema + regio ") for line in output.splitlines())
