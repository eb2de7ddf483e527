"""The narrative of a report, written by the beleidsmedewerker per thema, gemeente and period.

Per thema (Deel 1 Populatie): Wat streven we na?, Waarom is dit belangrijk?, Wat zien we?
(voorzichtig positief / voorzichtig negatief / overig) and Wat is de rol van de gemeente?
(:class:`~reports.models.ReportText`); per supplier in a thema (Deel 2 Prestaties): its
contribution and what stands out (:class:`~reports.models.ReportSupplierText`); and the
introduction (``Report.introduction``).

A report whose texts were never saved starts from a proposal (:func:`proposal`): the texts of the
gemeente's previous report, the thema's description for what we strive for and why, and for
"Wat zien we?" draft sentences made from the trend judgements. Nothing of a proposal reaches the
report until the beleidsmedewerker saves it.
"""

from dataclasses import asdict, dataclass, field
from types import SimpleNamespace

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from indicators.models import IndicatorSoort, Thema
from organisations.access import Access
from organisations.models import Organisation

from . import summary
from .content import (
    ReportContent,
    area_ids_for,
    collect,
    default_introduction,
    thema_defaults,
    thema_texts,
)
from .models import Report, ReportEvent, ReportStatus, ReportSupplierText, ReportText
from .workflow import ReportError, can_manage

# Field name → label, in the order of the report.
THEMA_FIELDS = {
    "wat_streven_we_na": gettext_lazy("1. Wat streven we na?"),
    "waarom_belangrijk": gettext_lazy("2. Waarom is dit belangrijk?"),
    "wat_zien_we_positief": gettext_lazy("4. Wat zien we? – Voorzichtig positief"),
    "wat_zien_we_negatief": gettext_lazy("4. Wat zien we? – Voorzichtig negatief"),
    "wat_zien_we": gettext_lazy("4. Wat zien we? – Overige duiding"),
    "rol_gemeente": gettext_lazy("5. Wat is de rol van de gemeente?"),
}
SUPPLIER_FIELDS = {
    "bijdrage": gettext_lazy("1. Wat is de bijdrage?"),
    "wat_valt_op": gettext_lazy("4. Wat valt op?"),
}
# The event of saving texts (the same as the older "duiding" form and the admin).
EVENT = "duiding"


@dataclass
class Slot:
    """Where a supplier gets texts: a thema in which it delivers (or is asked for) figures."""

    thema: Thema
    uitvoerder: Organisation

    @property
    def key(self) -> tuple[int, int]:
        return (self.thema.pk, self.uitvoerder.pk)


@dataclass
class Narrative:
    """All texts of a report: the introduction, per thema pk and per (thema pk, supplier pk)."""

    introduction: str = ""
    kernboodschappen: str = ""
    themas: dict[int, dict[str, str]] = field(default_factory=dict)
    suppliers: dict[tuple[int, int], dict[str, str]] = field(default_factory=dict)

    def thema(self, pk: int) -> dict[str, str]:
        return self.themas.get(pk) or dict.fromkeys(THEMA_FIELDS, "")

    def supplier(self, key: tuple[int, int]) -> dict[str, str]:
        return self.suppliers.get(key) or dict.fromkeys(SUPPLIER_FIELDS, "")


def themas() -> list[Thema]:
    return list(Thema.objects.order_by("order", "name"))


def supplier_slots(report: Report) -> list[Slot]:
    """The suppliers per thema: asked for prestatie-indicatoren about the gemeente (or its
    regio's), or already with texts in this report."""
    from indicators.models import UitvraagRegel

    pairs = set(
        UitvraagRegel.objects.filter(uitvraag__areas__in=area_ids_for(report.gemeente))
        .exclude(indicator__soort=IndicatorSoort.MAATSCHAPPELIJK)
        .values_list("indicator__thema_id", "uitvraag__uitvoerder_id")
        .distinct()
        .order_by()
    )
    pairs |= set(report.supplier_texts.values_list("thema_id", "uitvoerder_id"))
    thema_by_pk = {t.pk: t for t in themas()}
    uitvoerders = Organisation.objects.in_bulk({u for _t, u in pairs})
    slots = [Slot(thema_by_pk[t], uitvoerders[u]) for t, u in pairs if t in thema_by_pk]
    return sorted(slots, key=lambda s: (s.thema.order, s.thema.name, s.uitvoerder.name))


