"""The dashboard's landing page per gemeente, read at a glance: per maatschappelijk resultaat its
key indicators as tiles, each with the latest figure, a sparkline of the last periods, the change,
whether the streefwaarde is met (in words and with an icon, never colour alone) and the same
figure for the regio, the average of the gemeenten and the average of the gemeenten of the same
size class, with a text alternative and a data table per tile.

Built on the rows of :func:`reports.dashboard.services.indicator_blocks` (the same figures,
streefwaarden and trends as the thema pages) and the same disclosure rules: a secret figure is
"geheim", is not drawn and is not judged. Queries do not grow with the number of tiles: the
gemeente's figures once, each comparison once for all key indicators, the inwoners once.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext as _

from indicators.models import IndicatorSoort, Value

from . import figures, pages, services
from .charts import sparkline_svg

# Tiles per maatschappelijk resultaat: its maatschappelijke indicatoren first.
KEY_INDICATORS = 4
# Periods in a sparkline (the current one and those before it, of the indicator's own type).
SPARK_PERIODS = 6
# CBS gemeentegrootteklassen (inwoners): lower bounds.
SIZE_CLASSES = [0, 5_000, 10_000, 20_000, 50_000, 100_000, 150_000, 250_000]


def inwoners_indicator_code() -> str:
    return getattr(settings, "DASHBOARD_INWONERS_INDICATOR", "mi-inwoners")


def size_class_label(lower: int, upper: int | None) -> str:
    def n(x):
        return f"{x:,}".replace(",", ".")

    if upper is None:
        return _("Gemeenten met %(lower)s inwoners of meer") % {"lower": n(lower)}
    return _("Gemeenten met %(lower)s tot %(upper)s inwoners") % {
        "lower": n(lower),
        "upper": n(upper),
    }


def size_class_subject(ctx) -> figures.Subject | None:
    """The average of the gemeenten in the gemeente's size class, by their latest approved number
    of inwoners up to the selected period (one query). None without that figure."""
    if ctx.period is None:
        return None
    rows = (
        Value.objects.approved()
        .filter(
            indicator__code=inwoners_indicator_code(),
            doelgroep__isnull=True,
            area__kind="gemeente",
            submission__period__end__lte=ctx.period.end,
            value__isnull=False,
        )
        .order_by("area_id", "-submission__period__end")
        .values_list("area_id", "value")
    )
    latest: dict[int, Decimal] = {}
    for area_id, value in rows:
        latest.setdefault(area_id, value)
    own = latest.get(ctx.gemeente.pk)
    if own is None:
        return None
    index = max(i for i, lower in enumerate(SIZE_CLASSES) if own >= lower)
    lower = SIZE_CLASSES[index]
    upper = SIZE_CLASSES[index + 1] if index + 1 < len(SIZE_CLASSES) else None
    members = frozenset(
        pk for pk, v in latest.items() if v >= lower and (upper is None or v < upper)
    )
    return figures.Subject(figures.GEMIDDELDE, members=members, name=size_class_label(lower, upper))


@dataclass
class SparkPoint:
    period: object
    shown: services.Shown


@dataclass
class Comparison:
    label: str
    shown: services.Shown


@dataclass
class IndicatorTile:
    row: services.Row
    spark: list[SparkPoint]
    comparisons: list[Comparison] = field(default_factory=list)

    @property
    def indicator(self):
        return self.row.indicator

    @property
    def met_text(self) -> str:
        if self.row.streefwaarde is None:
            return ""
        if self.row.current.secret or self.row.target_met is None:
            return _("streefwaarde %(target)s: niet te beoordelen") % {
                "target": self.row.target_text
            }
        if self.row.target_met:
            return _("streefwaarde %(target)s gehaald") % {"target": self.row.target_text}
        return _("streefwaarde %(target)s niet gehaald") % {"target": self.row.target_text}

    @property
    def met(self) -> bool | None:
        return None if self.row.current.secret else self.row.target_met

    @property
    def sparkline(self) -> str:
        """A data URI of the SVG; empty when fewer than two figures can be drawn."""
        values = [p.shown.value if not p.shown.secret else None for p in self.spark]
        if sum(v is not None for v in values) < 2:
            return ""
        return sparkline_svg(values)

    @property
    def description(self) -> str:
        """The text alternative: the figures of the sparkline in words."""
        parts = [f"{p.period.label}: {p.shown.text or _('geen cijfer')}" for p in self.spark]
        return _("Verloop van %(indicator)s: %(values)s.") % {
            "indicator": self.indicator.name,
            "values": "; ".join(parts),
        }


@dataclass
class ThemaTiles:
    thema: object
    tiles: list[IndicatorTile]
    summary: pages.Tile | None = None


@dataclass
class Landing:
    ctx: object
    themas: list[ThemaTiles]
    comparison_labels: list[str]
    footnotes: list[str]
    # The size class the gemeente is compared with (None: no number of inwoners).
    size_class: str = ""

    @property
    def has_tiles(self) -> bool:
        return any(t.tiles for t in self.themas)


def _key_blocks(blocks) -> list:
    ordered = sorted(
        blocks,
        key=lambda b: (b.indicator.soort != IndicatorSoort.MAATSCHAPPELIJK,),
    )
    return [b for b in ordered if b.headline is not None][:KEY_INDICATORS]


def comparison_subjects(ctx) -> list[tuple[str, figures.Subject]]:
    """(label, subject): the regio's of the gemeente, the average, the size class."""
    subjects = [(o.label, o.subject) for o in ctx.compare_options if o.group == "regio"]
    subjects.append((str(figures.GEMIDDELDE_SUBJECT.label), figures.GEMIDDELDE_SUBJECT))
    size_class = size_class_subject(ctx)
    if size_class is not None:
        subjects.append((str(size_class.label), size_class))
    return subjects


