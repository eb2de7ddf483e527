"""The PDF says what it is: print the offered and the final PDF from the frozen print source.

Every generation stores, beside the PDF, the HTML it was printed from (``Report.html``, see
:mod:`reports.pdf`): the figures, charts and texts of the snapshot, with empty slots for the status
stamp. Each step of the workflow that changes what the PDF must say prints it again from that
source, with the new stamp:

- *aanbieden*: "TER VASTSTELLING" on every page;
- *terugnemen*: "CONCEPT" again (the same bytes as the generation made);
- *collegebesluit*: nothing is printed (the offered PDF goes to the raad as it is);
- *vaststellen* (by the raad): no marking; on the cover the collegebesluit and the raadsbesluit
  (dates, kenmerk and number, who registered each), in every footer the raadsbesluit. The XLSX
  gets the same facts on its sheet "Over dit bestand", the open-data CSV four columns with the
  dates and numbers (no names: it is published).

So the final PDF has exactly the figures and texts of the offered one (not today's figures), and
its SHA-256 is what the griffie sees. :func:`restamping` prints **before** the report row is locked
(a few seconds) and removes the new file if the transition fails; :func:`changes` checks under the
lock that the source is still the one printed from and gives the fields for the compare-and-swap
update. Reports made before print sources existed keep their files as they are.
"""

import csv
import hashlib
import io
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from .errors import ReportError
from .models import Report, ReportSnapshot, ReportStatus

# The status each action leads to, for the actions that change what the PDF says about itself.
# (collegebesluit prints nothing: the offered PDF goes to the raad as it is.)
STAMPED_ACTIONS = {
    "aanbieden": ReportStatus.TER_VASTSTELLING,
    "terugnemen": ReportStatus.CONCEPT,
    "vaststellen": ReportStatus.VASTGESTELD,
}
SOURCE_SUFFIX = ".html.gz"


# The decision itself is a value of its own, below the models (they describe a stored one).
from .besluit import Besluit, BesluitError, Bestuursorgaan  # noqa: E402, F401


@dataclass(frozen=True)
class Adoption:
    """Everything the adopted files say about the vaststelling: the collegebesluit and the
    raadsbesluit, and who registered each in the system."""

    raad: Besluit
    registered_by: str = ""
    college: Besluit | None = None
    college_recorded_by: str = ""

    @classmethod
    def of(cls, report: Report, raad: Besluit, registrar=None) -> "Adoption":
        college = None
        if report.college_besluit_datum:
            college = Besluit(
                Bestuursorgaan.COLLEGE, report.college_besluit_datum, report.college_besluit_kenmerk
            )
        return cls(
            raad=raad,
            registered_by=person(registrar),
            college=college,
            college_recorded_by=person(report.college_recorded_by),
        )

    def rows(self) -> list[tuple[str, str]]:
        """(label, text) of the facts, for the cover of the PDF and the XLSX."""
        rows = []
        if self.college is not None:
            rows.append((_("Collegebesluit"), _date_and_number(self.college)))
            if self.college_recorded_by:
                rows.append((_("Collegebesluit vastgelegd door"), self.college_recorded_by))
        label = _("Raadsbesluit") if self.raad.orgaan == Bestuursorgaan.RAAD else _("Besluit")
        rows.append((label, _date_and_number(self.raad)))
        if self.registered_by:
            rows.append((_("Vaststelling geregistreerd door"), self.registered_by))
        return rows


def person(user) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.username


def _date_and_number(besluit: Besluit) -> str:
    when = formats.date_format(besluit.datum, "j F Y") if besluit.datum else ""
    if besluit.kenmerk.strip():
        return _("%(datum)s, nummer %(kenmerk)s") % {
            "datum": when,
            "kenmerk": besluit.kenmerk.strip(),
        }
    return when


@dataclass
class Restamped:
    """A PDF printed from the report's print source for the status an action leads to; stored
    under a new name and not yet the report's file. At the vaststelling also the XLSX and the CSV
    with the adoption's facts: ``others`` is kind → (name, SHA-256, SHA-256 of the file it was
    made from)."""

    name: str
    sha256: str
    source_sha256: str
    storage: object
    others: dict = field(default_factory=dict)

    def discard(self) -> None:
        self.storage.delete(self.name)
        for name, _sha, _base in self.others.values():
            self.storage.delete(name)


