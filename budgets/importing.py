"""Importing the lines of a budget version from a spreadsheet, with a preview first.

The machinery of the figures' import is reused: :func:`indicators.importing.tables.read_table`
reads XLSX, CSV (``;``/``,``, UTF-8 or Windows-1252) and ODS, keeping numbers as numbers;
:mod:`indicators.importing.cells` normalises Dutch headers and neutralises formula injection
when writing the template. Amounts are parsed by :func:`budgets.services.parse_amount`.

Nothing is saved before "Verwerken": the preview is a :class:`~budgets.models.BudgetImport`.
Applying goes through :func:`budgets.services.save_lines` (same checks and history as the grid,
reason "Import <bestandsnaam>") after checking that the version is still editable and that its
lines did not change since the preview. A row with an error blocks applying: the file is applied
entirely or not at all. A row whose lasten and baten are both empty removes that line; lines of
the version that are not in the file stay as they are.
"""

import csv
import hashlib
import io
import logging
from contextlib import nullcontext
from dataclasses import dataclass
from decimal import Decimal

from celery import current_app
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from kombu.exceptions import OperationalError as BrokerError

from core import jobs
from indicators.importing import upload
from indicators.importing.cells import (
    FileProblem,
    cell_text,
    escape_text,
    figure_for_export,
    normalise_header,
    number_to_raw,
)
from indicators.importing.tables import read_table
from indicators.models import Thema
from organisations.models import Organisation

from .figures import NO_TAAKVELD_TEXT, dutch_number
from .models import BudgetImport, BudgetLine, BudgetVersion, ImportStatus, Product, Programma
from .models import Taakveld as TaakveldModel
from .services import (
    InvalidLines,
    LineInput,
    NotEditable,
    locked_for_editing,
    parse_amount,
    save_lines,
    validate_lines,
)
from .taakvelden import SOCIAAL_DOMEIN

logger = logging.getLogger(__name__)

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
NIEUW, GEWIJZIGD, ONGEWIJZIGD, VERWIJDERD, FOUT = (
    "nieuw",
    "gewijzigd",
    "ongewijzigd",
    "verwijderd",
    "fout",
)
STATUS_LABELS = {
    NIEUW: gettext_lazy("nieuw"),
    GEWIJZIGD: gettext_lazy("gewijzigd"),
    ONGEWIJZIGD: gettext_lazy("ongewijzigd"),
    VERWIJDERD: gettext_lazy("wordt verwijderd"),
    FOUT: gettext_lazy("fout"),
}
CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


@dataclass(frozen=True)
class Column:
    field: str
    header: str
    names: frozenset[str]
    informative: bool = False


def _names(*names: str) -> frozenset[str]:
    return frozenset(normalise_header(name) for name in names)


COLUMNS = [
    Column(
        "taakveld", gettext_lazy("Taakveld"), _names("taakveld", "taakveldcode", "code taakveld")
    ),
    Column("taakveld_naam", gettext_lazy("Naam taakveld"), frozenset(), informative=True),
    Column("programma", gettext_lazy("Programma"), _names("programma", "programmacode")),
    Column("product", gettext_lazy("Product"), _names("product", "productcode")),
    Column("lasten", gettext_lazy("Lasten"), _names("lasten", "lasten in euro", "uitgaven")),
    Column("baten", gettext_lazy("Baten"), _names("baten", "baten in euro", "inkomsten")),
    Column(
        "thema",
        gettext_lazy("Maatschappelijk resultaat"),
        _names("maatschappelijk resultaat", "thema", "themacode"),
    ),
    Column(
        "uitvoerder",
        gettext_lazy("Uitvoerder"),
        _names("uitvoerder", "uitvoeringsorganisatie", "leverancier"),
    ),
    Column("toelichting", gettext_lazy("Toelichting"), _names("toelichting", "opmerking")),
]
WIDTHS = [10, 42, 12, 12, 16, 16, 24, 16, 50]


