"""The snapshot of a report (Vaststelling): exactly the figures and texts its files were made from.

At every generation the task stores (as :class:`reports.models.ReportSnapshot`):

- ``content``: the report content as :mod:`reports.content` built it, serialised to JSON (decimals
  as strings, model instances as references into ``objects``), so the figures, targets, trends and
  texts in the files can be read back without the files;
- ``texts``: the introduction and the duiding per thema;
- ``inputs``: the approved figures, budget versions, streefwaarden and trend judgements the report
  is based on, in a form that does not depend on the code that renders them;
- ``files``: the SHA-256 of the PDF, the XLSX and the CSV.

Two fingerprints go with it. ``inputs_fingerprint`` covers everything the files are made from
(content, texts, templates, disclosure rules): equal fingerprints mean equal files, so a repeated
request does not make them again. ``figures_fingerprint`` covers only ``inputs``: it tells whether
approved figures changed since the files were made (offering is refused) or since the report was
vastgesteld (a correction needs a new version), and :func:`changes_since_snapshot` says which.
"""

import dataclasses
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from enum import Enum
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.db import models
from django.db.models import Count, Max, Q, Sum
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from indicators.models import Eenheid, Indicator, Streefwaarde, TrendOordeel, is_provisional
from indicators.quality.validation import format_value

from .content import area_ids_for, report_values
from .models import Report, ReportSnapshot

SCHEMA = 1

# The code and templates that turn the content into files: a change makes new files.
RENDERER_SOURCES = [
    "reports/content",
    "reports/pdf.py",
    "reports/pydyf_pages.py",
    "reports/xlsx.py",
    "reports/charts.py",
    "core/charts.py",
    "budgets/charts.py",
    "reports/opendata.py",
    "templates/reports/pdf",
]
# Fields of a report that are part of its content (the rest is workflow and generation state).
REPORT_CONTENT_FIELDS = [
    "id",
    "title",
    "introduction",
    "kernboodschappen",
    "version",
    "gemeente_id",
    "period_id",
    "replaces_id",
    "replacement_reason",
]
# Rendered chart images are derived from the figures beside them and would only bloat the JSON.
SKIPPED_ATTRIBUTES = {"image", "logo"}
MAX_DEPTH = 40


# --- serialising the content -------------------------------------------------------------------


def _model_ref(instance: models.Model) -> str:
    return f"{instance._meta.label_lower}:{instance.pk}"


def _field_value(value):
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, models.fields.files.FieldFile):
        return value.name or ""
    if isinstance(value, Promise):
        return str(value)
    return value


def _model_fields(instance: models.Model) -> dict:
    names = REPORT_CONTENT_FIELDS if isinstance(instance, Report) else None
    data = {}
    for model_field in instance._meta.concrete_fields:
        name = model_field.attname
        if names is not None and name not in names:
            continue
        if isinstance(model_field, models.FileField):
            continue
        data[name] = _field_value(getattr(instance, name))
    return data


