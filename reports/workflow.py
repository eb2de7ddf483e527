"""The report workflow: concept → ter vaststelling → vastgesteld (frozen).

Its own states on the workflow core (:mod:`core.workflow`): the table below, guards on the files
and the snapshot, four-eyes on adopting (whoever wrote texts of the report does not adopt it),
the snapshot frozen together with the status and the griffie told after the commit. The web UI
and the admin call :func:`transition`; vaststellen takes the ``besluit`` (by whom, date, number)
printed on the final PDF: ``transition(report, "vaststellen", user, besluit=Besluit(…))``.
"""

import hashlib
from contextlib import contextmanager

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.workflow import Action, Transition, Workflow, WorkflowError
from organisations.access import Access

from . import adoption, notifications
from .adoption import Besluit
from .models import GenerationStatus, Report, ReportSnapshot, ReportStatus
from .snapshot import figures_changed, snapshot_of

R = ReportStatus


class ReportError(WorkflowError):
    """Something that may not be done with a report; the message is shown to the user as is."""


def can_manage(access: Access, report: Report) -> bool:
    """Beleidsmedewerkers of the report's gemeente (directly or via their regio) and beheerders."""
    return access.is_beheerder or report.gemeente_id in access.beleid_gemeente_ids


# Files meant for the council and the public apply disclosure control (small counts "geheim"): the
# PDF and the open-data CSV. The Excel file holds the exact figures for analysts, so only those who
# manage the report (beleid of its gemeente, beheerder) may download it; the griffie may not.
PUBLIC_FILE_KINDS = frozenset({"pdf", "csv"})


def can_download(access: Access, report: Report, kind: str) -> bool:
    return kind in PUBLIC_FILE_KINDS or can_manage(access, report)


def can_manage_gemeente(access: Access, gemeente_id: int) -> bool:
    return access.is_beheerder or gemeente_id in access.beleid_gemeente_ids


def file_sha256(field_file) -> str:
    digest = hashlib.sha256()
    with field_file.storage.open(field_file.name, "rb") as handle:
        for chunk in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _guard_offer(locked: Report, user) -> dict:
    """Offering needs files made from the texts and approved figures as they are now."""
    if locked.generation_status != GenerationStatus.DONE or not locked.pdf:
        raise ReportError(
            _("Maak eerst de rapportage (PDF en Excel) voordat u hem ter vaststelling aanbiedt.")
        )
    if locked.is_outdated:
        raise ReportError(
            _(
                "De duiding is gewijzigd nadat de rapportage is gemaakt. "
                "Maak de rapportage opnieuw voordat u hem aanbiedt."
            )
        )
    # The raad must get the figures as they are approved now, not as they were.
    if figures_changed(locked):
        raise ReportError(
            _(
                "Er zijn goedgekeurde cijfers gewijzigd nadat de rapportage is gemaakt. "
                "Maak de rapportage opnieuw voordat u hem aanbiedt."
            )
        )
    return {}


def _guard_adopt(locked: Report, user) -> dict:
    """Adopting records the checksums of the files, which must be those made and recorded."""
    if not locked.pdf or not locked.xlsx:
        raise ReportError(_("De bestanden van deze rapportage ontbreken; vaststellen kan niet."))
    files = {"pdf": locked.pdf, "xlsx": locked.xlsx}
    if locked.csv:
        files["csv"] = locked.csv
    try:
        checksums = {kind: file_sha256(f) for kind, f in files.items()}
    except OSError as exc:
        raise ReportError(
            _("De bestanden van deze rapportage zijn niet leesbaar; vaststellen kan niet.")
        ) from exc
    snapshot = snapshot_of(locked)
    recorded = snapshot.data.get("files", {}) if snapshot else {}
    if any(recorded.get(kind, sha) != sha for kind, sha in checksums.items()):
        raise ReportError(
            _(
                "De bestanden wijken af van de bestanden die bij het maken zijn vastgelegd. "
                "Neem de rapportage terug en maak hem opnieuw."
            )
        )
    # The checksums of the files as they are now are what the raad adopts.
    return {f"{kind}_sha256": sha for kind, sha in checksums.items()}


def _snapshot_follows(done: Transition) -> None:
    """Offering freezes the snapshot; taking back thaws it (the concept may be made again)."""
    if done.action == "aanbieden":
        ReportSnapshot.objects.filter(report=done.instance).update(frozen_at=timezone.now())
    elif done.action == "terugnemen":
        ReportSnapshot.objects.filter(report=done.instance).update(frozen_at=None)