def _stamp_for(status: str, besluit: Besluit | None, adoption: Adoption | None = None):
    from .pdf import Stamp

    if status == ReportStatus.VASTGESTELD and besluit is not None:
        return Stamp(
            status,
            besluit.orgaan,
            besluit.datum,
            besluit.kenmerk.strip(),
            facts=tuple(adoption.rows()) if adoption else (),
        )
    return Stamp(status)


def _print(
    report: Report, action_name: str, besluit: Besluit | None, registrar=None, transitions=()
) -> Restamped | None:
    status = STAMPED_ACTIONS.get(action_name)
    if status is None:
        return None
    report = Report.objects.select_related("gemeente", "period", "college_recorded_by").get(
        pk=report.pk
    )
    if not report.html:
        return None
    if status == ReportStatus.VASTGESTELD and (besluit is None or besluit.errors()):
        return None  # refused under the lock with the reason
    # Imported here: printing loads WeasyPrint and the charts, which most requests never need.
    from .pdf import PrintSource

    if (report.status, action_name) not in transitions:
        return None  # refused under the lock with the reason
    try:
        with report.html.open("rb") as handle:
            packed = handle.read()
    except OSError as exc:
        raise ReportError(
            _("De bron van de PDF is niet leesbaar; maak de rapportage opnieuw.")
        ) from exc
    source = PrintSource.unpack(packed)
    modified = None
    adoption = None
    if status == ReportStatus.VASTGESTELD:
        modified = timezone.localtime().replace(microsecond=0).isoformat()
        adoption = Adoption.of(report, besluit, registrar)
    try:
        data = source.print(_stamp_for(status, besluit, adoption), modified=modified)
    except Exception as exc:
        # Nothing has changed yet: the report keeps its status and files.
        raise ReportError(
            _("De PDF kon niet opnieuw worden opgemaakt: %(error)s")
            % {"error": f"{type(exc).__name__}: {exc}"[:300]}
        ) from exc
    storage = report.pdf.storage
    base = report.html.name.removesuffix(SOURCE_SUFFIX)
    name = storage.save(f"{base}-{status}.pdf", ContentFile(data))
    stamped = Restamped(
        name=name,
        sha256=hashlib.sha256(data).hexdigest(),
        source_sha256=hashlib.sha256(packed).hexdigest(),
        storage=storage,
    )
    if adoption is not None:
        try:
            _restamp_data_files(report, adoption, stamped, base)
        except BaseException:
            stamped.discard()
            raise
    return stamped


def _restamp_data_files(report: Report, adoption: Adoption, stamped: Restamped, base: str) -> None:
    """The XLSX and the CSV as offered, with the adoption's facts added."""
    makers = {"xlsx": xlsx_with_adoption, "csv": csv_with_adoption}
    for kind, make in makers.items():
        field_file = getattr(report, kind)
        if not field_file:
            continue
        try:
            with field_file.open("rb") as handle:
                original = handle.read()
            data = make(original, adoption, report)
        except Exception as exc:
            raise ReportError(
                _("Het %(kind)s-bestand kon niet worden bijgewerkt: %(error)s")
                % {"kind": kind.upper(), "error": f"{type(exc).__name__}: {exc}"[:300]}
            ) from exc
        name = stamped.storage.save(f"{base}-vastgesteld.{kind}", ContentFile(data))
        stamped.others[kind] = (
            name,
            hashlib.sha256(data).hexdigest(),
            hashlib.sha256(original).hexdigest(),
        )


def xlsx_with_adoption(data: bytes, adoption: Adoption, report: Report) -> bytes:
    """The workbook with the adoption's facts at the end of its sheet "Over dit bestand"."""
    from openpyxl import load_workbook
    from openpyxl.styles import Alignment

    with translation.override(settings.LANGUAGE_CODE):
        book = load_workbook(io.BytesIO(data))
        title = _("Over dit bestand")
        sheet = book[title] if title in book.sheetnames else book.create_sheet(title)
        rows = [(_("Status"), str(ReportStatus.VASTGESTELD.label)), *adoption.rows()]
        for label, text in rows:
            sheet.append([label, text])
            sheet.cell(sheet.max_row, 2).alignment = Alignment(wrap_text=True, vertical="top")
        book.properties.description = adoption.raad.describe()
        buffer = io.BytesIO()
        book.save(buffer)
    return buffer.getvalue()


# The open-data CSV's columns about the vaststelling (dates ISO; no names of civil servants).
CSV_ADOPTION_COLUMNS = (
    "collegebesluit_datum",
    "collegebesluit_kenmerk",
    "raadsbesluit_datum",
    "raadsbesluit_nummer",
)


