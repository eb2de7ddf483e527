"""Operations on reports: start one, edit its duiding, ask for generation, make a new version.

Permission checks live here too, so the web UI, the admin and the API refuse the same things.
"""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.http import FileResponse, Http404
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from kombu.exceptions import OperationalError as BrokerError

from core import jobs
from indicators.models import Period, Thema
from organisations.access import Access
from organisations.models import Organisation

from .models import GenerationStatus, Report, ReportEvent, ReportStatus, ReportText
from .workflow import ReportError, can_download, can_manage, can_manage_gemeente

logger = logging.getLogger(__name__)

# Shown when the broker (or the database) cannot take the request: nothing was changed.
UNAVAILABLE = _lazy(
    "De rapportage kan nu niet worden gemaakt; probeer het over enkele minuten opnieuw."
)


def report_title(gemeente: Organisation, period: Period) -> str:
    # Stored and printed on the report: in the site's language, whatever language the user reads.
    with translation.override(settings.LANGUAGE_CODE):
        return _("Monitoring Sociaal Domein %(gemeente)s – %(period)s") % {
            "gemeente": gemeente.name,
            "period": period.label,
        }


def download_filename(report: Report, kind: str) -> str:
    """``monitoring-sociaal-domein-vlissingen-2018h1-v1.pdf``"""
    base = slugify(f"monitoring sociaal domein {report.gemeente.name} {report.period.identifier}")
    return f"{base}-v{report.version}.{kind}"


DOWNLOAD_KINDS = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


def file_response(report: Report, kind: str, user) -> FileResponse:
    """The report's ``kind`` file as a download, for the web page and the API alike. ``report``
    must come from ``Report.objects.visible_to(user)``; a file the user may not have
    (``can_download``: the griffie never gets the Excel file) or that is missing is a 404."""
    field_file = getattr(report, kind, None) if kind in DOWNLOAD_KINDS else None
    if not field_file or not can_download(Access.for_user(user), report, kind):
        raise Http404
    try:
        handle = field_file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=download_filename(report, kind),
        content_type=DOWNLOAD_KINDS[kind],
    )
    response["Cache-Control"] = "private, no-store"
    # core.middleware.SecurityEventsMiddleware writes these into the security log.
    response.audit_action = "report.downloaded"
    response.audit_object = report
    logger.info(
        "report download: report=%s kind=%s status=%s user=%s",
        report.pk,
        kind,
        report.status,
        user.pk,
    )
    return response


def _next_version(gemeente, period) -> int:
    current = Report.objects.filter(gemeente=gemeente, period=period).aggregate(v=Max("version"))
    return (current["v"] or 0) + 1


def create_report(gemeente: Organisation, period: Period, user) -> Report:
    """Start a concept report for ``gemeente`` and ``period`` (the next version if one exists)."""
    if not gemeente.is_gemeente:
        raise ReportError(_("Een rapportage wordt gemaakt voor een gemeente."))
    if not can_manage_gemeente(Access.for_user(user), gemeente.pk):
        raise ReportError(
            _("U mag geen rapportage maken voor %(gemeente)s.") % {"gemeente": gemeente}
        )
    return _create_report(gemeente, period, user)


def _create_report(gemeente: Organisation, period: Period, user) -> Report:
    """Create the concept; ``user`` None: prepared by the schedule (:mod:`reports.tasks`)."""
    with transaction.atomic():
        # Lock the gemeente row so two people starting a report get different version numbers.
        Organisation.objects.select_for_update().get(pk=gemeente.pk)
        open_report = (
            Report.objects.filter(gemeente=gemeente, period=period)
            .exclude(status=ReportStatus.VASTGESTELD)
            .first()
        )
        if open_report is not None:
            raise ReportError(
                _(
                    "Er is al een rapportage voor %(gemeente)s over %(period)s in behandeling "
                    "(versie %(version)s). Werk die bij."
                )
                % {
                    "gemeente": gemeente.name,
                    "period": period.label,
                    "version": open_report.version,
                }
            )
        report = Report.objects.create(
            gemeente=gemeente,
            period=period,
            version=_next_version(gemeente, period),
            title=report_title(gemeente, period),
            created_by=user,
        )
        ReportEvent.objects.create(
            report=report,
            action="aangemaakt",
            to_status=report.status,
            actor=user,
            reason="" if user else _("Klaargezet door de planning: de leverdata zijn verstreken."),
        )
    return report