def saved(report: Report) -> Narrative:
    narrative = Narrative(
        introduction=report.introduction, kernboodschappen=report.kernboodschappen
    )
    for text in report.texts.all():
        narrative.themas[text.thema_id] = {name: getattr(text, name) for name in THEMA_FIELDS}
    for text in report.supplier_texts.all():
        narrative.suppliers[(text.thema_id, text.uitvoerder_id)] = {
            name: getattr(text, name) for name in SUPPLIER_FIELDS
        }
    return narrative


def _as_printed(thema: Thema, texts: dict[str, str]) -> dict[str, str]:
    """The texts as the report prints them: "Wat streven we na?" and "Waarom is dit belangrijk?"
    from the thema's description when empty, a "Wat zien we?" with the headings "Voorzichtig
    positief/negatief" in it split under those headings (see :func:`content.thema_texts`)."""
    return asdict(thema_texts(thema, SimpleNamespace(**texts)))


def current(report: Report) -> Narrative:
    """The saved texts as the report prints them, for the form: what you edit is what you get."""
    narrative = saved(report)
    for thema in themas():
        narrative.themas[thema.pk] = _as_printed(thema, narrative.thema(thema.pk))
    return narrative


def is_new(report: Report) -> bool:
    """Whether the texts of this report were never saved (then the form starts from a proposal)."""
    return not report.events.filter(action=EVENT).exists()


def previous_report(report: Report) -> Report | None:
    """The gemeente's report before this one: a replaced version of the same period, else the
    latest report over an earlier period (vastgesteld ones first)."""
    earlier = Report.objects.filter(gemeente_id=report.gemeente_id).exclude(pk=report.pk)
    same_period = (
        earlier.filter(period_id=report.period_id, version__lt=report.version)
        .order_by("-version")
        .first()
    )
    if same_period is not None:
        return same_period
    return (
        earlier.filter(period__end__lt=report.period.end)
        .order_by("-period__end", "-period__start", "-status", "-version")
        .first()
    )


def _shared_supplier_texts(report: Report, slots: list[Slot]) -> dict[tuple[int, int], dict]:
    """A supplier's texts are the same in every gemeente's report: the latest ones written for
    another gemeente over the same period, where this gemeente has none of its own."""
    found = {}
    texts = (
        ReportSupplierText.objects.filter(
            report__period_id=report.period_id,
            thema_id__in={s.thema.pk for s in slots},
            uitvoerder_id__in={s.uitvoerder.pk for s in slots},
        )
        .exclude(report__gemeente_id=report.gemeente_id)
        .filter(~Q(bijdrage="") | ~Q(wat_valt_op=""))
        .order_by("-updated_at", "-pk")
    )
    for text in texts:
        found.setdefault(
            (text.thema_id, text.uitvoerder_id),
            {name: getattr(text, name) for name in SUPPLIER_FIELDS},
        )
    return found


def draft_wat_zien_we(content: ReportContent) -> dict[int, dict[str, str]]:
    """Draft sentences for "Wat zien we?" per thema pk, from the trend judgements (or proposals)
    of the gemeente's maatschappelijke indicatoren: {"wat_zien_we_positief": …, …}."""
    drafts = {}
    for t in content.themas:
        parts = {}
        for name, figures in (
            ("wat_zien_we_positief", t.positief),
            ("wat_zien_we_negatief", t.negatief),
        ):
            sentences = []
            for f in figures:
                change = f.change_text
                sentence = (
                    _("%(subject)s is %(change)s.") % {"subject": f.subject, "change": change}
                    if change
                    else _("%(subject)s ontwikkelt zich gunstig.") % {"subject": f.subject}
                    if name == "wat_zien_we_positief"
                    else _("%(subject)s ontwikkelt zich ongunstig.") % {"subject": f.subject}
                )
                sentences.append(sentence[0].upper() + sentence[1:])
            if sentences:
                parts[name] = " ".join(sentences)
        if parts:
            drafts[t.thema.pk] = parts
    return drafts


