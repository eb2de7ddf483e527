"""CSV and XLSX of every dashboard table.

Each table is built once (:class:`Table`) and written as CSV (semicolons, a BOM and decimal
commas, so that Dutch Excel opens it as it should) or as XLSX (numbers as numbers, a second sheet
"Toelichting" with the selection, the source and the footnotes). Text that a spreadsheet could
take for a formula (starting with = + - @) gets a leading apostrophe (:func:`publicatie.safe`).
Secret figures are exported as "geheim" — never their value — because the table is built from
the same protected figures as the page.
"""

import csv
import io
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from indicators.disclosure.publication import safe

from .budget import BudgetPage
from .pages import Home, IndicatorPage, ThemaPage
from .services import Row, Shown


@dataclass(frozen=True)
class Number:
    value: Decimal
    decimals: int = 0

    def rounded(self) -> Decimal:
        return self.value.quantize(Decimal(1).scaleb(-self.decimals), rounding=ROUND_HALF_UP)

    def text(self) -> str:
        return format(self.rounded(), "f").replace(".", ",")


@dataclass
class Table:
    title: str
    slug: str
    headers: list[str]
    rows: list[list] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # selection, source and footnotes


def _figure(shown: Shown | None):
    """A figure cell: the number, "geheim", or empty."""
    if shown is None or shown.missing:
        return ""
    if shown.secret:
        return _("geheim")
    return Number(shown.value, shown.indicator.decimals)


def _status(shown: Shown | None) -> str:
    return shown.status if shown is not None else ""


def _change(found) -> list:
    """The change as a number and its unit (% or procentpunt) in two columns."""
    if found is None:
        return ["", ""]
    difference, unit = found
    return [Number(difference, 1), unit]


def _selection_notes(ctx) -> list[str]:
    notes = [
        _("Gemeente: %(name)s (%(code)s)") % {"name": ctx.gemeente.name, "code": ctx.gemeente.code}
    ]
    if ctx.period is not None:
        notes.append(_("Stand per: %(period)s") % {"period": ctx.period.label})
    if ctx.compare is not None:
        notes.append(_("Vergeleken met: %(label)s") % {"label": ctx.compare.label})
    if ctx.audience.public:
        notes.append(
            _(
                "Bron: de cijfers uit de laatste vastgestelde rapportage van de gemeente, met "
                "statistische geheimhouding."
            )
        )
    elif ctx.audience.shows_pending:
        notes.append(
            _(
                "Bron: goedgekeurde cijfers, en ingediende cijfers die nog niet zijn goedgekeurd "
                "(status 'nog niet goedgekeurd')."
            )
        )
    else:
        notes.append(_("Bron: goedgekeurde cijfers."))
    notes.append(
        _("Gemaakt op %(moment)s.") % {"moment": timezone.localtime().strftime("%d-%m-%Y %H:%M")}
    )
    return notes


def _row_headers(compare) -> list[str]:
    headers = [
        _("indicatorcode"),
        _("indicator"),
        _("doelgroepcode"),
        _("doelgroep"),
        _("periode"),
        _("peildatum"),
        _("eenheid"),
        _("waarde"),
        _("status"),
        _("vorige periode"),
        _("vorige waarde"),
        _("verandering"),
        _("eenheid verandering"),
        _("streefwaarde"),
        _("streefwaarde gehaald"),
        _("trend"),
    ]
    if compare is not None:
        headers += [
            _("vergelijking"),
            _("waarde vergelijking"),
            _("status vergelijking"),
            _("verandering vergelijking"),
            _("eenheid verandering vergelijking"),
        ]
    return headers


def _row_values(row: Row, compare) -> list:
    indicator = row.indicator
    met = {True: _("ja"), False: _("nee")}.get(row.target_met, "")
    values = [
        indicator.code,
        indicator.name,
        row.doelgroep_code,
        row.label,
        row.period.identifier if row.period else "",
        row.period.peildatum.isoformat() if row.period else "",
        str(indicator.get_eenheid_display()),
        _figure(row.current),
        _status(row.current),
        row.base_period.identifier if row.base_period else "",
        _figure(row.base),
        *_change(row.change),
        row.target_text,
        met,
        row.trend_label,
    ]
    if compare is not None:
        values += [
            compare.label,
            _figure(row.compare),
            _status(row.compare),
            *_change(row.compare_change),
        ]
    return values


def thema_table(page: ThemaPage) -> Table:
    ctx = page.ctx
    table = Table(
        title=_("%(thema)s – %(gemeente)s")
        % {"thema": page.thema.name, "gemeente": ctx.gemeente.name},
        slug=f"dashboard-{ctx.gemeente.code}-{page.thema.code}-{_period_code(ctx)}",
        headers=_row_headers(ctx.compare),
        notes=_selection_notes(ctx) + page.footnotes,
    )
    table.rows = [_row_values(row, ctx.compare) for row in page.rows]
    return table


def home_table(home: Home, blocks) -> Table:
    """Every indicator of the dashboard (all themas) in one table."""
    ctx = home.ctx
    table = Table(
        title=_("Alle cijfers – %(gemeente)s") % {"gemeente": ctx.gemeente.name},
        slug=f"dashboard-{ctx.gemeente.code}-{_period_code(ctx)}",
        headers=[_("maatschappelijk resultaat"), *_row_headers(ctx.compare)],
        notes=_selection_notes(ctx) + home.footnotes,
    )
    for block in blocks:
        for row in block.rows:
            table.rows.append([block.indicator.thema.name, *_row_values(row, ctx.compare)])
    return table


