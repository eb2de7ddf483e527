"""Matching incoming figures, identified by codes, to the cells of submissions — set-based.

Both the spreadsheet upload (one submission) and the bulk API (all of a supplier's submissions)
use :func:`plan_values`: a handful of queries resolve every code into a dict, one query fetches
the stored values, and each figure is compared with what is stored exactly like
:func:`indicators.submissions.services.save_values` would (same fields, same ``parse_value``).
"""

import functools
from collections import defaultdict, namedtuple
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from indicators.quality.validation import parse_value
from organisations.access import Access
from organisations.models import Doelgroep, Organisation, OrganisationKind

from ..models import (
    CijferStatus,
    Indicator,
    Period,
    Submission,
    Uitvraag,
    UitvraagRegel,
    Value,
    status_from,
)

NIEUW = "nieuw"
GEWIJZIGD = "gewijzigd"
ONGEWIJZIGD = "ongewijzigd"
CONFLICT = "conflict"

# The fields save_values compares and writes.
VALUE_FIELDS = ("raw", "value", "error", "toelichting", "status")


@dataclass
class IncomingValue:
    """One figure as it arrives: codes, and what was typed.

    ``None`` for waarde, toelichting or voorlopig means "not given": the stored content stays.
    ``problems`` holds (field, message) pairs found while reading (e.g. an unreadable ja/nee).
    """

    index: int
    indicator: str = ""
    doelgroep: str = ""
    gebied: str = ""
    periode: str = ""
    waarde: str | None = None
    toelichting: str | None = None
    voorlopig: str | bool | None = None  # the status (CijferStatus), or the old flag
    problems: list[tuple[str, str]] = field(default_factory=list)

    def as_json(self) -> dict:
        return {
            "index": self.index,
            "indicator": self.indicator,
            "doelgroep": self.doelgroep,
            "gebied": self.gebied,
            "periode": self.periode,
            "waarde": self.waarde,
            "toelichting": self.toelichting,
            "voorlopig": self.voorlopig,
            "problems": [list(problem) for problem in self.problems],
        }

    @classmethod
    def from_json(cls, data: dict) -> "IncomingValue":
        return cls(**{**data, "problems": [tuple(problem) for problem in data.get("problems", [])]})


@dataclass
class Outcome:
    """What importing one figure does: create, change, leave as is, or not (conflict)."""

    item: IncomingValue
    status: str = CONFLICT
    problems: list[tuple[str, str]] = field(default_factory=list)  # (field, Dutch reason)
    submission: Submission | None = None
    indicator: Indicator | None = None
    doelgroep_id: int | None = None
    area_id: int | None = None
    current: object | None = None  # the stored value (see stored_value_class), if any
    new: dict | None = None  # VALUE_FIELDS → new content

    @property
    def error(self) -> str:
        """The Dutch message of an invalid figure (stored as typed, like the web form)."""
        return self.new["error"] if self.new else ""

    @property
    def changes(self) -> bool:
        return self.status in (NIEUW, GEWIJZIGD)


@dataclass
class Plan:
    outcomes: list[Outcome]

    def count(self, status: str) -> int:
        return sum(1 for outcome in self.outcomes if outcome.status == status)

    @property
    def conflicts(self) -> list[Outcome]:
        return [outcome for outcome in self.outcomes if outcome.status == CONFLICT]

    @property
    def submission_ids(self) -> set[int]:
        return {o.submission.pk for o in self.outcomes if o.submission is not None}


def submission_name(submission: Submission) -> str:
    return f"{submission.uitvraag.name}, {submission.period.label}"