def column_indexes(header: list) -> dict[str, int]:
    normalised = [normalise_header(cell_text(cell)) for cell in header]
    indexes = {}
    for column in COLUMNS:
        if column.informative:
            continue
        found = [i for i, name in enumerate(normalised) if name in column.names]
        if len(found) > 1:
            raise FileProblem(
                _("De kolom '%(header)s' staat meer dan eens in het bestand.")
                % {"header": column.header}
            )
        if found:
            indexes[column.field] = found[0]
    missing = []
    if "taakveld" not in indexes:
        missing.append(str(COLUMNS[0].header))
    if not {"lasten", "baten"} & indexes.keys():
        missing.append(_("Lasten of Baten"))
    if missing:
        raise FileProblem(
            _("De kopregel mist de kolom(men) %(columns)s. Gebruik het sjabloon.")
            % {"columns": ", ".join(f"'{m}'" for m in missing)}
        )
    return indexes


def fingerprint(version: BudgetVersion) -> str:
    """Changes whenever any line of the version changes (to refuse a stale preview)."""
    rows = (
        BudgetLine.objects.filter(version=version)
        .order_by("pk")
        .values_list(
            "pk",
            "taakveld_id",
            "programma_id",
            "product_id",
            "lasten",
            "baten",
            "thema_id",
            "uitvoerder_id",
            "toelichting",
        )
    )
    return hashlib.sha256(repr(list(rows)).encode()).hexdigest()


def _money(value) -> str:
    return "" if value is None else dutch_number(value, 2)


def read_rows(version: BudgetVersion, data: bytes, filename: str) -> tuple[str, list[dict]]:
    """Read and check the file against the version; one dict per row (JSON-safe)."""
    _check_size(data)
    table = read_table(data, filename)
    indexes = column_indexes(table.header)
    if not table.rows:
        raise FileProblem(_("Het bestand bevat geen regels onder de kopregel."))
    taakvelden = {t.code: t for t in TaakveldModel.objects.all()}
    programmas = {p.code: p for p in Programma.objects.filter(owner=version.owner)}
    products = {
        (p.programma.code, p.code): p
        for p in Product.objects.filter(programma__owner=version.owner).select_related("programma")
    }
    themas = {t.code: t for t in Thema.objects.all()}
    uitvoerders = {o.code: o for o in Organisation.objects.uitvoerders()}
    existing = {line.key: line for line in version.lines.all()}

    def get(cells, name):
        index = indexes.get(name)
        return cells[index] if index is not None and index < len(cells) else None

    rows = []
    for number, cells in table.rows:
        text = {name: cell_text(get(cells, name)).strip() for name in indexes}
        row = {
            "row": number,
            "taakveld": text.get("taakveld", ""),
            "programma": text.get("programma", ""),
            "product": text.get("product", ""),
            "thema": text.get("thema", ""),
            "uitvoerder": text.get("uitvoerder", ""),
            "toelichting": text.get("toelichting", ""),
            "error": "",
        }
        errors = []
        amounts = {}
        for part in ("lasten", "baten"):
            amount, error = parse_amount(get(cells, part) if part in indexes else None)
            amounts[part] = amount
            row[part] = _money(amount) if amount is not None else text.get(part, "")
            if error:
                errors.append(f"{part}: {error}")
        taakveld = taakvelden.get(row["taakveld"])
        programma = programmas.get(row["programma"]) if row["programma"] else None
        product = products.get((row["programma"], row["product"])) if row["product"] else None
        # An empty taakveld is allowed before 2017 (on a programma); the service checks that.
        if taakveld is None and row["taakveld"]:
            errors.append(_("onbekend taakveld '%(code)s'") % {"code": row["taakveld"]})
        if row["programma"] and programma is None:
            errors.append(_("onbekend programma '%(code)s'") % {"code": row["programma"]})
        if row["product"] and product is None:
            errors.append(
                _("onbekend product '%(code)s' (binnen het programma)") % {"code": row["product"]}
            )
        if row["thema"] and row["thema"] not in themas:
            errors.append(
                _("onbekend maatschappelijk resultaat '%(code)s'") % {"code": row["thema"]}
            )
        if row["uitvoerder"] and row["uitvoerder"] not in uitvoerders:
            errors.append(_("onbekende uitvoerder '%(code)s'") % {"code": row["uitvoerder"]})
        row["input"] = {
            "taakveld_id": taakveld.pk if taakveld else None,
            "programma_id": programma.pk if programma else None,
            "product_id": product.pk if product else None,
            "lasten": str(amounts["lasten"]) if amounts["lasten"] is not None else None,
            "baten": str(amounts["baten"]) if amounts["baten"] is not None else None,
            "thema_id": themas[row["thema"]].pk if row["thema"] in themas else None,
            "uitvoerder_id": uitvoerders[row["uitvoerder"]].pk
            if row["uitvoerder"] in uitvoerders
            else None,
            "toelichting": row["toelichting"],
        }
        row["error"] = "; ".join(errors)
        rows.append(row)
    # Checks that need all rows (taakveld validity in the year, duplicates) are the service's.
    inputs = [_line_input(r["input"]) for r in rows if not r["error"]]
    positions = [i for i, r in enumerate(rows) if not r["error"]]
    for position, error in validate_lines(version, inputs).items():
        rows[positions[position]]["error"] = error
    for row in rows:
        line_input = _line_input(row["input"])
        current = existing.get(line_input.key)
        row["old_lasten"] = _money(current.lasten) if current else ""
        row["old_baten"] = _money(current.baten) if current else ""
        if row["error"]:
            row["status"] = FOUT
        elif line_input.is_empty:
            row["status"] = VERWIJDERD if current else ONGEWIJZIGD
        elif current is None:
            row["status"] = NIEUW
        elif (
            current.lasten,
            current.baten,
            current.thema_id,
            current.uitvoerder_id,
            current.toelichting,
        ) == (
            line_input.lasten or 0,
            line_input.baten or 0,
            line_input.thema_id,
            line_input.uitvoerder_id,
            line_input.toelichting,
        ):
            row["status"] = ONGEWIJZIGD
        else:
            row["status"] = GEWIJZIGD
    return table.format, rows


