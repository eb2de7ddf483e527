"""Issue 16: regio totals summed in SQL (``indicators.engine.reading``) give exactly what the
members' own rows give: the same figures, the same "made by the engine" and voorlopig marks, the
same incomplete totals with the same missing parts, for every aggregation kind and period type.
Runs on SQLite and, with DATABASE_URL, on PostgreSQL."""

import random
from decimal import Decimal

import pytest

from indicators import engine
from indicators.engine import reading
from indicators.models import Aggregatie, CijferStatus, Eenheid, SubmissionStatus, Value
from tests.factories import (
    DoelgroepFactory,
    GemeenteFactory,
    RegioFactory,
    SubmissionFactory,
    UitvraagFactory,
    UitvraagRegelFactory,
    period,
)

from .engine_world import computed, count, stock

QUARTERS = ["2018Q1", "2018Q2", "2018Q3", "2018Q4", "2019Q1", "2019Q2", "2019Q3", "2019Q4"]
REQUESTED = ["2019Q3", "2019H2", "2019", "2019H1", "2019Q1"]  # with the previous of each


def both_paths(periods, gemeenten):
    catalogue = engine.Catalogue.load()
    in_sql = reading.compute(periods, gemeenten, catalogue, sum_in_sql=True)
    in_python = reading.compute(periods, gemeenten, catalogue)
    return in_sql, in_python


def seen(figures, areas):
    """Everything a caller reads about these areas."""
    here = lambda keys: {k for k in keys if k[1] in areas}  # noqa: E731
    return {
        "values": {k: v for k, v in figures.values.items() if k[1] in areas},
        "derived": here(figures.derived),
        "provisional": here(figures.provisional),
        "incomplete": {k: v for k, v in figures.incomplete.items() if k[1] in areas},
    }


def assert_same(periods, gemeente):
    in_sql, in_python = both_paths(periods, [gemeente])
    assert in_sql.keys() == in_python.keys()
    for pk, figures in in_python.items():
        areas = {gemeente.pk, *figures.regios_of(gemeente.pk)}
        assert seen(in_sql[pk], areas) == seen(figures, areas), figures.period.identifier
        assert in_sql[pk].members == figures.members
    return in_sql, in_python


class Regio:
    """A regio of four gemeenten (the first is the one asked for) and its supplier's indicators:
    a flow per doelgroep (som), a stock (stand), a percentage (geen) and a rate (formule)."""

    def __init__(self):
        self.regio = RegioFactory(name="Walcheren")
        self.gemeenten = [
            GemeenteFactory(name=n) for n in ("Middelburg", "Veere", "Vlissingen", "Goes")
        ]
        self.regio.gemeenten.set(self.gemeenten)
        self.gemeente = self.gemeenten[0]
        self.werk, self.wsw = DoelgroepFactory(name="Werkzoekenden"), DoelgroepFactory(name="Wsw")
        self.instroom = count("instroom")
        self.clienten = stock("clienten")
        self.pct = count("pct_tevreden", eenheid=Eenheid.PERCENTAGE, aggregatie=Aggregatie.SOM)
        self.per_client = computed(
            "instroom_per_client", "[instroom] * 100 / [clienten]", aggregatie=Aggregatie.FORMULE
        )
        self.uitvraag = UitvraagFactory(areas=self.gemeenten)
        for indicator in (self.instroom, self.clienten):
            for doelgroep in (self.werk, self.wsw):
                UitvraagRegelFactory(
                    uitvraag=self.uitvraag, indicator=indicator, doelgroep=doelgroep
                )
        self.submissions = {}

    def submission(self, identifier, status=SubmissionStatus.GOEDGEKEURD, version=0):
        key = (identifier, status, version)
        if key not in self.submissions:
            self.submissions[key] = SubmissionFactory(
                uitvraag=self.uitvraag if version == 0 else UitvraagFactory(),
                period=period(identifier),
                status=status,
            )
        return self.submissions[key]

    def add(self, indicator, area, value, identifier, doelgroep=None, **extra):
        status = extra.pop("figure_status", CijferStatus.DEFINITIEF)
        Value.objects.create(
            submission=self.submission(identifier, **extra),
            indicator=indicator,
            doelgroep=doelgroep,
            area=area,
            value=Decimal(str(value)),
            raw=str(value),
            status=status,
        )

    def fill(self, identifiers=QUARTERS, gemeenten=None, skip=()):
        """Every figure for every gemeente and quarter, except the (gemeente, quarter) in skip."""
        for q, identifier in enumerate(identifiers):
            for g, gemeente in enumerate(gemeenten or self.gemeenten):
                if (gemeente, identifier) in skip:
                    continue
                for d, doelgroep in enumerate((self.werk, self.wsw)):
                    self.add(self.instroom, gemeente, 10 + g + d + q, identifier, doelgroep)
                    self.add(self.clienten, gemeente, 200 + 3 * g + d - q, identifier, doelgroep)
                self.add(self.pct, gemeente, "71.5", identifier)