class Serialiser:
    """Turns the content (dataclasses, model instances, decimals, dates) into plain JSON data.

    Every model instance is written once, under ``objects``; where it is used the data holds its
    reference ``app.model:pk``. Likewise every frozen dataclass instance (a figure: the same one
    stands in a table, in the history and in a chart) is written once, under ``shared``, and
    referenced as ``#Figure:7`` (numbered in order of first use). That keeps the JSON small and
    shows what each figure refers to.
    """

    def __init__(self):
        self.objects: dict[str, dict] = {}
        self.shared: dict[str, dict] = {}
        self._shared_refs: dict[int, str] = {}

    def __call__(self, value, depth: int = 0):
        if depth > MAX_DEPTH:
            return str(value)
        if value is None or isinstance(value, bool | int | float):
            return value
        if isinstance(value, str):
            return str(value)
        if isinstance(value, Decimal | datetime | date | time | Promise):
            return _field_value(value)
        if isinstance(value, Enum):
            return self(value.value, depth + 1)
        if isinstance(value, models.Model):
            ref = _model_ref(value)
            if ref not in self.objects:
                self.objects[ref] = _model_fields(value)
            return ref
        if isinstance(value, bytes | bytearray):
            return hashlib.sha256(value).hexdigest()
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            if not type(value).__dataclass_params__.frozen:
                return self._fields(value, depth)
            ref = self._shared_refs.get(id(value))
            if ref is None:
                ref = f"#{type(value).__name__}:{len(self.shared)}"
                self._shared_refs[id(value)] = ref
                self.shared[ref] = self._fields(value, depth)
            return ref
        if isinstance(value, Mapping):
            return {self._key(k): self(v, depth + 1) for k, v in value.items()}
        if isinstance(value, set | frozenset):
            items = [self(v, depth + 1) for v in value]
            return sorted(items, key=lambda item: json.dumps(item, sort_keys=True, default=str))
        if isinstance(value, list | tuple | models.QuerySet):
            return [self(v, depth + 1) for v in value]
        if hasattr(value, "__dict__"):
            return {
                k: self(v, depth + 1)
                for k, v in vars(value).items()
                if not k.startswith("_") and k not in SKIPPED_ATTRIBUTES
            }
        return str(value)

    def _fields(self, value, depth: int) -> dict:
        return {
            f.name: self(getattr(value, f.name), depth + 1)
            for f in dataclasses.fields(value)
            if f.name not in SKIPPED_ATTRIBUTES
        }

    def _key(self, key) -> str:
        if isinstance(key, tuple):
            return "|".join(self._key(k) for k in key)
        if isinstance(key, models.Model):
            return _model_ref(key)
        serialised = self(key)
        return serialised if isinstance(serialised, str) else json.dumps(serialised)


def serialise_content(content) -> dict:
    """The content as JSON data: ``{"content": …, "shared": {#ref: fields}, "objects": {ref:
    fields}}``."""
    serialiser = Serialiser()
    data = serialiser(content)
    return {
        "content": data,
        "shared": serialiser.shared,
        "objects": dict(sorted(serialiser.objects.items())),
    }


def text_relations() -> list:
    """The report's text tables (``ReportText``, and any other ``…Text`` model of a report):
    every narrative the beleidsmedewerker writes lives in one of them."""
    return [
        rel
        for rel in Report._meta.related_objects
        if rel.one_to_many and rel.related_model._meta.model_name.endswith("text")
    ]


def _text_row(row: models.Model) -> dict:
    """A text row: its texts, and what it is about by code (thema, uitvoerder)."""
    data = {}
    for model_field in row._meta.concrete_fields:
        if isinstance(model_field, models.CharField | models.TextField):
            data[model_field.name] = getattr(row, model_field.name)
        elif model_field.is_relation and model_field.name not in {"report", "updated_by"}:
            related = getattr(row, model_field.name)
            if related is not None:
                data[model_field.name] = getattr(related, "code", None) or related.pk
    return data


def report_texts(report: Report) -> dict:
    """The title, the introduction and every text of the report, per text table."""
    texts = {
        "title": report.title,
        "introduction": report.introduction,
        "kernboodschappen": report.kernboodschappen,
    }
    for rel in text_relations():
        accessor = rel.get_accessor_name()
        related = [
            f.name
            for f in rel.related_model._meta.concrete_fields
            if f.is_relation and f.name not in {"report", "updated_by"}
        ]
        rows = getattr(report, accessor).select_related(*related)
        texts[accessor] = sorted(
            (_text_row(row) for row in rows),
            key=lambda row: json.dumps(row, sort_keys=True, default=str),
        )
    return texts


# --- the inputs: approved figures and what else the report is based on -------------------------