def new_version(report: Report, user, reason: str) -> Report:
    """A new concept replacing a vastgesteld report; the vastgesteld one stays as it is."""
    reason = (reason or "").strip()
    if not reason:
        raise ReportError(_("Geef de reden voor een nieuwe versie op."))
    if not can_manage(Access.for_user(user), report):
        raise ReportError(_("U mag deze actie niet uitvoeren voor deze rapportage."))
    with transaction.atomic():
        old = Report.objects.select_for_update().get(pk=report.pk)
        if not old.is_frozen:
            raise ReportError(
                _("Alleen van een vastgestelde rapportage maakt u een nieuwe versie.")
            )
        successor = Report.objects.filter(replaces=old).first()
        if successor is not None:
            raise ReportError(
                _("Van deze rapportage bestaat al een nieuwe versie (versie %(version)s).")
                % {"version": successor.version}
            )
        if (
            Report.objects.filter(gemeente=old.gemeente_id, period=old.period_id)
            .exclude(status=ReportStatus.VASTGESTELD)
            .exists()
        ):
            raise ReportError(
                _("Er is al een rapportage over deze periode in behandeling; werk die bij.")
            )
        fresh = Report.objects.create(
            gemeente_id=old.gemeente_id,
            period_id=old.period_id,
            version=_next_version(old.gemeente_id, old.period_id),
            replaces=old,
            replacement_reason=reason,
            title=old.title,
            introduction=old.introduction,
            kernboodschappen=old.kernboodschappen,
            created_by=user,
        )
        # The texts carry over; the beleidsmedewerker corrects what needs correcting.
        copy_texts(old, fresh, user)
        ReportEvent.objects.create(
            report=fresh,
            action="nieuwe_versie",
            to_status=fresh.status,
            actor=user,
            reason=_("Vervangt versie %(version)s: %(reason)s")
            % {"version": old.version, "reason": reason},
        )
    return fresh


def copy_texts(source: Report, target: Report, user) -> None:
    """Copy every text of ``source`` (the duiding and any other text table) to ``target``."""
    from .snapshot import text_relations

    for rel in text_relations():
        model = rel.related_model
        fields = {f.name for f in model._meta.concrete_fields}
        skip = {"id", rel.field.name, "updated_by", "updated_at"}
        names = [f.attname for f in model._meta.concrete_fields if f.name not in skip]
        extra = {rel.field.name: target}
        if "updated_by" in fields:
            extra["updated_by"] = user
        model.objects.bulk_create(
            model(**{name: getattr(row, name) for name in names}, **extra)
            for row in getattr(source, rel.get_accessor_name()).all()
        )


def request_generation(report: Report, user) -> Report:
    """Queue the Celery task that makes the PDF, XLSX and CSV (after the transaction commits).
    When the broker cannot take it, the report is put back as it was and :class:`ReportError`
    says to try again in a few minutes."""
    if not can_manage(Access.for_user(user), report):
        raise ReportError(_("U mag deze actie niet uitvoeren voor deze rapportage."))
    dispatch = _queue_generation(report, user)
    report.refresh_from_db()
    if dispatch.failed:
        raise ReportError(str(UNAVAILABLE))
    return report


def generate_now(report: Report, user) -> Report:
    """Make the files in this process and wait for them, whatever the Celery configuration: for
    commands such as ``load_demo`` that need the files before they go on. Same checks, events
    and task as :func:`request_generation`."""
    if not can_manage(Access.for_user(user), report):
        raise ReportError(_("U mag deze actie niet uitvoeren voor deze rapportage."))
    _queue_generation(report, user, queue=False)
    generation_task().apply(args=[report.pk])
    report.refresh_from_db()
    return report


# Tasks call services, never the other way round: the task is looked up by its name in Celery's
# registry (which imports reports.tasks), so this module does not import it.
GENERATE_TASK = "reports.tasks.generate_report"


