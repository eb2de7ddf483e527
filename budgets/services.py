"""Operations on budget versions that span several models: creating a version, saving its lines
(the one path the grid, the import, the API and the demo all take), cost-per-unit figures and the
"Wat heeft het gekost?" section of a report.

Amounts are parsed like figures are typed (Dutch ``1.234.567,89`` or plain ``1234567.89``, see
:func:`indicators.quality.validation.normalise_number`); they may be negative (a begrotingswijziging
lowers a budget, a correction lowers baten) and hold at most two decimals (cents).
"""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from core.text import toelichting_problem
from indicators.models import PeriodType, SubmissionStatus, Thema, Value
from indicators.quality.validation import normalise_number
from organisations.access import Access
from organisations.models import Organisation, OrganisationKind

from . import figures
from .models import (
    NEEDS_DATE,
    TAAKVELDEN_FROM,
    Basis,
    Bedrag,
    BudgetLine,
    BudgetVersion,
    KostenPerEenheid,
    Product,
    Programma,
    Soort,
    Taakveld,
)
from .workflow import is_opsteller, may_create_for

ZERO = Decimal("0")
MAX_AMOUNT = Decimal(10) ** 14
LineKey = tuple[int, int | None, int | None]  # (taakveld, programma, product)


class NotEditable(Exception):
    """Amounts are changed on a version that is not (or no longer) editable by this user."""


class VersionRefused(Exception):
    """A version cannot be created or changed like this; the message is Dutch."""


class InvalidLines(Exception):
    """Some lines cannot be saved; ``errors`` maps the position of each input to a message.
    Nothing is saved when this is raised."""

    def __init__(self, errors: dict[int, str]):
        super().__init__("; ".join(errors.values()))
        self.errors = errors


# ── parsing ──────────────────────────────────────────────────────────────────────────────────
def parse_amount(raw) -> tuple[Decimal | None, str]:
    """Return (amount, error). Empty input is (None, "") — nothing entered, not wrong."""
    if raw is None:
        return None, ""
    if isinstance(raw, bool):
        return None, _("'%(raw)s' is geen bedrag.") % {"raw": raw}
    if isinstance(raw, int | Decimal):
        number = Decimal(raw)
    elif isinstance(raw, float):
        # As a spreadsheet shows it: 15 significant digits, so 0.1 + 0.2 is 0,3.
        number = Decimal(format(raw, ".15g"))
    else:
        text = str(raw).strip()
        if not text:
            return None, ""
        try:
            number = Decimal(normalise_number(text))
        except InvalidOperation:
            return None, _("'%(raw)s' is geen bedrag.") % {"raw": text}
    if not number.is_finite():
        return None, _("'%(raw)s' is geen bedrag.") % {"raw": raw}
    if abs(number) >= MAX_AMOUNT:
        return None, _("Dit bedrag is te groot.")
    if number != number.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP):
        return None, _("Gebruik hoogstens twee decimalen (centen).")
    return number.quantize(Decimal("0.01")), ""


# ── versions ─────────────────────────────────────────────────────────────────────────────────
def default_name(soort: str, year: int) -> str:
    return {
        Soort.PRIMITIEF: _("Primitieve begroting %(year)d"),
        Soort.WIJZIGING: _("Begrotingswijziging %(year)d"),
        Soort.TUSSENTIJDS: _("Realisatie %(year)d tot en met peildatum"),
        Soort.PROGNOSE: _("Prognose %(year)d"),
        Soort.REALISATIE: _("Jaarrekening %(year)d"),
    }[soort] % {"year": year}


def check_version_fields(owner, year: int, soort: str, datum: date | None, exclude_pk=None):
    if soort in NEEDS_DATE and datum is None:
        raise VersionRefused(
            _("Een %(soort)s heeft een datum nodig.") % {"soort": Soort(soort).label.lower()}
        )
    if not 1990 <= year <= 2100:
        raise VersionRefused(_("Kies een begrotingsjaar tussen 1990 en 2100."))
    if soort in {Soort.PRIMITIEF, Soort.REALISATIE}:
        clash = BudgetVersion.objects.filter(owner=owner, year=year, soort=soort)
        if exclude_pk:
            clash = clash.exclude(pk=exclude_pk)
        if clash.exists():
            raise VersionRefused(
                _("%(owner)s heeft al een %(soort)s voor %(year)d; wijzig die of heropen haar.")
                % {"owner": owner.name, "soort": Soort(soort).label.lower(), "year": year}
            )


