"""The figures a controller reads from approved budget versions.

- **actuele begroting** = primitieve begroting + the approved begrotingswijzigingen decided up to
  the peildatum (lines of a wijziging are mutations);
- **realisatie**: the jaarrekening, or during the year the latest approved "realisatie tot en met
  peildatum"; **prognose**: the latest approved prognose up to the peildatum;
- **afwijking** = realisatie − actuele begroting, in euros and in % of the actuele begroting;
- **uitputting** = realisatie ÷ actuele begroting × 100 %;
- totals per hoofdtaakveld, for the sociaal domein (hoofdtaakveld 6) and overall;
- series over years, where codes that replaced an old code (2023) count under the old code.

Everything is computed on unrounded amounts (``Decimal`` with cents); rounding to euros or
thousands (half up) happens only in :func:`round_amount` / :func:`format_amount`, so a total is
the rounded sum and not the sum of rounded lines. Queries are set-based: versions in one query,
the sums of all their lines per taakveld in one aggregate query, the taakvelden in one query.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from organisations.models import Organisation, OrganisationKind

from .models import BudgetLine, BudgetStatus, BudgetVersion, Soort, Taakveld
from .taakvelden import SOCIAAL_DOMEIN

ZERO = Decimal("0")
HUNDRED = Decimal("100")
THOUSAND = Decimal("1000")
FIELDS = ("lasten", "baten", "saldo")

# Lines before the BBV taakvelden (2017) are on the gemeente's own programma/product lines only.
ZONDER_TAAKVELD_LABEL = gettext_lazy("Zonder taakveld (vóór 2017)")
NO_TAAKVELD_TEXT = gettext_lazy("taakveld: n.v.t. (vóór 2017)")
ZONDER_TAAKVELD_NOTE = gettext_lazy(
    "Vóór de begroting 2017 waren er geen BBV-taakvelden: deze bedragen staan alleen op de "
    "programma's en producten van de gemeente (zie Begroting per programma en product). Ze "
    "tellen mee in het totaal, niet in een hoofdtaakveld of het sociaal domein."
)


class Eenheid(models.TextChoices):
    EURO = "euro", gettext_lazy("in euro's")
    DUIZEND = "duizend", gettext_lazy("× € 1.000")


# ── amounts, rounding, percentages ────────────────────────────────────────────────────────────
@dataclass(frozen=True)
class Amounts:
    lasten: Decimal = ZERO
    baten: Decimal = ZERO

    @property
    def saldo(self) -> Decimal:
        """Baten − lasten: negative when a taakveld costs money (as BBV tables show it)."""
        return self.baten - self.lasten

    def __add__(self, other: "Amounts | None") -> "Amounts":
        if other is None:
            return self
        return Amounts(self.lasten + other.lasten, self.baten + other.baten)

    def get(self, name: str) -> Decimal:
        return getattr(self, name)


def add(a: Amounts | None, b: Amounts | None) -> Amounts | None:
    """Sum where a missing amount (no version) stays missing only if both are missing."""
    if a is None:
        return b
    return a + b


def round_amount(value: Decimal | None, eenheid: str = Eenheid.EURO) -> Decimal | None:
    """Whole euros or whole thousands, half up (0,5 → 1; −0,5 → −1)."""
    if value is None:
        return None
    if eenheid == Eenheid.DUIZEND:
        value = value / THOUSAND
    return value.quantize(Decimal("1"), rounding=ROUND_HALF_UP)


def dutch_number(value: Decimal, places: int = 0) -> str:
    text = f"{value:,.{places}f}"
    return text.replace(",", "\u2009").replace(".", ",").replace("\u2009", ".")


def format_amount(value: Decimal | None, eenheid: str = Eenheid.EURO) -> str:
    """``1.234.567`` (euros) or ``1.235`` (× € 1.000); empty when there is no amount."""
    rounded = round_amount(value, eenheid)
    if rounded is None:
        return ""
    if rounded == 0:
        rounded = ZERO  # never "-0"
    return dutch_number(rounded)


def percentage(part: Decimal | None, base: Decimal | None, signed_base=False) -> Decimal | None:
    """``part`` as % of ``base`` with one decimal (half up); None when ``base`` is 0 or missing.

    By default the base counts by its size (absolute value), so an afwijking keeps its own sign
    (also against a negative saldo). ``signed_base``: a plain ratio, for uitputting, where a
    negative realised saldo against a negative budgeted saldo is a positive share."""
    if part is None or base is None or base == 0:
        return None
    divisor = base if signed_base else abs(base)
    return (part / divisor * HUNDRED).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def format_pct(value: Decimal | None) -> str:
    if value is None:
        return ""
    return dutch_number(value, 1) + "%"


def oordeel(name: str, afwijking: Decimal | None) -> str:
    """V(oordelig) or N(adelig) for the gemeente: more lasten or fewer baten is nadelig."""
    if afwijking is None or afwijking == 0:
        return ""
    favourable = afwijking < 0 if name == "lasten" else afwijking > 0
    return "V" if favourable else "N"


# ── which versions count ─────────────────────────────────────────────────────────────────────
def effective_date(version: BudgetVersion) -> date | None:
    """The date up to which a version counts: a jaarrekening reports up to 31 December."""
    if version.soort == Soort.REALISATIE:
        return date(version.year, 12, 31)
    return version.datum


@dataclass
class Selection:
    """The approved versions of one owner and year that make up the figures on a peildatum."""

    primitief: BudgetVersion | None = None
    wijzigingen: list[BudgetVersion] = field(default_factory=list)
    realisatie: BudgetVersion | None = None  # jaarrekening, else realisatie t/m peildatum
    prognose: BudgetVersion | None = None

    @property
    def versions(self) -> list[BudgetVersion]:
        found = [self.primitief, *self.wijzigingen, self.realisatie, self.prognose]
        return [v for v in found if v is not None]

    @property
    def realisatie_is_definitief(self) -> bool:
        return self.realisatie is not None and self.realisatie.soort == Soort.REALISATIE


def _latest(versions: list[BudgetVersion]) -> BudgetVersion | None:
    return max(versions, key=lambda v: (effective_date(v) or date.min, v.pk), default=None)


def select(versions: Iterable[BudgetVersion], peildatum: date | None) -> Selection:
    """Pick from one owner's approved versions of one year what counts on ``peildatum``
    (None: everything approved)."""

    def counts(v):
        moment = effective_date(v)
        return peildatum is None or moment is None or moment <= peildatum

    selection = Selection()
    by_soort: dict[str, list[BudgetVersion]] = defaultdict(list)
    for version in versions:
        if version.soort == Soort.PRIMITIEF or counts(version):
            by_soort[version.soort].append(version)
    selection.primitief = (by_soort[Soort.PRIMITIEF] or [None])[0]
    selection.wijzigingen = sorted(
        by_soort[Soort.WIJZIGING], key=lambda v: (v.datum or date.min, v.pk)
    )
    selection.realisatie = (by_soort[Soort.REALISATIE] or [None])[0] or _latest(
        by_soort[Soort.TUSSENTIJDS]
    )
    selection.prognose = _latest(by_soort[Soort.PROGNOSE])
    return selection


def approved_versions(owner_ids: Iterable[int], years: Iterable[int]) -> list[BudgetVersion]:
    return list(
        BudgetVersion.objects.filter(
            owner_id__in=list(owner_ids), year__in=list(years), status=BudgetStatus.GOEDGEKEURD
        )
        .select_related("owner")
        .order_by("owner__name", "year", "datum", "pk")
    )


def line_sums(version_ids: Iterable[int]) -> dict[int, dict[int, Amounts]]:
    """{version id: {taakveld id: Amounts}}: all lines summed per taakveld, in one query.

    Summed here in ``Decimal`` rather than by the database: SQLite adds decimals as floating
    point, and a total must be exactly the sum of its unrounded lines on every backend."""
    result: dict[int, dict[int, Amounts]] = defaultdict(dict)
    rows = (
        BudgetLine.objects.filter(version_id__in=list(version_ids))
        .values_list("version_id", "taakveld_id", "lasten", "baten")
        .order_by()
    )
    for version_id, taakveld_id, lasten, baten in rows:
        per_version = result[version_id]
        per_version[taakveld_id] = Amounts(lasten, baten) + per_version.get(taakveld_id)
    return result


def all_taakvelden() -> dict[int, Taakveld]:
    return {t.pk: t for t in Taakveld.objects.order_by("order", "code")}


def owners_of(area: Organisation) -> list[int]:
    """A regio's figures are the sum of its member gemeenten; otherwise the organisation itself."""
    if area.kind == OrganisationKind.REGIO:
        return [g.pk for g in area.gemeenten.all()]
    return [area.pk]


