"""``manage.py benchmark_reports``: time and memory to make the full report, storing nothing."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from reports.models import Report, ReportText
from reports.services import create_report
from tests.factories import period


@pytest.fixture(autouse=True)
def _quick_pdf(monkeypatch):
    """The command is under test here, not WeasyPrint: a stand-in PDF keeps it fast."""
    from reports import charts
    from reports.management.commands import benchmark_reports

    monkeypatch.setattr(charts, "render", lambda chart: chart)
    monkeypatch.setattr(benchmark_reports, "render_pdf", lambda content: b"%PDF-1.7 stand-in")


def run(**options) -> str:
    out = StringIO()
    call_command("benchmark_reports", stdout=out, **options)
    return out.getvalue()


def test_the_benchmark_prints_time_and_peak_memory_for_one_and_for_all_gemeenten(
    approved_world,
):
    output = run(gemeenten="GM0718,GM0687", repeat=1)
    assert "Periode 2018H1" in output
    assert "1 gemeente (Vlissingen)" in output
    assert "2 gemeenten tegelijk (Vlissingen, Middelburg)" in output
    assert "run 1:" in output and "pdf " in output and "csv " in output
    assert "piek Python-allocaties" in output and "ru_maxrss" in output
    assert output.count("per rapportage;") == 2


def test_the_benchmark_leaves_the_reports_and_files_alone(approved_world, settings):
    world = approved_world
    report = create_report(world.vlissingen, period("2018H1"), world.beleid)
    ReportText.objects.create(report=report, thema=world.aantal_clienten.thema, wat_zien_we="Tekst")
    before = list(Report.objects.values_list("pk", "version", "generation_status", "pdf"))
    run(gemeenten="GM0718", period="2018H1", repeat=1)
    assert list(Report.objects.values_list("pk", "version", "generation_status", "pdf")) == before
    media = settings.MEDIA_ROOT
    assert not media.exists() or not any(media.rglob("*.pdf"))


def test_an_unknown_gemeente_is_refused_with_a_hint(world):
    with pytest.raises(CommandError, match="load_demo"):
        run(gemeenten="GM9999")


def test_patterns_come_from_the_shared_cache_unless_asked_cold(approved_world, monkeypatch):
    """By default a run reads the suppression patterns the worker computed ahead; with
    --cold-patterns every run computes them."""
    from indicators.disclosure import patterns

    computed = []
    real = patterns._compute

    def counting(*args, **kwargs):
        computed.append(args[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(patterns, "_compute", counting)
    output = run(gemeenten="GM0718", repeat=2, warmup=0, trace=False)
    assert "Onthullingspatronen: uit de gedeelde cache" in output
    assert len(computed) == len(set(computed))  # computed ahead once; the runs only read them
    computed.clear()
    output = run(gemeenten="GM0718", repeat=2, warmup=0, trace=False, cold_patterns=True)
    assert "elke ronde opnieuw berekend" in output
    assert computed and all(computed.count(year) == 2 for year in computed)  # once per run