def _line_input(data: dict) -> LineInput:
    return LineInput(
        taakveld_id=data["taakveld_id"],
        programma_id=data["programma_id"],
        product_id=data["product_id"],
        lasten=Decimal(data["lasten"]) if data["lasten"] is not None else None,
        baten=Decimal(data["baten"]) if data["baten"] is not None else None,
        thema_id=data["thema_id"],
        uitvoerder_id=data["uitvoerder_id"],
        toelichting=data["toelichting"],
    )


def create_preview(version: BudgetVersion, user, uploaded_file) -> BudgetImport:
    """Store what importing the file would do. Raises FileProblem/NotEditable.

    Embedded (tasks in-process) the file is read in the request. With a broker only the quick
    checks run here (``precheck``: size, real format, zip table of contents); the job and its
    file are stored in one transaction and a worker reads it (:func:`read_job`); when the broker
    cannot take it, both are removed again and FileProblem says to try again later."""
    with transaction.atomic():
        locked_for_editing(version, user)
    data = uploaded_file.read(MAX_UPLOAD_BYTES + 1)
    filename = (getattr(uploaded_file, "name", "") or "bestand")[:255]
    if settings.CELERY_TASK_ALWAYS_EAGER:
        file_format, rows = read_rows(version, data, filename)
        return BudgetImport.objects.create(
            version=version,
            user=user,
            filename=filename,
            file_format=file_format,
            progress=100,
            **_outcome(version, rows),
        )
    _check_size(data)
    file_format = upload.precheck(data, filename)
    dispatched = {"failed": False}
    with transaction.atomic():
        job = BudgetImport.objects.create(
            version=version,
            user=user,
            filename=filename,
            file_format=file_format,
            status=ImportStatus.QUEUED,
        )
        job.upload.save(f"begroting-{job.pk}.{file_format}", ContentFile(data), save=True)
        transaction.on_commit(lambda: _dispatch(job, dispatched))
    if dispatched["failed"]:
        raise FileProblem(str(upload.UNAVAILABLE))
    return job