@pytest.fixture
def walcheren(db):
    return Regio()


def periods_of(identifier):
    current = period(identifier)
    return [current, current.previous()]


@pytest.mark.parametrize("identifier", REQUESTED)
def test_alike_members_are_summed_in_sql_with_the_same_result(walcheren, identifier):
    walcheren.fill()
    in_sql, _python = assert_same(periods_of(identifier), walcheren.gemeente)
    figures = in_sql[period(identifier).pk]
    # The sums were used (a vacuous comparison would prove nothing) and give the regio's totals.
    assert {walcheren.instroom.pk, walcheren.clienten.pk} <= figures.summed
    regio = walcheren.regio.pk
    assert figures.get(walcheren.instroom.pk, regio) is not None
    assert figures.get(walcheren.per_client.pk, regio) is not None
    assert figures.get(walcheren.pct.pk, regio) is None  # a percentage never adds up
    assert not any(key[1] < 0 for key in figures.values)  # no summed area left in the result


def test_the_year_of_a_flow_is_the_sum_of_its_quarters_and_a_stock_its_last(walcheren):
    walcheren.fill()
    figures = reading.compute([period("2019")], [walcheren.gemeente], sum_in_sql=True)[
        period("2019").pk
    ]
    regio, werk = walcheren.regio.pk, walcheren.werk.pk
    # instroom: 10 + g + d + q over 4 gemeenten (g 0..3), werkzoekenden (d 0), 2019 (q 4..7)
    assert figures.get(walcheren.instroom.pk, regio, werk) == sum(
        10 + g + q for g in range(4) for q in range(4, 8)
    )
    # clienten at the end of 2019Q4 (q 7): 200 + 3g - 7
    assert figures.get(walcheren.clienten.pk, regio, werk) == sum(200 + 3 * g - 7 for g in range(4))


@pytest.mark.parametrize("identifier", REQUESTED)
def test_a_missing_gemeente_makes_the_same_incomplete_total(walcheren, identifier):
    veere = walcheren.gemeenten[1]
    walcheren.fill(skip={(veere, "2019Q2"), (veere, "2019Q3")})
    in_sql, _python = assert_same(periods_of(identifier), walcheren.gemeente)
    figures = in_sql[period(identifier).pk]
    if identifier in ("2019H1", "2019H2", "2019", "2019Q3"):
        key = (walcheren.instroom.pk, walcheren.regio.pk, None)
        assert key in figures.incomplete
        assert any(part[1] == veere.pk for part in figures.incomplete[key])


@pytest.mark.parametrize("identifier", REQUESTED)
def test_an_expected_doelgroep_missing_at_a_member_is_named_the_same(walcheren, identifier):
    goes = walcheren.gemeenten[3]
    walcheren.fill(gemeenten=walcheren.gemeenten[:3])
    for q, quarter in enumerate(QUARTERS):  # Goes delivers werkzoekenden only
        walcheren.add(walcheren.instroom, goes, 5 + q, quarter, walcheren.werk)
        walcheren.add(walcheren.clienten, goes, 90 - q, quarter, walcheren.werk)
    in_sql, _python = assert_same(periods_of(identifier), walcheren.gemeente)
    figures = in_sql[period(identifier).pk]
    assert walcheren.instroom.pk not in figures.summed  # members differ: read their rows
    if identifier.endswith("Q1") or identifier.endswith("Q3"):
        return  # asked per half-year: a quarter's total has no expected part missing
    regio = walcheren.regio.pk
    for key in (
        (walcheren.instroom.pk, regio, walcheren.wsw.pk),
        (walcheren.instroom.pk, regio, None),
    ):
        assert figures.get(*key) is None  # not the werkzoekenden alone as the regio's total
        assert (walcheren.instroom.pk, goes.pk, walcheren.wsw.pk) in figures.incomplete[key]


