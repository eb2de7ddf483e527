"""Saving lines (the one path of grid, import, API and demo) and cost-per-unit figures."""

from decimal import Decimal

import pytest

from budgets import figures
from budgets.models import BudgetLine, KostenPerEenheid, Product, Programma
from budgets.services import (
    InvalidLines,
    LineInput,
    kosten_per_eenheid,
    save_lines,
    unit_costs,
)
from indicators.submissions.services import CellInput, save_values
from indicators.workflow import transition as submission_transition
from tests.budgets.conftest import D, approved, lines, make_version, tv


@pytest.fixture
def version(world, controller):
    return make_version(world.vlissingen, 2018, "primitief", controller, {"6.3": (1000, 600)})


def test_saving_creates_changes_and_removes_lines(version, controller):
    result = save_lines(
        version,
        controller,
        [
            LineInput(tv("6.3").pk, lasten=D(1100), baten=D(600)),
            LineInput(tv("6.1").pk, lasten=D(50)),
        ],
    )
    assert (result.created, result.updated, result.unchanged) == (1, 1, 0)
    line = BudgetLine.objects.get(version=version, taakveld__code="6.1")
    assert (line.lasten, line.baten, line.saldo) == (50, 0, -50)
    result = save_lines(version, controller, [LineInput(tv("6.1").pk)])
    assert result.deleted == 1
    assert not BudgetLine.objects.filter(version=version, taakveld__code="6.1").exists()


def test_replacing_removes_every_line_that_is_not_sent(version, controller):
    save_lines(version, controller, lines(**{"6.1": (5, 0)}), replace=True)
    assert [line.taakveld.code for line in version.lines.all()] == ["6.1"]


def test_every_changed_amount_is_kept_with_user_and_reason(version, controller):
    save_lines(version, controller, lines(**{"6.3": (1250, 600)}), reason="Correctie bijstand")
    records = BudgetLine.history.filter(version_id=version.pk).order_by("history_id")
    assert [(r.history_type, r.lasten, r.history_user) for r in records] == [
        ("+", Decimal("1000.00"), controller),
        ("~", Decimal("1250.00"), controller),
    ]
    assert records.last().history_change_reason == "Correctie bijstand"


@pytest.mark.parametrize(
    ("code", "year", "message"),
    [
        ("6", 2018, "hoofdtaakveld"),
        ("6.71a", 2018, "geldt niet in 2018"),
        ("6.71", 2023, "geldt niet in 2023"),
    ],
)
def test_a_line_on_a_taakveld_that_does_not_apply_is_refused(
    world, controller, code, year, message
):
    version = make_version(world.vlissingen, year, "primitief", controller, {})
    with pytest.raises(InvalidLines) as refused:
        save_lines(version, controller, lines(**{code: (1, 0)}))
    assert message in refused.value.errors[0]
    assert not version.lines.exists()


def test_nothing_is_saved_when_one_line_is_wrong(version, controller):
    with pytest.raises(InvalidLines):
        save_lines(version, controller, lines(**{"6.1": (5, 0), "6": (1, 0)}))
    assert [line.taakveld.code for line in version.lines.all()] == ["6.3"]


def test_a_line_can_belong_to_a_programma_and_product_of_the_gemeente(version, controller, world):
    programma = Programma.objects.create(owner=world.vlissingen, code="SD", name="Sociaal domein")
    product = Product.objects.create(programma=programma, code="WMO", name="Wmo")
    other = Programma.objects.create(owner=world.middelburg, code="X", name="Ander")
    save_lines(version, controller, [LineInput(tv("6.3").pk, product_id=product.pk, lasten=D(7))])
    line = version.lines.get(product=product)
    assert line.programma == programma  # taken from the product
    with pytest.raises(InvalidLines, match="hoort niet bij Vlissingen"):
        save_lines(version, controller, [LineInput(tv("6.3").pk, programma_id=other.pk)])


def test_the_same_line_twice_is_refused(version, controller):
    with pytest.raises(InvalidLines, match="twee keer"):
        save_lines(
            version, controller, [LineInput(tv("6.1").pk), LineInput(tv("6.1").pk, lasten=D(1))]
        )


# ── cost per unit ────────────────────────────────────────────────────────────────────────────
@pytest.fixture
def clients(world):
    """An approved figure: 666 Wsw clients for Walcheren in 2018H1 (and 510 werkzoekenden)."""
    submission = world.submission
    cells = [
        CellInput(world.aantal_clienten.pk, world.werkzoekenden.pk, world.walcheren.pk, "510"),
        CellInput(world.aantal_clienten.pk, world.wsw.pk, world.walcheren.pk, "666"),
        CellInput(world.uitstroom_pct.pk, world.werkzoekenden.pk, world.walcheren.pk, "12,5"),
    ]
    save_values(submission, world.leverancier, cells)
    submission_transition(submission, "indienen", world.leverancier)
    return submission


def value_of(world, doelgroep):
    return world.submission.values.get(indicator=world.aantal_clienten, doelgroep=doelgroep)


def test_kosten_per_eenheid_divides_the_selected_lines_by_an_approved_figure(world, clients):
    submission_transition(clients, "goedkeuren", world.beleid)
    selection = [BudgetLine(lasten=D("33090000"), baten=D(0))]
    assert kosten_per_eenheid(selection, value_of(world, world.wsw)) == D("49684.68")
    netto = [BudgetLine(lasten=D(1000), baten=D(400))]
    assert kosten_per_eenheid(netto, value_of(world, world.wsw), "netto") == D("0.90")


def test_kosten_per_eenheid_needs_an_approved_non_zero_figure(world, clients):
    selection = [BudgetLine(lasten=D(1000), baten=D(0))]
    assert kosten_per_eenheid(selection, value_of(world, world.wsw)) is None  # only ingediend
    submission_transition(clients, "goedkeuren", world.beleid)
    assert kosten_per_eenheid(selection, None) is None
    zero = value_of(world, world.wsw)
    zero.value = Decimal(0)
    assert kosten_per_eenheid(selection, zero) is None


def test_the_overview_of_a_regio_shows_the_cost_per_client(world, clients, controller):
    submission_transition(clients, "goedkeuren", world.beleid)
    approved(
        world.vlissingen,
        2018,
        "realisatie",
        controller,
        world.beleid,
        {"6.4": (666_000, 0), "6.3": (5, 0)},
    )
    config = KostenPerEenheid.objects.create(
        code="wsw",
        name="Kosten per Wsw-medewerker",
        indicator=world.aantal_clienten,
        doelgroep=world.wsw,
        eenheid="Wsw-medewerker",
    )
    config.taakvelden.set([tv("6.4")])
    [cost] = unit_costs(figures.overview(world.walcheren, 2018))
    assert cost.amount == 666_000
    assert cost.result == 1000
    assert cost.period_label == "2018 eerste halfjaar"
    # The figure is about the regio, so for one gemeente there is no figure to divide by.
    [alone] = unit_costs(figures.overview(world.vlissingen, 2018))
    assert alone.value is None and alone.result is None