# ── rows ─────────────────────────────────────────────────────────────────────────────────────
@dataclass
class Row:
    """One taakveld (or a total) with its figures; amounts are unrounded."""

    code: str
    label: str
    primitief: Amounts | None = None
    wijzigingen: Amounts | None = None
    actueel: Amounts | None = None
    realisatie: Amounts | None = None
    prognose: Amounts | None = None
    kind: str = "taakveld"  # taakveld | hoofdtaakveld | totaal | zonder_taakveld | lijn …
    taakveld: Taakveld | None = None

    def add(self, other: "Row"):
        for name in ("primitief", "wijzigingen", "actueel", "realisatie", "prognose"):
            setattr(self, name, add(getattr(self, name), getattr(other, name)))

    def value(self, basis: str, name: str) -> Decimal | None:
        amounts = getattr(self, basis)
        return amounts.get(name) if amounts is not None else None

    def afwijking(self, name: str) -> Decimal | None:
        """Realisatie − actuele begroting (positive: more than budgeted)."""
        if self.realisatie is None or self.actueel is None:
            return None
        return self.realisatie.get(name) - self.actueel.get(name)

    def afwijking_pct(self, name: str) -> Decimal | None:
        return percentage(self.afwijking(name), self.value("actueel", name))

    def uitputting(self, name: str) -> Decimal | None:
        """Realised so far as % of the actuele begroting."""
        return percentage(
            self.value("realisatie", name), self.value("actueel", name), signed_base=True
        )

    def prognose_afwijking(self, name: str) -> Decimal | None:
        if self.prognose is None or self.actueel is None:
            return None
        return self.prognose.get(name) - self.actueel.get(name)

    def oordeel(self, name: str) -> str:
        return oordeel(name, self.afwijking(name))

    @property
    def has_amounts(self) -> bool:
        return any(
            getattr(self, name) is not None
            for name in ("primitief", "wijzigingen", "actueel", "realisatie", "prognose")
        )