def create_version(
    owner: Organisation,
    year: int,
    soort: str,
    user,
    name: str = "",
    datum: date | None = None,
    toelichting: str = "",
) -> BudgetVersion:
    """A new concept version; only an opsteller of ``owner`` may create one."""
    if not may_create_for(Access.for_user(user), owner):
        raise VersionRefused(
            _("U mag geen begroting opstellen voor %(owner)s.") % {"owner": owner.name}
        )
    check_version_fields(owner, year, soort, datum)
    try:
        with transaction.atomic():
            return BudgetVersion.objects.create(
                owner=owner,
                year=year,
                soort=soort,
                name=(name or "").strip() or default_name(soort, year),
                datum=datum,
                toelichting=(toelichting or "").strip(),
                created_by=user,
            )
    except IntegrityError as exc:  # a concurrent request created the same primitief/realisatie
        raise VersionRefused(_("Deze versie bestaat al.")) from exc


def update_version(version: BudgetVersion, user, **changes) -> BudgetVersion:
    """Change name, datum or toelichting of an editable version (opsteller only)."""
    with transaction.atomic():
        locked = locked_for_editing(version, user)
        datum = changes.get("datum", locked.datum)
        check_version_fields(locked.owner, locked.year, locked.soort, datum, exclude_pk=locked.pk)
        for name in ("name", "datum", "toelichting"):
            if name in changes:
                value = changes[name]
                setattr(locked, name, value.strip() if isinstance(value, str) else value)
        if not locked.name:
            locked.name = default_name(locked.soort, locked.year)
        locked.save(update_fields=["name", "datum", "toelichting", "updated_at"])
    version.refresh_from_db()
    return version


def locked_for_editing(version: BudgetVersion, user) -> BudgetVersion:
    locked = (
        BudgetVersion.objects.select_for_update(of=("self",))
        .select_related("owner")
        .get(pk=version.pk)
    )
    if not is_opsteller(Access.for_user(user), locked):
        raise NotEditable(_("U mag de bedragen van deze begrotingsversie niet wijzigen."))
    if not locked.is_editable:
        raise NotEditable(not_editable_message(locked))
    return locked


def not_editable_message(version: BudgetVersion) -> str:
    return _(
        "Deze begrotingsversie heeft status '%(status)s'. De bedragen kunnen alleen worden "
        "gewijzigd zolang de versie concept of teruggestuurd is."
    ) % {"status": version.get_status_display()}


# ── lines ────────────────────────────────────────────────────────────────────────────────────
@dataclass
class LineInput:
    # None only before 2017, on a programma (see ``BudgetLine``).
    taakveld_id: int | None
    programma_id: int | None = None
    product_id: int | None = None
    lasten: Decimal | None = None
    baten: Decimal | None = None
    thema_id: int | None = None
    uitvoerder_id: int | None = None
    toelichting: str = ""

    @property
    def key(self) -> LineKey:
        return (self.taakveld_id, self.programma_id, self.product_id)

    @property
    def is_empty(self) -> bool:
        """Nothing entered: the line is removed (or not created)."""
        return self.lasten is None and self.baten is None and not self.toelichting.strip()


@dataclass
class SaveResult:
    created: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0

    @property
    def changed(self) -> int:
        return self.created + self.updated + self.deleted


TRACKED = ("lasten", "baten", "thema_id", "uitvoerder_id", "toelichting")