def _outcome(version: BudgetVersion, rows: list[dict]) -> dict:
    summary = {status: sum(1 for r in rows if r["status"] == status) for status in STATUS_LABELS}
    return {"rows": rows, "summary": summary, "fingerprint": fingerprint(version)}


def _dispatch(job: BudgetImport, dispatched: dict) -> None:
    """Hand the job to the broker (run on commit); when it cannot take it, undo the upload."""
    try:
        current_app.send_task("budgets.tasks.read_budget_import", args=[job.pk], retry=True)
        return
    except (BrokerError, OSError) as exc:
        logger.error("budget import %s: broker unavailable, upload undone: %s", job.pk, exc)
    dispatched["failed"] = True
    if job.upload:
        job.upload.delete(save=False)
    BudgetImport.objects.filter(pk=job.pk, status=ImportStatus.QUEUED).delete()


def read_job(job_pk: int, task_id: str = "", beat: bool = False) -> None:
    """The worker's part, held and beating like the figures' import
    (:func:`indicators.importing.upload.read_job`): one preview, the file deleted after."""
    try:
        upload.take_job(job_pk, task_id, model=BudgetImport)
    except upload.Skip as reason:
        logger.info("Budget import %s not read: %s", job_pk, reason)
        return
    ours = BudgetImport.objects.filter(pk=job_pk, status=ImportStatus.READING, task_id=task_id)
    job = BudgetImport.objects.select_related("version").get(pk=job_pk)
    with jobs.beating(ours) if beat else nullcontext():
        try:
            with job.upload.open("rb") as stream:
                data = stream.read()
            _file_format, rows = read_rows(job.version, data, job.filename)
            outcome = {**_outcome(job.version, rows), "status": ImportStatus.PREVIEW}
        except FileProblem as exc:
            outcome = {"rows": [], "summary": {"refused": str(exc)}, "status": ImportStatus.FAILED}
        except Exception:  # the worker must record the failure, not leave the job "reading"
            logger.exception("Budget import %s could not be read", job_pk)
            refused = _("Het bestand kon door een fout niet worden ingelezen. Probeer het opnieuw.")
            outcome = {"rows": [], "summary": {"refused": refused}, "status": ImportStatus.FAILED}
    stored = ours.update(**outcome, progress=100, upload="")
    if stored and job.upload:
        job.upload.delete(save=False)


