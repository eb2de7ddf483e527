"""The begroting chapter of a programma in the Deventer form: the BBV-beleidsindicatoren
(nummer, taakveld, naam, waarde, eenheid, bron), the multi-year exploitatie (lasten, baten, saldo
× € 1.000) with its toelichting, and the verbonden partijen.

The exploitatie is what the document states (``ExploitatieJaar``, e.g. a programma taken over
from another gemeente's document), else the approved budget of the kader's programma over the
years (:func:`beleidskader.lines.series`, which also reaches the years before the taakvelden of
2017). A BBV value is the approved figure of the indicator that delivers it for the kader's
gemeente, else the value the document states (said so). Pure: reads, writes nothing.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from indicators import engine
from indicators.quality.validation import format_value

from . import lines
from .models import Beleidskader, VerbondenPartij
from .voortgang import SECRET_TEXT, period_of

FROM_DOCUMENT = _("uit het document")
FROM_BUDGET = _("goedgekeurde begroting")
# The Deventer table: the year before the begroting and three years of meerjarenraming.
YEARS_BEFORE, YEARS_AFTER = 1, 3


@dataclass
class ExploitatieRow:
    year: int
    lasten: Decimal | None
    baten: Decimal | None

    @property
    def saldo(self) -> Decimal | None:
        if self.lasten is None or self.baten is None:
            return None
        return self.baten - self.lasten


@dataclass
class BBVRow:
    nummer: int | None
    taakveld: str
    name: str
    value: str
    eenheid: str
    source: str
    from_document: bool


@dataclass
class Begroting:
    kader: Beleidskader
    year: int
    exploitatie: list[ExploitatieRow] = field(default_factory=list)
    exploitatie_source: str = ""
    toelichting: str = ""
    verbonden_partijen: list[VerbondenPartij] = field(default_factory=list)
    bbv: list[BBVRow] = field(default_factory=list)
    zonder_taakveld_note: str = ""

    def __bool__(self) -> bool:
        return bool(self.exploitatie or self.verbonden_partijen or self.bbv)


def exploitatie_years(kader: Beleidskader) -> list[int]:
    last = max(kader.year_to or kader.year_from, kader.year_from + YEARS_AFTER)
    return list(range(kader.year_from - YEARS_BEFORE, last + 1))


def of_kader(kader: Beleidskader, year: int | None = None, is_secret=None) -> Begroting:
    """``is_secret(indicator_id, doelgroep_id, period, value)``: for a public output, hides what
    disclosure control hides."""
    year = year or kader.year_from
    result = Begroting(
        kader=kader,
        year=year,
        toelichting=kader.exploitatie_toelichting,
        verbonden_partijen=list(kader.verbonden_partijen.all()),
    )
    stated = list(kader.exploitatie.order_by("year"))
    if stated:
        result.exploitatie = [ExploitatieRow(e.year, e.lasten, e.baten) for e in stated]
        result.exploitatie_source = str(FROM_DOCUMENT)
    elif kader.programma_id:
        series = lines.series(kader.owner, exploitatie_years(kader), [kader.programma_id])
        if series.programmas:
            row = series.programmas[0]
            result.exploitatie = [
                ExploitatieRow(
                    y,
                    row.per_year[y].value("actueel", "lasten"),
                    row.per_year[y].value("actueel", "baten"),
                )
                for y in series.years
            ]
            result.exploitatie_source = str(FROM_BUDGET)
            result.zonder_taakveld_note = series.zonder_taakveld_note
    result.bbv = _bbv_rows(kader, year, is_secret)
    return result


def _bbv_rows(kader: Beleidskader, year: int, is_secret=None) -> list[BBVRow]:
    links = list(
        kader.bbv_indicatoren.select_related(
            "bbv__hoofdtaakveld", "bbv__indicator"
        ).prefetch_related("bbv__eenheden")
    )
    if not links:
        return []
    period = period_of(year)
    values = {}
    delivering = [link.bbv.indicator for link in links if link.bbv.indicator_id]
    if period is not None and delivering and kader.owner.is_gemeente:
        computed = engine.compute([period], [kader.owner]).get(period.pk)
        values = computed.values if computed else {}
    rows = []
    for link in links:
        bbv = link.bbv
        value = values.get((bbv.indicator_id, kader.owner_id, None)) if bbv.indicator_id else None
        text = format_value(value, bbv.indicator) if value is not None else ""
        if text and is_secret is not None and is_secret(bbv.indicator_id, None, period, value):
            text = str(SECRET_TEXT)
        rows.append(
            BBVRow(
                nummer=bbv.nummer,
                taakveld=bbv.hoofdtaakveld.name_in(year),
                name=bbv.name,
                value=text or link.document_value,
                eenheid=bbv.unit_in(year if text else (link.document_year or year)),
                source=bbv.source,
                from_document=not text and bool(link.document_value),
            )
        )
    return rows