def indicator_table(page: IndicatorPage, kind: str = "verloop") -> Table:
    """``verloop``: the chart as a table (period × gemeente and comparison); ``doelgroepen``: the
    current period per doelgroep."""
    ctx, indicator = page.ctx, page.indicator
    if kind == "doelgroepen":
        table = Table(
            title=_("%(indicator)s per doelgroep – %(gemeente)s")
            % {"indicator": indicator.name, "gemeente": ctx.gemeente.name},
            slug=f"dashboard-{ctx.gemeente.code}-{indicator.code}-doelgroepen-{_period_code(ctx)}",
            headers=_row_headers(ctx.compare),
            notes=_selection_notes(ctx) + page.footnotes,
        )
        table.rows = [_row_values(row, ctx.compare) for row in page.rows]
        return table
    headers = [_("periode"), _("peildatum"), _("eenheid")]
    for line in page.lines:
        headers += [line.label, _("status %(label)s") % {"label": line.label}]
    table = Table(
        title=_("%(indicator)s (%(doelgroep)s) – %(gemeente)s")
        % {
            "indicator": indicator.name,
            "doelgroep": page.doelgroep_label,
            "gemeente": ctx.gemeente.name,
        },
        slug=f"dashboard-{ctx.gemeente.code}-{indicator.code}-{_period_code(ctx)}",
        headers=headers,
        notes=[
            _("Indicator: %(name)s (%(code)s)") % {"name": indicator.name, "code": indicator.code},
            _("Doelgroep: %(label)s") % {"label": page.doelgroep_label},
            *_selection_notes(ctx),
            *page.footnotes,
        ],
    )
    for period, shown in page.table:
        values = [period.identifier, period.peildatum.isoformat(), indicator.get_eenheid_display()]
        for item in shown:
            values += [_figure(item), _status(item)]
        table.rows.append([str(v) if not isinstance(v, Number | str) else v for v in values])
    return table


def budget_table(page: BudgetPage) -> Table:
    ctx = page.ctx
    headers = [
        _("taakveldcode"),
        _("taakveld"),
        _("actuele begroting (euro)"),
        _("realisatie (euro)"),
        _("afwijking (euro)"),
        _("afwijking (%)"),
        _("uitputting (%)"),
        _("voordelig/nadelig"),
    ]
    if page.compare_label:
        headers += [
            _("actuele begroting %(label)s (euro)") % {"label": page.compare_label},
            _("realisatie %(label)s (euro)") % {"label": page.compare_label},
            _("uitputting %(label)s (%%)") % {"label": page.compare_label},
        ]
    table = Table(
        title=_("Begroting %(year)s – %(gemeente)s")
        % {"year": page.year or "", "gemeente": ctx.gemeente.name},
        slug=f"dashboard-{ctx.gemeente.code}-begroting-{page.year or ''}-{page.bedrag}",
        headers=headers,
        notes=[
            _("Bedrag: %(bedrag)s") % {"bedrag": page.bedrag_label},
            _(
                "Actuele begroting = primitieve begroting plus goedgekeurde wijzigingen; "
                "afwijking = realisatie min actuele begroting; uitputting = realisatie als "
                "percentage van de actuele begroting."
            ),
            *_selection_notes(ctx),
            *page.notices,
        ],
    )

    def amount(value):
        return Number(value, 0) if value is not None else ""

    def pct(value):
        return Number(value, 1) if value is not None else ""

    for row in page.rows:
        values = [
            row.code,
            row.label,
            amount(row.actueel),
            amount(row.realisatie),
            amount(row.afwijking),
            pct(row.afwijking_pct),
            pct(row.uitputting),
            row.oordeel,
        ]
        if page.compare_label:
            values += [
                amount(row.compare_actueel),
                amount(row.compare_realisatie),
                pct(row.compare_uitputting),
            ]
        table.rows.append(values)
    return table


def _period_code(ctx) -> str:
    return ctx.period.identifier if ctx.period else ""


# --- writers -----------------------------------------------------------------------------------


def _text(value) -> str:
    if isinstance(value, Number):
        return value.text()
    return safe(str(value)) if value is not None else ""


def to_csv(table: Table) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([safe(h) for h in table.headers])
    for row in table.rows:
        writer.writerow([_text(v) for v in row])
    return out.getvalue().encode("utf-8-sig")


def to_xlsx(table: Table) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Cijfers")
    sheet.append([safe(h) for h in table.headers])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in table.rows:
        sheet.append([v.rounded() if isinstance(v, Number) else _text(v) for v in row])
        for column, value in enumerate(row, start=1):
            if isinstance(value, Number):
                sheet.cell(sheet.max_row, column).number_format = "#,##0" + (
                    "." + "0" * value.decimals if value.decimals else ""
                )
    for column, header in enumerate(table.headers, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = max(12, min(40, len(header) + 4))
    sheet.freeze_panes = "A2"
    notes = workbook.create_sheet(_("Toelichting"))
    notes.append([safe(table.title)])
    notes["A1"].font = Font(bold=True)
    for note in table.notes:
        notes.append([safe(note)])
    notes.column_dimensions["A"].width = 120
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


WRITERS = {
    "csv": ("text/csv; charset=utf-8", to_csv),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", to_xlsx),
}
