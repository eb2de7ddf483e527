"""Who sees which figures, and the overview of one gemeente: every approved figure per thema →
indicator → doelgroep with regional totals, targets, trend and judgements."""

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils.translation import gettext as _

from indicators.quality.validation import format_value
from organisations.access import Access
from organisations.models import Doelgroep, Organisation

from ..models import (
    Aggregatie,
    Indicator,
    Oordeel,
    Period,
    Richting,
    TrendOordeel,
)
from .aggregate import Figures
from .catalogue import Catalogue, Key
from .reading import compute


def gemeenten_visible_to(user):
    """Gemeenten whose figures a user may see: beleid its own, a supplier those it serves (its own
    indicators only, see :func:`uitvoerders_visible_for`), a beheerder all."""
    access = Access.for_user(user)
    gemeenten = Organisation.objects.gemeenten()
    if access.is_beheerder:
        return gemeenten
    condition = Q(pk__in=sorted(access.beleid_gemeente_ids))
    if access.uitvoerder_ids:
        condition |= Q(groepen__in=sorted(access.uitvoerder_ids))
    return gemeenten.filter(condition).distinct()


def uitvoerders_visible_for(user, gemeente) -> set[int] | None:
    """None: every indicator of the gemeente is visible; otherwise only the indicators of these
    suppliers (a supplier's own, for a gemeente it serves)."""
    if user is None:
        return None
    access = Access.for_user(user)
    if access.is_beheerder or gemeente.pk in access.beleid_gemeente_ids:
        return None
    if not access.uitvoerder_ids:
        return set()
    return set(
        gemeente.groepen.filter(pk__in=sorted(access.uitvoerder_ids)).values_list("pk", flat=True)
    )


def may_judge(user, gemeente) -> bool:
    """A trend is judged by a beleidsmedewerker of the gemeente (or a beheerder)."""
    if user is None or gemeente is None or not gemeente.is_gemeente:
        return False
    access = Access.for_user(user)
    return access.is_beheerder or gemeente.pk in access.beleid_gemeente_ids


def missing_names(*incomplete: Mapping[Key, tuple[Key, ...]]) -> tuple[dict, dict]:
    """(doelgroep pk → name, area pk → name) for every missing part in these ``incomplete``
    maps (see ``Figures.incomplete``). Two queries at most."""
    doelgroep_ids, area_ids = set(), set()
    for found in incomplete:
        for key, parts in found.items():
            area_ids.add(key[1])
            for _indicator, area_id, doelgroep_id in parts:
                area_ids.add(area_id)
                if doelgroep_id is not None:
                    doelgroep_ids.add(doelgroep_id)
    doelgroepen = (
        dict(Doelgroep.objects.filter(pk__in=sorted(doelgroep_ids)).values_list("pk", "name"))
        if doelgroep_ids
        else {}
    )
    areas = (
        dict(Organisation.objects.filter(pk__in=sorted(area_ids)).values_list("pk", "name"))
        if area_ids
        else {}
    )
    return doelgroepen, areas


def missing_text(key: Key, parts: Iterable[Key], names: tuple[dict, dict]) -> str:
    """What an incomplete total lacks, in words: "Wsw, Nieuw beschut werk" (doelgroepen of the
    same area), "Veere" (a gemeente of a regio) or "Wsw (Veere)"."""
    doelgroepen, areas = names
    words = []
    for _indicator, area_id, doelgroep_id in parts:
        doelgroep = doelgroepen.get(doelgroep_id, "") if doelgroep_id is not None else ""
        area = areas.get(area_id, "") if area_id != key[1] else ""
        if doelgroep and area:
            words.append(f"{doelgroep} ({area})")
        else:
            words.append(doelgroep or area)
    return ", ".join(dict.fromkeys(w for w in words if w))


def incomplete_text(missing: str) -> str:
    """The text an output shows instead of an incomplete total."""
    if not missing:
        return _("onvolledig")
    return _("onvolledig, ontbreekt: %(missing)s") % {"missing": missing}