def _without_taakveld_problem(version: BudgetVersion, line: LineInput) -> str:
    """A line without taakveld: only before 2017, and then on a programma."""
    if version.year >= TAAKVELDEN_FROM:
        return _("Vanaf de begroting %(year)d boekt u op een taakveld; vul het taakveld in.") % {
            "year": TAAKVELDEN_FROM
        }
    if not line.programma_id:
        return _("Een regel zonder taakveld (vóór %(year)d) staat op een programma of product.") % {
            "year": TAAKVELDEN_FROM
        }
    return ""


def _taakveld_problem(version: BudgetVersion, taakveld: Taakveld | None) -> str:
    if taakveld is None:
        return _("Onbekend taakveld.")
    if taakveld.is_hoofdtaakveld:
        return _("%(code)s is een hoofdtaakveld; boek op een taakveld daaronder.") % {
            "code": taakveld.code
        }
    if not taakveld.is_valid_in(version.year):
        return _("Taakveld %(code)s geldt niet in %(year)d (%(validity)s).") % {
            "code": taakveld.code,
            "year": version.year,
            "validity": taakveld.validity_text,
        }
    return ""


def validate_lines(version: BudgetVersion, inputs: list[LineInput]) -> dict[int, str]:
    """Errors per input position: unknown or (no longer) valid taakveld, a hoofdtaakveld, a
    programma/product of another organisation, a duplicate line."""
    taakvelden = Taakveld.objects.in_bulk({i.taakveld_id for i in inputs if i.taakveld_id})
    programmas = Programma.objects.filter(owner_id=version.owner_id).in_bulk()
    products = Product.objects.filter(programma__owner_id=version.owner_id).in_bulk()
    uitvoerders = set(
        Organisation.objects.uitvoerders()
        .filter(pk__in={i.uitvoerder_id for i in inputs if i.uitvoerder_id})
        .values_list("pk", flat=True)
    )
    themas = set(
        Thema.objects.filter(pk__in={i.thema_id for i in inputs if i.thema_id}).values_list(
            "pk", flat=True
        )
    )
    errors: dict[int, str] = {}
    seen: dict[LineKey, int] = {}
    for position, line in enumerate(inputs):
        if line.product_id and line.product_id in products and not line.programma_id:
            line.programma_id = products[line.product_id].programma_id
        if line.taakveld_id is None:
            problem = _without_taakveld_problem(version, line)
        else:
            problem = _taakveld_problem(version, taakvelden.get(line.taakveld_id))
        if problem:
            errors[position] = problem
        elif line.programma_id and line.programma_id not in programmas:
            errors[position] = _("Dit programma hoort niet bij %(owner)s.") % {
                "owner": version.owner.name
            }
        elif line.product_id and (
            line.product_id not in products
            or products[line.product_id].programma_id != line.programma_id
        ):
            errors[position] = _("Dit product hoort niet bij het programma.")
        elif line.uitvoerder_id and line.uitvoerder_id not in uitvoerders:
            errors[position] = _("Onbekende uitvoeringsorganisatie.")
        elif line.thema_id and line.thema_id not in themas:
            errors[position] = _("Onbekend maatschappelijk resultaat.")
        elif problem := toelichting_problem(line.toelichting):
            errors[position] = problem
        elif line.key in seen:
            errors[position] = _("Deze regel staat er twee keer in (ook op regel %(n)d).") % {
                "n": seen[line.key] + 1
            }
        else:
            seen[line.key] = position
    return errors


