"""The dashboard's budget page: a gemeente's approved begroting per taakveld-group, per inwoner or in
total, beside a comparison, from :mod:`budgets`."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from organisations.access import Access
from organisations.models import Organisation

from . import sources
from .figures import GEMIDDELDE, GEMIDDELDE_SUBJECT
from .services import Context

BEDRAGEN = {
    "lasten": gettext_lazy("Lasten"),
    "baten": gettext_lazy("Baten"),
    "saldo": gettext_lazy("Saldo (baten − lasten)"),
}


class _AllGemeenten:
    """All gemeenten with a budget as one area, for :func:`budgets.figures.overview` (which
    sums the members of a regio): their sum, divided by their number, is the average."""

    def __init__(self, gemeenten):
        from organisations.models import OrganisationKind

        self.kind = OrganisationKind.REGIO
        self.pk = None
        self.name = str(GEMIDDELDE_SUBJECT.label)
        self._gemeenten = list(gemeenten)

    @property
    def gemeenten(self):
        outer = self

        class _Members:
            def all(self):
                return outer._gemeenten

        return _Members()


@dataclass
class BudgetRow:
    code: str
    label: str
    kind: str  # taakveld | hoofdtaakveld | totaal
    actueel: Decimal | None
    realisatie: Decimal | None
    afwijking: Decimal | None
    afwijking_pct: Decimal | None
    uitputting: Decimal | None
    oordeel: str = ""
    compare_actueel: Decimal | None = None
    compare_realisatie: Decimal | None = None
    compare_uitputting: Decimal | None = None


@dataclass
class BudgetPage:
    ctx: Context
    year: int | None
    years: list[int]
    bedrag: str
    eenheid: str
    rows: list[BudgetRow]
    compare_label: str = ""
    notices: list[str] = field(default_factory=list)
    available: bool = True  # the viewer may see this gemeente's budget
    peildatum: date | None = None
    realisatie_definitief: bool = False

    @property
    def bedrag_label(self) -> str:
        return str(BEDRAGEN[self.bedrag])


def budget_visible(user, ctx: Context) -> bool:
    """Beleid and beheerders see their gemeente's budget; suppliers do not (they see their own
    organisation's, under Begroting); the public and the griffie see the vastgestelde figures."""
    if ctx.audience.public:
        return True
    from budgets.models import visible_owner_ids

    ids = visible_owner_ids(Access.for_user(user))
    return ids is None or ctx.gemeente.pk in ids


def _budget_years(ctx: Context) -> tuple[list[int], date | None, object]:
    """The years with approved budgets (public: the years of the latest vastgestelde report's
    "Wat heeft het gekost?"), the peildatum, and that report."""
    from budgets import figures as budget_figures
    from budgets.services import SERIES_YEARS

    if ctx.audience.public:
        report = sources.latest_reports([ctx.gemeente.pk]).get(ctx.gemeente.pk)
        if report is None:
            return [], None, None
        last = report.period.year
        years = budget_figures.years_with_versions([ctx.gemeente.pk])
        years = [y for y in years if last - SERIES_YEARS < y <= last]
        return sorted(years, reverse=True), report.period.end, report
    years = budget_figures.years_with_versions([ctx.gemeente.pk])
    return sorted(years, reverse=True), None, None


def _approved_after(overview, moment) -> bool:
    """Whether one of the versions the figures use was approved after ``moment``."""
    return any(
        version.reviewed_at is None or version.reviewed_at > moment
        for source in overview.sources
        for version in source.selection.versions
    )


def _budget_overview(area, year, peildatum, taakvelden):
    from budgets import figures as budget_figures

    return budget_figures.overview(
        area, year, peildatum, sociaal_domein_only=True, taakvelden=taakvelden
    )