def csv_with_adoption(data: bytes, adoption: Adoption, report: Report) -> bytes:
    """The CSV with four columns at the end, the same on every row: the published figures are
    those the raad adopted on that date under that number."""
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    college = adoption.college
    values = [
        college.datum.isoformat() if college and college.datum else "",
        college.kenmerk.strip() if college else "",
        adoption.raad.datum.isoformat() if adoption.raad.datum else "",
        adoption.raad.kenmerk.strip(),
    ]
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    for number, row in enumerate(rows):
        writer.writerow(row + (list(CSV_ADOPTION_COLUMNS) if number == 0 else values))
    return out.getvalue().encode("utf-8-sig")


@contextmanager
def restamping(
    report: Report,
    action_name: str,
    besluit: Besluit | None = None,
    registrar=None,
    transitions=(),
):
    """Print the PDF the action leads to before the transition locks the row; yield it (None when
    the action prints nothing; also when ``transitions``, the workflow's (state, action) table,
    does not allow the action now). If the transition fails, the printed file is removed."""
    stamped = _print(report, action_name, besluit, registrar, transitions)
    try:
        yield stamped
    except BaseException:
        if stamped is not None:
            stamped.discard()
        raise


def changes(
    locked: Report,
    action_name: str,
    stamped: Restamped | None,
    besluit: Besluit | None,
    collegebesluit: Besluit | None = None,
) -> dict:
    """Under the lock: the besluit's and the new files' fields for the update."""
    fields = {}
    if action_name == "collegebesluit":
        if collegebesluit is None or collegebesluit.orgaan != Bestuursorgaan.COLLEGE:
            raise ReportError(_("Vul de datum van het collegebesluit in."))
        errors = collegebesluit.errors()
        if errors:
            raise ReportError(" ".join(errors.values()))
        return collegebesluit.college_fields()
    if action_name == "vaststellen":
        if besluit is None:
            raise ReportError(
                _("Vul in wie de rapportage heeft vastgesteld en de datum van het besluit.")
            )
        errors = besluit.errors()
        if errors:
            raise ReportError(" ".join(errors.values()))
        if besluit.orgaan != Bestuursorgaan.RAAD:
            raise ReportError(
                _(
                    "Na het collegebesluit stelt de raad de rapportage vast: leg het raadsbesluit vast."
                )
            )
        if locked.college_besluit_datum and besluit.datum < locked.college_besluit_datum:
            raise ReportError(_("De raad stelt pas vast na het collegebesluit."))
        fields.update(besluit.fields())
    if action_name not in STAMPED_ACTIONS or not locked.html:
        return fields  # a report from before print sources: its files stay as they are
    recorded = _recorded_files(locked)
    if (
        stamped is None
        or stamped.source_sha256 != locked.html_sha256
        or recorded.get("html", locked.html_sha256) != locked.html_sha256
        or any(
            base != getattr(locked, f"{kind}_sha256")
            for kind, (_name, _sha, base) in stamped.others.items()
        )
    ):
        raise ReportError(_("De rapportage is intussen gewijzigd; probeer het opnieuw."))
    storage = stamped.storage
    replaced = [locked.pdf.name] + [getattr(locked, kind).name for kind in stamped.others]
    checksums = {"pdf": stamped.sha256}
    fields.update(pdf=stamped.name, pdf_sha256=stamped.sha256)
    for kind, (name, sha, _base) in stamped.others.items():
        checksums[kind] = sha
        fields.update({kind: name, f"{kind}_sha256": sha})
    ReportSnapshot.objects.filter(report=locked).update(data=_with_checksums(locked, checksums))
    kept = {stamped.name, *(name for name, _sha, _base in stamped.others.values())}

    def remove_replaced():
        for old in replaced:
            if old and old not in kept:
                storage.delete(old)

    transaction.on_commit(remove_replaced)
    return fields


def _recorded_files(report: Report) -> dict:
    files = (
        ReportSnapshot.objects.filter(report=report).values_list("data__files", flat=True).first()
    )
    return files or {}


def _with_checksums(report: Report, checksums: dict):
    """The snapshot's data with the checksums of the report's files as they are now: the files the
    next step (vaststellen, or a repeated generation) checks against."""
    snapshot = ReportSnapshot.objects.filter(report=report).only("data").first()
    if snapshot is None:
        return None
    data = dict(snapshot.data)
    data["files"] = {**data.get("files", {}), **checksums}
    return data