def save_lines(
    version: BudgetVersion, user, inputs: list[LineInput], reason: str = "", replace=False
) -> SaveResult:
    """Store the lines of a version, all or nothing. Only the opsteller, only while concept or
    teruggestuurd. An empty input removes its line; ``replace`` also removes every line that is
    not in ``inputs``. Each changed amount is kept in the history with user and reason."""
    result = SaveResult()
    with transaction.atomic():
        locked = locked_for_editing(version, user)
        errors = validate_lines(locked, inputs)
        if errors:
            raise InvalidLines(errors)
        existing = {line.key: line for line in locked.lines.all()}
        to_create, to_update, to_delete = [], [], []
        for line in inputs:
            current = existing.get(line.key)
            if line.is_empty:
                if current is not None:
                    to_delete.append(current)
                continue
            values = {
                "lasten": line.lasten if line.lasten is not None else ZERO,
                "baten": line.baten if line.baten is not None else ZERO,
                "thema_id": line.thema_id,
                "uitvoerder_id": line.uitvoerder_id,
                "toelichting": line.toelichting.strip(),
            }
            if current is None:
                to_create.append(
                    BudgetLine(
                        version=locked,
                        taakveld_id=line.taakveld_id,
                        programma_id=line.programma_id,
                        product_id=line.product_id,
                        updated_by=user,
                        **values,
                    )
                )
            elif any(getattr(current, name) != value for name, value in values.items()):
                for name, value in values.items():
                    setattr(current, name, value)
                current.updated_by = user
                to_update.append(current)
            else:
                result.unchanged += 1
        if replace:
            wanted = {line.key for line in inputs}
            to_delete.extend(line for key, line in existing.items() if key not in wanted)
        reason = reason[:100]
        if to_create:
            bulk_create_with_history(
                to_create, BudgetLine, default_user=user, default_change_reason=reason
            )
        if to_update:
            bulk_update_with_history(
                to_update,
                BudgetLine,
                [*TRACKED, "updated_by"],
                default_user=user,
                default_change_reason=reason,
            )
        for line in to_delete:
            line._history_user = user
            line._change_reason = reason
            line.delete()
        result.created, result.updated, result.deleted = (
            len(to_create),
            len(to_update),
            len(to_delete),
        )
        if result.changed:
            BudgetVersion.objects.filter(pk=locked.pk).update(updated_at=timezone.now())
    return result