def generation_task():
    from celery import current_app

    if GENERATE_TASK not in current_app.tasks:
        # Outside a worker the apps' task modules are imported on first use.
        current_app.loader.import_default_modules()
    return current_app.tasks[GENERATE_TASK]


@dataclass
class Dispatch:
    """How handing the task to the broker went (known once the transaction committed)."""

    failed: bool = False


def _queue_generation(report: Report, user, queue: bool = True) -> Dispatch:
    """Queue the task; ``user`` (None: the schedule) is told by e-mail how it went. With
    ``queue=False`` only mark the report as requested (the caller runs the task itself).

    The request is stored and the task handed to the broker once that is committed; when the
    broker cannot take it, the report's generation fields are put back as they were."""
    now = timezone.now()
    dispatch = Dispatch()
    with transaction.atomic():
        locked = Report.objects.select_for_update().get(pk=report.pk)
        if locked.is_frozen:
            raise ReportError(
                _(
                    "Deze rapportage is vastgesteld en kan niet opnieuw worden gemaakt. "
                    "Maak een nieuwe versie."
                )
            )
        if locked.status != ReportStatus.CONCEPT:
            raise ReportError(
                _(
                    "De rapportage is ter vaststelling aangeboden. Neem hem eerst terug om hem "
                    "opnieuw te maken."
                )
            )
        _refuse_while_pending(locked, now)
        previous = {name: getattr(locked, name) for name in _GENERATION_FIELDS}
        # Stored text is in the site's language, whatever language this user reads.
        with translation.override(settings.LANGUAGE_CODE):
            queued_message = _("In de wachtrij")
        Report.objects.filter(pk=locked.pk).update(
            generation_status=GenerationStatus.QUEUED,
            progress=0,
            progress_message=queued_message,
            generation_error="",
            generation_requested_at=now,
            generation_requested_by=user,
            attempts=0,
            task_id="",
            heartbeat_at=None,
        )
        ReportEvent.objects.create(
            report=locked,
            action="genereren",
            from_status=locked.status,
            to_status=locked.status,
            actor=user,
        )
        if queue:
            transaction.on_commit(lambda: _dispatch(locked.pk, now, previous, dispatch))
    return dispatch


_GENERATION_FIELDS = (
    "generation_status",
    "progress",
    "progress_message",
    "generation_error",
    "generation_requested_at",
    "generation_requested_by_id",
    "attempts",
    "task_id",
    "heartbeat_at",
)


def _refuse_while_pending(locked: Report, now) -> None:
    """A second request while a generation is queued or running is refused, unless that one's
    worker died (no heartbeat: the sweep would mark it mislukt soon anyway)."""
    if locked.generation_status == GenerationStatus.QUEUED and (
        locked.generation_requested_at
        and now - locked.generation_requested_at < jobs.queued_timeout()
    ):
        raise ReportError(
            _(
                "De rapportage wordt al gemaakt: hij staat in de wachtrij. U krijgt een "
                "e-mail zodra hij klaar is."
            )
        )
    if locked.generation_status == GenerationStatus.RUNNING and jobs.is_alive(
        locked.heartbeat_at or locked.generation_requested_at, now
    ):
        raise ReportError(
            _(
                "De rapportage wordt al gemaakt (%(progress)s %%). U krijgt een e-mail zodra "
                "hij klaar is."
            )
            % {"progress": locked.progress}
        )


def _dispatch(report_pk: int, requested_at, previous: dict, dispatch: Dispatch) -> None:
    """Hand the task to the broker; when it cannot take it, undo the request (run on commit)."""
    try:
        generation_task().apply_async(args=[report_pk], retry=True)
        return
    except (BrokerError, OSError) as exc:
        logger.error("report %s: broker unavailable, request undone: %s", report_pk, exc)
    dispatch.failed = True
    with transaction.atomic():
        undone = Report.objects.filter(
            pk=report_pk,
            generation_status=GenerationStatus.QUEUED,
            generation_requested_at=requested_at,
        ).update(**previous)
        if undone:
            with translation.override(settings.LANGUAGE_CODE):
                reason = str(UNAVAILABLE)
            ReportEvent.objects.create(
                report_id=report_pk,
                action="niet_gestart",
                from_status=ReportStatus.CONCEPT,
                to_status=ReportStatus.CONCEPT,
                reason=reason,
            )


