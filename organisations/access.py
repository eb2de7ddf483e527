"""What a user may see and do, derived once per request from their memberships.

Every queryset's ``visible_to(user)`` and every workflow guard asks this object, so the web UI,
the admin actions and the API apply the same rules.
"""

from dataclasses import dataclass, field

from .models import Membership, Organisation, OrganisationKind, Role


@dataclass(frozen=True)
class Access:
    user_id: int | None
    is_beheerder: bool = False
    uitvoerder_ids: frozenset[int] = field(default_factory=frozenset)
    beleid_gemeente_ids: frozenset[int] = field(default_factory=frozenset)
    griffie_gemeente_ids: frozenset[int] = field(default_factory=frozenset)
    # Areas (gemeenten and the regio's they belong to) a beleidsmedewerker reviews.
    beleid_area_ids: frozenset[int] = field(default_factory=frozenset)

    @classmethod
    def for_user(cls, user) -> "Access":
        if user is None or not user.is_authenticated:
            return cls(user_id=None)
        cached = getattr(user, "_msd_access", None)
        if cached is not None:
            return cached
        memberships = list(Membership.objects.filter(user=user).select_related("organisation"))
        uitvoerders, beleid_orgs, griffie = set(), set(), set()
        beheerder = user.is_superuser
        for m in memberships:
            if m.role == Role.BEHEERDER:
                beheerder = True
            elif m.role == Role.LEVERANCIER:
                uitvoerders.add(m.organisation_id)
            elif m.role == Role.BELEID:
                beleid_orgs.add(m.organisation)
            elif m.role == Role.GRIFFIE:
                griffie.add(m.organisation_id)
        beleid_gemeenten = {o.pk for o in beleid_orgs if o.kind == OrganisationKind.GEMEENTE}
        regio_ids = [o.pk for o in beleid_orgs if o.kind == OrganisationKind.REGIO]
        if regio_ids:
            beleid_gemeenten |= set(
                Organisation.gemeenten.through.objects.filter(
                    from_organisation_id__in=regio_ids
                ).values_list("to_organisation_id", flat=True)
            )
        area_ids = set(beleid_gemeenten) | set(regio_ids)
        if beleid_gemeenten:
            area_ids |= set(
                Organisation.objects.regios()
                .filter(gemeenten__in=beleid_gemeenten)
                .values_list("pk", flat=True)
            )
        access = cls(
            user_id=user.pk,
            is_beheerder=beheerder,
            uitvoerder_ids=frozenset(uitvoerders),
            beleid_gemeente_ids=frozenset(beleid_gemeenten),
            griffie_gemeente_ids=frozenset(griffie),
            beleid_area_ids=frozenset(area_ids),
        )
        user._msd_access = access
        return access

    @property
    def is_leverancier(self) -> bool:
        return bool(self.uitvoerder_ids)

    @property
    def is_beleid(self) -> bool:
        return bool(self.beleid_gemeente_ids)

    @property
    def is_griffie(self) -> bool:
        return bool(self.griffie_gemeente_ids)

    @property
    def only_griffie(self) -> bool:
        """Griffie staff see vastgestelde reports and nothing else."""
        return self.is_griffie and not (self.is_leverancier or self.is_beleid or self.is_beheerder)
