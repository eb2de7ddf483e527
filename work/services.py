"""Mijn werk: what this person has to do now, across figures, budget versions and reports.

One list of :class:`WorkItem` per section, built with a fixed number of queries whatever the
number of items (see ``tests/work/test_my_work.py``), then searched, filtered and sorted in
Python: a person's open work is a few dozen rows at most.
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.conf import settings
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from budgets import workflow as budget_workflow
from budgets.models import BudgetVersion
from core.models import ReviewStatus
from indicators.models import Submission, SubmissionEvent, UitvraagRegel
from indicators.review.questions import open_counts_for_supplier
from indicators.workflow import is_reviewer_of, is_supplier_of
from organisations.access import Access
from organisations.models import Organisation
from reports.models import GenerationStatus, Report, ReportEvent, ReportStatus
from reports.workflow import college_kept

R = ReviewStatus

# The sections of the page, in the order shown.
SECTIONS = {
    "beoordelen": gettext_lazy("Te beoordelen"),
    "teruggestuurd": gettext_lazy("Teruggestuurd naar u"),
    "vragen": gettext_lazy("Vragen bij uw cijfers"),
    "invullen": gettext_lazy("In te vullen"),
    "rapportages": gettext_lazy("Rapportages: schrijven, aanbieden, vaststellen"),
    "correcties": gettext_lazy("Correcties na vaststelling"),
}

KINDS = {
    "aanlevering": gettext_lazy("Cijfers"),
    "begroting": gettext_lazy("Begroting"),
    "rapportage": gettext_lazy("Rapportage"),
}

SORTS = {
    "leverdatum": gettext_lazy("uiterste leverdatum"),
    "wachttijd": gettext_lazy("langst wachtend"),
    "organisatie": gettext_lazy("organisatie"),
    "periode": gettext_lazy("periode"),
}


@dataclass
class WorkItem:
    section: str
    kind: str
    title: str
    organisation: str
    period: str
    status: str
    status_code: str
    url: str
    action: str
    since: datetime | None = None  # waiting since (submitted, offered, failed)
    deadline: date | None = None
    reason: str = ""
    open_questions: int = 0  # questions on cells this person must answer
    # What the search also finds (indicator names of an aanlevering).
    extra: list[str] = field(default_factory=list)
    period_sort: str = ""

    @property
    def overdue(self) -> bool:
        return self.deadline is not None and self.deadline < timezone.localdate()

    @property
    def waited_days(self) -> int | None:
        if self.since is None:
            return None
        return (timezone.now() - self.since).days

    @property
    def kind_label(self) -> str:
        return str(KINDS[self.kind])

    def matches(self, words: list[str]) -> bool:
        haystack = " ".join(
            [self.title, self.organisation, self.period, self.status, self.kind_label, *self.extra]
        ).lower()
        return all(word in haystack for word in words)


@dataclass
class MyWork:
    sections: list[tuple[str, str, list[WorkItem]]]

    @property
    def total(self) -> int:
        return sum(len(items) for _key, _label, items in self.sections)

    @property
    def counts(self) -> dict[str, int]:
        return {key: len(items) for key, _label, items in self.sections}


# ── collecting ───────────────────────────────────────────────────────────────────────────────
def _submission_items(user, access: Access) -> list[WorkItem]:
    if not (access.uitvoerder_ids or access.beleid_area_ids):
        return []
    submissions = (
        Submission.objects.visible_to(user)
        .with_related()
        .filter(status__in=[R.CONCEPT, R.TERUGGESTUURD, R.INGEDIEND])
        .prefetch_related(
            "uitvraag__areas",
            Prefetch(
                "uitvraag__regels",
                queryset=UitvraagRegel.objects.select_related("indicator").only(
                    "uitvraag_id", "indicator__name", "indicator__code"
                ),
            ),
        )
    )
    # Questions on cells wait for the supplier's staff (one query, only for them).
    questions = open_counts_for_supplier(access)
    items = []
    for s in submissions:
        indicators = sorted({r.indicator.name for r in s.uitvraag.regels.all()})
        common = {
            "kind": "aanlevering",
            "title": s.uitvraag.name,
            "organisation": s.uitvraag.uitvoerder.name,
            "period": s.period.label,
            "period_sort": s.period.identifier,
            "status": s.get_status_display(),
            "status_code": s.status,
            "deadline": s.deadline,
            "extra": indicators,
            "open_questions": questions.get(s.pk, 0),
        }
        detail = reverse("indicators:submission_detail", args=[s.pk])
        edit = reverse("indicators:submission_edit", args=[s.pk])
        if s.status == R.INGEDIEND and questions.get(s.pk) and is_supplier_of(access, s):
            # Under review, and the reviewer asked something: the supplier answers.
            items.append(
                WorkItem(
                    "vragen",
                    url=detail + "#vragen-titel",
                    action=_("Vragen beantwoorden"),
                    since=s.submitted_at,
                    **common,
                )
            )
        elif s.status == R.INGEDIEND:
            if s.submitted_by_id != user.pk and is_reviewer_of(access, s):
                items.append(
                    WorkItem(
                        "beoordelen",
                        url=detail,
                        action=_("Beoordelen"),
                        since=s.submitted_at,
                        **common,
                    )
                )
        elif is_supplier_of(access, s):
            if s.status == R.TERUGGESTUURD:
                items.append(
                    WorkItem(
                        "teruggestuurd",
                        url=edit,
                        action=_("Aanpassen"),
                        since=s.reviewed_at,
                        reason=s.send_back_reason,
                        **common,
                    )
                )
            else:
                items.append(WorkItem("invullen", url=edit, action=_("Invullen"), **common))
    return items


def _budget_items(user, access: Access) -> list[WorkItem]:
    if not (access.uitvoerder_ids or access.beleid_gemeente_ids):
        return []
    versions = (
        BudgetVersion.objects.visible_to(user)
        .with_related()
        .filter(status__in=[R.CONCEPT, R.TERUGGESTUURD, R.INGEDIEND])
        .prefetch_related("owner__gemeenten")
    )
    items = []
    for v in versions:
        common = {
            "kind": "begroting",
            "title": v.name,
            "organisation": v.owner.name,
            "period": str(v.year),
            "period_sort": str(v.year),
            "status": v.get_status_display(),
            "status_code": v.status,
        }
        detail = reverse("budgets:version_detail", args=[v.pk])
        edit = reverse("budgets:version_edit", args=[v.pk])
        if v.status == R.INGEDIEND:
            if v.submitted_by_id != user.pk and budget_workflow.is_beoordelaar(access, v):
                items.append(
                    WorkItem(
                        "beoordelen",
                        url=detail,
                        action=_("Beoordelen"),
                        since=v.submitted_at,
                        **common,
                    )
                )
        elif budget_workflow.is_opsteller(access, v):
            if v.status == R.TERUGGESTUURD:
                items.append(
                    WorkItem(
                        "teruggestuurd",
                        url=edit,
                        action=_("Aanpassen"),
                        since=v.reviewed_at,
                        reason=v.send_back_reason,
                        **common,
                    )
                )
            else:
                items.append(WorkItem("invullen", url=edit, action=_("Invullen"), **common))
    return items


def _griffie_items(access: Access) -> list[WorkItem]:
    """The griffie registers the raad's adoption of the reports the college offered."""
    if not access.griffie_gemeente_ids:
        return []
    reports = Report.objects.filter(
        status=ReportStatus.COLLEGEBESLUIT, gemeente_id__in=access.griffie_gemeente_ids
    ).select_related("gemeente", "period")
    return [
        WorkItem(
            "rapportages",
            kind="rapportage",
            title=r.title,
            organisation=r.gemeente.name,
            period=r.period.label,
            period_sort=r.period.identifier,
            status=r.get_status_display(),
            status_code=r.status,
            url=reverse("reports:raadsbesluit", args=[r.pk]),
            action=_("Vaststelling door de raad vastleggen"),
            since=r.college_recorded_at,
        )
        for r in reports
    ]


