"""Begroot vs realisatie per programma and product line of a gemeente's own begroting, beside
the taakveld view of :mod:`budgets.figures` (and with its rules: the same approved versions on
the peildatum, actuele begroting = primitief + wijzigingen, afwijking = realisatie − actuele
begroting, verwachte afwijking = prognose − actuele begroting, unrounded until shown).

A line is a product (under its programma) or, for lines without product, the programma itself.
The prestaties of a beleidskader are linked to these lines (or to a taakveld), so their budget
is compared with what was realised. Two queries: the versions, and their lines.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from budgets.figures import (
    ZONDER_TAAKVELD_NOTE,
    Amounts,
    Row,
    add,
    approved_versions,
    owners_of,
    select,
)
from budgets.models import BudgetLine, Product, Programma
from organisations.models import Organisation

# (programma id, product id or None)
LineKey = tuple[int | None, int | None]


@dataclass
class LineOverview:
    area: Organisation
    year: int
    peildatum: date | None
    # Per programma: its row (total) and its product rows.
    programmas: list[tuple[Row, list[Row]]]
    total: Row
    # Lines on a taakveld only (no programma): years before the gemeente's programma lines,
    # or taakvelden outside any programma.
    zonder_programma: Row | None
    by_programma: dict[int, Row]
    by_product: dict[int, Row]
    # Some lines have no taakveld (a year before the BBV taakvelden of 2017): the screen, the
    # API and the report say so.
    zonder_taakveld: bool = False

    @property
    def zonder_taakveld_note(self) -> str:
        return str(ZONDER_TAAKVELD_NOTE) if self.zonder_taakveld else ""


def line_sums(version_ids) -> tuple[dict[int, dict[LineKey, Amounts]], bool]:
    """The sums per version and line, and whether any line has no taakveld."""
    result: dict[int, dict[LineKey, Amounts]] = defaultdict(dict)
    rows = (
        BudgetLine.objects.filter(version_id__in=list(version_ids))
        .values_list("version_id", "programma_id", "product_id", "taakveld_id", "lasten", "baten")
        .order_by()
    )
    zonder_taakveld = False
    for version_id, programma_id, product_id, taakveld_id, lasten, baten in rows:
        per_version = result[version_id]
        key = (programma_id, product_id)
        per_version[key] = Amounts(lasten, baten) + per_version.get(key)
        zonder_taakveld = zonder_taakveld or taakveld_id is None
    return result, zonder_taakveld


def _row(code, label, selection, sums, wanted) -> Row:
    def total_of(version):
        if version is None:
            return None
        found = [a for key, a in sums.get(version.pk, {}).items() if wanted(key)]
        return sum(found, Amounts()) if found else Amounts()

    primitief = total_of(selection.primitief)
    wijzigingen = None
    for version in selection.wijzigingen:
        wijzigingen = add(wijzigingen, total_of(version))
    return Row(
        code=code,
        label=label,
        primitief=primitief,
        wijzigingen=wijzigingen,
        actueel=add(primitief, wijzigingen),
        realisatie=total_of(selection.realisatie),
        prognose=total_of(selection.prognose),
        kind="lijn",
    )


def _summed(code, label, rows: list[Row], kind: str) -> Row:
    total = Row(code=code, label=label, kind=kind)
    for row in rows:
        total.add(row)
    return total


def overview(area: Organisation, year: int, peildatum: date | None = None) -> LineOverview:
    """Per programma and product line of ``area`` (a regio: its gemeenten summed)."""
    owner_ids = owners_of(area)
    by_owner = defaultdict(list)
    for version in approved_versions(owner_ids, [year]):
        by_owner[version.owner_id].append(version)
    selections = [select(versions, peildatum) for versions in by_owner.values()]
    sums, zonder_taakveld = line_sums(v.pk for s in selections for v in s.versions)
    used = {key for per_version in sums.values() for key in per_version}
    programma_ids = {p for p, _product in used if p is not None}
    programmas = {p.pk: p for p in Programma.objects.filter(pk__in=programma_ids)}
    products = {p.pk: p for p in Product.objects.filter(programma_id__in=programma_ids)}

    def row_for(code, label, wanted) -> Row:
        return _summed(
            code, label, [_row(code, label, s, sums, wanted) for s in selections], "lijn"
        )

    result = []
    by_programma: dict[int, Row] = {}
    by_product: dict[int, Row] = {}
    for programma in sorted(programmas.values(), key=lambda p: (p.order, p.code)):
        keys = sorted(
            {key for key in used if key[0] == programma.pk},
            key=lambda k: (k[1] is not None, products[k[1]].order if k[1] else 0),
        )
        rows = []
        for _pid, product_id in keys:
            if product_id is None:
                label = str(programma.name)
                code = programma.code
            else:
                label, code = products[product_id].name, products[product_id].code
            row = row_for(code, label, lambda key, k=(programma.pk, product_id): key == k)
            rows.append(row)
            if product_id is not None:
                by_product[product_id] = row
        total = _summed(programma.code, programma.name, rows, "programma")
        by_programma[programma.pk] = total
        result.append((total, rows))
    zonder = None
    if (None, None) in used:
        zonder = row_for("", "", lambda key: key == (None, None))
    everything = [total for total, _rows in result] + ([zonder] if zonder else [])
    return LineOverview(
        area=area,
        year=year,
        peildatum=peildatum,
        programmas=result,
        total=_summed("", "", everything, "totaal"),
        zonder_programma=zonder,
        by_programma=by_programma,
        by_product=by_product,
        zonder_taakveld=zonder_taakveld,
    )


@dataclass
class LineSeriesRow:
    code: str
    label: str
    per_year: dict[int, Row]


@dataclass
class LineSeries:
    """Actuele begroting and realisatie per programma over the years, also before 2017 (lines
    without taakveld): the multi-year exploitatie of the Deventer form."""

    area: Organisation
    years: list[int]
    programmas: list[LineSeriesRow]
    total: LineSeriesRow
    zonder_taakveld: bool = False

    @property
    def zonder_taakveld_note(self) -> str:
        return str(ZONDER_TAAKVELD_NOTE) if self.zonder_taakveld else ""


def series(area: Organisation, years: list[int], programma_ids=None) -> LineSeries:
    """Per programma of ``area`` (or only ``programma_ids``) and year: what every approved
    version of that year holds (three queries: versions, lines, programma's)."""
    years = sorted(set(years))
    grouped = defaultdict(list)
    for version in approved_versions(owners_of(area), years):
        grouped[(version.owner_id, version.year)].append(version)
    selections = {key: select(versions, None) for key, versions in grouped.items()}
    sums, zonder_taakveld = line_sums(v.pk for s in selections.values() for v in s.versions)
    used = {key[0] for per_version in sums.values() for key in per_version if key[0]}
    if programma_ids is not None:
        used &= set(programma_ids)
    rows = []
    total = LineSeriesRow("", "", {y: Row(code="", label="", kind="totaal") for y in years})
    for programma in sorted(Programma.objects.filter(pk__in=used), key=lambda p: (p.order, p.code)):
        per_year = {}
        for year in years:
            parts = [
                _row(programma.code, programma.name, s, sums, lambda k, p=programma.pk: k[0] == p)
                for (_owner, y), s in selections.items()
                if y == year
            ]
            per_year[year] = _summed(programma.code, programma.name, parts, "programma")
            total.per_year[year].add(per_year[year])
        rows.append(LineSeriesRow(programma.code, programma.name, per_year))
    return LineSeries(
        area=area, years=years, programmas=rows, total=total, zonder_taakveld=zonder_taakveld
    )
