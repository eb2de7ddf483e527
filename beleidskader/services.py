"""Changing a beleidskader: a new version or an addendum of an adopted one, inspraakreacties and
the duiding of the voortgang. Views, admin and the demo loader call these."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from organisations.access import Access

from .models import (
    Beleidskader,
    Doel,
    DoelIndicator,
    Duiding,
    ExploitatieJaar,
    KaderBBVIndicator,
    KaderStatus,
    PrestatieBudget,
    Reactie,
    VerbondenPartij,
)
from .workflow import KaderError, can_manage


def _check_manage(user, kader: Beleidskader) -> None:
    if not can_manage(Access.for_user(user), kader):
        raise PermissionDenied(_("U mag dit beleidskader niet wijzigen."))


def _copy_tree(source: Beleidskader, target: Beleidskader) -> None:
    """Copy every node with its links, keeping the shape (parents before children)."""
    copies: dict[int, Doel] = {}
    pending = list(source.doelen.order_by("pk"))
    while pending:
        rest = []
        for node in pending:
            if (
                node.parent_id
                and node.parent_id not in copies
                and node.parent.kader_id == source.pk
            ):
                rest.append(node)
                continue
            old_pk = node.pk
            parent = copies.get(node.parent_id, node.parent) if node.parent_id else None
            node.pk = None
            node.kader = target
            node.parent = parent
            node.save()
            copies[old_pk] = node
        if len(rest) == len(pending):  # pragma: no cover - a cycle cannot be saved
            break
        pending = rest
    for link in DoelIndicator.objects.filter(doel__kader=source):
        link.pk, link.doel = None, copies[link.doel_id]
        link.save()
    for budget in PrestatieBudget.objects.filter(doel__kader=source):
        budget.pk, budget.doel = None, copies[budget.doel_id]
        budget.save()
    # The Deventer form's parts of the document belong to the version too.
    for model in (ExploitatieJaar, VerbondenPartij, KaderBBVIndicator):
        for part in model.objects.filter(kader=source):
            part.pk, part.kader = None, target
            part.save()


@transaction.atomic
def new_version(kader: Beleidskader, user) -> Beleidskader:
    """A concept copy of an adopted kader, to be changed and adopted again."""
    _check_manage(user, kader)
    if kader.status != KaderStatus.VASTGESTELD:
        raise KaderError(_("Alleen van een vastgesteld kader maakt u een nieuwe versie."))
    latest = (
        Beleidskader.objects.filter(owner=kader.owner, name=kader.name)
        .order_by("-version")
        .values_list("version", flat=True)
        .first()
    )
    copy = Beleidskader.objects.create(
        owner=kader.owner,
        name=kader.name,
        version=latest + 1,
        previous=kader,
        addendum_of=kader.addendum_of,
        description=kader.description,
        source=kader.source,
        source_note=kader.source_note,
        year_from=kader.year_from,
        year_to=kader.year_to,
        programma=kader.programma,
        exploitatie_toelichting=kader.exploitatie_toelichting,
    )
    _copy_tree(kader, copy)
    return copy


def addendum(kader: Beleidskader, user, name: str) -> Beleidskader:
    """An addendum (such as the integrale targets) to an adopted kader: its own tree, whose
    targets hang under the kader's doelstellingen, adopted the same way."""
    _check_manage(user, kader)
    if kader.status != KaderStatus.VASTGESTELD:
        raise KaderError(_("Een addendum hoort bij een vastgesteld kader."))
    return Beleidskader.objects.create(
        owner=kader.owner,
        name=name,
        addendum_of=kader,
        source=kader.source,
        source_note=kader.source_note,
        year_from=kader.year_from,
        year_to=kader.year_to,
    )


def record_reactie(kader: Beleidskader, user, *, indiener: str, received_on, text: str) -> Reactie:
    """A reaction is recorded during the inspraak, and received within its period."""
    _check_manage(user, kader)
    if kader.status != KaderStatus.INSPRAAK:
        raise KaderError(_("Reacties worden vastgelegd zolang het kader in inspraak is."))
    start, end = kader.inspraak_start, kader.inspraak_end
    if (start and received_on < start) or (end and received_on > end):
        raise KaderError(_("Deze reactie is buiten de inspraakperiode ontvangen."))
    if not indiener.strip() or not text.strip():
        raise KaderError(_("Vul de indiener en de reactie in."))
    return Reactie.objects.create(
        kader=kader, indiener=indiener.strip(), received_on=received_on, text=text, recorded_by=user
    )


def save_duiding(doel: Doel, year: int, user, text: str) -> Duiding:
    _check_manage(user, doel.kader)
    duiding = Duiding.objects.filter(doel=doel, year=year).first() or Duiding(doel=doel, year=year)
    duiding.text = text.strip()
    duiding.updated_by = user
    duiding._history_user = user
    duiding.save()
    return duiding