def budget_page(user, ctx: Context, year: int | None = None, bedrag: str = "lasten") -> BudgetPage:
    """Begroot (actuele begroting) vs realisatie per taakveld of the sociaal domein, with the
    afwijking and the uitputting, and the comparison's begroot, realisatie and uitputting."""
    from budgets import figures as budget_figures

    bedrag = bedrag if bedrag in BEDRAGEN else "lasten"
    eenheid = budget_figures.Eenheid.DUIZEND
    if not budget_visible(user, ctx):
        return BudgetPage(ctx, None, [], bedrag, eenheid, [], available=False)
    years, peildatum, report = _budget_years(ctx)
    year = year if year in years else (years[0] if years else None)
    page = BudgetPage(ctx, year, years, bedrag, eenheid, [], peildatum=peildatum)
    if year is None:
        return page
    taakvelden = budget_figures.all_taakvelden()
    overview = _budget_overview(ctx.gemeente, year, peildatum, taakvelden)
    if report is not None and _approved_after(overview, report.vastgesteld_at):
        page.notices.append(
            _(
                "De begrotingscijfers van %(year)s zijn gewijzigd na de vaststelling van de "
                "rapportage en worden daarom hier niet getoond."
            )
            % {"year": year}
        )
        return page
    page.realisatie_definitief = overview.realisatie_definitief
    compare = _budget_compare(user, ctx, year, peildatum, taakvelden, page)
    compare_rows = {}
    if compare is not None:
        compare_overview, divisor = compare
        for row in [*compare_overview.rows, *_totals(compare_overview)]:
            compare_rows[(row.kind, row.code)] = (row, divisor)
    for row in [*overview.rows, *_totals(overview)]:
        budget_row = BudgetRow(
            code=row.code,
            label=row.label,
            kind=row.kind,
            actueel=row.value("actueel", bedrag),
            realisatie=row.value("realisatie", bedrag),
            afwijking=row.afwijking(bedrag),
            afwijking_pct=row.afwijking_pct(bedrag),
            uitputting=row.uitputting(bedrag),
            oordeel=row.oordeel(bedrag),
        )
        found = compare_rows.get((row.kind, row.code))
        if found is not None:
            other, divisor = found
            budget_row.compare_actueel = _divided(other.value("actueel", bedrag), divisor)
            budget_row.compare_realisatie = _divided(other.value("realisatie", bedrag), divisor)
            budget_row.compare_uitputting = other.uitputting(bedrag)
        page.rows.append(budget_row)
    return page


def _totals(overview) -> list:
    """The total of hoofdtaakveld 6 (the sociaal domein)."""
    return [group.total for group in overview.groups]


def _divided(value: Decimal | None, divisor: int) -> Decimal | None:
    if value is None:
        return None
    return value / divisor if divisor > 1 else value


def _budget_compare(user, ctx: Context, year, peildatum, taakvelden, page: BudgetPage):
    """(overview, divisor) of the comparison, or None (with a notice when it is not available)."""
    option = ctx.compare
    if option is None:
        return None
    page.compare_label = option.label
    unavailable = _("Voor %(label)s zijn geen begrotingscijfers beschikbaar.") % {
        "label": option.label
    }
    if ctx.audience.public:
        if option.group != "gemeente":
            page.notices.append(
                _("Het openbare dashboard vergelijkt begrotingen alleen met andere gemeenten.")
            )
            return None
        report = sources.latest_reports([option.subject.area.pk]).get(option.subject.area.pk)
        if report is None:
            page.notices.append(unavailable)
            return None
        other = _budget_overview(option.subject.area, year, report.period.end, taakvelden)
        if other.is_empty or _approved_after(other, report.vastgesteld_at):
            page.notices.append(unavailable)
            return None
        return other, 1
    from budgets.models import visible_owner_ids

    ids = visible_owner_ids(Access.for_user(user))
    if option.group == GEMIDDELDE:
        gemeenten = list(Organisation.objects.gemeenten())
        area = _AllGemeenten(gemeenten)
        other = _budget_overview(area, year, None, taakvelden)
        divisor = len(gemeenten) - len(other.missing)
        if other.is_empty or divisor < 1:
            page.notices.append(unavailable)
            return None
        return other, divisor
    area = option.subject.area
    owners = [g.pk for g in area.gemeenten.all()] if area.is_regio else [area.pk]
    if ids is not None and not set(owners) <= ids:
        page.notices.append(
            _("U mag de begroting van %(label)s niet inzien.") % {"label": option.label}
        )
        return None
    other = _budget_overview(area, year, None, taakvelden)
    if other.is_empty:
        page.notices.append(unavailable)
        return None
    if other.missing:
        page.notices.append(
            _("Zonder goedgekeurde begroting van: %(names)s.")
            % {"names": ", ".join(o.name for o in other.missing)}
        )
    return other, 1
