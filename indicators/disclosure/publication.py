"""The publishable table of a gemeente's approved figures for one period, and its downloads.

Rows are indicator × doelgroep (with a *Totaal* row over the doelgroepen), columns the gemeente
and the regio's it belongs to that have figures. The figures come from the engine
(:mod:`indicators.engine`: entered figures, totals, computed indicators), exactly as on the
internal screens; disclosure control (:mod:`indicators.disclosure`) is applied here and only here.

- Which cells are secret comes from the one pattern of the indicator × jaar
  (:mod:`indicators.disclosure.patterns`), computed over every linked table at once: gemeenten
  and their regio's, doelgroepen and their total, the year and its quarters or half-years. The
  other public outputs read the same pattern.
- A computed indicator (a rate, a share) is derived from its inputs: secret when an input is.
  Entered rates (no formula) are published as delivered: the system does not know their counts.
"""

import csv
import io
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from indicators import engine
from indicators.models import Eenheid, Indicator, Period, SubmissionStatus
from indicators.quality.validation import format_value
from organisations.access import Access
from organisations.models import Doelgroep, Organisation

from . import GEHEIM, Cell, Flag, Rules, footnotes
from .patterns import pattern_for

TOTAAL = "totaal"  # the doelgroepcode of a Totaal row in the downloads and the API
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe(text):
    """Neutralise formula injection in spreadsheets: text starting with = + - @ gets a leading '."""
    if isinstance(text, str) and text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


@dataclass(frozen=True)
class PublishedCell:
    indicator: Indicator
    area: Organisation
    cell: Cell
    voorlopig: bool = False
    # An incomplete total (a part has no approved figure): "onvolledig, ontbreekt: …", never a sum.
    incomplete: str = ""

    @property
    def is_missing(self) -> bool:
        return self.cell.value is None and not self.cell.suppressed and not self.incomplete

    @property
    def suppressed(self) -> bool:
        return self.cell.suppressed

    @property
    def status(self) -> str:
        return _("onvolledig") if self.incomplete else self.cell.status

    def text(self, symbol: str = GEHEIM) -> str:
        if self.incomplete:
            return self.incomplete
        if self.cell.suppressed:
            return symbol
        return format_value(self.cell.value, self.indicator)


@dataclass
class PublishedRow:
    indicator: Indicator
    doelgroep: Doelgroep | None
    is_totaal: bool
    cells: list[PublishedCell]

    @property
    def label(self) -> str:
        if self.is_totaal:
            return _("Totaal")
        return self.doelgroep.name if self.doelgroep else _("Alle doelgroepen")

    @property
    def doelgroep_code(self) -> str:
        if self.is_totaal:
            return TOTAAL
        return self.doelgroep.code if self.doelgroep else ""


@dataclass
class IndicatorBlock:
    indicator: Indicator
    rows: list[PublishedRow]


@dataclass
class ThemaBlock:
    thema: object
    indicators: list[IndicatorBlock]


@dataclass
class Publication:
    gemeente: Organisation
    period: Period
    rules: Rules
    areas: list[Organisation]
    themas: list[ThemaBlock]
    footnotes: list[str]
    flag_counts: dict[Flag, int] = field(default_factory=dict)

    @property
    def rows(self):
        for thema in self.themas:
            for block in thema.indicators:
                yield from block.rows

    def records(self):
        """(row, cell) for every cell that holds a figure or a secret; empty cells are left out."""
        for row in self.rows:
            for cell in row.cells:
                if not cell.is_missing:
                    yield row, cell

    @property
    def has_voorlopig(self) -> bool:
        return any(cell.voorlopig for _row, cell in self.records())

    @property
    def slug(self) -> str:
        return f"publicatie-{self.gemeente.code}-{self.period.identifier}"


def _indicator_order(indicator: Indicator):
    thema = indicator.thema
    return (thema.order, thema.name, indicator.soort, indicator.order, indicator.name, indicator.pk)


def _doelgroep_order(doelgroep_id, doelgroepen):
    if doelgroep_id is None:
        return (1, 0, "")  # the total (or the only figure) last
    d = doelgroepen[doelgroep_id]
    return (0, d.order, d.name)