def _report_items(user, access: Access) -> list[WorkItem]:
    if not (access.beleid_gemeente_ids or access.is_beheerder):
        return _griffie_items(access)
    reports = Report.objects.visible_to(user).select_related("gemeente", "period")
    if not access.is_beheerder:
        reports = reports.filter(gemeente_id__in=access.beleid_gemeente_ids)
    open_reports = list(reports.exclude(status=ReportStatus.VASTGESTELD))
    wrote = set(
        ReportEvent.objects.filter(
            report__in=[r.pk for r in open_reports], action="duiding", actor=user
        ).values_list("report_id", flat=True)
    )
    items = []
    for r in open_reports:
        common = {
            "kind": "rapportage",
            "title": r.title,
            "organisation": r.gemeente.name,
            "period": r.period.label,
            "period_sort": r.period.identifier,
            "status": r.get_status_display(),
            "status_code": r.status,
            "url": reverse("reports:detail", args=[r.pk]),
        }
        if r.status == ReportStatus.TER_VASTSTELLING:
            if college_kept(r, user):
                action = _("Wacht op het collegebesluit (een collega legt het vast)")
            else:
                action = _("Collegebesluit vastleggen")
            items.append(WorkItem("rapportages", action=action, **common))
        elif r.status == ReportStatus.COLLEGEBESLUIT:
            if settings.REPORT_FOUR_EYES_ADOPTION and (r.pk in wrote or r.offered_by_id == user.pk):
                action = _("Wacht op de vaststelling door de raad (een ander legt die vast)")
            else:
                action = _("Vaststelling door de raad vastleggen")
            items.append(WorkItem("rapportages", action=action, **common))
        elif r.generation_status == GenerationStatus.FAILED:
            items.append(
                WorkItem(
                    "rapportages",
                    action=_("Maken mislukt: opnieuw maken"),
                    reason=r.generation_error,
                    **common,
                )
            )
        elif r.generation_status == GenerationStatus.DONE and not r.is_outdated:
            items.append(WorkItem("rapportages", action=_("Ter vaststelling aanbieden"), **common))
        elif r.is_generating:
            items.append(WorkItem("rapportages", action=_("Wordt gemaakt"), **common))
        else:
            items.append(WorkItem("rapportages", action=_("Teksten schrijven en maken"), **common))
    items.extend(_correction_items(reports))
    return items


