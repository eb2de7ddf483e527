"""Single sign-on with the gemeente's identity provider (OpenID Connect, mozilla-django-oidc).

Only loaded when OIDC_ENABLED. The identity provider says who someone is and which roles they
hold; this backend turns that into a user and memberships:

- the user is found by OIDC_USERNAME_CLAIM (default ``preferred_username``) as the username,
  created when new (OIDC_CREATE_USER);
- OIDC_ROLES_CLAIM (default ``roles``) lists ``rol:organisatiecode`` values, e.g.
  ``beleid:GM0718``, ``leverancier:orionis``, ``griffie:GM0718``, or just ``beheerder``; with
  OIDC_SYNC_MEMBERSHIPS (default on) the person's memberships become exactly these at every
  log-in, and a log-in without any known role is refused. Superuser rights never come from claims.
- with OIDC_MFA_BY_IDP the log-in counts as multi-factor (the identity provider did it); with
  OIDC_MFA_AMR_VALUES only when the id token's ``amr`` claim holds one of them (e.g. ``mfa``).
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from .mfa import SESSION_MFA_BY_IDP
from .models import ROLE_ORGANISATION_KINDS, Membership, Organisation, Role

logger = logging.getLogger(__name__)
User = get_user_model()


def roles_from_claims(claims) -> set[tuple[str, int | None]]:
    """The (role, organisation id) pairs the claims give; unknown roles and codes are skipped
    (and logged: usually a typo in the identity provider's configuration)."""
    values = claims.get(settings.OIDC_ROLES_CLAIM) or []
    if isinstance(values, str):
        values = values.replace(",", " ").split()
    wanted = []
    for value in values:
        role, _sep, code = str(value).partition(":")
        if role not in Role.values:
            logger.warning("OIDC: onbekende rol %r genegeerd", value)
            continue
        wanted.append((role, code.strip()))
    codes = {code for _role, code in wanted if code}
    organisations = {o.code: o for o in Organisation.objects.filter(code__in=codes)}
    pairs = set()
    for role, code in wanted:
        kinds = ROLE_ORGANISATION_KINDS[Role(role)]
        if not kinds:
            pairs.add((role, None))
        elif code in organisations and organisations[code].kind in kinds:
            pairs.add((role, organisations[code].pk))
        else:
            logger.warning("OIDC: rol %s:%s past bij geen organisatie, genegeerd", role, code)
    return pairs


def sync_memberships(user, pairs) -> None:
    with transaction.atomic():
        current = set(user.memberships.values_list("role", "organisation_id"))
        for role, organisation_id in current - pairs:
            user.memberships.filter(role=role, organisation_id=organisation_id).delete()
        for role, organisation_id in pairs - current:
            Membership.objects.create(user=user, role=role, organisation_id=organisation_id)
        is_beheerder = any(role == Role.BEHEERDER for role, _org in pairs)
        if user.is_staff != is_beheerder and not user.is_superuser:
            user.is_staff = is_beheerder
            user.save(update_fields=["is_staff"])


class MembershipOIDCBackend(OIDCAuthenticationBackend):
    def username_claim(self) -> str:
        return getattr(settings, "OIDC_USERNAME_CLAIM", "preferred_username")

    def sync(self) -> bool:
        return getattr(settings, "OIDC_SYNC_MEMBERSHIPS", True)

    def verify_claims(self, claims):
        if not claims.get(self.username_claim()):
            return False
        return not self.sync() or bool(roles_from_claims(claims))

    def filter_users_by_claims(self, claims):
        return User.objects.filter(username=claims[self.username_claim()])

    def create_user(self, claims):
        user = User.objects.create_user(
            claims[self.username_claim()],
            email=claims.get("email", ""),
            first_name=claims.get("given_name", ""),
            last_name=claims.get("family_name", ""),
        )
        user.set_unusable_password()
        user.save(update_fields=["password"])
        return self.update_user(user, claims)

    def update_user(self, user, claims):
        if self.sync():
            sync_memberships(user, roles_from_claims(claims))
        return user

    def get_or_create_user(self, access_token, id_token, payload):
        user = super().get_or_create_user(access_token, id_token, payload)
        if user is not None and mfa_done_by_idp(payload):
            self.request.session[SESSION_MFA_BY_IDP] = True
        return user


def mfa_done_by_idp(id_token_claims) -> bool:
    if not settings.OIDC_MFA_BY_IDP:
        return False
    required = set(settings.OIDC_MFA_AMR_VALUES)
    if not required:
        return True
    amr = id_token_claims.get("amr") or []
    return bool(required & set(amr if isinstance(amr, list) else [amr]))
