"""The report workflow: concept → ter vaststelling → collegebesluit → vastgesteld (frozen).

Its own states on the workflow core (:mod:`core.workflow`), shaped as the beleidskader's adoption
(:mod:`beleidskader.workflow`): beleid offers the report ter vaststelling (*aanbieden*), records
the college's decision (*collegebesluit*: date and kenmerk), and the raad's adoption is registered
by the griffie or by beleid (*vaststellen*: date and number of the raadsbesluit); *terugnemen*
(with a reason) goes back to concept from either step before it. Four-eyes on the raad's step:
whoever offered the report or wrote its texts does not register its adoption
(``REPORT_FOUR_EYES_ADOPTION``, default on); ``REPORT_FOUR_EYES_COLLEGE`` (default off) keeps the
offerer from recording the collegebesluit too. The guards check the files and the snapshot, the
snapshot freezes with the status and the griffie is told after the commit. The web UI and the
admin call :func:`transition`: ``transition(report, "collegebesluit", user,
collegebesluit=Besluit("college", …))``, ``transition(report, "vaststellen", user,
besluit=Besluit("raad", …))``.
"""

import hashlib
from contextlib import contextmanager

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.workflow import Action, Transition, Workflow
from organisations.access import Access

from . import adoption, notifications
from .adoption import Besluit
from .errors import ReportError
from .models import GenerationStatus, Report, ReportSnapshot, ReportStatus
from .snapshot import figures_changed, snapshot_of

R = ReportStatus


def can_manage(access: Access, report: Report) -> bool:
    """Beleidsmedewerkers of the report's gemeente (directly or via their regio) and beheerders."""
    return access.is_beheerder or report.gemeente_id in access.beleid_gemeente_ids


# Files meant for the council and the public apply disclosure control (small counts "geheim"): the
# PDF and the open-data CSV. The Excel file holds the exact figures for analysts, so only those who
# manage the report (beleid of its gemeente, beheerder) may download it; the griffie may not.
PUBLIC_FILE_KINDS = frozenset({"pdf", "csv"})


def can_record_adoption(access: Access, report: Report) -> bool:
    """The raad's adoption is registered by beleid or by the griffie of the report's gemeente."""
    return can_manage(access, report) or report.gemeente_id in access.griffie_gemeente_ids


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


def _guard_college(locked: Report, user) -> dict:
    if settings.REPORT_FOUR_EYES_COLLEGE and locked.offered_by_id == user.pk:
        raise ReportError(str(COLLEGE_FOUR_EYES))
    return {}


COLLEGE_FOUR_EYES = gettext_lazy(
    "U hebt deze rapportage aangeboden; iemand anders legt het collegebesluit vast "
    "(vier-ogenprincipe)."
)


def college_kept(report: Report, user) -> bool:
    """Whether the four-eyes setting keeps ``user`` from recording this report's collegebesluit."""
    return bool(settings.REPORT_FOUR_EYES_COLLEGE) and report.offered_by_id == user.pk


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


def text_writers(report: Report) -> set[int]:
    """Who saved texts of this report. A vastgesteld report never changes again, so every save
    of this version counts."""
    return set(
        report.events.filter(action="duiding")
        .exclude(actor=None)
        .values_list("actor_id", flat=True)
        .distinct()
    )


def own_work(report: Report, since=None) -> set[int]:
    """Who does not register the raad's adoption (four-eyes, ``REPORT_FOUR_EYES_ADOPTION``):
    whoever offered the report and whoever wrote its texts."""
    if not settings.REPORT_FOUR_EYES_ADOPTION:
        return set()
    return text_writers(report) | ({report.offered_by_id} if report.offered_by_id else set())


@contextmanager
def _print_first(report: Report, action: str, inputs: dict):
    """The PDF that says what the report now is (CONCEPT, TER VASTSTELLING, or vastgesteld with
    the collegebesluit and the raadsbesluit), printed from its frozen source before the row is
    locked; at the vaststelling also the XLSX and CSV with those facts."""
    besluit: Besluit | None = inputs.get("besluit")
    with adoption.restamping(
        report, action, besluit, inputs.get("by"), transitions=TRANSITIONS
    ) as stamped:
        yield {"stamped": stamped}


