"""The beleidskader in the monitor report: per vastgesteld kader of the report's gemeente that
is valid in the report's year, its voortgang as a programmaverantwoording in the form of the
jaarrekening — per doelstelling *Wat hebben wij bereikt?* (the targets against their
streefwaarden), *Wat hebben wij daarvoor gedaan?* (the prestaties) and *Wat heeft het gekost?*
(their budget against the realisatie of their budget lines); then begroot vs realisatie per
programma and product line with the (verwachte) afwijking; for a programma in the Deventer form
its begroting (:mod:`beleidskader.begroting`). ``reports.content`` calls
:func:`chapter`."""

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Q

from indicators.disclosure import SUPPRESSION_FLAGS, Rules
from indicators.disclosure.patterns import pattern_for

from . import begroting, lines, voortgang
from .models import Beleidskader, KaderStatus


def adopted_kaders(gemeente, year: int):
    """The latest adopted version of each kader (not the addenda: their targets are shown
    under the kader they add to)."""
    kaders = (
        Beleidskader.objects.filter(
            owner=gemeente,
            status=KaderStatus.VASTGESTELD,
            addendum_of__isnull=True,
            year_from__lte=year,
        )
        .filter(Q(year_to__isnull=True) | Q(year_to__gte=year))
        .order_by("name", "-version")
    )
    latest = {}
    for kader in kaders:
        latest.setdefault(kader.name, kader)
    return list(latest.values())


@dataclass
class KaderChapter:
    """One adopted kader: its voortgang (W-questions) and, for a programma in the Deventer form,
    its begroting (BBV-indicatoren, exploitatie, verbonden partijen)."""

    voortgang: voortgang.Voortgang
    begroting: begroting.Begroting


@dataclass
class Chapter:
    kaders: list[KaderChapter] = field(default_factory=list)
    # Begroot vs realisatie per programma and product line (None: no programma lines).
    per_line: lines.LineOverview | None = None

    def __bool__(self) -> bool:
        return bool(self.kaders or self.per_line)


def public_rules() -> Rules:
    """The rules of the council report (as ``reports.content``: not rounded)."""
    return Rules(min_count=settings.DISCLOSURE_MIN_COUNT, max_count=settings.DISCLOSURE_MAX_COUNT)


def secret_check(owner, year: int):
    """``is_secret(indicator_id, doelgroep_id, period, value)`` from the one suppression pattern
    every public output reads (:mod:`indicators.disclosure.patterns`); loaded once."""
    cache = {}

    def is_secret(indicator_id, doelgroep_id, period, value) -> bool:
        if period.year not in cache:
            cache[period.year] = pattern_for({owner.pk}, {period.year}, public_rules())
        key = (indicator_id, owner.pk, doelgroep_id, period.pk)
        return cache[period.year].cell(key, value, round_to=0).flag in SUPPRESSION_FLAGS

    return is_secret


def chapter(gemeente, year: int) -> Chapter:
    """The chapter as the public report shows it: figures that disclosure control hides are
    "geheim" and not judged."""
    per_line = lines.overview(gemeente, year)
    is_secret = secret_check(gemeente, year)
    kaders = []
    for kader in adopted_kaders(gemeente, year):
        result = voortgang.compute(kader, year)
        if result.period is not None:
            voortgang.protect(
                result,
                lambda s, p=result.period: is_secret(
                    s.link.indicator_id, s.link.doelgroep_id, p, s.value
                ),
            )
        kaders.append(KaderChapter(result, begroting.of_kader(kader, year, is_secret=is_secret)))
    return Chapter(kaders=kaders, per_line=per_line if per_line.programmas else None)