def _number(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def figure_inputs(report: Report) -> dict:
    """The approved inputs of ``report`` in a stable, code-independent form, plus their labels.

    ``values``: approved figures about the gemeente and its regio's up to the report's period
    (the later approval wins when two submissions deliver the same cell, as in the report);
    ``budgets``: approved budget versions of the years in "Wat heeft het gekost?";
    ``targets``: the streefwaarden that can apply; ``judgements``: the trend judgements.
    """
    rows = (
        report_values(report)
        .order_by("submission__reviewed_at", "submission_id", "pk")
        .values_list(
            "indicator__code",
            "doelgroep__code",
            "area__code",
            "submission__period__identifier",
            "value",
            "status",
            "toelichting",
            "indicator__name",
            "indicator__eenheid",
            "indicator__decimals",
            "doelgroep__name",
            "area__name",
            "indicator__uitvoerder_id",
        )
    )
    cells: dict[tuple, list] = {}
    labels = {"indicators": {}, "doelgroepen": {}, "areas": {}}
    uitvoerder_ids = set()
    for code, dg, area, period_id, value, status, toelichting, *names in rows:
        # The snapshot keeps the flag (not definitief) it always had, so that the fingerprints
        # of reports made before the statuses existed stay the same.
        voorlopig = is_provisional(status)
        name, eenheid, decimals, dg_name, area_name, uitvoerder_id = names
        cells[(code, dg or "", area, period_id)] = [
            code,
            dg or "",
            area,
            period_id,
            _number(value),
            voorlopig,
            toelichting,
        ]
        labels["indicators"][code] = [name, eenheid, decimals]
        if dg:
            labels["doelgroepen"][dg] = dg_name
        labels["areas"][area] = area_name
        if uitvoerder_id:
            uitvoerder_ids.add(uitvoerder_id)
    values = sorted(cells.values())
    return {
        "values": values,
        **other_inputs(report, {v[0] for v in values}, uitvoerder_ids),
        "labels": labels,
    }


def other_inputs(report: Report, codes=None, uitvoerder_ids=None) -> dict:
    """Budgets, streefwaarden and trend judgements: few rows, cheap to read."""
    from budgets.models import BudgetVersion
    from budgets.services import SERIES_YEARS

    gemeente, period = report.gemeente, report.period
    if codes is None:
        used = set(
            report_values(report)
            .order_by()
            .values_list("indicator__code", "indicator__uitvoerder_id")
            .distinct()
        )
        codes = {code for code, _uitvoerder in used}
        uitvoerder_ids = {uitvoerder for _code, uitvoerder in used if uitvoerder}
    years = (period.year - SERIES_YEARS + 1, period.year)
    budgets = [
        [pk, year, soort, name, reviewed_at.isoformat() if reviewed_at else None]
        for pk, year, soort, name, reviewed_at in BudgetVersion.objects.approved()
        .filter(owner=gemeente, year__range=years)
        .order_by("year", "pk")
        .values_list("pk", "year", "soort", "name", "reviewed_at")
    ]
    targets = sorted(
        [code, scope, dg or "", year_from, year_to, comparison, _number(value)]
        for code, scope, dg, year_from, year_to, comparison, value in Streefwaarde.objects.filter(
            Q(scope_id__in=area_ids_for(gemeente)) | Q(scope_id__in=uitvoerder_ids or ()),
            indicator__code__in=codes,
            year_from__lte=period.year,
        ).values_list(
            "indicator__code",
            "scope__code",
            "doelgroep__code",
            "year_from",
            "year_to",
            "comparison",
            "value",
        )
    )
    judgements = sorted(
        [code, dg or "", period_id, judgement]
        for code, dg, period_id, judgement in TrendOordeel.objects.filter(
            area=gemeente, period__end__lte=period.end
        ).values_list("indicator__code", "doelgroep__code", "period__identifier", "judgement")
    )
    return {"budgets": budgets, "targets": targets, "judgements": judgements}


def quick_key(report: Report) -> str:
    """A cheap stand-in for :func:`figures_fingerprint`, for pages that only ask "anything
    changed?": the approved values are summed up in the database (count, sum, the latest approval)
    instead of read one by one. Approved figures cannot change without a new approval, so an equal
    key means equal figures; a different key is checked figure by figure."""
    summary = report_values(report).aggregate(
        count=Count("pk"),
        total=Sum("value"),
        latest=Max("submission__reviewed_at"),
        last=Max("submission_id"),
    )
    latest = summary["latest"].isoformat() if summary["latest"] else None
    values = [summary["count"], _number(summary["total"]), latest, summary["last"]]
    return _digest({"values": values, **other_inputs(report)})


def _digest(data) -> str:
    text = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def figures_fingerprint(inputs: dict) -> str:
    """The fingerprint of the approved inputs (labels left out: a new name is no correction)."""
    return _digest({k: v for k, v in inputs.items() if k != "labels"})


@lru_cache(maxsize=1)
def renderer_version() -> str:
    """A fingerprint of the code and templates that render the files."""
    digest = hashlib.sha256()
    base = Path(settings.BASE_DIR)
    for source in RENDERER_SOURCES:
        path = base / source
        files = sorted(path.rglob("*")) if path.is_dir() else [path]
        for file in files:
            # Sources only: compiled files differ between machines.
            if file.is_file() and file.suffix in {".py", ".html"}:
                digest.update(str(file.relative_to(base)).encode())
                digest.update(file.read_bytes())
    return digest.hexdigest()


def disclosure_settings() -> dict:
    return {
        "min_count": settings.DISCLOSURE_MIN_COUNT,
        "max_count": settings.DISCLOSURE_MAX_COUNT,
        "round_to": settings.DISCLOSURE_ROUND_TO,
    }


def inputs_fingerprint(data: dict) -> str:
    """Everything the files are made from; the time of generation is left out."""
    content = dict(data["content"])
    content["content"] = {k: v for k, v in content["content"].items() if k != "generated_at"}
    return _digest(
        {
            "content": content,
            "texts": data["texts"],
            "inputs": figures_fingerprint(data["inputs"]),
            "renderer": data["renderer"],
            "disclosure": data["disclosure"],
        }
    )


@dataclass
class Prepared:
    """A snapshot ready to be stored once the files are made."""

    data: dict
    inputs_fingerprint: str
    figures_fingerprint: str


def prepare(report: Report, content) -> Prepared:
    """The snapshot data of ``report`` made from ``content`` (files are added by :func:`store`)."""
    inputs = figure_inputs(report)
    data = {
        "schema": SCHEMA,
        "report": {
            "gemeente": report.gemeente.code,
            "period": report.period.identifier,
            "version": report.version,
        },
        "generated_at": content.generated_at.isoformat(),
        "content": serialise_content(content),
        "texts": report_texts(report),
        "inputs": inputs,
        "quick_key": quick_key(report),
        "renderer": renderer_version(),
        "disclosure": disclosure_settings(),
        "files": {},
    }
    return Prepared(
        data=data,
        inputs_fingerprint=inputs_fingerprint(data),
        figures_fingerprint=figures_fingerprint(inputs),
    )


def store(report: Report, prepared: Prepared, generated_at, files: dict[str, str]) -> None:
    """Store (or replace) the snapshot of a concept with the checksums of its new files."""
    data = {**prepared.data, "files": dict(sorted(files.items()))}
    ReportSnapshot.objects.update_or_create(
        report=report,
        defaults={
            "generated_at": generated_at,
            "inputs_fingerprint": prepared.inputs_fingerprint,
            "figures_fingerprint": prepared.figures_fingerprint,
            "data": data,
            "frozen_at": None,
        },
    )


def snapshot_of(report: Report) -> ReportSnapshot | None:
    """The report's snapshot; its (large) data is read only when used."""
    return ReportSnapshot.objects.filter(report=report).defer("data").first()


# --- what changed since -------------------------------------------------------------------------


@dataclass(frozen=True)
class FigureChange:
    indicator: str
    doelgroep: str
    area: str
    period: str
    old: str  # "" when the figure was not approved then
    new: str  # "" when it is not approved now

    @property
    def description(self) -> str:
        where = ", ".join(part for part in (self.doelgroep, self.area, self.period) if part)
        old = self.old or _("geen goedgekeurd cijfer")
        new = self.new or _("geen goedgekeurd cijfer")
        return f"{self.indicator} ({where}): {old} → {new}"


@dataclass
class Changes:
    """What differs between the approved inputs in a snapshot and those of now."""

    figures: list[FigureChange] = field(default_factory=list)
    budgets: bool = False
    targets: bool = False
    judgements: bool = False

    def __bool__(self) -> bool:
        return bool(self.figures or self.budgets or self.targets or self.judgements)

    @property
    def other(self) -> list[str]:
        """The other kinds of inputs that changed, in words."""
        parts = []
        if self.budgets:
            parts.append(_("goedgekeurde begrotingscijfers"))
        if self.targets:
            parts.append(_("streefwaarden"))
        if self.judgements:
            parts.append(_("oordelen over de trend"))
        return parts

    def summary(self, limit: int = 5) -> str:
        """One paragraph in Dutch, e.g. as the reason for a new version."""
        lines = [c.description for c in self.figures[:limit]]
        if len(self.figures) > limit:
            lines.append(
                _("en nog %(count)s andere cijfers") % {"count": len(self.figures) - limit}
            )
        if self.other:
            lines.append(_("gewijzigd: %(parts)s") % {"parts": ", ".join(self.other)})
        return _("Correcties sinds de vaststelling: %(changes)s.") % {"changes": "; ".join(lines)}


def _label_indicator(labels: dict, code: str) -> tuple[str, object]:
    name, eenheid, decimals = labels["indicators"].get(code, [code, Eenheid.AANTAL, 0])
    return name, Indicator(code=code, eenheid=eenheid, decimals=decimals)


def _formatted(value: str | None, indicator: Indicator) -> str:
    return format_value(Decimal(value), indicator) if value is not None else ""


def compare(old: dict, new: dict) -> Changes:
    """The differences between two :func:`figure_inputs`."""
    labels = {
        kind: {**old.get("labels", {}).get(kind, {}), **new.get("labels", {}).get(kind, {})}
        for kind in ("indicators", "doelgroepen", "areas")
    }
    before = {tuple(v[:4]): v for v in old.get("values", [])}
    after = {tuple(v[:4]): v for v in new.get("values", [])}
    figures = []
    for key in sorted(before.keys() | after.keys()):
        was, now = before.get(key), after.get(key)
        if was is not None and now is not None and was[4:6] == now[4:6]:
            continue  # the same value and voorlopig; a new toelichting is no correction
        code, dg, area, period_id = key
        name, indicator = _label_indicator(labels, code)
        figures.append(
            FigureChange(
                indicator=name,
                doelgroep=labels["doelgroepen"].get(dg, dg),
                area=labels["areas"].get(area, area),
                period=period_id,
                old=_formatted(was[4], indicator) if was else "",
                new=_formatted(now[4], indicator) if now else "",
            )
        )
    return Changes(
        figures=figures,
        budgets=old.get("budgets") != new.get("budgets"),
        targets=old.get("targets") != new.get("targets"),
        judgements=old.get("judgements") != new.get("judgements"),
    )


def changes_since_snapshot(
    report: Report, snapshot: ReportSnapshot | None = None
) -> Changes | None:
    """What changed in the approved inputs since the report's files were made; None without a
    snapshot (files made before snapshots existed, or none made yet)."""
    snapshot = snapshot or snapshot_of(report)
    if snapshot is None:
        return None
    # Read only the stored key (the snapshot's data can be large).
    stored_key = (
        ReportSnapshot.objects.filter(pk=snapshot.pk)
        .values_list("data__quick_key", flat=True)
        .first()
    )
    if stored_key and stored_key == quick_key(report):
        return Changes()
    fresh = figure_inputs(report)
    if figures_fingerprint(fresh) == snapshot.figures_fingerprint:
        return Changes()
    return compare(snapshot.data.get("inputs", {}), fresh)


def figures_changed(report: Report) -> bool:
    """Whether the approved inputs differ from those in the snapshot (False without one)."""
    snapshot = snapshot_of(report)
    if snapshot is None:
        return False
    return figures_fingerprint(figure_inputs(report)) != snapshot.figures_fingerprint
