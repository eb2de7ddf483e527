"""Bulk import of a data value set (the API's ``POST /api/v1/waarden/bulk/``), set-based.

Semantics follow DHIS2's dataValueSets import:

- every figure names its cell by codes (indicator, doelgroep, CBS/regio code, period) and is
  matched to the supplier's own submission for that period holding that cell;
- valid figures are created or updated, figures equal to what is stored are left untouched
  (so sending the same payload twice changes nothing), and figures that cannot be imported
  (unknown code, no such cell, submission not editable, duplicate) are reported as conflicts
  with their index and a Dutch reason — they do not stop the others;
- everything that is written, is written in one transaction (all valid figures or none);
- an invalid figure (``-3`` for a count) is stored as typed with its Dutch error, exactly like
  the web form does ("nothing typed is lost"); it is counted as created/updated and listed under
  ``errors``, and blocks submitting until corrected;
- ``dry_run`` does all of this without writing.

Writing uses ``bulk_create_with_history``/``bulk_update_with_history`` in batches, so the audit
trail (``Value.history`` with user and reason) is the same as for the web form.
"""

import uuid
from dataclasses import dataclass, field
from decimal import Decimal
from operator import itemgetter

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from core.text import toelichting_problem
from organisations.access import Access

from ..models import ImportJob, ImportStatus, Value
from .cells import cell_text, number_to_raw, parse_voorlopig
from .matching import CONFLICT, GEWIJZIGD, NIEUW, ONGEWIJZIGD, IncomingValue, Plan, plan_values

BATCH_SIZE = 2000
MAX_ITEMS = 250_000
UPDATE_FIELDS = ["raw", "value", "error", "toelichting", "status", "updated_by", "updated_at"]


class NotAllowed(Exception):
    """The user may not deliver figures at all (not a supplier's staff member)."""


@dataclass
class ImportSummary:
    dry_run: bool = False
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    conflicts: list[dict] = field(default_factory=list)  # {"index", "veld", "reason"}
    errors: list[dict] = field(default_factory=list)  # invalid figures, stored as typed

    def as_dict(self) -> dict:
        return {
            "dry_run": self.dry_run,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "conflicts": self.conflicts,
            "errors": self.errors,
        }

    @classmethod
    def from_plan(cls, plan: Plan, dry_run: bool) -> "ImportSummary":
        summary = cls(
            dry_run=dry_run,
            created=plan.count(NIEUW),
            updated=plan.count(GEWIJZIGD),
            unchanged=plan.count(ONGEWIJZIGD),
        )
        for outcome in plan.outcomes:
            index = outcome.item.index
            if outcome.status == CONFLICT:
                summary.conflicts.extend(
                    {"index": index, "veld": name, "reason": reason}
                    for name, reason in outcome.problems
                )
            elif outcome.error:
                summary.errors.append({"index": index, "veld": "waarde", "reason": outcome.error})
        return summary


def import_value_set(
    user,
    items: list,
    dry_run: bool = False,
    reason: str = "",
    file_format: str = "json",
) -> ImportSummary:
    """Import figures identified by codes for a supplier; see the module docstring.

    ``items``: :class:`IncomingValue` objects or dicts with the keys of the API (indicator,
    doelgroep, gebied, periode, waarde, toelichting, voorlopig). The benchmark calls this too.
    """
    access = Access.for_user(user)
    if not access.is_leverancier:
        raise NotAllowed(
            _("Alleen medewerkers van een uitvoeringsorganisatie kunnen cijfers aanleveren.")
        )
    incoming = [
        item if isinstance(item, IncomingValue) else incoming_from_json(index, item)
        for index, item in enumerate(items)
    ]
    reason = (reason or _("Bulkimport via de API"))[:100]
    if dry_run:
        return ImportSummary.from_plan(plan_values(access, incoming), dry_run=True)
    with transaction.atomic():
        plan = plan_values(access, incoming, lock=True)
        write_plan(plan, user, reason)
        summary = ImportSummary.from_plan(plan, dry_run=False)
        if summary.created or summary.updated:
            # A record of who imported what and when; the figures' own history has the detail.
            ImportJob.objects.create(
                user=user,
                filename=reason,
                file_format=file_format,
                status=ImportStatus.APPLIED,
                summary={
                    "created": summary.created,
                    "updated": summary.updated,
                    "unchanged": summary.unchanged,
                    "conflicts": len(summary.conflicts),
                    "errors": len(summary.errors),
                    "submissions": sorted(plan.submission_ids),
                },
                applied_at=timezone.now(),
            )
    return summary