@dataclass
class Group:
    """The taakvelden of one hoofdtaakveld and their total."""

    hoofdtaakveld: Taakveld
    rows: list[Row]
    total: Row

    @property
    def is_sociaal_domein(self) -> bool:
        return self.hoofdtaakveld.code == SOCIAAL_DOMEIN


@dataclass
class Source:
    """Which versions of an owner the figures use (shown beside the table)."""

    owner: Organisation
    selection: Selection


@dataclass
class Overview:
    area: Organisation
    year: int
    peildatum: date | None
    groups: list[Group]
    total: Row
    sources: list[Source]
    missing: list[Organisation]  # owners without an approved primitieve begroting
    # Lines without taakveld (before 2017, on the gemeente's programma/product lines only): in
    # the overall total, not in a hoofdtaakveld (nor the sociaal domein: which one is unknown).
    zonder_taakveld: Row | None = None

    @property
    def zonder_taakveld_note(self) -> str:
        return str(ZONDER_TAAKVELD_NOTE)

    @property
    def sociaal_domein(self) -> Row | None:
        return next((g.total for g in self.groups if g.is_sociaal_domein), None)

    @property
    def rows(self) -> list[Row]:
        return [row for group in self.groups for row in group.rows]

    @property
    def has_realisatie(self) -> bool:
        return any(s.selection.realisatie for s in self.sources)

    @property
    def realisatie_definitief(self) -> bool:
        return bool(self.sources) and all(
            s.selection.realisatie_is_definitief for s in self.sources if s.selection.realisatie
        )

    @property
    def has_prognose(self) -> bool:
        return any(s.selection.prognose for s in self.sources)

    @property
    def is_empty(self) -> bool:
        return not self.rows and self.zonder_taakveld is None


def _row_for(taakveld: Taakveld, year: int | None) -> Row:
    return Row(code=taakveld.code, label=taakveld.label_in(year), taakveld=taakveld)


def _grouped(
    rows: dict[int, Row], taakvelden: dict[int, Taakveld], year: int | None, sociaal_domein_only
) -> tuple[list[Group], Row]:
    by_code = {t.code: t for t in taakvelden.values()}
    groups: dict[str, Group] = {}
    total = Row(code="", label=_("Totaal"), kind="totaal")
    for taakveld_id in sorted(rows, key=lambda pk: taakvelden[pk].order):
        row = rows[taakveld_id]
        if not row.has_amounts:
            continue
        head_code = taakvelden[taakveld_id].hoofdtaakveld_code
        if sociaal_domein_only and head_code != SOCIAAL_DOMEIN:
            continue
        group = groups.get(head_code)
        if group is None:
            head = by_code[head_code]
            group = groups[head_code] = Group(
                hoofdtaakveld=head,
                rows=[],
                total=Row(
                    code=head.code,
                    label=_("Totaal %(name)s") % {"name": head.label_in(year)},
                    kind="hoofdtaakveld",
                    taakveld=head,
                ),
            )
        group.rows.append(row)
        group.total.add(row)
        total.add(row)
    ordered = sorted(groups.values(), key=lambda g: g.hoofdtaakveld.order)
    return ordered, total


