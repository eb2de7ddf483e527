"""The report's figures as an Excel workbook (openpyxl), for further analysis.

Holds the same approved figures as the PDF (table figures and the history behind the charts, the
other gemeenten the charts compare with), plus the indicators' metadata. It is meant for analysts
inside the organisations: the figures are exact, also the small counts that the public PDF shows
as "geheim" (column "Geheim in PDF" says which). Text that a spreadsheet would run as a formula is
neutralised.
"""

import io
import re
import zipfile
from datetime import UTC

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from indicators.models import Oordeel
from indicators.targets import target_text

from . import beleid_export
from .content import ReportContent

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="1B4F72")


def safe(value):
    """Neutralise formula injection: text starting with = + - @ is stored with a leading '."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def yes_no(flag: bool) -> str:
    return _("ja") if flag else _("nee")


def _sheet(wb, title, headers, rows, widths, first=False):
    ws = wb.active if first else wb.create_sheet()
    ws.title = title
    ws.append([safe(h) for h in headers])
    for cell in ws[1]:
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(vertical="top", wrap_text=True)
    for row in rows:
        ws.append([safe(v) for v in row])
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    return ws


def _figures_sheet(wb, content: ReportContent):
    gemeente = content.report.gemeente.name
    headers = [
        _("Gemeente"),
        _("Thema"),
        _("Uitvoeringsorganisatie"),
        _("Indicatorcode"),
        _("Indicator"),
        _("Doelgroep"),
        _("Gebied"),
        _("Periode"),
        _("Peildatum"),
        _("Waarde"),
        _("Eenheid"),
        _("Voorlopig"),
        _("Toelichting"),
        *_engine_headers(),
    ]
    rows = [
        [
            gemeente,
            f.indicator.thema.name,
            f.uitvoerder.name if f.uitvoerder else "",
            f.indicator.code,
            f.indicator.name,
            f.doelgroep_name,
            f.area.name,
            f.period.identifier,
            f.period.peildatum,
            f.value,
            f.unit,
            yes_no(f.voorlopig),
            f.toelichting,
            *_engine_columns(f),
        ]
        for f in content.history
    ]
    ws = _sheet(
        wb,
        _("Cijfers"),
        headers,
        rows,
        [14, 26, 24, 26, 36, 20, 16, 10, 12, 14, 16, 10, 40, *ENGINE_WIDTHS],
        first=True,
    )
    for row_number, figure in enumerate(content.history, start=2):
        ws.cell(row=row_number, column=9).number_format = "DD-MM-YYYY"
        decimals = figure.indicator.decimals
        ws.cell(row=row_number, column=10).number_format = (
            "#,##0." + "0" * decimals if decimals else "#,##0"
        )


# The indicator engine's columns come after the figures' own, which keep their place.
ENGINE_WIDTHS = [12, 50, 18, 12, 22, 12, 14]


def _engine_headers() -> list[str]:
    return [
        _("Herkomst"),
        _("Formule"),
        _("Streefwaarde"),
        _("Streefwaarde gehaald"),
        _("Trend"),
        _("Trend vastgesteld"),
        _("Geheim in PDF"),
    ]


def _engine_columns(figure) -> list:
    """Aangeleverd, berekend or totaal; the formula in words; the target and whether it is met;
    the trend: the beleidsmedewerker's judgement ("ja") or the engine's proposal ("nee")."""
    target = target_text(figure.streefwaarde, figure.indicator)
    judged = figure.trend_is_judgement or figure.trend != Oordeel.GEEN
    return [
        figure.kind_label,
        figure.formula_text,
        target,
        "" if figure.target_met is None else yes_no(figure.target_met),
        str(Oordeel(figure.trend).label) if judged else "",
        yes_no(figure.trend_is_judgement) if judged else "",
        yes_no(figure.secret),
    ]


def _indicators_sheet(wb, content: ReportContent):
    headers = [
        _("Code"),
        _("Indicator"),
        _("Thema"),
        _("Soort"),
        _("Inzet/effect"),
        _("Eenheid"),
        _("Decimalen"),
        _("Definitie"),
        _("Bron"),
        _("Uitvoeringsorganisatie"),
        _("Periodetype"),
        _("Gewenste richting"),
        _("Ontwikkelindicator"),
        _("Formule"),
        _("Optellen"),
    ]
    rows = [
        [
            i.code,
            i.name,
            i.thema.name,
            str(i.get_soort_display()),
            str(i.get_aspect_display()),
            str(i.get_eenheid_display()),
            i.decimals,
            i.definition,
            i.source,
            i.uitvoerder.name if i.uitvoerder else "",
            str(i.get_period_type_display()),
            str(i.get_richting_display()),
            yes_no(i.is_ontwikkelindicator),
            i.formula,
            str(i.get_aggregatie_display()),
        ]
        for i in content.indicators
    ]
    _sheet(
        wb,
        _("Indicatoren"),
        headers,
        rows,
        [26, 36, 26, 22, 14, 14, 10, 50, 26, 24, 12, 18, 16, 40, 30],
    )


def _kosten_sheet(wb, content: ReportContent):
    """'Wat heeft het gekost?': the sociaal domein per taakveld in unrounded euros, both lasten
    and baten, with afwijking and uitputting (approved budget versions only)."""
    kosten = content.kosten
    overview = kosten.overview
    headers = [_("Taakveld"), _("Naam")]
    for measure in (_("lasten"), _("baten")):
        headers += [
            f"{_('Primitieve begroting')} {measure}",
            f"{_('Wijzigingen')} {measure}",
            f"{_('Actuele begroting')} {measure}",
            f"{_('Realisatie')} {measure}",
            f"{_('Afwijking')} {measure}",
            f"{_('Afwijking %')} {measure}",
            f"{_('Uitputting %')} {measure}",
        ]

    def cells(row):
        result = []
        for name in ("lasten", "baten"):
            result += [
                row.value("primitief", name),
                row.value("wijzigingen", name),
                row.value("actueel", name),
                row.value("realisatie", name),
                row.afwijking(name),
                row.afwijking_pct(name),
                row.uitputting(name),
            ]
        return result

    rows = [[row.code, row.label, *cells(row)] for row in overview.rows]
    if overview.rows:
        rows.append(["6", _("Totaal sociaal domein"), *cells(overview.total)])
    ws = _sheet(wb, _("Wat heeft het gekost"), headers, rows, [10, 40] + [16] * (len(headers) - 2))
    for row in ws.iter_rows(min_row=2, min_col=3):
        for cell in row:
            is_pct = "%" in str(ws.cell(row=1, column=cell.column).value)
            cell.number_format = "0.0" if is_pct else "#,##0.00"
    ws.append([])
    ws.append(
        [
            safe(
                _(
                    "Bedragen in euro's, onafgerond, uit goedgekeurde begrotingsversies, stand per "
                    "%(date)s. Afwijking = realisatie − actuele begroting; percentages ten opzichte "
                    "van de actuele begroting."
                )
                % {"date": overview.peildatum.strftime("%d-%m-%Y") if overview.peildatum else "-"}
            )
        ]
    )


def _about_sheet(wb, content: ReportContent):
    report = content.report
    generated = timezone.localtime(content.generated_at)
    rows = [
        [_("Titel"), report.title],
        [_("Gemeente"), f"{report.gemeente.name} ({report.gemeente.code})"],
        [_("Periode"), f"{report.period.label} ({report.period.identifier})"],
        [_("Versie"), report.version],
        [_("Gemaakt op"), generated.strftime("%d-%m-%Y %H:%M")],
        [
            _("Cijfers"),
            _(
                "Alleen door een beleidsmedewerker goedgekeurde cijfers, tot en met de periode van "
                "het rapport. Cijfers over een regio gelden voor alle gemeenten in die regio."
            ),
        ],
        [
            _("Gebruik"),
            _(
                "Dit bestand is voor analisten binnen de gemeente en de uitvoeringsorganisaties: "
                "het bevat de exacte cijfers, ook kleine aantallen. De PDF voor de gemeenteraad is "
                "openbaar en toont aantallen van %(min)s tot en met %(max)s, en de cijfers waaruit "
                "die terug te rekenen zijn, als ‘geheim’ (kolom ‘Geheim in PDF’ op het blad "
                "Cijfers). Publiceer dit bestand niet; gebruik voor open data de CSV."
            )
            % {
                "min": content.rules.min_count if content.rules else "-",
                "max": content.rules.max_count if content.rules else "-",
            },
        ],
    ]
    if report.replaces_id:
        rows.append([_("Vervangt versie"), report.replaces.version])
        rows.append([_("Reden nieuwe versie"), report.replacement_reason])
    ws = _sheet(wb, _("Over dit bestand"), [_("Onderdeel"), _("Waarde")], rows, [22, 90])
    ws.auto_filter.ref = None
    for row in ws.iter_rows(min_row=2):
        row[1].alignment = Alignment(wrap_text=True, vertical="top")


MODIFIED_RE = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def _normalise_zip(data: bytes, date_time, modified: str = "") -> bytes:
    """Give every zip member the same timestamp, so equal content gives equal bytes. openpyxl
    writes the time of saving as the document's "modified" property: that becomes ``modified``."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=date_time)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = info.external_attr
            payload = source.read(info.filename)
            if modified and info.filename == "docProps/core.xml":
                payload = MODIFIED_RE.sub(
                    lambda m: m.group(1) + modified.encode() + m.group(2), payload
                )
            target.writestr(member, payload)
    return out.getvalue()


def render_xlsx(content: ReportContent) -> bytes:
    with translation.override(settings.LANGUAGE_CODE):
        wb = Workbook()
        _figures_sheet(wb, content)
        _indicators_sheet(wb, content)
        if content.kosten is not None:
            _kosten_sheet(wb, content)
        beleid_export.add_sheets(wb, content, _sheet, yes_no)  # the chapter Beleid en voortgang
        _about_sheet(wb, content)
        # Document properties carry the generation time, not the time of rendering.
        stamp = content.generated_at.astimezone(UTC).replace(tzinfo=None, microsecond=0)
        wb.properties.created = stamp
        wb.properties.modified = stamp
        wb.properties.creator = "Monitor Sociaal Domein"
        wb.properties.lastModifiedBy = "Monitor Sociaal Domein"
        wb.properties.title = content.report.title
        buffer = io.BytesIO()
        wb.save(buffer)
    local = timezone.localtime(content.generated_at)
    return _normalise_zip(
        buffer.getvalue(), local.timetuple()[:6], stamp.strftime("%Y-%m-%dT%H:%M:%SZ")
    )