def build_publication(gemeente: Organisation, period: Period, rules: Rules) -> Publication:
    """The gemeente's and its regio's figures of the period (entered, totals and computed, from
    :mod:`indicators.engine`) with disclosure control applied. A constant number of queries."""
    catalogue = engine.Catalogue.load()
    figures = engine.compute_period(period, [gemeente], catalogue)
    shown_areas = {gemeente.pk, *figures.regios_of(gemeente.pk)}
    keys = [k for k in figures.values if k[1] in shown_areas]
    exact = {k: figures.values[k] for k in sorted(keys, key=lambda k: (k[0], k[1], k[2] or 0))}

    indicators = catalogue.indicators
    # One pattern for every public output: computed over the whole hierarchy of the year.
    pattern = pattern_for({gemeente.pk}, [period.year], rules, catalogue)
    protected = {
        k: pattern.cell(
            (*k, period.pk),
            v,
            counts=indicators[k[0]].eenheid == Eenheid.AANTAL,
            round_to=rules.round_to,
        )
        for k, v in exact.items()
    }
    applied = {c.flag for c in protected.values()}

    doelgroep_ids = {k[2] for k in exact if k[2] is not None}
    doelgroepen = Doelgroep.objects.in_bulk(doelgroep_ids) if doelgroep_ids else {}
    regios = Organisation.objects.filter(pk__in={k[1] for k in exact} - {gemeente.pk}).order_by(
        "name"
    )
    areas = [gemeente, *regios]
    incomplete = {k: parts for k, parts in figures.incomplete.items() if k[1] in shown_areas}
    names = engine.missing_names(incomplete)
    rows_of = defaultdict(set)
    for indicator_id, _area, doelgroep_id in [*exact, *incomplete]:
        rows_of[indicator_id].add(doelgroep_id)
    by_thema: dict[int, ThemaBlock] = {}
    for indicator in sorted((indicators[i] for i in rows_of), key=_indicator_order):
        split = any(dg is not None for dg in rows_of[indicator.pk])
        rows = []
        for dg in sorted(rows_of[indicator.pk], key=lambda d: _doelgroep_order(d, doelgroepen)):
            cells = []
            for area in areas:
                key = (indicator.pk, area.pk, dg)
                cells.append(
                    PublishedCell(
                        indicator=indicator,
                        area=area,
                        cell=protected.get(key, Cell(None)),
                        voorlopig=key in figures.provisional,
                        incomplete=engine.incomplete_text(
                            engine.missing_text(key, incomplete[key], names)
                        )
                        if key in incomplete
                        else "",
                    )
                )
            rows.append(
                PublishedRow(
                    indicator=indicator,
                    doelgroep=doelgroepen.get(dg),
                    is_totaal=split and dg is None,
                    cells=cells,
                )
            )
        block = by_thema.setdefault(
            indicator.thema_id, ThemaBlock(thema=indicator.thema, indicators=[])
        )
        block.indicators.append(IndicatorBlock(indicator=indicator, rows=rows))
    return Publication(
        gemeente=gemeente,
        period=period,
        rules=rules,
        areas=areas,
        themas=list(by_thema.values()),
        footnotes=footnotes(rules, applied),
        flag_counts={
            flag: sum(1 for c in protected.values() if c.flag == flag)
            for flag in Flag
            if flag != Flag.NONE
        },
    )


# Choosing what to publish -----------------------------------------------------------------


def may_publish(user) -> bool:
    """Beleidsmedewerkers (for their gemeenten) and beheerders. Suppliers and the griffie do not:
    publishing is the gemeente's decision, and suppliers already see their own exact figures."""
    access = Access.for_user(user)
    return access.is_beleid or access.is_beheerder


def publishable_gemeenten(user):
    access = Access.for_user(user)
    gemeenten = Organisation.objects.gemeenten().order_by("name")
    if access.is_beheerder:
        return gemeenten
    return gemeenten.filter(pk__in=access.beleid_gemeente_ids)


class PeriodField(forms.ModelChoiceField):
    """A period by its code; 2018S1 is read as 2018H1."""

    def to_python(self, value):
        if value not in self.empty_values:
            try:
                value = Period.canonical_identifier(*Period.parse_identifier(str(value)))
            except forms.ValidationError:
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice"
                ) from None
        return super().to_python(value)

    def label_from_instance(self, obj):
        return f"{obj.label} ({obj.identifier})"


