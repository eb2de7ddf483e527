"""The voortgang of a beleidskader in a year: per doelstelling and target whether it is met,
from approved figures and streefwaarden, its trend, and the budget of its prestaties against
what was realised on their budget lines.

- A target's indicator is **gehaald** when its approved figure for the kader's gemeente or regio
  meets the streefwaarde of that year (:func:`indicators.targets.is_met`, compared as shown);
  **niet gehaald** when it does not; **nog niet meetbaar** without a figure or streefwaarde.
- A target is gehaald when all its measurable indicators are and at least one is; niet gehaald
  when one is not; otherwise nog niet meetbaar. A doelstelling counts its targets.
- The trend is the engine's proposal against the previous period of the same kind
  (:func:`indicators.targets.trend_proposal`).
- Budget: the amounts of the prestaties for the year; realisatie and actuele begroting from the
  approved budget versions on the lines the prestaties are linked to (:mod:`beleidskader.lines`
  for programma and product; :mod:`budgets.figures` for a taakveld).

Pure: reads, writes nothing. Queries do not grow with the size of the tree.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from budgets import figures as budget_figures
from indicators import engine
from indicators.models import Oordeel, Period, PeriodType
from indicators.quality.validation import format_value
from indicators.targets import TargetBook, is_met, target_text, trend_proposal

from . import lines
from .models import Beleidskader, Doel, DoelIndicator, Duiding, Niveau, PrestatieBudget

GEHAALD = "gehaald"
NIET_GEHAALD = "niet_gehaald"
NIET_MEETBAAR = "niet_meetbaar"
SECRET_TEXT = _("geheim")
STATUS_LABELS = {
    GEHAALD: _("gehaald"),
    NIET_GEHAALD: _("niet gehaald"),
    NIET_MEETBAAR: _("nog niet meetbaar"),
}


@dataclass
class IndicatorStand:
    link: DoelIndicator
    value: Decimal | None
    previous: Decimal | None
    streefwaarde: object | None
    met: bool | None
    trend: str
    # Set for a public output (the report) when disclosure control hides the figure: it is then
    # shown as "geheim" and its judgement is not given (it would tell on which side it lies).
    secret: bool = False

    @property
    def indicator(self):
        return self.link.indicator

    @property
    def value_text(self) -> str:
        if self.secret:
            return str(SECRET_TEXT)
        return format_value(self.value, self.indicator) if self.value is not None else ""

    @property
    def target_text(self) -> str:
        return target_text(self.streefwaarde, self.indicator)

    @property
    def status(self) -> str:
        if self.secret:
            return NIET_MEETBAAR
        return {True: GEHAALD, False: NIET_GEHAALD}.get(self.met, NIET_MEETBAAR)

    @property
    def trend_label(self) -> str:
        return Oordeel(self.trend).label


@dataclass
class BudgetStand:
    """The budget of prestaties and what the linked lines show (None: not known)."""

    begroot: Decimal | None = None
    actueel: Decimal | None = None
    realisatie: Decimal | None = None
    linked: bool = False

    @property
    def afwijking(self) -> Decimal | None:
        if self.realisatie is None or self.actueel is None:
            return None
        return self.realisatie - self.actueel

    @property
    def uitputting(self) -> Decimal | None:
        return budget_figures.percentage(self.realisatie, self.actueel, signed_base=True)

    def add(self, other: "BudgetStand") -> None:
        for name in ("begroot", "actueel", "realisatie"):
            mine, theirs = getattr(self, name), getattr(other, name)
            if theirs is not None:
                setattr(self, name, (mine or Decimal(0)) + theirs)
        self.linked = self.linked or other.linked


@dataclass
class Stand:
    doel: Doel
    status: str = NIET_MEETBAAR
    indicators: list[IndicatorStand] = field(default_factory=list)
    children: list["Stand"] = field(default_factory=list)
    prestaties: list[tuple[Doel, BudgetStand]] = field(default_factory=list)
    budget: BudgetStand = field(default_factory=BudgetStand)
    duiding: str = ""

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    def count(self, status: str) -> int:
        return sum(1 for child in self.children if child.status == status)


@dataclass
class Voortgang:
    kader: Beleidskader
    year: int
    period: Period | None
    doelstellingen: list[Stand]

    @property
    def targets(self) -> list[Stand]:
        return [t for d in self.doelstellingen for t in d.children]

    def count(self, status: str) -> int:
        return sum(1 for t in self.targets if t.status == status)

    @property
    def counts(self) -> dict[str, int]:
        return {status: self.count(status) for status in STATUS_LABELS}


def period_of(year: int) -> Period | None:
    """The period whose figures say how a year went: the year itself, else its last half year
    or quarter."""
    periods = list(Period.objects.filter(year=year))
    order = {PeriodType.JAAR: 3, PeriodType.HALFJAAR: 2, PeriodType.KWARTAAL: 1}
    return max(periods, key=lambda p: (order.get(p.type, 0), p.number), default=None)


def combine(statuses: list[str]) -> str:
    if NIET_GEHAALD in statuses:
        return NIET_GEHAALD
    if GEHAALD in statuses:
        return GEHAALD
    return NIET_MEETBAAR


def compute(kader: Beleidskader, year: int) -> Voortgang:
    owner = kader.owner
    kaders = [kader.pk, *kader.addenda.values_list("pk", flat=True)]
    nodes = list(
        Doel.objects.filter(kader_id__in=kaders).select_related("kader").order_by("order", "pk")
    )
    children: dict[int | None, list[Doel]] = defaultdict(list)
    for node in nodes:
        children[node.parent_id].append(node)
    links = defaultdict(list)
    for link in DoelIndicator.objects.filter(doel__in=nodes).select_related("indicator"):
        links[link.doel_id].append(link)
    budgets = defaultdict(list)
    prestatie_budgets = PrestatieBudget.objects.filter(doel__in=nodes, year=year)
    for budget in prestatie_budgets:
        budgets[budget.doel_id].append(budget)
    duidingen = dict(
        Duiding.objects.filter(doel__in=nodes, year=year).values_list("doel_id", "text")
    )

    period = period_of(year)
    indicator_ids = {link.indicator_id for group in links.values() for link in group}
    figures, previous_figures, book = None, None, None
    if period is not None and indicator_ids:
        previous = period.previous()
        # A regio's figures are its own or the sum of its gemeenten: load those.
        gemeenten = [owner] if owner.is_gemeente else list(owner.gemeenten.all())
        computed = engine.compute([period, previous], gemeenten)
        figures = computed.get(period.pk)
        previous_figures = computed.get(previous.pk) if previous else None
        regios = (
            list(owner.groepen.regios().values_list("pk", flat=True)) if owner.is_gemeente else []
        )
        book = TargetBook.load(year, indicator_ids, {owner.pk: regios})
    line_view = _line_view(owner, year, budgets)

    def stand_of_indicator(link) -> IndicatorStand:
        key = (link.indicator_id, owner.pk, link.doelgroep_id)
        value = figures.values.get(key) if figures else None
        before = previous_figures.values.get(key) if previous_figures else None
        target = book.lookup(link.indicator, owner.pk, link.doelgroep_id) if book else None
        return IndicatorStand(
            link=link,
            value=value,
            previous=before,
            streefwaarde=target,
            met=is_met(value, target, link.indicator.decimals),
            trend=trend_proposal(link.indicator, value, before),
        )

    def stand_of_target(node) -> Stand:
        stand = Stand(doel=node, duiding=duidingen.get(node.pk, ""))
        stand.indicators = [stand_of_indicator(link) for link in links[node.pk]]
        stand.status = combine([i.status for i in stand.indicators])
        for prestatie in _prestaties_under(node, children):
            budget = _budget_of(budgets[prestatie.pk], line_view)
            stand.prestaties.append((prestatie, budget))
            stand.budget.add(budget)
        return stand

    result = []
    for node in nodes:
        if node.niveau != Niveau.DOELSTELLING or node.kader_id != kader.pk:
            continue
        stand = Stand(doel=node, duiding=duidingen.get(node.pk, ""))
        stand.children = [
            stand_of_target(child) for child in children[node.pk] if child.niveau == Niveau.TARGET
        ]
        # Prestaties directly under the doelstelling (Deventer's form has them under targets).
        for prestatie in children[node.pk]:
            if prestatie.niveau == Niveau.PRESTATIE:
                budget = _budget_of(budgets[prestatie.pk], line_view)
                stand.prestaties.append((prestatie, budget))
                stand.budget.add(budget)
        for child in stand.children:
            stand.budget.add(child.budget)
        stand.status = combine([c.status for c in stand.children])
        result.append(stand)
    return Voortgang(kader=kader, year=year, period=period, doelstellingen=result)


def protect(result: Voortgang, is_secret) -> Voortgang:
    """For a public output: mark the figures ``is_secret(stand)`` hides and judge the targets
    and doelstellingen again without them."""
    for doelstelling in result.doelstellingen:
        for target in doelstelling.children:
            for stand in target.indicators:
                stand.secret = stand.value is not None and is_secret(stand)
            target.status = combine([i.status for i in target.indicators])
        doelstelling.status = combine([c.status for c in doelstelling.children])
    return result


def _prestaties_under(node, children):
    found = []
    for child in children[node.pk]:
        if child.niveau == Niveau.PRESTATIE:
            found.append(child)
            found.extend(_prestaties_under(child, children))
    return found


@dataclass
class _LineView:
    lines: lines.LineOverview | None
    taakvelden: dict[int, budget_figures.Row]


def _line_view(owner, year, budgets) -> _LineView:
    """The budget figures the linked lines need, computed once for the whole tree."""
    all_budgets = [b for group in budgets.values() for b in group]
    by_line = (
        lines.overview(owner, year)
        if any(b.programma_id or b.product_id for b in all_budgets)
        else None
    )
    taakvelden = {}
    if any(b.taakveld_id and not (b.programma_id or b.product_id) for b in all_budgets):
        view = budget_figures.overview(owner, year)
        taakvelden = {row.taakveld.pk: row for row in view.rows if row.taakveld}
    return _LineView(by_line, taakvelden)


def _budget_of(budgets: list[PrestatieBudget], view: _LineView) -> BudgetStand:
    stand = BudgetStand()
    seen = set()
    for budget in budgets:
        if budget.amount is not None:
            stand.begroot = (stand.begroot or Decimal(0)) + budget.amount
        row = None
        if budget.product_id and view.lines:
            row, key = view.lines.by_product.get(budget.product_id), ("product", budget.product_id)
        elif budget.programma_id and view.lines:
            row, key = (
                view.lines.by_programma.get(budget.programma_id),
                ("programma", budget.programma_id),
            )
        elif budget.taakveld_id:
            row, key = view.taakvelden.get(budget.taakveld_id), ("taakveld", budget.taakveld_id)
        if budget.line is not None:
            stand.linked = True
        # Two prestaties on one line share it: the line's figures count once per prestatie group.
        if row is None or key in seen:
            continue
        seen.add(key)
        if row.actueel is not None:
            stand.actueel = (stand.actueel or Decimal(0)) + row.actueel.lasten
        if row.realisatie is not None:
            stand.realisatie = (stand.realisatie or Decimal(0)) + row.realisatie.lasten
    return stand