class CodeBook:
    """Codes → objects, each resolved once per distinct code (a payload repeats them a lot)."""

    def __init__(self, items: list[IncomingValue], uitvoerder_ids: Iterable[int]):
        indicator_codes = {code.strip() for code in {item.indicator for item in items}}
        self.indicators: dict[str, Indicator] = {}
        for indicator in Indicator.objects.filter(
            code__in=indicator_codes | {code.lower() for code in indicator_codes}
        ):
            self.indicators[indicator.code] = indicator
            self.indicators.setdefault(indicator.code.lower(), indicator)

        area_codes = set()
        for code in {item.gebied.strip() for item in items}:
            area_codes |= {code, code.upper(), code.lower(), *self._cbs_variants(code)}
        self.areas: dict[str, tuple[int, str]] = {
            code.upper(): (pk, name)
            for pk, code, name in Organisation.objects.filter(
                code__in=area_codes,
                kind__in=[OrganisationKind.GEMEENTE, OrganisationKind.REGIO],
            ).values_list("pk", "code", "name")
        }
        # A supplier has a handful of doelgroepen: fetch them all, match without case.
        self.doelgroep_codes = {
            code.lower()
            for code in Doelgroep.objects.filter(uitvoerder_id__in=list(uitvoerder_ids))
            .values_list("code", flat=True)
            .distinct()
        }
        self._periods: dict[str, tuple[str | None, str]] = {}  # text → (canonical, error)
        self._indicator_cache: dict[str, Indicator | None] = {}
        self._area_cache: dict[str, tuple[int, str] | None] = {}

    @staticmethod
    def _cbs_variants(code: str) -> list[str]:
        # "718" or "0718" (a CBS code whose letters or leading zero a spreadsheet ate) → GM0718.
        return [f"GM{code.zfill(4)}"] if code.isdigit() and len(code) <= 4 else []

    def indicator(self, text: str) -> Indicator | None:
        if text not in self._indicator_cache:
            code = text.strip()
            self._indicator_cache[text] = self.indicators.get(code) or self.indicators.get(
                code.lower()
            )
        return self._indicator_cache[text]

    def area(self, text: str) -> tuple[int, str] | None:
        if text not in self._area_cache:
            code = text.strip()
            found = self.areas.get(code.upper())
            for variant in self._cbs_variants(code):
                found = found or self.areas.get(variant)
            self._area_cache[text] = found
        return self._area_cache[text]

    def period(self, text: str) -> tuple[str | None, str]:
        """(canonical identifier, "") or (None, Dutch error)."""
        if text not in self._periods:
            try:
                canonical = Period.canonical_identifier(*Period.parse_identifier(text))
                self._periods[text] = (canonical, "")
            except ValidationError as exc:
                self._periods[text] = (None, exc.messages[0])
        return self._periods[text]


class CellIndex:
    """The cells (uitvraag row × area) of a set of submissions, for set-based matching."""

    def __init__(self, submissions: list[Submission]):
        self.by_period: dict[int, list[Submission]] = defaultdict(list)
        for submission in submissions:
            self.by_period[submission.period_id].append(submission)
        uitvraag_ids = {submission.uitvraag_id for submission in submissions}
        # (uitvraag, indicator, doelgroep code or None) → doelgroep id
        self.regels: dict[tuple[int, int, str | None], int | None] = {}
        self.indicators: set[tuple[int, int]] = set()
        for uitvraag_id, indicator_id, doelgroep_id, doelgroep_code in UitvraagRegel.objects.filter(
            uitvraag_id__in=uitvraag_ids
        ).values_list("uitvraag_id", "indicator_id", "doelgroep_id", "doelgroep__code"):
            code = doelgroep_code.lower() if doelgroep_code else None
            self.regels[(uitvraag_id, indicator_id, code)] = doelgroep_id
            self.indicators.add((uitvraag_id, indicator_id))
        self.areas: set[tuple[int, int]] = set(
            Uitvraag.areas.through.objects.filter(uitvraag_id__in=uitvraag_ids).values_list(
                "uitvraag_id", "organisation_id"
            )
        )

    def match(self, period_id, indicator_id, doelgroep_code, area_id):
        """[(submission, doelgroep_id)] of the submissions in this period holding the cell."""
        found = []
        for submission in self.by_period.get(period_id, ()):
            key = (submission.uitvraag_id, indicator_id, doelgroep_code)
            if key in self.regels and (submission.uitvraag_id, area_id) in self.areas:
                found.append((submission, self.regels[key]))
        return found

    def explain(self, period_id, period_text, indicator, doelgroep_code, area_id, area_code):
        """Why no submission holds the cell: (field, Dutch reason)."""
        candidates = self.by_period.get(period_id, [])
        if not candidates:
            return "periode", _(
                "Uw organisatie heeft geen aanlevering voor periode %(periode)s."
            ) % {"periode": period_text}
        if len(candidates) == 1:
            submission = candidates[0]
            uitvraag_id = submission.uitvraag_id
            names = {"aanlevering": submission_name(submission), "indicator": indicator.code}
            if (uitvraag_id, indicator.pk) not in self.indicators:
                return "indicator", _(
                    "Indicator '%(indicator)s' wordt in deze aanlevering (%(aanlevering)s) niet "
                    "uitgevraagd."
                ) % names
            if (uitvraag_id, indicator.pk, doelgroep_code) not in self.regels:
                if doelgroep_code:
                    return "doelgroep", _(
                        "Indicator '%(indicator)s' wordt niet voor doelgroep '%(doelgroep)s' "
                        "uitgevraagd."
                    ) % {**names, "doelgroep": doelgroep_code}
                return "doelgroep", _(
                    "Indicator '%(indicator)s' wordt per doelgroep uitgevraagd: vul de doelgroep in."
                ) % names
            if (uitvraag_id, area_id) not in self.areas:
                return "gebied", _(
                    "Gebied '%(gebied)s' hoort niet bij deze aanlevering (%(aanlevering)s)."
                ) % {**names, "gebied": area_code}
        return "", _(
            "Deze combinatie van indicator, doelgroep en gebied wordt in periode %(periode)s niet "
            "bij uw organisatie uitgevraagd."
        ) % {"periode": period_text}


