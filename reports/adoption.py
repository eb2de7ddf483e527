"""The PDF says what it is: print the offered and the final PDF from the frozen print source.

Every generation stores, beside the PDF, the HTML it was printed from (``Report.html``, see
:mod:`reports.pdf`): the figures, charts and texts of the snapshot, with empty slots for the status
stamp. Each step of the workflow that changes what the PDF must say prints it again from that
source, with the new stamp:

- *aanbieden*: "TER VASTSTELLING" on every page;
- *terugnemen*: "CONCEPT" again (the same bytes as the generation made);
- *vaststellen*: no marking; on the cover and in every footer by whom (college or raad), on which
  date and under which number the report was vastgesteld.

So the final PDF has exactly the figures and texts of the offered one (not today's figures), and
its SHA-256 is what the griffie sees. :func:`restamping` prints **before** the report row is locked
(a few seconds) and removes the new file if the transition fails; :func:`changes` checks under the
lock that the source is still the one printed from and gives the fields for the compare-and-swap
update. Reports made before print sources existed keep their files as they are.
"""

import hashlib
from contextlib import contextmanager
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Report, ReportSnapshot, ReportStatus

# The status each action leads to, for the actions that change what the PDF says about itself.
STAMPED_ACTIONS = {
    "aanbieden": ReportStatus.TER_VASTSTELLING,
    "terugnemen": ReportStatus.CONCEPT,
    "vaststellen": ReportStatus.VASTGESTELD,
}
SOURCE_SUFFIX = ".html.gz"


# The decision itself is a value of its own, below the models (they describe a stored one).
from .besluit import Besluit, BesluitError  # noqa: E402, F401


@dataclass
class Restamped:
    """A PDF printed from the report's print source for the status an action leads to; stored
    under a new name and not yet the report's file."""

    name: str
    sha256: str
    source_sha256: str
    storage: object

    def discard(self) -> None:
        self.storage.delete(self.name)


def _stamp_for(status: str, besluit: Besluit | None):
    from .pdf import Stamp

    if status == ReportStatus.VASTGESTELD and besluit is not None:
        return Stamp(status, besluit.orgaan, besluit.datum, besluit.kenmerk.strip())
    return Stamp(status)


def _print(report: Report, action_name: str, besluit: Besluit | None) -> Restamped | None:
    status = STAMPED_ACTIONS.get(action_name)
    if status is None:
        return None
    report = Report.objects.select_related("gemeente", "period").get(pk=report.pk)
    if not report.html:
        return None
    if status == ReportStatus.VASTGESTELD and (besluit is None or besluit.errors()):
        return None  # refused under the lock with the reason
    # Imported here: printing loads WeasyPrint and the charts, which most requests never need.
    from .pdf import PrintSource
    from .workflow import TRANSITIONS, ReportError

    if (report.status, action_name) not in TRANSITIONS:
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
    if status == ReportStatus.VASTGESTELD:
        modified = timezone.localtime().replace(microsecond=0).isoformat()
    try:
        data = source.print(_stamp_for(status, besluit), modified=modified)
    except Exception as exc:
        # Nothing has changed yet: the report keeps its status and files.
        raise ReportError(
            _("De PDF kon niet opnieuw worden opgemaakt: %(error)s")
            % {"error": f"{type(exc).__name__}: {exc}"[:300]}
        ) from exc
    storage = report.pdf.storage
    base = report.html.name.removesuffix(SOURCE_SUFFIX)
    name = storage.save(f"{base}-{status}.pdf", ContentFile(data))
    return Restamped(
        name=name,
        sha256=hashlib.sha256(data).hexdigest(),
        source_sha256=hashlib.sha256(packed).hexdigest(),
        storage=storage,
    )


@contextmanager
def restamping(report: Report, action_name: str, besluit: Besluit | None = None):
    """Print the PDF the action leads to before the transition locks the row; yield it (None when
    the action prints nothing). If the transition fails, the printed file is removed."""
    stamped = _print(report, action_name, besluit)
    try:
        yield stamped
    except BaseException:
        if stamped is not None:
            stamped.discard()
        raise


def changes(
    locked: Report, action_name: str, stamped: Restamped | None, besluit: Besluit | None
) -> dict:
    """Under the lock: the besluit's and the new PDF's fields for the update."""
    from .workflow import ReportError

    fields = {}
    if action_name == "vaststellen":
        if besluit is None:
            raise ReportError(
                _("Vul in wie de rapportage heeft vastgesteld en de datum van het besluit.")
            )
        errors = besluit.errors()
        if errors:
            raise ReportError(" ".join(errors.values()))
        fields.update(besluit.fields())
    if action_name not in STAMPED_ACTIONS or not locked.html:
        return fields  # a report from before print sources: its files stay as they are
    recorded = _recorded_files(locked)
    if (
        stamped is None
        or stamped.source_sha256 != locked.html_sha256
        or recorded.get("html", locked.html_sha256) != locked.html_sha256
    ):
        raise ReportError(_("De rapportage is intussen gewijzigd; probeer het opnieuw."))
    old_pdf, storage = locked.pdf.name, stamped.storage
    ReportSnapshot.objects.filter(report=locked).update(
        data=_with_pdf_checksum(locked, stamped.sha256)
    )

    def remove_old_pdf():
        if old_pdf and old_pdf != stamped.name:
            storage.delete(old_pdf)

    transaction.on_commit(remove_old_pdf)
    fields.update(pdf=stamped.name, pdf_sha256=stamped.sha256)
    return fields


def _recorded_files(report: Report) -> dict:
    files = (
        ReportSnapshot.objects.filter(report=report).values_list("data__files", flat=True).first()
    )
    return files or {}


def _with_pdf_checksum(report: Report, sha256: str):
    """The snapshot's data with the checksum of the report's PDF as it is now: the file the next
    step (vaststellen, or a repeated generation) checks against."""
    snapshot = ReportSnapshot.objects.filter(report=report).only("data").first()
    if snapshot is None:
        return None
    data = dict(snapshot.data)
    data["files"] = {**data.get("files", {}), "pdf": sha256}
    return data