def change_percentage(current: Decimal | None, base: Decimal | None) -> Decimal | None:
    if current is None or base is None or base == 0:
        return None
    return (current - base) / abs(base) * 100


def _text(value, indicator) -> str:
    return format_value(value, indicator) if value is not None else ""


@dataclass
class OverviewRow:
    """One indicator × doelgroep (or the total) of a gemeente, with everything to judge it."""

    indicator: Indicator
    doelgroep: Doelgroep | None
    is_total: bool
    value: Decimal | None
    area: Organisation | None  # where the figure comes from: the gemeente, or a regio
    regio_values: list[Decimal | None]
    base_value: Decimal | None
    derived: bool = False
    provisional: bool = False
    # An incomplete total: no value, and what is missing (see Figures.incomplete).
    incomplete: bool = False
    missing_text: str = ""
    streefwaarde: object = None  # Streefwaarde | None
    target_met: bool | None = None
    proposal: str = Oordeel.GEEN
    judgement: TrendOordeel | None = None
    form: object = None  # the judgement form, attached by the web view

    @property
    def label(self) -> str:
        if self.is_total:
            return _("Totaal")
        if self.doelgroep is not None:
            return self.doelgroep.name
        return _("Alle doelgroepen")

    @property
    def doelgroep_code(self) -> str | None:
        return self.doelgroep.code if self.doelgroep else None

    @property
    def anchor(self) -> str:
        return f"rij-{self.indicator.pk}-{self.doelgroep.pk if self.doelgroep else 'totaal'}"

    @property
    def text(self) -> str:
        if self.incomplete:
            return incomplete_text(self.missing_text)
        return _text(self.value, self.indicator)

    @property
    def regio_texts(self) -> list[str]:
        return [_text(v, self.indicator) for v in self.regio_values]

    @property
    def base_text(self) -> str:
        return _text(self.base_value, self.indicator)

    @property
    def change(self) -> Decimal | None:
        return change_percentage(self.value, self.base_value)

    @property
    def change_text(self) -> str:
        change = self.change
        if change is None:
            return ""
        change = change.quantize(Decimal("0.1"))
        sign = "+" if change > 0 else ""
        return f"{sign}{change}".replace(".", ",") + " %"

    @property
    def from_regio(self) -> bool:
        return self.area is not None and self.area.is_regio

    @property
    def target_text(self) -> str:
        from ..targets import target_text

        return target_text(self.streefwaarde, self.indicator)

    @property
    def proposal_label(self) -> str:
        return str(Oordeel(self.proposal).label)

    @property
    def is_judgeable(self) -> bool:
        """A trend can be judged: the indicator has a desired direction and there is a figure."""
        return (
            self.value is not None
            and not self.indicator.is_ontwikkelindicator
            and self.indicator.richting != Richting.GEEN
        )


@dataclass
class IndicatorBlock:
    indicator: Indicator
    rows: list[OverviewRow]
    formula_text: str = ""  # the formula in words, for computed indicators
    aggregation: str = Aggregatie.GEEN

    @property
    def is_computed(self) -> bool:
        return self.indicator.is_computed


@dataclass
class ThemaBlock:
    thema: object
    indicators: list[IndicatorBlock]


@dataclass
class Overview:
    gemeente: Organisation
    period: Period
    base_period: Period | None
    regios: list[Organisation]
    themas: list[ThemaBlock]
    can_judge: bool = False
    # Every thema with figures, in order, and the one chosen (None: all are in ``themas``).
    thema_choices: list = field(default_factory=list)
    chosen_thema: object = None

    @property
    def rows(self) -> list[OverviewRow]:
        return [row for t in self.themas for block in t.indicators for row in block.rows]

    @property
    def column_count(self) -> int:
        """Indicator/doelgroep, gemeente, one per regio, base, change, target, trend, judgement."""
        return 7 + len(self.regios)


