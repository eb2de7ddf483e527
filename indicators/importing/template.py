"""The spreadsheet template of a submission: one row per expected cell (uitvraag row × area),
pre-filled with what is stored now, in XLSX, CSV or ODS.

Safe against formula injection: text that a spreadsheet would run as a formula gets a leading
``'`` (the import strips it again); figures are written as numbers, never as text.
"""

import csv
import io
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from indicators.submissions.services import submission_areas, submission_rows, values_by_key

from ..models import CijferStatus, Submission
from .cells import COLUMNS, escape_text, figure_for_export, number_to_raw

CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
}
SHEET_TITLE = "Cijfers"
WIDTHS = [34, 40, 18, 22, 16, 22, 10, 24, 12, 50, 11]


def unit_hint(indicator) -> str:
    unit = indicator.get_eenheid_display()
    if indicator.decimals:
        return ngettext(
            "%(unit)s, hoogstens %(n)d decimaal",
            "%(unit)s, hoogstens %(n)d decimalen",
            indicator.decimals,
        ) % {"unit": unit, "n": indicator.decimals}
    return _("%(unit)s, heel getal") % {"unit": unit}


@dataclass
class TemplateRow:
    cells: list  # in the order of COLUMNS; figures as int/Decimal, the rest as text
    decimals: int


def template_header() -> list[str]:
    return [str(column.header) for column in COLUMNS]


def template_rows(submission: Submission) -> list[TemplateRow]:
    """Every cell to fill in (uitvraag row × area) with its stored figure, toelichting and
    voorlopig. Computed indicators are left out: the engine computes them."""
    stored = values_by_key(submission)
    areas = submission_areas(submission)
    rows = []
    for regel in submission_rows(submission):
        indicator, doelgroep = regel.indicator, regel.doelgroep
        for area in areas:
            value = stored.get((indicator.pk, regel.doelgroep_id, area.pk))
            if indicator.is_computed and value is None:
                continue  # computed by the engine, not entered (unless typed there by mistake)
            rows.append(
                TemplateRow(
                    cells=[
                        indicator.code,
                        indicator.name,
                        doelgroep.code if doelgroep else "",
                        doelgroep.name if doelgroep else "",
                        area.code,
                        area.name,
                        submission.period.identifier,
                        unit_hint(indicator),
                        _figure(value),
                        value.toelichting if value else "",
                        str(CijferStatus(value.status if value else CijferStatus.DEFINITIEF).label),
                    ],
                    decimals=indicator.decimals,
                )
            )
    return rows


def _figure(value):
    """The stored figure as a number when it is valid; otherwise exactly what was typed."""
    if value is None:
        return ""
    if value.value is not None and not value.error:
        return figure_for_export(value.value)
    return value.raw


def _text(cell) -> str:
    return escape_text(str(cell))


def _is_number(cell) -> bool:
    return not isinstance(cell, str | bool)


INSTRUCTIONS = [
    gettext_lazy(
        "Vul per regel de kolom 'Waarde' in; laat de codes (indicator, doelgroep, gebied, periode) staan."
    ),
    gettext_lazy("Gebruik een komma of punt voor decimalen; een lege waarde wist het cijfer."),
    gettext_lazy(
        "Kunt u een cijfer (nog) niet leveren? Laat de waarde leeg en licht in 'Toelichting' toe waarom."
    ),
    gettext_lazy(
        "Vul bij 'Status' voorlopig, nader voorlopig of definitief in, zoals CBS dat doet "
        "(ja/nee mag nog: ja = voorlopig, nee = definitief)."
    ),
    gettext_lazy(
        "Lees het bestand in via 'Importeren' bij de aanlevering: u ziet eerst wat er verandert."
    ),
]


def instructions() -> list[str]:
    return [str(line) for line in INSTRUCTIONS]


def render_template(submission: Submission, file_format: str) -> bytes:
    rows = template_rows(submission)
    if file_format == "xlsx":
        return render_xlsx(rows)
    if file_format == "csv":
        return render_csv(rows)
    if file_format == "ods":
        return render_ods(rows)
    raise ValueError(file_format)


def template_filename(submission: Submission, file_format: str) -> str:
    return (
        f"sjabloon-{submission.uitvraag.uitvoerder.code}-{submission.period.identifier}-"
        f"{submission.pk}.{file_format}"
    )


def render_csv(rows: list[TemplateRow]) -> bytes:
    """Semicolons and decimal commas, with a BOM: what Dutch Excel opens correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([_text(header) for header in template_header()])
    for row in rows:
        writer.writerow(
            [number_to_raw(cell) if _is_number(cell) else _text(cell) for cell in row.cells]
        )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def render_xlsx(rows: list[TemplateRow]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET_TITLE
    sheet.append([_text(header) for header in template_header()])
    for cell in sheet[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="1B4F72")
    value_column = [column.field for column in COLUMNS].index("waarde") + 1
    for number, row in enumerate(rows, start=2):
        sheet.append([cell if _is_number(cell) else _text(cell) for cell in row.cells])
        figure = sheet.cell(row=number, column=value_column)
        if _is_number(figure.value):
            figure.number_format = "0" if not row.decimals else "0." + "0" * row.decimals
    for index, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    if rows:
        status = get_column_letter(len(COLUMNS))
        labels = ",".join(str(label) for label in CijferStatus.labels)
        validation = DataValidation(type="list", formula1=f'"{labels}"')
        validation.add(f"{status}2:{status}{len(rows) + 1}")
        sheet.add_data_validation(validation)
    help_sheet = workbook.create_sheet(_("Uitleg"))
    help_sheet.column_dimensions["A"].width = 110
    for line in instructions():
        help_sheet.append([_text(line)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def render_ods(rows: list[TemplateRow]) -> bytes:
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.style import Style, TableColumnProperties, TextProperties
    from odf.table import Table, TableColumn, TableRow

    document = OpenDocumentSpreadsheet()
    bold = Style(name="kop", family="table-cell")
    bold.addElement(TextProperties(fontweight="bold"))
    document.automaticstyles.addElement(bold)
    table = Table(name=SHEET_TITLE)
    for index, width in enumerate(WIDTHS):
        style = Style(name=f"kolom{index}", family="table-column")
        style.addElement(TableColumnProperties(columnwidth=f"{width * 0.19:.2f}cm"))
        document.automaticstyles.addElement(style)
        table.addElement(TableColumn(stylename=style))
    header = TableRow()
    for text in template_header():
        header.addElement(_ods_cell(text, stylename=bold))
    table.addElement(header)
    for row in rows:
        table_row = TableRow()
        for cell in row.cells:
            table_row.addElement(_ods_cell(cell))
        table.addElement(table_row)
    document.spreadsheet.addElement(table)
    help_table = Table(name=_("Uitleg"))
    for line in instructions():
        help_row = TableRow()
        help_row.addElement(_ods_cell(line))
        help_table.addElement(help_row)
    document.spreadsheet.addElement(help_table)
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()


def _ods_cell(cell, stylename=None):
    from odf import teletype
    from odf.table import TableCell
    from odf.text import P

    attributes = {"stylename": stylename} if stylename is not None else {}
    if _is_number(cell):
        element = TableCell(valuetype="float", value=str(cell), **attributes)
        element.addElement(P(text=number_to_raw(cell)))
        return element
    text = _text(cell)
    if not text:
        return TableCell(**attributes)
    element = TableCell(valuetype="string", **attributes)
    for line in text.split("\n"):
        paragraph = P()
        teletype.addTextToElement(paragraph, line)
        element.addElement(paragraph)
    return element
