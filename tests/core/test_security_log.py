"""The security log: every security event recorded with actor, origin and request id, chained
by hashes so that an edited, removed or added row is found by ``verify_audit_log``."""

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from core.audit import record, verify_chain
from core.models import AuditEntry
from organisations.models import Membership, Role
from tests.factories import PASSWORD


def actions():
    return list(AuditEntry.objects.order_by("seq").values_list("action", "result"))


def test_each_entry_links_to_the_one_before_it(db):
    first = record("test.first")
    second = record("test.second", colour="blauw")
    assert first.seq == 1 and second.seq == 2
    assert second.prev_hash == first.hash
    assert verify_chain() == (2, None)


def test_the_verify_command_passes_an_untouched_log(db, capsys):
    record("test.first")
    record("test.second")
    call_command("verify_audit_log")
    assert "Keten in orde: 2 regels" in capsys.readouterr().out


@pytest.mark.parametrize(
    "tamper, broken_at",
    [
        pytest.param(
            lambda: AuditEntry.objects.filter(seq=2).update(actor_name="iemand-anders"),
            2,
            id="an edited row",
        ),
        pytest.param(
            lambda: AuditEntry.objects.filter(seq=2).update(details={"colour": "rood"}),
            2,
            id="edited details",
        ),
        pytest.param(lambda: AuditEntry.objects.filter(seq=2).delete(), 2, id="a removed row"),
        pytest.param(lambda: AuditEntry.objects.filter(seq=3).delete(), 3, id="a cut-off end"),
    ],
)
def test_the_verify_command_reports_the_first_broken_link(db, tamper, broken_at):
    record("test.first")
    record("test.second", colour="blauw")
    record("test.third")
    tamper()
    with pytest.raises(CommandError, match=f"Keten gebroken bij regel {broken_at}"):
        call_command("verify_audit_log")


def test_a_recomputed_hash_is_still_caught_by_the_next_link(db):
    from core.audit import entry_hash

    record("test.first")
    record("test.second")
    entry = AuditEntry.objects.get(seq=1)
    entry.actor_name = "vervalst"
    entry.hash = entry_hash(entry)
    AuditEntry.objects.filter(pk=entry.pk).update(actor_name=entry.actor_name, hash=entry.hash)
    checked, broken = verify_chain()
    assert broken.seq == 2


def test_a_log_in_is_recorded_with_the_origin_and_request_id(client, world):
    response = client.post(
        reverse("login"),
        {"username": "beleid", "password": PASSWORD},
        HTTP_USER_AGENT="Firefox",
        REMOTE_ADDR="192.0.2.10",
    )
    entry = AuditEntry.objects.get(action="login.success")
    assert entry.actor == world.beleid
    assert entry.ip_address == "192.0.2.10"
    assert entry.user_agent == "Firefox"
    assert entry.request_id == response["X-Request-ID"]


def test_a_failed_log_in_names_the_account_and_never_the_password(client, world):
    client.post(reverse("login"), {"username": "beleid", "password": "geheim-fout"})
    entry = AuditEntry.objects.get(action="login.failed")
    assert (entry.actor_name, entry.result, entry.actor) == ("beleid", "failed", None)
    assert "geheim-fout" not in str(entry.details)


def test_a_lockout_and_a_log_out_are_recorded(client, world):
    for _attempt in range(5):
        client.post(reverse("login"), {"username": "beleid", "password": "fout"})
    assert ("login.locked_out", "denied") in actions()
    client.force_login(world.leverancier)
    client.post(reverse("logout"))
    assert ("logout", "ok") in actions()


def test_a_successful_log_in_keeps_the_earlier_failures(client, world):
    from axes.models import AccessAttempt

    client.post(reverse("login"), {"username": "beleid", "password": "fout"})
    client.post(reverse("login"), {"username": "beleid", "password": PASSWORD})
    assert AccessAttempt.objects.filter(username="beleid").exists()


def test_a_refused_page_is_recorded_as_a_permission_denial(client, world):
    client.force_login(world.leverancier)
    response = client.get("/api/v1/publicatie/", {"gemeente": "GM0718", "periode": "2018H1"})
    assert response.status_code == 403
    entry = AuditEntry.objects.get(action="permission.denied")
    assert (entry.actor, entry.result, entry.details["path"]) == (
        world.leverancier,
        "denied",
        "/api/v1/publicatie/",
    )


def test_an_export_is_recorded_with_what_was_downloaded(client, world):
    client.force_login(world.beleid)
    response = client.get(reverse("dashboard:gemeente_export", args=["GM0718", "csv"]))
    assert response.status_code == 200
    entry = AuditEntry.objects.get(action="data.exported")
    assert entry.actor == world.beleid
    assert entry.details["filename"].endswith(".csv")


def test_giving_and_taking_a_role_is_recorded(client, world):
    membership = Membership.objects.create(
        user=world.griffie, role=Role.BELEID, organisation=world.vlissingen
    )
    membership_id = str(membership.pk)
    membership.delete()
    logged = AuditEntry.objects.filter(
        object_type="organisations.membership", object_id=membership_id
    )
    assert list(logged.order_by("seq").values_list("action", flat=True)) == [
        "membership.created",
        "membership.deleted",
    ]


def test_deactivating_an_account_is_recorded(world):
    world.leverancier.is_active = False
    world.leverancier.save()
    entry = AuditEntry.objects.get(action="account.changed")
    assert entry.details == {"is_active": False}


def test_every_event_is_also_a_json_log_line_for_the_siem(db, caplog):
    with caplog.at_level("INFO", logger="security"):
        record("test.event", colour="blauw")
    (line,) = [r for r in caplog.records if r.name == "security"]
    assert line.msg["event"] == "test.event"
    assert line.msg["colour"] == "blauw"
    assert line.msg["seq"] == 1


def test_roles_removed_with_their_organisation_are_recorded(world):
    world.other_gemeente.delete()
    entry = AuditEntry.objects.filter(action="membership.deleted").get()
    assert entry.details["user"] == world.other_beleid.pk