def write_plan(plan: Plan, user, reason: str) -> tuple[int, int]:
    """Create and update the planned figures, each with its history row (user, reason, date).

    PostgreSQL: COPY into the tables (ids drawn from the sequence, updates via a temporary
    table) — the same rows as simple-history's bulk helpers write, at a fraction of the cost.
    Other databases: ``bulk_create_with_history``/``bulk_update_with_history`` in batches.
    """
    now = timezone.now()
    creates = [o for o in plan.outcomes if o.status == NIEUW]
    updates = [o for o in plan.outcomes if o.status == GEWIJZIGD]
    if not (creates or updates):
        return 0, 0
    if connection.vendor == "postgresql":
        _copy_values(creates, updates, user, reason, now)
    else:
        _bulk_values(creates, updates, user, reason, now)
    return len(creates), len(updates)


def _created_fields(outcome, user, now) -> dict:
    return {
        "submission_id": outcome.submission.id,
        "indicator_id": outcome.indicator.id,
        "doelgroep_id": outcome.doelgroep_id,
        "area_id": outcome.area_id,
        "updated_by_id": user.pk,
        "updated_at": now,
        **outcome.new,
    }


def _updated_fields(outcome, user, now) -> dict:
    fields = outcome.current._asdict()
    fields.update(outcome.new)
    fields["updated_by_id"], fields["updated_at"] = user.pk, now
    return fields


def _bulk_values(creates, updates, user, reason, now) -> None:
    history = {"default_user": user, "default_change_reason": reason, "default_date": now}
    if creates:
        objects = [Value(**_created_fields(o, user, now)) for o in creates]
        bulk_create_with_history(objects, Value, batch_size=BATCH_SIZE, **history)
    if updates:
        objects = [Value(**_updated_fields(o, user, now)) for o in updates]
        bulk_update_with_history(objects, Value, UPDATE_FIELDS, batch_size=BATCH_SIZE, **history)


def _copy_values(creates, updates, user, reason, now) -> None:
    value_fields = Value._meta.concrete_fields
    value_row = itemgetter(*[f.attname for f in value_fields])
    defaults = {f.attname: f.get_default() for f in value_fields}  # fields an import leaves
    history_model = Value.history.model
    history_fields = [f for f in history_model._meta.concrete_fields if f.name != "history_id"]
    history_row = itemgetter(*[f.attname for f in history_fields])
    audit = {"history_date": now, "history_change_reason": reason, "history_user_id": user.pk}

    with connection.cursor() as cursor:
        history_rows = []
        if creates:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [Value._meta.db_table, len(creates)],
            )
            rows = []
            for (new_id,), outcome in zip(cursor.fetchall(), creates, strict=True):
                fields = {**defaults, **_created_fields(outcome, user, now), "id": new_id}
                rows.append(value_row(fields))
                fields.update(audit, history_type="+")
                history_rows.append(history_row(fields))
            _copy(cursor, Value._meta.db_table, [f.column for f in value_fields], rows)
        if updates:
            table = f"msd_waarden_{uuid.uuid4().hex[:12]}"
            columns = ["id", *[name for name in UPDATE_FIELDS if name in VALUE_COLUMNS]]
            update_row = itemgetter(*columns)
            cursor.execute(
                f"CREATE TEMPORARY TABLE {table} AS SELECT {', '.join(columns)} "
                f"FROM {Value._meta.db_table} WITH NO DATA"
            )
            rows = []
            for outcome in updates:
                fields = _updated_fields(outcome, user, now)
                rows.append(update_row(fields))
                fields.update(audit, history_type="~")
                history_rows.append(history_row(fields))
            _copy(cursor, table, columns, rows)
            assignments = ", ".join(f"{name} = t.{name}" for name in columns[1:])
            cursor.execute(
                f"UPDATE {Value._meta.db_table} AS v SET {assignments}, "
                "updated_by_id = %s, updated_at = %s FROM " + table + " AS t WHERE v.id = t.id",
                [user.pk, now],
            )
            cursor.execute(f"DROP TABLE {table}")
        _copy(
            cursor, history_model._meta.db_table, [f.column for f in history_fields], history_rows
        )


