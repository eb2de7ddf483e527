"""The speed tooling at a tiny scale: ``generate_large_dataset`` and ``benchmark``.

No timing is asserted anywhere: the commands print figures, the tests check that they do, and
that the generated data set is what the engine and the pages expect.
"""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from indicators import engine
from indicators.benchmarking import PREFIX
from indicators.benchmarking.plan import Scale
from indicators.models import Indicator, Period, Submission, SubmissionStatus, Uitvraag, Value
from organisations.models import Organisation

# 8 gemeenten in 1 regio, 1 family of 5 entered indicators + 3 population + 4 computed,
# 2 doelgroepen, the 4 quarters of 2024.
TINY = {"gemeenten": 8, "indicators": 12, "computed": 4, "years": 1, "doelgroepen": 2}
TINY_ARGS = [f"--{name}={value}" for name, value in TINY.items()] + ["--yes"]


def run(command, *args) -> str:
    out = StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def dataset(db):
    return run("generate_large_dataset", *TINY_ARGS)


def test_the_generator_says_what_it_made_and_how_long_it_took(dataset):
    assert "8 gemeenten, 1 regio's" in dataset
    assert "12 indicatoren (4 berekend)" in dataset
    assert "Klaar: 416 waarden in" in dataset
    assert "geen historie" in dataset


def test_every_cell_gets_an_approved_figure_without_history(dataset):
    assert Value.objects.count() == Scale(**TINY).total_values == 416
    assert not Submission.objects.exclude(status=SubmissionStatus.GOEDGEKEURD).exists()
    assert Value.history.count() == 0


def test_every_gemeente_belongs_to_exactly_one_regio(dataset):
    gemeenten = Organisation.objects.gemeenten().filter(code__startswith=f"{PREFIX}GM")
    assert gemeenten.count() == 8
    for gemeente in gemeenten:
        assert gemeente.groepen.regios().count() == 1


def test_the_engine_computes_the_generated_formulas(dataset):
    computed = Indicator.objects.exclude(formula="")
    for indicator in computed:
        indicator.full_clean()  # the formula validates: known codes, no cycles
    figures = engine.compute_period(Period.objects.get(identifier="2024Q4"))
    assert {key[0] for key in figures.values} >= {i.pk for i in computed}


def test_the_data_set_lives_beside_other_data_and_drop_removes_only_it(world):
    before = Organisation.objects.count()
    run("generate_large_dataset", *TINY_ARGS)
    output = run("generate_large_dataset", "--drop", "--yes")
    assert "Benchmarkdataset verwijderd: 416 waarden" in output
    assert Organisation.objects.count() == before
    assert not Indicator.objects.filter(code__startswith=PREFIX).exists()
    assert Submission.objects.filter(pk=world.submission.pk).exists()


def test_a_second_data_set_is_refused_until_the_first_is_dropped(dataset):
    with pytest.raises(CommandError, match="--drop"):
        run("generate_large_dataset", *TINY_ARGS)


def test_too_few_indicators_for_a_family_are_refused(db):
    with pytest.raises(CommandError, match="Te weinig indicatoren"):
        run("generate_large_dataset", "--indicators=10", "--computed=4", "--yes")


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the limit is for SQLite")
def test_the_full_scale_is_refused_on_sqlite(db):
    with pytest.raises(CommandError, match="PostgreSQL"):
        run("generate_large_dataset", "--yes")


def test_the_benchmark_prints_every_figure(dataset):
    output = run("benchmark", "--values=30", "--repeat=1")
    for label in (
        "Meting",
        "Mediaan",
        "p95",
        "Queries",
        "Bulkimport API: aanmaken",
        "Bulkimport API: zelfde payload (ongewijzigd)",
        "Bulkimport API: alles gewijzigd",
        "Berekenen: 1 gemeente, kwartaal 2024Q4",
        "Berekenen: alle 8 gemeenten, jaar 2024",
        "Overzicht gemeente (engine.overview), kwartaal 2024Q4",
        "Overzicht gemeente, webpagina /cijfers/",
        "Overzicht gemeente, API /api/v1/overzicht/",
        "Aanleveringenlijst /aanleveringen/",
        "Volledigheid /kwaliteit/?periode=2024Q4",
        "API /api/v1/aanleveringen/?period=2024Q4",
    ):
        assert label in output
    assert "30 waarden" in output


def test_the_benchmark_removes_what_its_import_created(dataset):
    run("benchmark", "--values=30", "--repeat=1")
    assert Value.objects.count() == 416
    assert Value.history.count() == 0
    assert not Uitvraag.objects.filter(name="Benchmark-import").exists()
    assert not Period.objects.filter(year=2025).exists()


def test_the_benchmark_without_a_data_set_says_how_to_make_one(db):
    with pytest.raises(CommandError, match="generate_large_dataset"):
        run("benchmark", "--values=0")


def test_a_failing_measurement_is_reported_and_the_others_still_run(dataset, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("kapot")

    monkeypatch.setattr(engine, "overview", broken)
    out = StringIO()
    with pytest.raises(CommandError, match="mislukt"):
        call_command("benchmark", "--values=0", "--repeat=1", stdout=out)
    output = out.getvalue()
    assert "RuntimeError: kapot" in output
    assert "Aanleveringenlijst /aanleveringen/" in output


def test_the_disclosure_benchmark_prints_the_time_and_the_share_of_secondary_cells(dataset):
    output = run("benchmark_disclosure", "--repeat=1", "--all")
    assert "8 gemeenten, 1 regio's, 7 periodes" in output
    assert "bench-werk-1-instroom × 2024:" in output
    assert "van de cellen" in output and "processortijd" in output
    assert "alle indicatoren × 2024:" in output
    assert "Patroon van de grootste regio (8 gemeenten" in output


def test_every_page_of_the_load_benchmark_answers_with_its_credentials(dataset):
    """benchmark_load drives these pages through gunicorn; here each is asked once in-process
    with the same headers, so a changed login or token scheme breaks a test, not the benchmark."""
    from django.test import Client

    from indicators.benchmarking.load import pages
    from indicators.benchmarking.measure import Benchmark

    bench = Benchmark(values=0, repeat=1, progress=lambda _line: None)
    bench.find_dataset()
    client = Client()
    for page in pages(bench):
        headers = {f"HTTP_{k.upper().replace('-', '_')}": v for k, v in page.headers.items()}
        if "Cookie" in page.headers:
            name, value = page.headers["Cookie"].split("=", 1)
            client.cookies[name] = value
            headers.pop("HTTP_COOKIE")
        assert client.get(page.path, **headers).status_code == 200, page.label
