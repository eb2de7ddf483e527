"""Single sign-on over OpenID Connect: claims become a user and memberships; the identity
provider may do the second factor."""

import pytest
from django.contrib.auth.models import User
from django.test import RequestFactory
from django.urls import reverse

from organisations.mfa import SESSION_MFA_BY_IDP
from organisations.models import Role
from organisations.oidc import MembershipOIDCBackend, mfa_done_by_idp, roles_from_claims
from tests.factories import make_user
from tests.security.conftest import log_in


@pytest.fixture
def oidc(settings):
    settings.OIDC_OP_TOKEN_ENDPOINT = "https://idp.example/token"
    settings.OIDC_OP_USER_ENDPOINT = "https://idp.example/userinfo"
    settings.OIDC_OP_JWKS_ENDPOINT = "https://idp.example/jwks"
    settings.OIDC_RP_CLIENT_ID = "monitor"
    settings.OIDC_RP_CLIENT_SECRET = "geheim"
    settings.OIDC_RP_SIGN_ALGO = "RS256"
    settings.OIDC_USERNAME_CLAIM = "preferred_username"
    settings.OIDC_SYNC_MEMBERSHIPS = True
    return settings


def claims(*roles, username="j.jansen@vlissingen.nl"):
    return {
        "preferred_username": username,
        "email": username,
        "given_name": "Jan",
        "family_name": "Jansen",
        "roles": list(roles),
    }


def memberships(user):
    return set(user.memberships.values_list("role", "organisation__code"))


def test_claims_name_roles_with_the_organisation_code(world, oidc):
    pairs = roles_from_claims(claims("beleid:GM0718", "leverancier:orionis", "beheerder"))
    assert pairs == {
        (Role.BELEID, world.vlissingen.pk),
        (Role.LEVERANCIER, world.orionis.pk),
        (Role.BEHEERDER, None),
    }


@pytest.mark.parametrize(
    "value",
    ["baas:GM0718", "beleid:GM9999", "griffie:orionis", "leverancier:GM0718", ""],
    ids=[
        "unknown role",
        "unknown code",
        "griffie of a supplier",
        "supplier role at gemeente",
        "empty",
    ],
)
def test_claims_that_fit_no_role_are_ignored(world, oidc, value):
    assert roles_from_claims(claims(value)) == set()


def test_a_first_log_in_creates_the_user_with_the_roles_and_no_password(world, oidc):
    user = MembershipOIDCBackend().create_user(claims("beleid:GM0718"))
    assert user.username == "j.jansen@vlissingen.nl"
    assert user.get_full_name() == "Jan Jansen"
    assert not user.has_usable_password()
    assert memberships(user) == {(Role.BELEID, "GM0718")}


def test_every_log_in_makes_the_memberships_match_the_claims(world, oidc):
    user = make_user(Role.GRIFFIE, world.vlissingen, username="j.jansen@vlissingen.nl")
    MembershipOIDCBackend().update_user(user, claims("beleid:GM0718", "beleid:walcheren"))
    assert memberships(user) == {(Role.BELEID, "GM0718"), (Role.BELEID, "walcheren")}


def test_the_beheerder_role_gives_admin_access_and_losing_it_takes_it_away(world, oidc):
    backend = MembershipOIDCBackend()
    user = backend.create_user(claims("beheerder"))
    assert User.objects.get(pk=user.pk).is_staff
    backend.update_user(user, claims("beleid:GM0718"))
    assert not User.objects.get(pk=user.pk).is_staff
    assert not User.objects.get(pk=user.pk).is_superuser


def test_a_log_in_without_any_known_role_is_refused(world, oidc):
    backend = MembershipOIDCBackend()
    assert not backend.verify_claims(claims("onbekend"))
    assert not backend.verify_claims({"roles": ["beleid:GM0718"]})  # no username
    assert backend.verify_claims(claims("griffie:GM0718"))


def test_users_are_found_by_the_username_claim_not_the_e_mail(world, oidc):
    backend = MembershipOIDCBackend()
    found = backend.filter_users_by_claims(claims("beleid:GM0718", username="beleid"))
    assert list(found) == [world.beleid]
    spoofed = {**claims("beleid:GM0718", username="iemand"), "email": world.beleid.email}
    assert not backend.filter_users_by_claims(spoofed).exists()


MFA_BY_IDP = [
    # (OIDC_MFA_BY_IDP, OIDC_MFA_AMR_VALUES, amr in the id token, counts as MFA)
    (False, [], ["mfa"], False),
    (True, [], [], True),
    (True, ["mfa", "otp"], ["pwd", "mfa"], True),
    (True, ["mfa", "otp"], ["pwd"], False),
    (True, ["mfa"], "mfa", True),
]


@pytest.mark.parametrize(("by_idp", "amr_values", "amr", "counts"), MFA_BY_IDP)
def test_the_identity_provider_may_do_the_second_factor(settings, by_idp, amr_values, amr, counts):
    settings.OIDC_MFA_BY_IDP = by_idp
    settings.OIDC_MFA_AMR_VALUES = amr_values
    assert mfa_done_by_idp({"amr": amr}) is counts


def test_a_sign_on_whose_idp_did_mfa_marks_the_session(world, oidc, monkeypatch):
    oidc.OIDC_MFA_BY_IDP = True
    oidc.OIDC_MFA_AMR_VALUES = ["mfa"]
    backend = MembershipOIDCBackend()
    request = RequestFactory().get("/oidc/callback/")
    request.session = {}
    backend.request = request
    monkeypatch.setattr(backend, "get_userinfo", lambda *a: claims("beleid:GM0718"))
    user = backend.get_or_create_user("access", "id", {"amr": ["pwd", "mfa"]})
    assert user.username == "j.jansen@vlissingen.nl"
    assert request.session[SESSION_MFA_BY_IDP] is True


def test_a_session_marked_by_the_idp_needs_no_code_here(client, world, mfa_on):
    mfa_on.OIDC_MFA_BY_IDP = True
    log_in(client, "beleid")
    session = client.session
    session[SESSION_MFA_BY_IDP] = True
    session.save()
    assert client.get(reverse("home")).status_code == 200


def test_the_mark_counts_for_nothing_when_mfa_by_idp_is_off(client, world, mfa_on):
    mfa_on.OIDC_MFA_BY_IDP = False
    log_in(client, "beleid")
    session = client.session
    session[SESSION_MFA_BY_IDP] = True
    session.save()
    assert client.get(reverse("home")).status_code == 302


def test_the_login_page_offers_single_sign_on_only_when_enabled(client, db, settings):
    assert "Inloggen via uw organisatie" not in client.get(reverse("login")).content.decode()
