"""Entering a beleidskader on the website: the kader itself, its nodes (visie/ambitie →
doelstelling → target → prestatie), a target's indicators with their streefwaarden per year and
a prestatie's budget lines. Only beleid of the kader's gemeente or regio (and beheerders), and
only while the kader is concept: past concept the models refuse (``KaderFrozen``), and these
functions say so first. Every change is kept in the history of the node (django-simple-history,
with the user) or, for a streefwaarde, in the audit log."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from core import audit
from indicators.models import Streefwaarde
from organisations.access import Access
from organisations.models import Organisation

from .models import (
    Beleidskader,
    Doel,
    DoelIndicator,
    KaderFrozen,
    Niveau,
    PrestatieBudget,
    frozen_message,
)
from .workflow import can_manage

# The fields of a node a beleidsmedewerker enters.
NODE_FIELDS = (
    "niveau",
    "level_label",
    "nummer",
    "title",
    "text",
    "eigenaar",
    "year_from",
    "year_to",
    "maatschappelijk_resultaat",
    "order",
)


def owner_choices(user):
    """The gemeenten and regio's a user may make a beleidskader for."""
    access = Access.for_user(user)
    areas = Organisation.objects.filter(kind__in=["gemeente", "regio"])
    if access.is_beheerder:
        return areas.order_by("name")
    return areas.filter(pk__in=sorted(access.beleid_area_ids)).order_by("name")


def check_editable(user, kader: Beleidskader) -> None:
    if not can_manage(Access.for_user(user), kader):
        raise PermissionDenied(_("U mag dit beleidskader niet wijzigen."))
    if kader.is_frozen:
        raise KaderFrozen(frozen_message())


def create_kader(user, **fields) -> Beleidskader:
    owner = fields["owner"]
    if not owner_choices(user).filter(pk=owner.pk).exists():
        raise PermissionDenied(_("U mag voor deze organisatie geen beleidskader maken."))
    kader = Beleidskader(**fields)
    kader.full_clean()
    kader.save()
    audit.record("beleidskader.aangemaakt", actor=user, obj=kader)
    return kader


def update_kader(kader: Beleidskader, user, **fields) -> Beleidskader:
    """The kader's own texts, years and inspraak period (concept only)."""
    check_editable(user, kader)
    for name, value in fields.items():
        setattr(kader, name, value)
    kader.full_clean()
    kader.save()
    return kader


DECISION_FIELDS = {
    # Which decision date may be entered in which status (the decision is then recorded by the
    # workflow step; the dates are the decisions' own).
    "inspraak": ("collegebesluit_date",),
    "collegebesluit": ("raadsbesluit_date", "raadsbesluit"),
}


def record_decision_dates(kader: Beleidskader, user, **fields) -> Beleidskader:
    """The date of the collegebesluit (in inspraak) or of the raadsbesluit with its kenmerk
    (after the collegebesluit): entered here, then recorded by the workflow step."""
    access = Access.for_user(user)
    allowed = DECISION_FIELDS.get(kader.status, ())
    may = can_manage(access, kader) or (
        kader.status == "collegebesluit" and kader.owner_id in access.griffie_gemeente_ids
    )
    if not may:
        raise PermissionDenied(_("U mag dit beleidskader niet wijzigen."))
    changes = {name: value for name, value in fields.items() if name in allowed}
    if changes:
        Beleidskader.objects.filter(pk=kader.pk, status=kader.status).update(**changes)
        audit.record(
            "beleidskader.besluitdatum",
            actor=user,
            obj=kader,
            **{name: str(value) for name, value in changes.items()},
        )
    kader.refresh_from_db()
    return kader


def parent_choices(kader: Beleidskader, niveau: str | None = None):
    """Nodes a node may hang under: the kader's, and in an addendum the doelstellingen of the
    kader it adds to."""
    nodes = Doel.objects.filter(kader=kader)
    if kader.addendum_of_id:
        nodes = nodes | Doel.objects.filter(
            kader_id=kader.addendum_of_id, niveau=Niveau.DOELSTELLING
        )
    return nodes.order_by("kader_id", "order", "pk")


