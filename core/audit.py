"""The security log (BIO): one append-only, hash-chained table for every security-relevant event,
and a structured JSON log line (structlog, logger ``security``) for the gemeente's SIEM.

``record(action, request=..., actor=..., obj=..., result=..., **details)`` is the only way in.
Each entry's hash covers its fields and the previous entry's hash, so editing, deleting or
inserting a row breaks the chain; ``python manage.py verify_audit_log`` finds the first broken
link. The admin shows the log read-only, for superusers too.

Actions are dotted names, e.g. ``login.success``, ``token.revoked``, ``report.downloaded``,
``workflow.<action>`` (see ``docs/security.md`` for the list). Details are kept to what the BIO
asks: never a password, token or figure.
"""

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC

import structlog
from django.core.exceptions import ObjectDoesNotExist
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from .models import AuditChain, AuditEntry, AuditResult
from .origin import client_ip, current_request, request_id, user_agent

security_log = structlog.get_logger("security")

HASHED_FIELDS = (
    "seq",
    "at",
    "actor_id",
    "actor_name",
    "action",
    "object_type",
    "object_id",
    "object_repr",
    "result",
    "ip_address",
    "user_agent",
    "request_id",
    "details",
    "prev_hash",
)


def entry_hash(entry: AuditEntry) -> str:
    """SHA-256 over the entry's fields as canonical JSON (sorted keys, ISO time in UTC)."""
    data = {name: getattr(entry, name) for name in HASHED_FIELDS}
    data["at"] = entry.at.astimezone(UTC).isoformat()
    canonical = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def _jsonable(details: dict) -> dict:
    # Stored as it will be read back, so the hash of a fresh entry equals that of the stored row.
    return json.loads(json.dumps(details, default=str, sort_keys=True))


def _describe(obj) -> tuple[str, str, str]:
    if obj is None:
        return "", "", ""
    meta = getattr(obj, "_meta", None)
    object_type = meta.label_lower if meta else type(obj).__name__
    object_id = str(getattr(obj, "pk", "") or "")
    try:
        text = str(obj)
    except ObjectDoesNotExist:
        # A row deleted in a cascade whose __str__ needs a parent that is already gone.
        text = f"{object_type} {object_id}"
    return object_type, object_id, text[:200]


def _advance_chain() -> tuple[int, str]:
    """Count one more entry on the chain's head and return its number and the previous hash.
    Updating the head first takes its row lock (PostgreSQL) or the write lock (SQLite), so
    concurrent writers queue here and each links to the entry written just before it."""
    row = _update_head()
    if row is None:
        # The head row is made by the migration; a flushed database (tests) lost it. Writers that
        # find it missing at the same moment all insert it, and all but one are ignored.
        AuditChain.objects.bulk_create([AuditChain(pk=1, length=0)], ignore_conflicts=True)
        row = _update_head()
    return row[0], row[1]


def _update_head():
    if connection.features.can_return_columns_from_insert:  # RETURNING: PostgreSQL, SQLite 3.35+
        table = connection.ops.quote_name(AuditChain._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(
                f'UPDATE {table} SET "length" = "length" + 1 WHERE "id" = 1 '
                'RETURNING "length", "last_hash"'
            )
            row = cursor.fetchone()
    else:
        updated = AuditChain.objects.filter(pk=1).update(length=F("length") + 1)
        row = AuditChain.objects.values_list("length", "last_hash").get(pk=1) if updated else None
    return row


def record(
    action: str,
    *,
    request=None,
    actor=None,
    obj=None,
    result: str = AuditResult.OK,
    **details,
) -> AuditEntry:
    """Append one event to the security log and emit it as a JSON log line.

    ``actor`` defaults to the request's signed-in user; ``actor_name`` in details names an
    account that did not sign in (a failed log-in). Runs in the caller's transaction: an event of
    work that is rolled back disappears with it. Without ``request`` the request being handled
    (if any) gives the origin.
    """
    if request is None:
        request = current_request.get()
    if actor is None and request is not None:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            actor = user
    actor_name = details.pop("actor_name", "") or (actor.get_username() if actor else "")
    object_type, object_id, object_repr = _describe(obj)
    entry = AuditEntry(
        at=timezone.now(),
        actor=actor,
        actor_name=actor_name[:150],
        action=action,
        object_type=object_type,
        object_id=object_id,
        object_repr=object_repr,
        result=str(result),
        ip_address=client_ip(request) if request is not None else None,
        user_agent=user_agent(request) if request is not None else "",
        request_id=request_id(request),
        details=_jsonable(details),
    )
    # No savepoint inside a caller's transaction: a failed log write fails the caller's work too.
    with transaction.atomic(savepoint=False):
        entry.seq, entry.prev_hash = _advance_chain()
        entry.hash = entry_hash(entry)
        entry.save(force_insert=True)
        AuditChain.objects.filter(pk=1).update(last_hash=entry.hash)
    security_log.info(
        action,
        seq=entry.seq,
        result=entry.result,
        actor_id=entry.actor_id,
        actor=entry.actor_name,
        object_type=object_type,
        object_id=object_id,
        ip=entry.ip_address,
        user_agent=entry.user_agent,
        request_id=entry.request_id,
        **entry.details,
    )
    return entry


@dataclass
class BrokenLink:
    seq: int
    reason: str


def verify_chain(entries: Iterable[AuditEntry] | None = None) -> tuple[int, BrokenLink | None]:
    """Walk the log in order; return how many entries were checked and the first broken link
    (an edited row, a removed or inserted row, or entries cut off the end), or None."""
    if entries is None:
        entries = AuditEntry.objects.order_by("seq").iterator(chunk_size=2000)
    previous_hash = ""
    expected_seq = 1
    checked = 0
    for entry in entries:
        if entry.seq != expected_seq:
            return checked, BrokenLink(expected_seq, f"regel {expected_seq} ontbreekt")
        if entry.prev_hash != previous_hash:
            return checked, BrokenLink(entry.seq, "verwijst niet naar de vorige regel")
        if entry_hash(entry) != entry.hash:
            return checked, BrokenLink(entry.seq, "inhoud past niet bij de hash (gewijzigd)")
        previous_hash = entry.hash
        expected_seq += 1
        checked += 1
    head = AuditChain.objects.filter(pk=1).first()
    length = head.length if head else 0
    if length != checked or (head and head.last_hash != previous_hash):
        return checked, BrokenLink(checked + 1, f"keten meldt {length} regels, gevonden {checked}")
    return checked, None


# Relations to a user that hold the account's own settings rather than something it did.
NOT_ACTIONS = {"organisations.membership", "core.apitoken", "sessions.session"}


def user_has_acted(user) -> bool:
    """True when anything in the database points at the user as the one who did it: a security
    log entry, a workflow event, a figure's history, a value. Such an account is deactivated,
    never deleted, so its actions keep their actor."""
    for relation in user._meta.related_objects:
        if relation.many_to_many or relation.related_model._meta.label_lower in NOT_ACTIONS:
            continue
        manager = relation.related_model._base_manager
        if manager.filter(**{relation.field.name: user}).exists():
            return True
    return False