def landing(ctx) -> Landing:
    blocks = services.indicator_blocks(ctx, ctx.indicators)
    summaries = {t.thema.pk: t for t in pages.home(ctx, blocks).tiles}
    by_thema: dict[int, list] = {}
    for block in blocks:
        by_thema.setdefault(block.indicator.thema_id, []).append(block)
    chosen = {pk: _key_blocks(found) for pk, found in by_thema.items()}
    key_rows = [b.headline for found in chosen.values() for b in found]
    periods = {}
    for row in key_rows:
        periods[row.period.pk] = row.period
    ids = sorted({row.indicator.pk for row in key_rows})
    subjects = comparison_subjects(ctx) if key_rows else []
    compared = [
        (
            label,
            figures.subject_points(
                ctx.audience,
                subject,
                sorted(periods.values(), key=lambda p: (p.end, p.start)),
                ctx.catalogue,
                ids,
                version=ctx.version,
            ),
        )
        for label, subject in subjects
    ]
    points = ctx.points
    result = []
    for thema in pages.themas():
        tiles = []
        for block in chosen.get(thema.pk, []):
            row = block.headline
            dg = None if row.is_total else (row.doelgroep.pk if row.doelgroep else None)
            same = ctx.periods_by_type.get(row.period.type, [])
            upto = [p for p in same if p.end <= row.period.end][-SPARK_PERIODS:]
            spark = [
                SparkPoint(p, services.Shown(row.indicator, points.get(row.indicator.pk, dg, p.pk)))
                for p in upto
            ]
            tile = IndicatorTile(row=row, spark=spark)
            for label, found in compared:
                shown = services.Shown(
                    row.indicator, found.get(row.indicator.pk, dg, row.period.pk)
                )
                tile.comparisons.append(Comparison(label, shown))
            tiles.append(tile)
        result.append(ThemaTiles(thema, tiles, summaries.get(thema.pk)))
    notes = list(points.footnotes)
    for _subject, found in compared:
        notes += [n for n in found.footnotes if n not in notes]
    size_class = next((label for label, s in subjects if s.members is not None), "")
    return Landing(
        ctx=ctx,
        themas=result,
        comparison_labels=[label for label, _s in subjects],
        footnotes=notes,
        size_class=size_class,
    )