@dataclass
class Proposal:
    narrative: Narrative
    previous: Report | None
    drafted: set[int]  # thema pks with a "Wat zien we?" drafted from trends


def proposal(report: Report, slots: list[Slot] | None = None) -> Proposal:
    """The texts a report starts with: what is saved, completed from the previous report, the
    thema's description and the trend judgements (see the module docstring)."""
    slots = supplier_slots(report) if slots is None else slots
    own = saved(report)
    previous = previous_report(report)
    before = saved(previous) if previous else Narrative()
    same_period = previous is not None and previous.period_id == report.period_id
    content = collect(report, timezone.now())
    drafts = {} if same_period else draft_wat_zien_we(content)
    shared = _shared_supplier_texts(report, slots)

    narrative = Narrative(
        introduction=own.introduction or before.introduction,
        # Made from this report's figures: last period's summary is about other figures.
        kernboodschappen=own.kernboodschappen or summary.proposal(content),
    )
    if not narrative.introduction:
        names = sorted({s.uitvoerder.name for s in slots})
        narrative.introduction = default_introduction(report.gemeente, names)
    for thema in themas():
        mine, theirs = own.thema(thema.pk), before.thema(thema.pk)
        if thema.pk in drafts:
            # New figures, new trends: the draft replaces last period's findings.
            theirs = {**theirs, "wat_zien_we": "", **drafts[thema.pk]}
        texts = {name: mine[name] or theirs[name] for name in THEMA_FIELDS}
        narrative.themas[thema.pk] = _as_printed(thema, texts)
    for slot in slots:
        mine, theirs = own.supplier(slot.key), before.supplier(slot.key)
        other = shared.get(slot.key, {})
        narrative.suppliers[slot.key] = {
            name: mine[name] or theirs[name] or other.get(name, "") for name in SUPPLIER_FIELDS
        }
    return Proposal(narrative=narrative, previous=previous, drafted=set(drafts))


def _clean(text) -> str:
    return (text or "").strip().replace("\r\n", "\n")


def save(report: Report, user, narrative: Narrative) -> list[str]:
    """Store the texts (only a concept report); return the names of what changed. Audited as
    "duiding" and marks files made before as out of date."""
    if not can_manage(Access.for_user(user), report):
        raise ReportError(_("U mag deze rapportage niet bewerken."))
    changed = []
    with transaction.atomic():
        locked = Report.objects.select_for_update().get(pk=report.pk)
        if locked.status != ReportStatus.CONCEPT:
            raise ReportError(_("Alleen een concept-rapportage kan worden bewerkt."))
        introduction = _clean(narrative.introduction)
        if introduction != locked.introduction:
            locked.introduction = introduction
            changed.append(str(_("Inleiding")))
        kernboodschappen = _clean(narrative.kernboodschappen)
        if kernboodschappen != locked.kernboodschappen:
            locked.kernboodschappen = kernboodschappen
            changed.append(str(_("Kernboodschappen")))
        thema_by_pk = {t.pk: t for t in themas()}
        existing = {t.thema_id: t for t in locked.texts.all()}
        for thema_pk, texts in narrative.themas.items():
            row = existing.get(thema_pk) or ReportText(report=locked, thema_id=thema_pk)
            if _update(row, texts, THEMA_FIELDS, user):
                changed.append(thema_by_pk[thema_pk].name)
        existing_suppliers = {(t.thema_id, t.uitvoerder_id): t for t in locked.supplier_texts.all()}
        names = Organisation.objects.in_bulk({u for _t, u in narrative.suppliers})
        for (thema_pk, uitvoerder_pk), texts in narrative.suppliers.items():
            row = existing_suppliers.get((thema_pk, uitvoerder_pk)) or ReportSupplierText(
                report=locked, thema_id=thema_pk, uitvoerder_id=uitvoerder_pk
            )
            if _update(row, texts, SUPPLIER_FIELDS, user):
                changed.append(f"{thema_by_pk[thema_pk].name} – {names[uitvoerder_pk].name}")
        if changed:
            locked.texts_updated_at = timezone.now()
            locked.save(update_fields=["introduction", "kernboodschappen", "texts_updated_at"])
        if changed or is_new(locked):
            # Also without changes: the texts were looked at, so the form stops proposing.
            ReportEvent.objects.create(
                report=locked,
                action=EVENT,
                from_status=locked.status,
                to_status=locked.status,
                actor=user,
                reason=_("Gewijzigd: %(parts)s") % {"parts": ", ".join(changed)}
                if changed
                else _("Teksten opgeslagen zonder wijzigingen."),
            )
    report.refresh_from_db()
    return changed