def _stamped_files(locked: Report, action: str, inputs: dict) -> dict:
    return adoption.changes(
        locked,
        action,
        inputs.get("stamped"),
        inputs.get("besluit"),
        inputs.get("collegebesluit"),
    )


def _event_reason(action: str, reason: str, inputs: dict) -> str:
    if action == "collegebesluit" and inputs.get("collegebesluit"):
        return inputs["collegebesluit"].describe(decided=True)
    besluit = inputs.get("besluit")
    return besluit.describe() if besluit and action == "vaststellen" else reason


def _stamps(action: str, user, now, reason: str) -> dict:
    """Who took each step, on the report: the offerer, the recorder of the collegebesluit and
    the registrar of the raad's adoption. Taking it back clears the offer and the collegebesluit
    (a new offer is a new proposal to the college)."""
    if action == "aanbieden":
        return {"offered_by": user, "offered_at": now}
    if action == "collegebesluit":
        return {"college_recorded_by": user, "college_recorded_at": now}
    if action == "vaststellen":
        return {"vastgesteld_by": user, "vastgesteld_at": now}
    if action == "terugnemen":
        return {
            "offered_by": None,
            "offered_at": None,
            "college_besluit_datum": None,
            "college_besluit_kenmerk": "",
            "college_recorded_by": None,
            "college_recorded_at": None,
        }
    return {}


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
        "collegebesluit": Action(
            "collegebesluit", gettext_lazy("Collegebesluit vastleggen"), can_manage
        ),
        "vaststellen": Action(
            "vaststellen",
            gettext_lazy("Vaststelling door de raad vastleggen"),
            can_record_adoption,
            review=True,
        ),
        "terugnemen": Action(
            "terugnemen",
            gettext_lazy("Terugnemen"),
            can_manage,
            needs_reason=True,
            style="button-secondary",
        ),
    },
    transitions={
        (R.CONCEPT, "aanbieden"): R.TER_VASTSTELLING,
        (R.TER_VASTSTELLING, "collegebesluit"): R.COLLEGEBESLUIT,
        (R.COLLEGEBESLUIT, "vaststellen"): R.VASTGESTELD,
        (R.TER_VASTSTELLING, "terugnemen"): R.CONCEPT,
        (R.COLLEGEBESLUIT, "terugnemen"): R.CONCEPT,
    },
    access=Access.for_user,
    not_allowed=gettext_lazy("U mag deze actie niet uitvoeren voor deze rapportage."),
    changed_meanwhile=gettext_lazy("De rapportage is intussen gewijzigd; probeer het opnieuw."),
    four_eyes=gettext_lazy(
        "U hebt deze rapportage aangeboden of teksten ervan geschreven; iemand anders legt de "
        "vaststelling door de raad vast (vier-ogenprincipe)."
    ),
    approved_status=R.VASTGESTELD,
    changers=own_work,
    guards={
        "aanbieden": _guard_offer,
        "collegebesluit": _guard_college,
        "vaststellen": _guard_adopt,
    },
    prepare=_print_first,
    extra=_stamped_files,
    event_reason=_event_reason,
    stamps=_stamps,
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


def transition(report: Report, action: str, user, reason: str = "", via: str = "web", **inputs):
    """Carry out ``action`` on ``report`` as ``user`` (see :meth:`core.workflow.Workflow.transition`);
    the files of the vaststelling name ``user`` as who registered it."""
    return WORKFLOW.transition(report, action, user, reason=reason, via=via, by=user, **inputs)


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
    "collegebesluit": gettext_lazy("Collegebesluit vastgelegd"),
    "vaststellen": gettext_lazy("Vastgesteld"),
    "nieuwe_versie": gettext_lazy("Nieuwe versie gemaakt"),
}


def event_label(action: str) -> str:
    return str(EVENT_LABELS.get(action, action))