@pytest.mark.parametrize("identifier", REQUESTED)
def test_voorlopig_at_one_member_marks_the_regio_total_the_same(walcheren, identifier):
    walcheren.fill(gemeenten=walcheren.gemeenten[:3])
    goes = walcheren.gemeenten[3]
    for q, quarter in enumerate(QUARTERS):
        for doelgroep in (walcheren.werk, walcheren.wsw):
            status = CijferStatus.VOORLOPIG if quarter == "2019Q2" else CijferStatus.DEFINITIEF
            walcheren.add(walcheren.instroom, goes, 7, quarter, doelgroep, figure_status=status)
            walcheren.add(walcheren.clienten, goes, 70 + q, quarter, doelgroep)
    in_sql, _python = assert_same(periods_of(identifier), walcheren.gemeente)
    figures = in_sql[period(identifier).pk]
    assert walcheren.instroom.pk in figures.summed
    key = (walcheren.instroom.pk, walcheren.regio.pk, None)
    assert (key in figures.provisional) == (identifier in ("2019H1", "2019"))


def test_a_later_submission_and_a_figure_entered_for_the_half_year_are_the_same(walcheren):
    walcheren.fill()
    vlissingen = walcheren.gemeenten[2]
    # A correction in a second approved submission of the same quarter, and a half-year figure.
    walcheren.add(walcheren.instroom, vlissingen, 99, "2019Q3", walcheren.werk, version=1)
    walcheren.add(walcheren.instroom, vlissingen, 400, "2019H1", walcheren.wsw, version=1)
    walcheren.add(walcheren.clienten, walcheren.regio, 1234, "2019Q4", walcheren.werk)
    summed = {}
    for identifier in REQUESTED:
        in_sql, _python = assert_same(periods_of(identifier), walcheren.gemeente)
        summed[identifier] = in_sql[period(identifier).pk].summed
    assert walcheren.instroom.pk not in summed["2019"]  # two submissions of a quarter: rows
    assert walcheren.instroom.pk in summed["2019Q1"]  # 2019Q1 and 2018Q4 are alike


@pytest.mark.parametrize("seed", range(6))
def test_random_worlds_give_the_same_figures(walcheren, seed):
    """Figures missing, voorlopig, corrected or entered for the regio at random."""
    rnd = random.Random(seed)
    indicators = [walcheren.instroom, walcheren.clienten, walcheren.pct]
    for quarter in QUARTERS:
        for gemeente in walcheren.gemeenten:
            for indicator in indicators:
                doelgroepen = (
                    [None] if indicator == walcheren.pct else [walcheren.werk, walcheren.wsw]
                )
                for doelgroep in doelgroepen:
                    if rnd.random() < 0.08:
                        continue
                    status = (
                        CijferStatus.VOORLOPIG if rnd.random() < 0.1 else CijferStatus.DEFINITIEF
                    )
                    version = 1 if rnd.random() < 0.05 else 0
                    value = rnd.randint(0, 50)
                    walcheren.add(
                        indicator, gemeente, value, quarter, doelgroep, figure_status=status
                    )
                    if version:
                        walcheren.add(indicator, gemeente, value + 1, quarter, doelgroep, version=1)
        if rnd.random() < 0.2:
            walcheren.add(walcheren.instroom, walcheren.regio, rnd.randint(50, 90), quarter)
    for identifier in REQUESTED:
        assert_same(periods_of(identifier), walcheren.gemeente)


def test_an_overview_reads_the_regio_column_from_the_sums(walcheren, django_assert_max_num_queries):
    walcheren.fill()
    with django_assert_max_num_queries(15):
        result = engine.overview(walcheren.gemeente, period("2019"))
    rows = {(r.indicator.code, r.label): r for r in result.rows}
    total = rows[("instroom", "Totaal")]
    expected = sum(10 + g + d + q for g in range(4) for d in range(2) for q in range(4, 8))
    assert total.regio_values == [expected]