def _entered_total(figures: Figures, indicator, areas) -> bool:
    return any(
        (indicator.pk, area, None) in figures.values
        and (indicator.pk, area, None) not in figures.derived
        for area in areas
    )


def _gemeente_figure(figures: Figures, indicator_id, gemeente_id, regio_ids, doelgroep_id):
    """The gemeente's own figure, else the figure reported for (or totalled over) its regio."""
    for area_id in (gemeente_id, *regio_ids):
        value = figures.get(indicator_id, area_id, doelgroep_id)
        if value is not None:
            return value, area_id
    return None, None


def overview(
    gemeente: Organisation,
    period: Period,
    user=None,
    base_period: Period | None = None,
    catalogue: Catalogue | None = None,
    thema: str | None = None,
) -> Overview:
    """All approved figures of a gemeente for a period, per thema → indicator → doelgroep, with
    the totals over doelgroepen, the regional totals, computed indicators (with their formula in
    words), targets, the trend against the base period (default: the previous period of the same
    type) and the judgements recorded. ``user``: show only what they may see (None: everything).
    ``thema``: the rows of one thema only (its code; "" or unknown: the first with a trend to
    judge, else the first), the others listed in ``thema_choices``; None: every thema.
    A constant number of queries, whatever the number of indicators."""
    from ..targets import TargetBook, is_met, trend_proposal

    if user is not None and not gemeenten_visible_to(user).filter(pk=gemeente.pk).exists():
        raise PermissionDenied(_("U mag de cijfers van deze gemeente niet inzien."))
    uitvoerders = uitvoerders_visible_for(user, gemeente)
    base_period = base_period or period.previous()
    catalogue = catalogue or Catalogue.load()
    computed = compute([period, base_period], [gemeente.pk], catalogue, sum_in_sql=True)
    current = computed[period.pk]
    base = computed.get(base_period.pk) if base_period else None
    regio_ids = current.regios_of(gemeente.pk)
    areas = {gemeente.pk, *regio_ids}

    def visible(indicator):
        return uitvoerders is None or indicator.uitvoerder_id in uitvoerders

    # (indicator, doelgroep) pairs with a figure at the gemeente or its regio's, now or before.
    keys = defaultdict(set)
    for figures in (current, base):
        if figures is None:
            continue
        for indicator_id, area_id, doelgroep_id in (*figures.values, *figures.incomplete):
            if area_id in areas:
                keys[indicator_id].add(doelgroep_id)
    shown = [i for i in catalogue.indicators.values() if i.pk in keys and visible(i)]
    # ``thema``: only the rows of that thema (by code), else all. By default the first thema with
    # a trend to judge: the work of the page (population figures are context, not judged).
    choices = list({i.thema_id: i.thema for i in shown}.values())
    chosen = None
    if thema is not None and choices:
        judged = [i.thema for i in shown if i.richting != Richting.GEEN]
        chosen = next((t for t in choices if t.code == thema), (judged or choices)[0])
        shown = [i for i in shown if i.thema_id == chosen.pk]
    doelgroep_ids = {dg for i in shown for dg in keys[i.pk] if dg is not None}
    doelgroepen = {d.pk: d for d in Doelgroep.objects.filter(pk__in=sorted(doelgroep_ids))}
    regios = list(Organisation.objects.filter(pk__in=regio_ids).order_by("name"))
    area_objects = {gemeente.pk: gemeente, **{r.pk: r for r in regios}}
    # A target applies to the gemeente, one of its regio's or the supplier of the indicator.
    scopes = {gemeente.pk, *regio_ids} | {i.uitvoerder_id for i in shown if i.uitvoerder_id}
    targets = TargetBook.load(
        period.year, [i.pk for i in shown], regios_of={gemeente.pk: regio_ids}, scope_ids=scopes
    )
    judgements = {
        (j.indicator_id, j.doelgroep_id): j
        for j in TrendOordeel.objects.filter(area=gemeente, period=period).select_related(
            "decided_by"
        )
    }
    names = missing_names(current.incomplete) if current.incomplete else ({}, {})
    themas: dict[int, ThemaBlock] = {}
    for indicator in shown:
        present = keys[indicator.pk]
        split = sorted(
            (doelgroepen[dg] for dg in present if dg is not None),
            key=lambda d: (d.order, d.name, d.pk),
        )
        row_keys = [(d, False) for d in split]
        if not split:
            row_keys.append((None, False))
        elif None in present and (len(split) > 1 or _entered_total(current, indicator, areas)):
            row_keys.append((None, True))  # a total of one doelgroep would only repeat it
        rows = []
        for doelgroep, is_total in row_keys:
            dg = doelgroep.pk if doelgroep else None
            value, area_id = _gemeente_figure(current, indicator.pk, gemeente.pk, regio_ids, dg)
            base_value = None
            if base is not None:
                if area_id is not None:
                    base_value = base.get(indicator.pk, area_id, dg)
                else:
                    base_value, area_id = _gemeente_figure(
                        base, indicator.pk, gemeente.pk, regio_ids, dg
                    )
            if value is None:
                area_id = next(
                    (
                        a
                        for a in (gemeente.pk, *regio_ids)
                        if (indicator.pk, a, dg) in current.incomplete
                    ),
                    area_id,
                )
            key = (indicator.pk, area_id, dg)
            incomplete = value is None and key in current.incomplete
            streefwaarde = targets.lookup(indicator, area_id or gemeente.pk, dg)
            rows.append(
                OverviewRow(
                    indicator=indicator,
                    doelgroep=doelgroep,
                    is_total=is_total,
                    value=value,
                    area=area_objects.get(area_id),
                    regio_values=[current.get(indicator.pk, r.pk, dg) for r in regios],
                    base_value=base_value,
                    derived=key in current.derived,
                    provisional=key in current.provisional,
                    incomplete=incomplete,
                    missing_text=missing_text(key, current.incomplete[key], names)
                    if incomplete
                    else "",
                    streefwaarde=streefwaarde,
                    target_met=is_met(value, streefwaarde, indicator.decimals),
                    proposal=trend_proposal(indicator, value, base_value),
                    judgement=judgements.get((indicator.pk, dg)),
                )
            )
        block = IndicatorBlock(
            indicator=indicator,
            rows=rows,
            formula_text=catalogue.describe(indicator) if indicator.is_computed else "",
            aggregation=catalogue.aggregation[indicator.pk],
        )
        thema = themas.setdefault(indicator.thema_id, ThemaBlock(indicator.thema, []))
        thema.indicators.append(block)
    return Overview(
        gemeente=gemeente,
        period=period,
        base_period=base_period,
        regios=regios,
        themas=list(themas.values()),
        can_judge=may_judge(user, gemeente),
        thema_choices=choices,
        chosen_thema=chosen,
    )


def gemeente_trend(indicator, gemeente, period, base_period, doelgroep=None) -> str:
    """The trend proposal for one row of a gemeente's overview (used when a judgement is saved)."""
    from ..targets import trend_proposal

    computed = compute([period, base_period], [gemeente.pk], sum_in_sql=True)
    current = computed[period.pk]
    base = computed.get(base_period.pk) if base_period else None
    regio_ids = current.regios_of(gemeente.pk)
    dg = getattr(doelgroep, "pk", doelgroep)
    value, area_id = _gemeente_figure(current, indicator.pk, gemeente.pk, regio_ids, dg)
    base_value = None
    if base is not None:
        if area_id is not None:
            base_value = base.get(indicator.pk, area_id, dg)
        else:
            base_value, _area = _gemeente_figure(base, indicator.pk, gemeente.pk, regio_ids, dg)
    return trend_proposal(indicator, value, base_value)
