"""Who is told: the people behind a role for an organisation, as active users with their
e-mail (for :mod:`notifications.notify`). The same rules as :mod:`organisations.access`: a
beleidsmedewerker of a regio works for its gemeenten."""

from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.db.models import Q

from .models import Membership, Organisation, OrganisationKind, Role


def _active_users(user_ids):
    return get_user_model().objects.filter(pk__in=user_ids, is_active=True).order_by("email")


def members(role: str, organisation_ids: Iterable[int]):
    ids = Membership.objects.filter(role=role, organisation_id__in=list(organisation_ids))
    return _active_users(ids.values("user_id"))


def beleid_of_gemeenten(gemeente_ids: Iterable[int]):
    """Beleidsmedewerkers of these gemeenten, directly or through a regio they belong to."""
    gemeente_ids = list(gemeente_ids)
    regio_ids = Organisation.objects.regios().filter(gemeenten__in=gemeente_ids).values("pk")
    ids = Membership.objects.filter(role=Role.BELEID).filter(
        Q(organisation_id__in=gemeente_ids) | Q(organisation__in=regio_ids)
    )
    return _active_users(ids.values("user_id"))


def beleid_of(gemeente: Organisation):
    """Beleidsmedewerkers of the gemeente itself or of a regio it belongs to."""
    return beleid_of_gemeenten([gemeente.pk])


def beleid_of_areas(areas: Iterable[Organisation]):
    """Beleidsmedewerkers who review work about ``areas`` (gemeenten and regio's): those of
    the areas, of their gemeenten and of every regio one of those gemeenten belongs to."""
    areas = list(areas)
    gemeente_ids = {a.pk for a in areas if a.kind == OrganisationKind.GEMEENTE}
    regio_ids = [a.pk for a in areas if a.kind == OrganisationKind.REGIO]
    if regio_ids:
        gemeente_ids |= set(
            Organisation.gemeenten.through.objects.filter(
                from_organisation_id__in=regio_ids
            ).values_list("to_organisation_id", flat=True)
        )
    regios = Organisation.objects.regios().filter(gemeenten__in=gemeente_ids).values("pk")
    ids = Membership.objects.filter(role=Role.BELEID).filter(
        Q(organisation_id__in=gemeente_ids | set(regio_ids)) | Q(organisation__in=regios)
    )
    return _active_users(ids.values("user_id"))


def griffie_of(gemeente: Organisation):
    """The griffie of the gemeente itself (a griffie sees only its own gemeente's reports)."""
    return members(Role.GRIFFIE, [gemeente.pk])


def leveranciers_of(uitvoerder: Organisation):
    return members(Role.LEVERANCIER, [uitvoerder.pk])