@transaction.atomic
def save_node(kader: Beleidskader, user, doel: Doel | None = None, *, parent, **fields) -> Doel:
    check_editable(user, kader)
    if doel is None:
        doel = Doel(kader=kader)
    elif doel.kader_id != kader.pk:
        raise PermissionDenied
    if not fields.get("order"):
        # New nodes go last; an edited node keeps its place.
        fields["order"] = doel.order or (kader.doelen.aggregate(m=Max("order"))["m"] or 0) + 10
    if parent is not None and not parent_choices(kader).filter(pk=parent.pk).exists():
        raise ValidationError({"parent": _("Dit onderdeel hoort bij een ander kader.")})
    if doel.pk and parent is not None and _is_below(parent, doel):
        raise ValidationError({"parent": _("Een onderdeel kan niet onder zichzelf hangen.")})
    for name in NODE_FIELDS:
        if name in fields:
            setattr(doel, name, fields[name])
    doel.parent = parent
    doel._history_user = user
    doel.full_clean()
    doel.save()
    return doel


def _is_below(candidate: Doel, node: Doel) -> bool:
    seen = set()
    while candidate is not None and candidate.pk not in seen:
        if candidate.pk == node.pk:
            return True
        seen.add(candidate.pk)
        candidate = candidate.parent
    return False


@transaction.atomic
def delete_node(doel: Doel, user) -> None:
    """A node with everything under it (its children, links and budgets)."""
    check_editable(user, doel.kader)
    doel._history_user = user
    for child in list(doel.children.all()):
        delete_node(child, user)
    doel.delete()


def add_indicator(doel: Doel, user, *, indicator, doelgroep=None, note="") -> DoelIndicator:
    check_editable(user, doel.kader)
    if doel.niveau != Niveau.TARGET:
        raise ValidationError(_("Alleen een target wordt gemeten met indicatoren."))
    link = DoelIndicator(doel=doel, indicator=indicator, doelgroep=doelgroep, note=note)
    link.full_clean()
    link.save()
    _touch(doel, user)
    return link


def remove_indicator(link: DoelIndicator, user) -> None:
    check_editable(user, link.doel.kader)
    link.delete()
    _touch(link.doel, user)


@transaction.atomic
def set_streefwaarde(
    link: DoelIndicator, user, *, year_from, year_to, comparison, value, note=""
) -> Streefwaarde:
    """The streefwaarde of a target's indicator for the kader's gemeente or regio from a year;
    an existing one from the same year is replaced (the audit log keeps the old value)."""
    kader = link.doel.kader
    check_editable(user, kader)
    target = Streefwaarde.objects.filter(
        indicator=link.indicator, scope=kader.owner, doelgroep=link.doelgroep, year_from=year_from
    ).first() or Streefwaarde(
        indicator=link.indicator, scope=kader.owner, doelgroep=link.doelgroep, year_from=year_from
    )
    old = None if target.pk is None else f"{target.get_comparison_display()} {target.value}"
    target.year_to, target.comparison, target.value, target.note = year_to, comparison, value, note
    target.full_clean()
    target.save()
    audit.record(
        "streefwaarde.gewijzigd",
        actor=user,
        obj=target,
        kader=kader.pk,
        old=old,
        new=f"{target.get_comparison_display()} {target.value}",
    )
    return target


def add_budget(doel: Doel, user, **fields) -> PrestatieBudget:
    check_editable(user, doel.kader)
    if doel.niveau != Niveau.PRESTATIE:
        raise ValidationError(_("Alleen een prestatie heeft een budget."))
    budget = PrestatieBudget(doel=doel, **fields)
    owner = doel.kader.owner_id
    if budget.programma_id and budget.programma.owner_id != owner:
        raise ValidationError({"programma": _("Dit programma hoort bij een andere gemeente.")})
    if budget.product_id:
        if budget.product.programma.owner_id != owner:
            raise ValidationError({"product": _("Dit product hoort bij een andere gemeente.")})
        budget.programma = budget.product.programma
    if (
        budget.uitvraag_id
        and budget.uitvoerder_id
        and budget.uitvraag.uitvoerder_id != budget.uitvoerder_id
    ):
        raise ValidationError({"uitvraag": _("Deze uitvraag is van een andere uitvoerder.")})
    if budget.uitvraag_id and not budget.uitvoerder_id:
        budget.uitvoerder = budget.uitvraag.uitvoerder
    budget.full_clean()
    budget.save()
    _touch(doel, user)
    return budget


def remove_budget(budget: PrestatieBudget, user) -> None:
    check_editable(user, budget.doel.kader)
    budget.delete()
    _touch(budget.doel, user)


def _touch(doel: Doel, user) -> None:
    """A changed link counts as a change of the node: in its history (and so for four-eyes)."""
    doel._history_user = user
    doel._change_reason = _("Koppeling gewijzigd")
    doel.save()