# ── cost per unit ────────────────────────────────────────────────────────────────────────────
def kosten_per_eenheid(lines, value: Value | None, bedrag: str = Bedrag.LASTEN) -> Decimal | None:
    """The amount of ``lines`` divided by an approved figure, in euros with cents (half up).

    ``lines``: a BudgetLine queryset or an iterable of lines (the selection: which taakvelden,
    from which versions). ``bedrag``: lasten, or netto lasten (lasten − baten). None when the
    figure is missing, not approved, or zero (dividing by zero has no meaning here)."""
    if value is None or value.value is None or value.value == 0:
        return None
    if value.submission.status != SubmissionStatus.GOEDGEKEURD:
        return None
    amount = selection_amount(lines, bedrag)
    return (amount / value.value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def selection_amount(lines, bedrag: str = Bedrag.LASTEN) -> Decimal:
    """Lasten (or lasten − baten) of a selection of lines, summed exactly in Decimal."""
    if hasattr(lines, "values_list"):
        pairs = list(lines.values_list("lasten", "baten"))
    else:
        pairs = [(line.lasten, line.baten) for line in lines]
    lasten = sum((pair[0] for pair in pairs), ZERO)
    baten = sum((pair[1] for pair in pairs), ZERO)
    return lasten - baten if bedrag == Bedrag.NETTO else lasten


def figure_for(config: KostenPerEenheid, area: Organisation, year: int) -> Value | None:
    """The approved figure about ``area`` itself in ``year``: the year figure if there is one,
    otherwise the one of the latest period ending in that year."""
    values = (
        Value.objects.approved()
        .filter(
            indicator_id=config.indicator_id,
            doelgroep_id=config.doelgroep_id,
            area=area,
            submission__period__year=year,
        )
        .select_related("submission__period", "indicator")
    )
    return max(
        values,
        key=lambda v: (
            v.submission.period.type == PeriodType.JAAR,
            v.submission.period.end,
            v.submission.reviewed_at or v.submission.updated_at,
        ),
        default=None,
    )


def selected_lines(config: KostenPerEenheid, selections: list[figures.Selection]):
    """The lines that make up the numerator: the config's taakvelden and their successors, from
    the realisatie (or the primitieve begroting plus wijzigingen) of each owner."""
    versions = []
    for selection in selections:
        if config.basis == Basis.REALISATIE:
            versions += [selection.realisatie] if selection.realisatie else []
        else:
            versions += [v for v in [selection.primitief, *selection.wijzigingen] if v]
    taakveld_ids = [t.pk for t in config.taakvelden.all()]
    return BudgetLine.objects.filter(
        Q(taakveld_id__in=taakveld_ids) | Q(taakveld__predecessor_id__in=taakveld_ids),
        version_id__in=[v.pk for v in versions],
    )


@dataclass
class UnitCost:
    config: KostenPerEenheid
    value: Value | None
    amount: Decimal | None  # the numerator
    result: Decimal | None

    @property
    def period_label(self) -> str:
        return self.value.submission.period.label if self.value else ""


def unit_costs(overview: figures.Overview) -> list[UnitCost]:
    """Every configured cost-per-unit figure for the area and year of ``overview``."""
    result = []
    selections = [source.selection for source in overview.sources]
    configs = KostenPerEenheid.objects.select_related("indicator", "doelgroep").prefetch_related(
        "taakvelden"
    )
    for config in configs:
        has_versions = any(
            (s.realisatie if config.basis == Basis.REALISATIE else s.primitief) for s in selections
        )
        lines = selected_lines(config, selections)
        value = figure_for(config, overview.area, overview.year)
        amount = selection_amount(lines, config.bedrag) if has_versions else None
        result.append(
            UnitCost(
                config=config,
                value=value,
                amount=amount,
                result=kosten_per_eenheid(lines, value, config.bedrag) if has_versions else None,
            )
        )
    return result


# ── the report section ───────────────────────────────────────────────────────────────────────
SERIES_YEARS = 5


@dataclass
class ReportCosts:
    """'Wat heeft het gekost?' for a report: the sociaal domein of one gemeente, approved
    versions only, as known at the end of the report's period, plus five years side by side.
    Amounts × € 1.000, totals from unrounded amounts."""

    overview: figures.Overview
    series: figures.Series
    eenheid: str = figures.Eenheid.DUIZEND

    @property
    def is_empty(self) -> bool:
        return self.overview.is_empty and self.series.is_empty

    @property
    def chart_years(self) -> list[int]:
        """The years the chart draws, and its data table lists: those with figures."""
        row = self.series.sociaal_domein or self.series.total
        return [] if self.series.is_empty else self.series.years_with_data(row)

    @property
    def summary(self) -> list[tuple[str, str]]:
        return [
            ("lasten", _("Lasten")),
            ("baten", _("Baten")),
            ("saldo", _("Saldo (baten − lasten)")),
        ]


def report_costs(gemeente: Organisation, period) -> ReportCosts:
    taakvelden = figures.all_taakvelden()
    peildatum = period.end
    overview = figures.overview(
        gemeente, period.year, peildatum, sociaal_domein_only=True, taakvelden=taakvelden
    )
    years = list(range(period.year - SERIES_YEARS + 1, period.year + 1))
    series = figures.series(
        gemeente, years, sociaal_domein_only=True, taakvelden=taakvelden, peildatum=peildatum
    )
    return ReportCosts(overview=overview, series=series)


def owner_choices(user):
    """Organisations whose figures the user may look at: gemeenten, suppliers, and regio's whose
    member gemeenten the user may all see (a regio's figures are their sum)."""
    from .models import visible_owner_ids

    access = Access.for_user(user)
    ids = visible_owner_ids(access)
    queryset = Organisation.objects.filter(
        kind__in=[OrganisationKind.GEMEENTE, OrganisationKind.REGIO, OrganisationKind.UITVOERDER]
    )
    if ids is None:
        return queryset.order_by("kind", "name")
    regio_ids = [
        regio.pk
        for regio in Organisation.objects.regios()
        .filter(pk__in=access.beleid_area_ids)
        .prefetch_related("gemeenten")
        if {g.pk for g in regio.gemeenten.all()} <= access.beleid_gemeente_ids
    ]
    return queryset.filter(Q(pk__in=ids) | Q(pk__in=regio_ids)).order_by("kind", "name")