def _fill(row: Row, selection: Selection, sums: dict[int, dict[int, Amounts]], key):
    """Add one owner's selected versions to ``row`` for the taakvelden ``key`` matches."""

    def total_of(version):
        if version is None:
            return None
        found = [a for tv, a in sums.get(version.pk, {}).items() if key(tv)]
        return sum(found, Amounts()) if found else Amounts()

    primitief = total_of(selection.primitief)
    wijzigingen = None
    for version in selection.wijzigingen:
        wijzigingen = add(wijzigingen, total_of(version))
    actueel = add(primitief, wijzigingen)
    row.add(
        Row(
            code=row.code,
            label=row.label,
            primitief=primitief,
            wijzigingen=wijzigingen,
            actueel=actueel,
            realisatie=total_of(selection.realisatie),
            prognose=total_of(selection.prognose),
        )
    )


def overview(
    area: Organisation,
    year: int,
    peildatum: date | None = None,
    sociaal_domein_only: bool = False,
    taakvelden: dict[int, Taakveld] | None = None,
) -> Overview:
    """Begroot vs realisatie per taakveld for a gemeente, a regio (its gemeenten summed) or a
    supplier, from approved versions only."""
    taakvelden = taakvelden if taakvelden is not None else all_taakvelden()
    owner_ids = owners_of(area)
    versions = approved_versions(owner_ids, [year])
    by_owner: dict[int, list[BudgetVersion]] = defaultdict(list)
    owners: dict[int, Organisation] = {}
    for version in versions:
        by_owner[version.owner_id].append(version)
        owners[version.owner_id] = version.owner
    selections = {owner_id: select(vs, peildatum) for owner_id, vs in by_owner.items()}
    sums = line_sums(v.pk for s in selections.values() for v in s.versions)
    used = {tv for s in selections.values() for v in s.versions for tv in sums.get(v.pk, {})}
    rows: dict[int, Row] = {}
    for taakveld_id in used - {None}:
        row = rows[taakveld_id] = _row_for(taakvelden[taakveld_id], year)
        for selection in selections.values():
            _fill(row, selection, sums, lambda tv, wanted=taakveld_id: tv == wanted)
    groups, total = _grouped(rows, taakvelden, year, sociaal_domein_only)
    zonder = None
    if None in used:
        zonder = zonder_taakveld_row()
        for selection in selections.values():
            _fill(zonder, selection, sums, lambda tv: tv is None)
        if not sociaal_domein_only:
            total.add(zonder)
    sources = [
        Source(owners[owner_id], selections[owner_id])
        for owner_id in sorted(selections, key=lambda pk: owners[pk].name)
    ]
    member_names = (
        {g.pk: g for g in area.gemeenten.all()} if area.kind == OrganisationKind.REGIO else {}
    )
    missing = [
        member_names.get(owner_id) or area
        for owner_id in owner_ids
        if not (selections.get(owner_id) and selections[owner_id].primitief)
    ]
    return Overview(
        area=area,
        year=year,
        peildatum=peildatum,
        groups=groups,
        total=total,
        sources=sources,
        missing=sorted(missing, key=lambda o: o.name),
        zonder_taakveld=zonder,
    )


def zonder_taakveld_row() -> Row:
    return Row(code="", label=str(ZONDER_TAAKVELD_LABEL), kind="zonder_taakveld")


# ── series over years ────────────────────────────────────────────────────────────────────────
@dataclass
class SeriesRow:
    code: str
    label: str
    note: str
    per_year: dict[int, Row]
    kind: str = "taakveld"


@dataclass
class SeriesGroup:
    hoofdtaakveld: Taakveld
    rows: list[SeriesRow]
    total: SeriesRow


@dataclass
class Series:
    area: Organisation
    years: list[int]
    groups: list[SeriesGroup]
    total: SeriesRow
    zonder_taakveld: SeriesRow | None = None  # lines before 2017 without taakveld

    @property
    def sociaal_domein(self) -> SeriesRow | None:
        return next((g.total for g in self.groups if g.hoofdtaakveld.code == SOCIAAL_DOMEIN), None)

    @property
    def is_empty(self) -> bool:
        return not self.groups and self.zonder_taakveld is None

    def years_with_data(self, row: "SeriesRow", measure: str = "lasten") -> list[int]:
        """The years in which ``row`` has an actuele begroting or a realisatie: a chart draws
        only those (an empty year would read as zero)."""
        return [
            year
            for year in self.years
            if (cell := row.per_year.get(year)) is not None
            and (
                cell.value("actueel", measure) is not None
                or cell.value("realisatie", measure) is not None
            )
        ]