def plan_values(
    access: Access,
    items: list[IncomingValue],
    *,
    submission: Submission | None = None,
    lock: bool = False,
    position: Callable[[int], str] | None = None,
) -> Plan:
    """Decide per figure what importing it would do, without writing anything.

    With ``submission`` every figure must belong to that submission (the spreadsheet upload);
    otherwise figures are matched to the supplier's own submissions for their period (the bulk
    API). ``lock`` locks the matched submissions (select_for_update) for a write that follows.
    ``position`` words where an earlier duplicate was (``"regel 5"``, ``"positie 4"``).
    """
    position = position or (lambda index: _("positie %(index)d") % {"index": index})
    if submission is not None and lock:
        submission = (
            Submission.objects.select_for_update(of=("self",))
            .select_related("uitvraag", "period")
            .get(pk=submission.pk)
        )
    if submission is not None:
        uitvoerder_ids = {submission.uitvraag.uitvoerder_id}
    else:
        uitvoerder_ids = set(access.uitvoerder_ids)
    codes = CodeBook(items, uitvoerder_ids)

    canonical_periods = {codes.period(item.periode.strip())[0] for item in items} - {None}
    periods = dict(
        Period.objects.filter(identifier__in=canonical_periods).values_list("identifier", "pk")
    )
    if submission is not None:
        submissions = [submission]
    else:
        queryset = (
            Submission.objects.filter(
                uitvraag__uitvoerder_id__in=uitvoerder_ids, period_id__in=periods.values()
            )
            .select_related("uitvraag", "period")
            .order_by("pk")
        )
        if lock:
            queryset = queryset.select_for_update(of=("self",))
        submissions = list(queryset) if periods and uitvoerder_ids else []
    cells = CellIndex(submissions)

    outcomes: list[Outcome] = []
    pending: list[Outcome] = []
    seen: dict[tuple, int] = {}
    for item in items:
        outcome = Outcome(item=item, problems=list(item.problems))
        outcomes.append(outcome)
        unreadable = {name for name, _message in item.problems}  # already reported
        if "" in unreadable:
            continue
        indicator = codes.indicator(item.indicator)
        if indicator is None and "indicator" not in unreadable:
            outcome.problems.append(
                ("indicator", _("Onbekende indicator '%(code)s'.") % {"code": item.indicator})
            )
        doelgroep_code = item.doelgroep.strip().lower() or None
        if (
            doelgroep_code
            and doelgroep_code not in codes.doelgroep_codes
            and "doelgroep" not in unreadable
        ):
            outcome.problems.append(
                ("doelgroep", _("Onbekende doelgroep '%(code)s'.") % {"code": item.doelgroep})
            )
        area = codes.area(item.gebied)
        if area is None and "gebied" not in unreadable:
            outcome.problems.append(
                ("gebied", _("Onbekende gemeente of regio '%(code)s'.") % {"code": item.gebied})
            )
        period_text = item.periode.strip()
        period_id = None
        if "periode" in unreadable:
            pass
        elif not period_text and submission is not None:
            period_id, period_text = submission.period_id, submission.period.identifier
        elif not period_text:
            outcome.problems.append(("periode", _("Vul de periode in, bijvoorbeeld 2018H1.")))
        else:
            canonical, error = codes.period(period_text)
            if error:
                outcome.problems.append(("periode", error))
            elif submission is not None and canonical != submission.period.identifier:
                outcome.problems.append(
                    (
                        "periode",
                        _(
                            "Periode %(periode)s hoort niet bij deze aanlevering; die gaat over "
                            "%(eigen)s."
                        )
                        % {"periode": period_text, "eigen": submission.period.identifier},
                    )
                )
            else:
                period_id = periods.get(canonical)
                if period_id is None:
                    outcome.problems.append(
                        (
                            "periode",
                            _("Uw organisatie heeft geen aanlevering voor periode %(periode)s.")
                            % {"periode": period_text},
                        )
                    )
        if outcome.problems:
            continue

        matches = cells.match(period_id, indicator.id, doelgroep_code, area[0])
        if not matches:
            outcome.problems.append(
                cells.explain(
                    period_id, period_text, indicator, doelgroep_code, area[0], item.gebied
                )
            )
            continue
        if len(matches) > 1:
            outcome.problems.append(
                (
                    "",
                    _(
                        "Deze cel hoort bij meer dan één aanlevering van uw organisatie (%(names)s); "
                        "lever haar aan via de aanlevering zelf."
                    )
                    % {"names": "; ".join(submission_name(s) for s, _d in matches)},
                )
            )
            continue
        matched, doelgroep_id = matches[0]
        key = (matched.id, indicator.id, doelgroep_id, area[0])
        if key in seen:
            outcome.problems.append(
                (
                    "",
                    _("Deze cel staat al eerder in de lijst (%(position)s).")
                    % {"position": position(seen[key])},
                )
            )
            continue
        seen[key] = item.index
        if not matched.is_editable:
            outcome.problems.append(
                (
                    "",
                    _(
                        "De aanlevering %(aanlevering)s heeft status '%(status)s' en kan niet "
                        "worden gewijzigd."
                    )
                    % {
                        "aanlevering": submission_name(matched),
                        "status": matched.get_status_display(),
                    },
                )
            )
            continue
        outcome.submission, outcome.indicator = matched, indicator
        outcome.doelgroep_id, outcome.area_id = doelgroep_id, area[0]
        pending.append(outcome)

    _compare_with_stored(pending)
    return Plan(outcomes)


