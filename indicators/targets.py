"""Streefwaarden (targets) and trend judgements.

- A target is looked up for an indicator, a gemeente or regio, a doelgroep (None: the total) and a
  year. The most specific scope wins: the area itself (gemeente) > a regio it belongs to > the
  supplier that delivers the indicator; among those, the target that started most recently.
- The trend proposal follows from the desired direction (``Indicator.richting``) and the relative
  change against the base period, with ``Indicator.trend_threshold_pct``: smaller changes are
  "gelijk". Ontwikkelindicatoren and indicators without a desired direction are never judged.
- The beleidsmedewerker confirms or overrules the proposal
  (:func:`indicators.overview.judgement.record_judgement`).
"""

from collections import defaultdict
from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q

from indicators.quality.validation import format_value

from .models import Oordeel, Richting, Streefwaarde, Vergelijking

# --- targets -------------------------------------------------------------------------------------


def _applies_in(streefwaarde: Streefwaarde, year: int) -> bool:
    return streefwaarde.year_from <= year and (
        streefwaarde.year_to is None or year <= streefwaarde.year_to
    )


class TargetBook:
    """The targets of one year, loaded in one query, looked up per indicator × area × doelgroep."""

    def __init__(
        self,
        streefwaarden: Iterable[Streefwaarde],
        year: int,
        regios_of: Mapping[int, Iterable[int]] | None = None,
    ):
        self.year = year
        self.regios_of = {area: set(regios) for area, regios in (regios_of or {}).items()}
        self.by_indicator: dict[int, list[Streefwaarde]] = defaultdict(list)
        for streefwaarde in streefwaarden:
            if _applies_in(streefwaarde, year):
                self.by_indicator[streefwaarde.indicator_id].append(streefwaarde)

    @classmethod
    def load(cls, year: int, indicator_ids=None, regios_of=None, scope_ids=None) -> "TargetBook":
        """``scope_ids``: only targets for these gemeenten/regio's/suppliers (None: all), so a
        gemeente's overview does not load every other regio's targets."""
        targets = Streefwaarde.objects.filter(year_from__lte=year).filter(
            Q(year_to__isnull=True) | Q(year_to__gte=year)
        )
        if indicator_ids is not None:
            targets = targets.filter(indicator_id__in=sorted(indicator_ids))
        if scope_ids is not None:
            targets = targets.filter(scope_id__in=sorted(scope_ids))
        return cls(targets, year, regios_of)

    def lookup(self, indicator, area_id: int, doelgroep_id: int | None = None):
        best, best_rank = None, None
        for streefwaarde in self.by_indicator.get(indicator.pk, ()):
            if streefwaarde.doelgroep_id != doelgroep_id:
                continue
            if streefwaarde.scope_id == area_id:
                scope_rank = 0
            elif streefwaarde.scope_id in self.regios_of.get(area_id, ()):
                scope_rank = 1
            elif indicator.uitvoerder_id and streefwaarde.scope_id == indicator.uitvoerder_id:
                scope_rank = 2
            else:
                continue
            rank = (scope_rank, -streefwaarde.year_from, -streefwaarde.pk)
            if best_rank is None or rank < best_rank:
                best, best_rank = streefwaarde, rank
        return best


def target_for(indicator, area, year: int, doelgroep=None):
    """The target of one indicator for one gemeente or regio and year (None: there is none)."""
    regio_ids = []
    if area.is_gemeente:
        regio_ids = list(area.groepen.regios().values_list("pk", flat=True))
    book = TargetBook.load(year, [indicator.pk], {area.pk: regio_ids})
    return book.lookup(indicator, area.pk, getattr(doelgroep, "pk", doelgroep))


def target_text(streefwaarde: Streefwaarde | None, indicator) -> str:
    """ "minimaal 7,5" in the indicator's notation; "" without a target."""
    if streefwaarde is None:
        return ""
    return f"{streefwaarde.get_comparison_display()} {format_value(streefwaarde.value, indicator)}"


def is_met(value: Decimal | None, streefwaarde, decimals: int = 0) -> bool | None:
    """Whether a value meets its target, compared as shown (rounded to the indicator's decimals).
    None when there is no value or no target."""
    if value is None or streefwaarde is None:
        return None
    step = Decimal(1).scaleb(-decimals)
    shown = value.quantize(step, rounding=ROUND_HALF_UP)
    target = streefwaarde.value
    if streefwaarde.comparison == Vergelijking.MINIMAAL:
        return shown >= target
    if streefwaarde.comparison == Vergelijking.MAXIMAAL:
        return shown <= target
    return shown == target.quantize(step, rounding=ROUND_HALF_UP)


# --- trends --------------------------------------------------------------------------------------


def is_judged(indicator) -> bool:
    return not indicator.is_ontwikkelindicator and indicator.richting != Richting.GEEN


def trend_proposal(indicator, current: Decimal | None, base: Decimal | None) -> str:
    """ "positief" (voorzichtig positief), "negatief", "gelijk" or "geen" (not judged / no data)."""
    if not is_judged(indicator) or current is None or base is None:
        return Oordeel.GEEN
    if base == 0:
        if current == 0:
            return Oordeel.GELIJK
        rising = current > 0
    else:
        change = (current - base) / abs(base) * 100
        if abs(change) < Decimal(indicator.trend_threshold_pct):
            return Oordeel.GELIJK
        rising = change > 0
    better = rising == (indicator.richting == Richting.HOGER)
    return Oordeel.POSITIEF if better else Oordeel.NEGATIEF