class PublicatieForm(forms.Form):
    """Gemeente, periode and optional rounding, from the query string (web page and API)."""

    gemeente = forms.ModelChoiceField(
        label=gettext_lazy("Gemeente"),
        queryset=Organisation.objects.none(),
        to_field_name="code",
        empty_label=gettext_lazy("Kies een gemeente"),
        error_messages={"invalid_choice": gettext_lazy("Onbekende gemeente of geen toegang.")},
    )
    periode = PeriodField(
        label=gettext_lazy("Periode"),
        queryset=Period.objects.filter(submissions__status=SubmissionStatus.GOEDGEKEURD)
        .distinct()
        .order_by("-start", "type"),
        to_field_name="identifier",
        empty_label=gettext_lazy("Kies een periode"),
        error_messages={
            "invalid_choice": gettext_lazy("Onbekende periode of geen goedgekeurde cijfers.")
        },
    )
    afronden = forms.TypedChoiceField(
        label=gettext_lazy("Afronden"),
        choices=[
            ("", gettext_lazy("Volgens de instelling")),
            ("5", gettext_lazy("Op vijftallen")),
            ("10", gettext_lazy("Op tientallen")),
        ],
        coerce=int,
        empty_value=None,
        required=False,
        help_text=gettext_lazy("Geheimhouding wordt altijd toegepast; afronden komt daarbij."),
    )

    def __init__(self, *args, user=None, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["gemeente"].queryset = publishable_gemeenten(user)
        access = Access.for_user(user)
        if len(access.beleid_gemeente_ids) == 1 and not access.is_beheerder:
            self.fields["gemeente"].initial = self.fields["gemeente"].queryset.first()

    def rules(self) -> Rules:
        return Rules.from_settings(round_to=self.cleaned_data.get("afronden"))

    def publication(self) -> Publication:
        return build_publication(
            self.cleaned_data["gemeente"], self.cleaned_data["periode"], self.rules()
        )


# Downloads --------------------------------------------------------------------------------


def _quantize(value: Decimal, decimals: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def _number(value: Decimal, decimals: int) -> str:
    """Plain Dutch notation without thousands separators: 1234,5."""
    return format(_quantize(value, decimals), "f").replace(".", ",")


def record_headers() -> list[str]:
    return [
        _("indicatorcode"),
        _("indicator"),
        _("doelgroepcode"),
        _("doelgroep"),
        _("gebiedcode"),
        _("gebied"),
        _("periode"),
        _("waarde"),
        _("status"),
        _("eenheid"),
        _("voorlopig"),
    ]


def record_values(publication: Publication, row: PublishedRow, cell: PublishedCell, *, xlsx=False):
    value = cell.cell.value
    if value is not None and not xlsx:
        value = _number(value, row.indicator.decimals)
    return [
        safe(row.indicator.code),
        safe(row.indicator.name),
        safe(row.doelgroep_code),
        safe(row.label),
        safe(cell.area.code),
        safe(cell.area.name),
        publication.period.identifier,
        value if value is not None else "",
        cell.status,
        safe(str(row.indicator.get_eenheid_display())),
        _("ja") if cell.voorlopig else _("nee"),
    ]


def to_csv(publication: Publication) -> bytes:
    """One row per published cell; semicolons and a BOM so that Dutch Excel opens it correctly.
    The footnotes are a separate file (:func:`footnotes_csv`): this file stays a plain table."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(record_headers())
    for row, cell in publication.records():
        writer.writerow(record_values(publication, row, cell))
    return out.getvalue().encode("utf-8-sig")


def footnotes_csv(publication: Publication) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([_("nummer"), _("voetnoot")])
    for number, note in enumerate(publication.footnotes, start=1):
        writer.writerow([number, safe(note)])
    return out.getvalue().encode("utf-8-sig")


def to_xlsx(publication: Publication) -> bytes:
    """The same rows as the CSV on sheet "Cijfers", the footnotes on sheet "Voetnoten"."""
    wb = Workbook()
    ws = wb.active
    ws.title = _("Cijfers")
    ws.append(record_headers())
    for row, cell in publication.records():
        ws.append(record_values(publication, row, cell, xlsx=True))
        if cell.cell.value is not None:
            decimals = row.indicator.decimals
            ws.cell(ws.max_row, 8).number_format = "#,##0" + (
                "." + "0" * decimals if decimals else ""
            )
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for i, width in enumerate([24, 40, 16, 24, 12, 24, 10, 12, 10, 18, 10], start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A2"
    notes = wb.create_sheet(_("Voetnoten"))
    notes.append([_("nummer"), _("voetnoot")])
    notes["A1"].font = notes["B1"].font = Font(bold=True)
    for number, note in enumerate(publication.footnotes, start=1):
        notes.append([number, safe(note)])
    notes.column_dimensions["B"].width = 100
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
