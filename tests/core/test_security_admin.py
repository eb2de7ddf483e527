"""The admin shows security records read-only, to superusers too; it shows no token secret; an
account that acted cannot be deleted, only deactivated."""

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.db.models import ProtectedError
from django.test import Client
from django.urls import reverse

from core.audit import record
from core.models import ApiToken, AuditEntry
from core.tokens import issue_token
from tests.factories import PASSWORD, UserFactory

SECURITY_RECORDS = [AuditEntry, AccessAttempt, AccessLog, AccessFailureLog]


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.fixture
def superuser_client(client, db):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


@pytest.fixture(params=["superuser", "beheerder"])
def admin_client_for(request, client, world):
    user = (
        UserFactory(is_staff=True, is_superuser=True)
        if request.param == "superuser"
        else world.beheerder
    )
    client.force_login(user)
    client.user = user
    return client


@pytest.mark.parametrize("model", SECURITY_RECORDS, ids=lambda m: m.__name__)
def test_security_records_can_be_viewed_but_not_added_changed_or_deleted(
    admin_client_for, model, rf
):
    model_admin = admin.site._registry[model]
    request = rf.get("/")
    request.user = admin_client_for.user
    assert model_admin.has_view_permission(request)
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)
    assert "delete_selected" not in model_admin.get_actions(request)
    assert admin_client_for.get(admin_url(model, "changelist")).status_code == 200


def test_a_log_entry_cannot_be_deleted_through_the_admin_even_by_a_superuser(superuser_client):
    entry = record("test.event")
    response = superuser_client.post(admin_url(AuditEntry, "delete", entry.pk), {"post": "yes"})
    assert response.status_code == 403
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_a_failed_log_in_cannot_be_deleted_through_the_admin(superuser_client, world):
    Client().post(reverse("login"), {"username": "beleid", "password": "fout"})
    attempt = AccessAttempt.objects.get(username="beleid")
    response = superuser_client.post(
        admin_url(AccessAttempt, "changelist"),
        {"action": "delete_selected", ACTION_CHECKBOX_NAME: [attempt.pk], "post": "yes"},
    )
    assert response.status_code in (200, 302)
    assert AccessAttempt.objects.filter(pk=attempt.pk).exists()


def test_the_admin_lists_tokens_without_their_secret(superuser_client, world):
    token, secret = issue_token(world.leverancier, name="koppeling")
    listing = superuser_client.get(admin_url(ApiToken, "changelist")).content.decode()
    detail = superuser_client.get(admin_url(ApiToken, "change", token.pk)).content.decode()
    assert "koppeling" in listing and token.prefix in listing
    assert secret not in listing and secret not in detail
    assert token.digest not in detail


def test_drf_plain_text_tokens_are_gone_from_the_admin(superuser_client):
    index = superuser_client.get(reverse("admin:index")).content.decode()
    assert "authtoken" not in index


def test_a_beheerder_revokes_a_token_in_the_admin(client, world):
    token, secret = issue_token(world.leverancier)
    client.force_login(world.beheerder)
    client.post(
        admin_url(ApiToken, "changelist"), {"action": "revoke", ACTION_CHECKBOX_NAME: [token.pk]}
    )
    token.refresh_from_db()
    assert token.revoked_by == world.beheerder


def test_an_account_that_acted_cannot_be_deleted_only_deactivated(superuser_client, world):
    Client().post(reverse("login"), {"username": "beleid", "password": PASSWORD})
    assert AuditEntry.objects.filter(actor=world.beleid).exists()
    response = superuser_client.post(admin_url(type(world.beleid), "delete", world.beleid.pk))
    assert response.status_code == 403
    with pytest.raises(ProtectedError):
        world.beleid.delete()


def test_an_account_that_never_acted_can_still_be_deleted(superuser_client, db):
    newcomer = UserFactory()
    response = superuser_client.post(
        admin_url(type(newcomer), "delete", newcomer.pk), {"post": "yes"}
    )
    assert response.status_code == 302
    assert not type(newcomer).objects.filter(pk=newcomer.pk).exists()


def test_the_user_list_has_no_bulk_delete(superuser_client, db):
    response = superuser_client.get(admin_url(type(UserFactory()), "changelist"))
    assert "delete_selected" not in response.content.decode()
