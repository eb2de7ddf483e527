"""Where the dashboard's figures come from: the engine on any rows, the regio fallback, the
average of the gemeenten, periods, changes."""

from decimal import Decimal

from indicators import engine
from indicators.models import Eenheid, PeriodType
from reports.dashboard import figures, services
from reports.dashboard.figures import (
    GEMIDDELDE_SUBJECT,
    Audience,
    Bron,
    Point,
    Subject,
    _averages,
)
from tests.factories import period


def test_the_engine_computes_totals_from_rows_given_to_it(dash):
    catalogue = engine.Catalogue.load()
    h1 = period("2018H1")
    rows = [
        (
            dash.aantal_clienten.pk,
            dash.vlissingen.pk,
            dash.werkzoekenden.pk,
            Decimal(3),
            False,
            h1.pk,
            1,
        ),
        (dash.aantal_clienten.pk, dash.vlissingen.pk, dash.wsw.pk, Decimal(4), True, h1.pk, 1),
    ]
    figures_ = engine.compute_rows([h1], rows, catalogue)[h1.pk]
    total = (dash.aantal_clienten.pk, dash.vlissingen.pk, None)
    assert figures_.values[total] == 7
    assert total in figures_.derived and total in figures_.provisional


def test_the_engine_lets_the_later_row_win(dash):
    catalogue = engine.Catalogue.load()
    h1 = period("2018H1")
    key = (dash.aantal_clienten.pk, dash.vlissingen.pk, dash.wsw.pk)
    rows = [(*key, Decimal(4), False, h1.pk, 2), (*key, Decimal(9), False, h1.pk, 1)]
    assert engine.compute_rows([h1], rows, catalogue)[h1.pk].values[key] == 4


def test_a_gemeente_gets_the_figure_of_its_regio_when_it_has_none(dash):
    catalogue = engine.Catalogue.load()
    h1 = period("2018H1")
    points = figures.subject_points(
        Audience(Bron.GOEDGEKEURD), Subject.of(dash.vlissingen), [h1], catalogue
    )
    point = points.get(dash.uitstroom_pct.pk, dash.werkzoekenden.pk, h1.pk)
    assert point.value == Decimal("12.5") and point.from_regio


def test_the_average_is_over_the_gemeenten_with_a_figure(dash):
    catalogue = engine.Catalogue.load()
    year = period("2017")
    points = figures.subject_points(
        Audience(Bron.GOEDGEKEURD), GEMIDDELDE_SUBJECT, [year], catalogue, [dash.schulden.pk]
    )
    point = points.get(dash.schulden.pk, None, year.pk)
    assert point.value == Decimal("4.1") and point.count == 1  # only Vlissingen has one


def test_an_average_over_a_secret_figure_is_secret():
    keys = [(1, 10, None), (1, 11, None)]
    result = _averages(keys, [], {}, {keys[0]: Decimal(5)}, {keys[1]}, set())
    assert result[(1, None)] == Point(None, secret=True, count=2)


def test_an_average_counts_a_regio_figure_once_per_gemeente_without_its_own():
    own, regio = (1, 10, None), (1, 99, None)
    values = {own: Decimal(10), regio: Decimal(4)}
    result = _averages([own], [regio], {99: [10, 11, 12]}, values, set(), set())
    # gemeente 10 has its own 10; 11 and 12 take the regio's 4: (10 + 4 + 4) / 3
    assert result[(1, None)].value == Decimal(6) and result[(1, None)].count == 3


def test_the_window_holds_the_last_periods_of_each_type(db):
    for identifier in ("2016", "2017", "2017H1", "2017H2", "2018H1", "2018"):
        period(identifier)
    found = figures.window(period("2018H1"), [PeriodType.JAAR, PeriodType.HALFJAAR])
    assert [p.identifier for p in found] == ["2016", "2017H1", "2017", "2017H2", "2018H1"]


def test_a_percentage_changes_in_procentpunten_and_a_count_in_percent(dash):
    dash.uitstroom_pct.eenheid = Eenheid.PERCENTAGE
    assert services.format_change(dash.uitstroom_pct, Decimal("12.5"), Decimal("9.8")) == (
        "+2,7 procentpunt"
    )
    assert services.format_change(dash.aantal_clienten, Decimal(510), Decimal(480)) == "+6,3 %"
    assert services.format_change(dash.aantal_clienten, Decimal(5), Decimal(0)) == ""


def test_a_new_approval_changes_the_data_version(dash):
    from indicators.models import SubmissionStatus
    from tests.reports.dashboard.conftest import deliver

    catalogue = engine.Catalogue.load()
    before = figures.data_version(catalogue)
    deliver(dash.uitvraag, "2018H2", {}, status=SubmissionStatus.GOEDGEKEURD)
    assert figures.data_version(catalogue) != before


def test_the_memo_forgets_the_least_recently_used():
    memo = figures.Memo(size=2)
    memo.set("a", 1, 60)
    memo.set("b", 2, 60)
    memo.get("a")
    memo.set("c", 3, 60)
    assert memo.get("b") is None and memo.get("a") == 1 and memo.get("c") == 3


def test_the_memo_forgets_what_expired():
    memo = figures.Memo()
    memo.set("a", 1, -1)
    assert memo.get("a") is None