def _correction_items(reports) -> list[WorkItem]:
    """Vastgestelde reports (the newest version) whose figures were reopened afterwards: a
    correction may need a new version. The report page shows exactly what changed."""
    adopted = list(
        reports.filter(status=ReportStatus.VASTGESTELD, replaced_by__isnull=True).exclude(
            vastgesteld_at=None
        )
    )
    if not adopted:
        return []
    oldest = min(r.vastgesteld_at for r in adopted)
    reopened = list(
        SubmissionEvent.objects.filter(action="heropenen", at__gt=oldest)
        .values_list("at", "submission__uitvraag__areas")
        .distinct()
    )
    if not reopened:
        return []
    # A gemeente's figures are also those delivered about a regio it is in.
    regios = {}
    for regio_id, gemeente_id in Organisation.gemeenten.through.objects.filter(
        to_organisation_id__in={r.gemeente_id for r in adopted}
    ).values_list("from_organisation_id", "to_organisation_id"):
        regios.setdefault(gemeente_id, set()).add(regio_id)
    items = []
    for r in adopted:
        areas = {r.gemeente_id} | regios.get(r.gemeente_id, set())
        latest = max(
            (at for at, area in reopened if area in areas and at > r.vastgesteld_at), default=None
        )
        if latest is None:
            continue
        items.append(
            WorkItem(
                "correcties",
                kind="rapportage",
                title=r.title,
                organisation=r.gemeente.name,
                period=r.period.label,
                period_sort=r.period.identifier,
                status=r.get_status_display(),
                status_code=r.status,
                url=reverse("reports:detail", args=[r.pk]),
                action=_("Nagaan of een nieuwe versie nodig is"),
                since=latest,
                reason=_("Goedgekeurde cijfers zijn na de vaststelling heropend."),
            )
        )
    return items


def my_work(user) -> MyWork:
    access = Access.for_user(user)
    items = (
        _submission_items(user, access) + _budget_items(user, access) + _report_items(user, access)
    )
    return MyWork(
        [
            (key, str(label), [i for i in items if i.section == key])
            for key, label in SECTIONS.items()
        ]
    )


# ── searching, filtering, sorting ────────────────────────────────────────────────────────────
def _default_key(item: WorkItem):
    # Overdue first, then the nearest deadline; then who waited longest.
    far = date.max
    return (item.deadline or far, item.since or timezone.now(), item.organisation, item.title)


SORT_KEYS = {
    "leverdatum": _default_key,
    "wachttijd": lambda i: (i.since or timezone.now(), i.deadline or date.max),
    "organisatie": lambda i: (i.organisation.lower(), i.period_sort, i.title.lower()),
    "periode": lambda i: (i.period_sort, i.organisation.lower(), i.title.lower()),
}


def refine(work: MyWork, q: str = "", kind: str = "", status: str = "", sort: str = "") -> MyWork:
    words = [w for w in (q or "").lower().split() if w]
    key = SORT_KEYS.get(sort, _default_key)
    sections = []
    for name, label, items in work.sections:
        chosen = [
            i
            for i in items
            if (not kind or i.kind == kind)
            and (not status or i.status_code == status)
            and (not words or i.matches(words))
        ]
        sections.append((name, label, sorted(chosen, key=key)))
    return MyWork(sections)