def _tell_griffie(done: Transition) -> None:
    if done.action == "vaststellen":
        # The griffie sends it to the council: tell them it is there.
        notifications.report_adopted(done.instance.pk)


def text_writers(report: Report, since) -> set[int]:
    """Who saved texts of this report: they do not adopt it themselves (four-eyes). A
    vastgesteld report never changes again, so every save of this version counts."""
    return set(
        report.events.filter(action="duiding")
        .exclude(actor=None)
        .values_list("actor_id", flat=True)
        .distinct()
    )


@contextmanager
def _print_first(report: Report, action: str, inputs: dict):
    """The PDF that says what the report now is (CONCEPT, TER VASTSTELLING, or vastgesteld with
    the ``besluit``), printed from its frozen source before the row is locked."""
    besluit: Besluit | None = inputs.get("besluit")
    with adoption.restamping(report, action, besluit) as stamped:
        yield {"stamped": stamped}


def _stamped_files(locked: Report, action: str, inputs: dict) -> dict:
    return adoption.changes(locked, action, inputs.get("stamped"), inputs.get("besluit"))


def _event_reason(action: str, reason: str, inputs: dict) -> str:
    besluit = inputs.get("besluit")
    return besluit.describe() if besluit and action == "vaststellen" else reason


def _adopted_by(action: str, user, now, reason: str) -> dict:
    return {"vastgesteld_by": user, "vastgesteld_at": now} if action == "vaststellen" else {}


def _files_ready(report: Report) -> bool:
    # Offering needs finished files; the button would only produce an error.
    return report.generation_status == GenerationStatus.DONE


WORKFLOW = Workflow(
    model=Report,
    actions={
        "aanbieden": Action(
            "aanbieden",
            gettext_lazy("Ter vaststelling aanbieden"),
            can_manage,
            offered=_files_ready,
        ),
        "terugnemen": Action(
            "terugnemen",
            gettext_lazy("Terugnemen"),
            can_manage,
            needs_reason=True,
            style="button-secondary",
        ),
        "vaststellen": Action("vaststellen", gettext_lazy("Vaststellen"), can_manage, review=True),
    },
    transitions={
        (R.CONCEPT, "aanbieden"): R.TER_VASTSTELLING,
        (R.TER_VASTSTELLING, "terugnemen"): R.CONCEPT,
        (R.TER_VASTSTELLING, "vaststellen"): R.VASTGESTELD,
    },
    access=Access.for_user,
    not_allowed=gettext_lazy("U mag deze actie niet uitvoeren voor deze rapportage."),
    changed_meanwhile=gettext_lazy("De rapportage is intussen gewijzigd; probeer het opnieuw."),
    four_eyes=gettext_lazy(
        "Wie teksten van deze rapportage heeft geschreven of gewijzigd, kan haar niet zelf "
        "vaststellen (vier-ogenprincipe)."
    ),
    approved_status=R.VASTGESTELD,
    changers=text_writers,
    guards={"aanbieden": _guard_offer, "vaststellen": _guard_adopt},
    prepare=_print_first,
    extra=_stamped_files,
    event_reason=_event_reason,
    stamps=_adopted_by,
    # Nor may the files have changed in the meantime.
    swap_fields=lambda locked: {
        "generation_status": locked.generation_status,
        "pdf": locked.pdf.name,
    },
    within=[_snapshot_follows],
    after=[_tell_griffie],
    error=ReportError,
)
ACTIONS = WORKFLOW.actions
TRANSITIONS = WORKFLOW.transitions
available_actions = WORKFLOW.available_actions
transition = WORKFLOW.transition


# How the audit trail names what happened (ReportEvent.action).
EVENT_LABELS = {
    "aangemaakt": gettext_lazy("Rapportage aangemaakt"),
    "duiding": gettext_lazy("Duiding gewijzigd"),
    "genereren": gettext_lazy("Maken aangevraagd"),
    "gemaakt": gettext_lazy("Bestanden gemaakt"),
    "ongewijzigd": gettext_lazy("Bestanden ongewijzigd"),
    "mislukt": gettext_lazy("Maken mislukt"),
    "niet_gestart": gettext_lazy("Maken niet gestart (wachtrij onbereikbaar)"),
    "aanbieden": gettext_lazy("Ter vaststelling aangeboden"),
    "terugnemen": gettext_lazy("Teruggenomen"),
    "vaststellen": gettext_lazy("Vastgesteld"),
    "nieuwe_versie": gettext_lazy("Nieuwe versie gemaakt"),
}


def event_label(action: str) -> str:
    return str(EVENT_LABELS.get(action, action))