def _check_size(data: bytes) -> None:
    if len(data) > MAX_UPLOAD_BYTES:
        raise FileProblem(
            _("Het bestand is groter dan %(mb)d MB.") % {"mb": MAX_UPLOAD_BYTES // (1024 * 1024)}
        )


class ImportRefused(Exception):
    """Applying is not possible (any more); the message is Dutch."""


def apply_import(job: BudgetImport, user):
    """Save the previewed lines in one transaction; refuse a stale or faulty preview."""
    with transaction.atomic():
        job = BudgetImport.objects.select_for_update().get(pk=job.pk)
        if job.status != ImportStatus.PREVIEW:
            raise ImportRefused(_("Deze import is al verwerkt of verworpen."))
        if job.user_id != user.pk:
            raise ImportRefused(_("Alleen wie het bestand inlas, kan het verwerken."))
        if job.summary.get(FOUT):
            raise ImportRefused(
                _(
                    "Het bestand bevat regels met fouten. Verbeter het bestand en lees het opnieuw in."
                )
            )
        version = job.version
        if fingerprint(version) != job.fingerprint:
            raise ImportRefused(
                _(
                    "De bedragen van deze versie zijn na het inlezen gewijzigd. Lees het bestand opnieuw in."
                )
            )
        inputs = [_line_input(row["input"]) for row in job.rows]
        try:
            result = save_lines(
                version, user, inputs, reason=(_("Import %(name)s") % {"name": job.filename})
            )
        except (NotEditable, InvalidLines) as exc:
            raise ImportRefused(str(exc)) from exc
        job.status = ImportStatus.APPLIED
        job.applied_at = timezone.now()
        job.save(update_fields=["status", "applied_at"])
    return result


def discard_import(job: BudgetImport):
    BudgetImport.objects.filter(pk=job.pk, status=ImportStatus.PREVIEW).update(
        status=ImportStatus.DISCARDED
    )


# ── the template ─────────────────────────────────────────────────────────────────────────────
def template_rows(version: BudgetVersion) -> list[list]:
    """Every taakveld of the sociaal domein valid in the year, plus every stored line."""
    lines = list(
        version.lines.select_related("taakveld", "programma", "product", "thema", "uitvoerder")
    )
    by_taakveld = {line.taakveld_id for line in lines if not line.programma_id}
    rows = []
    for line in lines:
        rows.append(
            [
                line.taakveld.code if line.taakveld_id else "",
                line.taakveld.name_in(version.year) if line.taakveld_id else str(NO_TAAKVELD_TEXT),
                line.programma.code if line.programma else "",
                line.product.code if line.product else "",
                figure_for_export(line.lasten),
                figure_for_export(line.baten),
                line.thema.code if line.thema else "",
                line.uitvoerder.code if line.uitvoerder else "",
                line.toelichting,
            ]
        )
    for taakveld in TaakveldModel.objects.filter(parent__isnull=False).order_by("order"):
        if (
            taakveld.hoofdtaakveld_code == SOCIAAL_DOMEIN
            and taakveld.is_valid_in(version.year)
            and taakveld.pk not in by_taakveld
        ):
            rows.append(
                [taakveld.code, taakveld.name_in(version.year), "", "", None, None, "", "", ""]
            )
    order = {t.code: t.order for t in TaakveldModel.objects.all()}
    return sorted(rows, key=lambda r: (order.get(r[0], 0), r[2], r[3]))


def template_filename(version: BudgetVersion, file_format: str) -> str:
    return (
        f"begroting-{version.owner.code}-{version.year}-{version.soort}-{version.pk}.{file_format}"
    )


def _text(cell) -> str:
    return escape_text(str(cell))


def render_template(version: BudgetVersion, file_format: str) -> bytes:
    rows = template_rows(version)
    header = [str(c.header) for c in COLUMNS]
    if file_format == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
        writer.writerow([_text(h) for h in header])
        for row in rows:
            writer.writerow(
                [
                    "" if cell is None else number_to_raw(cell) if _is_number(cell) else _text(cell)
                    for cell in row
                ]
            )
        return ("\ufeff" + buffer.getvalue()).encode("utf-8")
    if file_format == "xlsx":
        return _render_xlsx(header, rows, version)
    raise ValueError(file_format)


def _is_number(cell) -> bool:
    return cell is not None and not isinstance(cell, str | bool)


def _render_xlsx(header, rows, version) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Begroting"
    sheet.append([_text(h) for h in header])
    for cell in sheet[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="1B4F72")
    for number, row in enumerate(rows, start=2):
        sheet.append([cell if _is_number(cell) or cell is None else _text(cell) for cell in row])
        for column in (5, 6):
            sheet.cell(row=number, column=column).number_format = "#,##0.00"
    for index, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    help_sheet = workbook.create_sheet(_("Uitleg"))
    help_sheet.column_dimensions["A"].width = 110
    for line in instructions(version):
        help_sheet.append([_text(line)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def instructions(version: BudgetVersion) -> list[str]:
    lines = [
        _("Vul per taakveld de lasten en baten in euro's in; laat de taakveldcode staan."),
        _(
            "Gebruik een komma of punt voor decimalen (hoogstens twee). Lasten en baten leeg: de regel wordt verwijderd."
        ),
        _(
            "Programma en Product (codes van de eigen begroting) en Maatschappelijk resultaat en Uitvoerder (codes) zijn optioneel."
        ),
        _("Lees het bestand in via 'Importeren' bij de versie: u ziet eerst wat er verandert."),
    ]
    if version.is_mutation:
        lines.insert(
            1,
            _(
                "Dit is een begrotingswijziging: vul de mutatie in (+ of −), niet het nieuwe totaal."
            ),
        )
    return [str(line) for line in lines]