def save_texts(report: Report, user, introduction: str, texts: dict[int, str]) -> list[str]:
    """Store the introduction and the duiding per thema (id → text); return what changed."""
    if not can_manage(Access.for_user(user), report):
        raise ReportError(_("U mag deze rapportage niet bewerken."))
    changed = []
    with transaction.atomic():
        locked = Report.objects.select_for_update().get(pk=report.pk)
        if locked.status != ReportStatus.CONCEPT:
            raise ReportError(_("Alleen een concept-rapportage kan worden bewerkt."))
        introduction = (introduction or "").strip()
        if introduction != locked.introduction:
            locked.introduction = introduction
            changed.append(str(_("Inleiding")))
        existing = {t.thema_id: t for t in locked.texts.all()}
        themas = Thema.objects.in_bulk(list(texts))
        for thema_id, text in texts.items():
            text = (text or "").strip()
            current = existing.get(thema_id)
            if (current.wat_zien_we if current else "") == text:
                continue
            if current is None:
                ReportText.objects.create(
                    report=locked, thema_id=thema_id, wat_zien_we=text, updated_by=user
                )
            else:
                current.wat_zien_we = text
                current.updated_by = user
                current.save(update_fields=["wat_zien_we", "updated_by", "updated_at"])
            changed.append(themas[thema_id].name)
        if changed:
            locked.texts_updated_at = timezone.now()
            locked.save(update_fields=["introduction", "texts_updated_at"])
            ReportEvent.objects.create(
                report=locked,
                action="duiding",
                from_status=locked.status,
                to_status=locked.status,
                actor=user,
                reason=_("Gewijzigd: %(parts)s") % {"parts": ", ".join(changed)},
            )
    report.refresh_from_db()
    return changed


def prepare_concept(gemeente: Organisation, period: Period) -> Report | None:
    """For the schedule: a concept report for ``gemeente`` and ``period`` with its files asked
    for, unless a report (of any version or status) exists already; None then."""
    if Report.objects.filter(gemeente=gemeente, period=period).exists():
        return None
    try:
        report = _create_report(gemeente, period, None)
    except ReportError:  # made at the same moment by someone else
        return None
    _queue_generation(report, None)
    return report


def corrections(report: Report):
    """For a report offered or vastgesteld: the approved figures that changed since its files were
    made (:class:`reports.snapshot.Changes`, empty when none did); None without a snapshot."""
    from .snapshot import changes_since_snapshot

    if report.status == ReportStatus.CONCEPT:
        return None
    return changes_since_snapshot(report)


@dataclass
class GriffieEntry:
    """All vastgestelde versions of one gemeente's report over one period, newest first."""

    gemeente: Organisation
    period: Period
    versions: list[Report]

    @property
    def current(self) -> Report:
        return self.versions[0]


@dataclass
class GriffieYear:
    year: int
    entries: list[GriffieEntry]


def griffie_overview(user) -> list[GriffieYear]:
    """Vastgestelde reports of the griffie's own gemeente(n), grouped by year and period."""
    access = Access.for_user(user)
    reports = (
        Report.objects.visible_to(user)
        .vastgesteld()
        .select_related("gemeente", "period", "vastgesteld_by", "replaces")
        .order_by("-period__year", "-period__start", "period__type", "gemeente__name", "-version")
    )
    if not access.is_beheerder:
        reports = reports.filter(gemeente_id__in=access.griffie_gemeente_ids)
    years: dict[int, dict[tuple, GriffieEntry]] = {}
    for report in reports:
        entries = years.setdefault(report.period.year, {})
        key = (report.period_id, report.gemeente_id)
        if key not in entries:
            entries[key] = GriffieEntry(gemeente=report.gemeente, period=report.period, versions=[])
        entries[key].versions.append(report)
    # Which listed version replaced which, without a query per row.
    for entries in years.values():
        for entry in entries.values():
            listed = {r.pk: r for r in entry.versions}
            for report in entry.versions:
                report.superseded_by = None
            for report in entry.versions:
                if report.replaces_id in listed:
                    listed[report.replaces_id].superseded_by = report
    return [GriffieYear(year=y, entries=list(e.values())) for y, e in years.items()]