def series(
    area: Organisation,
    years: list[int],
    sociaal_domein_only: bool = False,
    taakvelden: dict[int, Taakveld] | None = None,
    peildatum: date | None = None,
) -> Series:
    """Actuele begroting and realisatie per year side by side (everything approved counts, or
    what was known on ``peildatum``).

    Taakvelden that replaced an old code count under that old code, so a row reads the same
    money before and after the split; the note says which codes it holds from which year."""
    taakvelden = taakvelden if taakvelden is not None else all_taakvelden()
    years = sorted(set(years))
    owner_ids = owners_of(area)
    versions = approved_versions(owner_ids, years)
    grouped: dict[tuple[int, int], list[BudgetVersion]] = defaultdict(list)
    for version in versions:
        grouped[(version.owner_id, version.year)].append(version)
    selections = {key: select(vs, peildatum) for key, vs in grouped.items()}
    sums = line_sums(v.pk for s in selections.values() for v in s.versions)
    series_of = {pk: t.series_id for pk, t in taakvelden.items()}
    series_of[None] = None  # lines without taakveld (before 2017)
    used: set[int] = set()
    for selection in selections.values():
        for version in selection.versions:
            used |= {series_of[tv] for tv in sums.get(version.pk, {})}
    successors: dict[int, list[Taakveld]] = defaultdict(list)
    for t in taakvelden.values():
        if t.predecessor_id:
            successors[t.predecessor_id].append(t)

    rows: list[SeriesRow] = []
    for series_id in sorted(used - {None}, key=lambda pk: taakvelden[pk].order):
        head = taakvelden[series_id]
        per_year = {}
        for year in years:
            row = _row_for(head, year)
            for (_owner, y), selection in selections.items():
                if y == year:
                    _fill(row, selection, sums, lambda tv, s=series_id: series_of[tv] == s)
            per_year[year] = row
        note = ""
        if successors.get(series_id):
            codes = [t.code for t in successors[series_id]]
            note = _("vanaf %(year)d: %(codes)s") % {
                "year": min(t.valid_from or 0 for t in successors[series_id]),
                "codes": ", ".join(codes),
            }
        rows.append(
            SeriesRow(
                code=head.code,
                label=head.label_in(years[-1] if years else None),
                note=note,
                per_year=per_year,
            )
        )

    by_code = {t.code: t for t in taakvelden.values()}
    groups: dict[str, SeriesGroup] = {}
    total = SeriesRow(
        code="",
        label=_("Totaal"),
        note="",
        kind="totaal",
        per_year={y: Row(code="", label="", kind="totaal") for y in years},
    )
    for row in rows:
        head_code = row.code.split(".", 1)[0]
        if sociaal_domein_only and head_code != SOCIAAL_DOMEIN:
            continue
        group = groups.get(head_code)
        if group is None:
            head = by_code[head_code]
            group = groups[head_code] = SeriesGroup(
                hoofdtaakveld=head,
                rows=[],
                total=SeriesRow(
                    code=head.code,
                    label=_("Totaal %(name)s") % {"name": head.label_in(None)},
                    note="",
                    kind="hoofdtaakveld",
                    per_year={
                        y: Row(code=head.code, label="", kind="hoofdtaakveld") for y in years
                    },
                ),
            )
        group.rows.append(row)
        for year in years:
            group.total.per_year[year].add(row.per_year[year])
            total.per_year[year].add(row.per_year[year])
    zonder = None
    if None in used:
        zonder = SeriesRow(
            code="",
            label=str(ZONDER_TAAKVELD_LABEL),
            note=str(ZONDER_TAAKVELD_NOTE),
            kind="zonder_taakveld",
            per_year={},
        )
        for year in years:
            row = zonder.per_year[year] = zonder_taakveld_row()
            for (_owner, y), selection in selections.items():
                if y == year:
                    _fill(row, selection, sums, lambda tv: tv is None)
            if not sociaal_domein_only:
                total.per_year[year].add(row)
    return Series(
        area=area,
        years=years,
        groups=sorted(groups.values(), key=lambda g: g.hoofdtaakveld.order),
        total=total,
        zonder_taakveld=zonder,
    )


def years_with_versions(owner_ids: Iterable[int]) -> list[int]:
    return sorted(
        set(
            BudgetVersion.objects.filter(
                owner_id__in=list(owner_ids), status=BudgetStatus.GOEDGEKEURD
            ).values_list("year", flat=True)
        )
    )