@functools.cache
def stored_value_class():
    """A light, read-only stand-in for a stored Value (all its columns as attributes): building
    100.000 model instances would cost seconds, and nothing here needs their behaviour."""
    return namedtuple("StoredValue", [f.attname for f in Value._meta.concrete_fields])


def _compare_with_stored(pending: list[Outcome]) -> None:
    """Fill in status and new content, comparing with the stored values (one query)."""
    if not pending:
        return
    stored_value = stored_value_class()
    rows = Value.objects.filter(
        submission_id__in={o.submission.id for o in pending},
        indicator_id__in={o.indicator.id for o in pending},
        area_id__in={o.area_id for o in pending},
    ).values_list(*stored_value._fields)
    existing = {}
    for row in rows:
        value = stored_value._make(row)
        existing[(value.submission_id, value.indicator_id, value.doelgroep_id, value.area_id)] = (
            value
        )
    for outcome in pending:
        item = outcome.item
        current = existing.get(
            (outcome.submission.id, outcome.indicator.id, outcome.doelgroep_id, outcome.area_id)
        )
        outcome.current = current
        raw = item.waarde if item.waarde is not None else (current.raw if current else "")
        raw = raw.strip()[:64]  # as save_values stores it
        number, error = parse_value(raw, outcome.indicator)
        if (
            current is not None
            and number is not None
            and not error
            and not current.error
            and current.value == number
        ):
            # The same figure written differently (510 for "510", 12.5 for "12,5"): keep what the
            # supplier typed, so re-importing a template changes nothing.
            raw = current.raw
        toelichting = (
            item.toelichting
            if item.toelichting is not None
            else (current.toelichting if current else "")
        )
        status = (
            status_from(item.voorlopig)
            if item.voorlopig is not None
            else (current.status if current else CijferStatus.DEFINITIEF)
        )
        outcome.new = {
            "raw": raw,
            "value": number,
            "error": error,
            "toelichting": toelichting.strip(),
            "status": status,
        }
        if current is None:
            # Like save_values: an empty cell without toelichting is nothing to store.
            has_content = outcome.new["raw"] or outcome.new["toelichting"]
            outcome.status = NIEUW if has_content else ONGEWIJZIGD
        elif (
            current.raw != raw
            or current.value != number
            or current.error != error
            or current.toelichting != outcome.new["toelichting"]
            or current.status != outcome.new["status"]
        ):
            outcome.status = GEWIJZIGD
        else:
            outcome.status = ONGEWIJZIGD
