"""The report workflow: concept → ter vaststelling → vastgesteld (frozen).

Same pattern as :mod:`indicators.workflow`: one table of (state, action) → new state and one
function that locks the report, checks permission and guards, updates with compare-and-swap and
writes the audit event. The web UI and the admin call :func:`transition`.
"""

import hashlib
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.text import reason_problem
from organisations.access import Access

from . import adoption, notifications
from .adoption import Besluit
from .models import GenerationStatus, Report, ReportEvent, ReportSnapshot, ReportStatus
from .snapshot import figures_changed, snapshot_of

R = ReportStatus


class ReportError(Exception):
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


@dataclass(frozen=True)
class Action:
    name: str
    label: str
    needs_reason: bool = False
    style: str = "button"


ACTIONS = {
    "aanbieden": Action("aanbieden", gettext_lazy("Ter vaststelling aanbieden")),
    "terugnemen": Action(
        "terugnemen", gettext_lazy("Terugnemen"), needs_reason=True, style="button-secondary"
    ),
    "vaststellen": Action("vaststellen", gettext_lazy("Vaststellen")),
}

TRANSITIONS: dict[tuple[str, str], str] = {
    (R.CONCEPT, "aanbieden"): R.TER_VASTSTELLING,
    (R.TER_VASTSTELLING, "terugnemen"): R.CONCEPT,
    (R.TER_VASTSTELLING, "vaststellen"): R.VASTGESTELD,
}


def available_actions(report: Report, user) -> list[Action]:
    """Actions this user could take now (guards are checked again on execution)."""
    if not can_manage(Access.for_user(user), report):
        return []
    names = [name for (state, name) in TRANSITIONS if state == report.status]
    if report.generation_status != GenerationStatus.DONE:
        # Offering needs finished files; the button would only produce an error.
        names = [name for name in names if name != "aanbieden"]
    return [ACTIONS[name] for name in names]


def file_sha256(field_file) -> str:
    digest = hashlib.sha256()
    with field_file.storage.open(field_file.name, "rb") as handle:
        for chunk in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _guard(locked: Report, action_name: str) -> dict:
    """Check the action's preconditions on the locked row; return extra fields to update."""
    if action_name == "aanbieden":
        if locked.generation_status != GenerationStatus.DONE or not locked.pdf:
            raise ReportError(
                _(
                    "Maak eerst de rapportage (PDF en Excel) voordat u hem ter vaststelling aanbiedt."
                )
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
    if action_name == "vaststellen":
        if not locked.pdf or not locked.xlsx:
            raise ReportError(
                _("De bestanden van deze rapportage ontbreken; vaststellen kan niet.")
            )
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
    return {}


def _snapshot_follows(report: Report, action_name: str) -> None:
    """Offering freezes the snapshot; taking back thaws it (the concept may be made again)."""
    if action_name == "aanbieden":
        ReportSnapshot.objects.filter(report=report).update(frozen_at=timezone.now())
    elif action_name == "terugnemen":
        ReportSnapshot.objects.filter(report=report).update(frozen_at=None)


def transition(
    report: Report, action_name: str, user, reason: str = "", besluit: Besluit | None = None
) -> Report:
    """Carry out ``action_name`` on ``report`` as ``user``; return the refreshed report.
    Vaststellen needs the ``besluit`` (by whom, date, number) printed on the final PDF."""
    action = ACTIONS.get(action_name)
    if action is None:
        raise ReportError(_("Onbekende actie."))
    reason = (reason or "").strip()
    access = Access.for_user(user)
    if not can_manage(access, report):
        raise ReportError(_("U mag deze actie niet uitvoeren voor deze rapportage."))
    # The PDF that says what the report now is, printed from its frozen source before locking.
    with adoption.restamping(report, action_name, besluit) as stamped, transaction.atomic():
        locked = Report.objects.select_for_update().get(pk=report.pk)
        if not can_manage(access, locked):
            raise ReportError(_("U mag deze actie niet uitvoeren voor deze rapportage."))
        target = TRANSITIONS.get((locked.status, action_name))
        if target is None:
            raise ReportError(
                _("'%(action)s' kan niet bij status '%(status)s'.")
                % {"action": action.label, "status": locked.get_status_display()}
            )
        if action.needs_reason and not reason:
            raise ReportError(_("Geef een reden op."))
        if problem := reason_problem(reason):
            raise ReportError(problem)
        changes = _guard(locked, action_name)
        changes.update(adoption.changes(locked, action_name, stamped, besluit))
        changes["status"] = target
        if action_name == "vaststellen":
            changes.update(vastgesteld_by=user, vastgesteld_at=timezone.now())
        # Compare-and-swap: only succeeds if nobody changed the status or files in the meantime.
        updated = Report.objects.filter(
            pk=locked.pk,
            status=locked.status,
            generation_status=locked.generation_status,
            pdf=locked.pdf.name,
        ).update(**changes)
        if updated != 1:
            raise ReportError(_("De rapportage is intussen gewijzigd; probeer het opnieuw."))
        _snapshot_follows(locked, action_name)
        ReportEvent.objects.create(
            report=locked,
            action=action_name,
            from_status=locked.status,
            to_status=target,
            actor=user,
            reason=besluit.describe() if besluit and action_name == "vaststellen" else reason,
        )
        if action_name == "vaststellen":
            # The griffie sends it to the council: tell them it is there (after the commit).
            notifications.report_adopted(locked.pk)
    report.refresh_from_db()
    return report


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