VALUE_COLUMNS = {"raw", "value", "error", "toelichting", "status"}


def _copy(cursor, table: str, columns: list[str], rows: list[tuple]) -> None:
    from psycopg import sql

    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(table), sql.SQL(", ").join(map(sql.Identifier, columns))
    )
    with cursor.cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(row)


# JSON keys, with the English names of the other API endpoints accepted as well.
# "status" is the figure's status; "voorlopig" (true/false) is the old flag and still accepted.
ALIASES = {"area": "gebied", "period": "periode", "value": "waarde", "status": "voorlopig"}


def incoming_from_json(index: int, data) -> IncomingValue:
    """One item of the JSON body; wrong types become problems of that item, not a 400."""
    item = IncomingValue(index=index)
    if not isinstance(data, dict):
        item.problems.append(("", _("Elk element moet een object met velden zijn.")))
        return item
    data = {ALIASES.get(key, key): value for key, value in data.items()}
    for name in ("indicator", "gebied", "periode", "doelgroep"):
        value = data.get(name)
        if value is None:
            if name != "doelgroep":
                item.problems.append((name, _("Het veld '%(veld)s' ontbreekt.") % {"veld": name}))
        elif isinstance(value, str):
            setattr(item, name, value)
        elif isinstance(value, int) and not isinstance(value, bool):
            setattr(item, name, str(value))  # a period 2018 or a CBS code 718 sent as number
        else:
            item.problems.append((name, _("Geef bij '%(veld)s' een code op.") % {"veld": name}))
    if "waarde" in data:
        value = data["waarde"]
        if value is None:
            item.waarde = ""
        elif isinstance(value, str):
            item.waarde = value
        elif isinstance(value, int | float | Decimal) and not isinstance(value, bool):
            item.waarde = number_to_raw(value)
        else:
            item.problems.append(("waarde", _("Geef een getal of tekst op.")))
    if "toelichting" in data:
        value = data["toelichting"]
        if value is None or isinstance(value, str):
            item.toelichting = value or ""
            if problem := toelichting_problem(item.toelichting):
                item.problems.append(("toelichting", problem))
        else:
            item.problems.append(("toelichting", _("Geef bij 'toelichting' tekst op.")))
    if data.get("voorlopig") is not None:
        try:
            item.voorlopig = parse_voorlopig(data["voorlopig"])
        except ValueError as exc:
            item.problems.append(("voorlopig", str(exc)))
    return item


def incoming_from_row(index: int, cells: list, columns) -> IncomingValue:
    """One spreadsheet/CSV row (cells as read) → an incoming figure."""
    item = IncomingValue(index=index)

    def get(name):
        position = columns.indexes.get(name)
        if position is None:
            return None
        return cells[position] if position < len(cells) else None

    for name in ("indicator", "doelgroep", "gebied", "periode"):
        setattr(item, name, cell_text(get(name)).strip())
    if "waarde" in columns.indexes:
        item.waarde = cell_text(get("waarde"))
    if "toelichting" in columns.indexes:
        item.toelichting = cell_text(get("toelichting"))
        if problem := toelichting_problem(item.toelichting):
            item.problems.append(("toelichting", problem))
    if "voorlopig" in columns.indexes:
        try:
            item.voorlopig = parse_voorlopig(get("voorlopig"))
        except ValueError as exc:
            item.problems.append(("voorlopig", str(exc)))
    return item