def _update(row, texts: dict, fields, user) -> bool:
    """Put the texts on ``row``; save it (a new row only when it holds any text)."""
    new = {name: _clean(texts.get(name, getattr(row, name))) for name in fields}
    if all(getattr(row, name) == value for name, value in new.items()):
        return False
    for name, value in new.items():
        setattr(row, name, value)
    row.updated_by = user
    row.save()
    return True


def missing_texts(report: Report) -> list[str]:
    """What the report still lacks of the narrative, for the readiness panel. "Wat streven we
    na?" and "Waarom is dit belangrijk?" are not missing when the thema's description says it."""
    narrative = saved(report)
    missing = []
    if not narrative.introduction.strip():
        missing.append(str(_("Inleiding")))
    for thema in themas():
        texts = narrative.thema(thema.pk)
        defaults = thema_defaults(thema)
        empty = [
            str(THEMA_FIELDS[name])
            for name in ("wat_streven_we_na", "waarom_belangrijk")
            if not texts[name].strip() and not defaults.get(name)
        ]
        if not any(texts[name].strip() for name in THEMA_FIELDS if name.startswith("wat_zien")):
            empty.append(str(_("4. Wat zien we?")))
        if not texts["rol_gemeente"].strip():
            empty.append(str(THEMA_FIELDS["rol_gemeente"]))
        if empty:
            missing.append(f"{thema.name}: {', '.join(empty)}")
    return missing


@dataclass
class TextSection:
    """The saved texts of one thema, or of one supplier within a thema, as label → text."""

    title: str
    parts: list[tuple[str, str]]


def saved_sections(report: Report) -> list[TextSection]:
    """Every saved text of ``report`` in the order of the report (for the detail page of a report
    that can no longer be edited): per thema Deel 1, then its suppliers. Two queries."""

    def filled(text, fields) -> list[tuple[str, str]]:
        parts = [(str(label), getattr(text, name)) for name, label in fields.items()]
        return [(label, value) for label, value in parts if value.strip()]

    by_thema: dict[int, list] = {}
    themas: dict[int, Thema] = {}
    for text in report.texts.select_related("thema"):
        themas[text.thema_id] = text.thema
        by_thema.setdefault(text.thema_id, []).insert(0, text)
    for text in report.supplier_texts.select_related("thema", "uitvoerder").order_by(
        "uitvoerder__name"
    ):
        themas[text.thema_id] = text.thema
        by_thema.setdefault(text.thema_id, []).append(text)
    sections = []
    for thema in sorted(themas.values(), key=lambda t: (t.order, t.name)):
        for text in by_thema[thema.pk]:
            if isinstance(text, ReportText):
                title, parts = thema.name, filled(text, THEMA_FIELDS)
            else:
                title = f"{thema.name} – {text.uitvoerder.name}"
                parts = filled(text, SUPPLIER_FIELDS)
            if parts:
                sections.append(TextSection(title=title, parts=parts))
    return sections
