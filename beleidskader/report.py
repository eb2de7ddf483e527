"""The beleidskader in the monitor report: per vastgesteld kader of the report's gemeente that
is valid in the report's year, its voortgang as a programmaverantwoording in the form of the
jaarrekening — per doelstelling *Wat hebben wij bereikt?* (the targets against their
streefwaarden), *Wat hebben wij daarvoor gedaan?* (the prestaties) and *Wat heeft het gekost?*
(their budget against the realisatie of their budget lines); then begroot vs realisatie per
programma and product line with the (verwachte) afwijking; for a programma in the Deventer form
its begroting (:mod:`beleidskader.begroting`). ``reports.content`` calls
:func:`chapter`."""

from dataclasses import dataclass, field

from django.db.models import Q

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


def chapter(gemeente, year: int) -> Chapter:
    per_line = lines.overview(gemeente, year)
    return Chapter(
        kaders=[
            KaderChapter(voortgang.compute(kader, year), begroting.of_kader(kader, year))
            for kader in adopted_kaders(gemeente, year)
        ],
        per_line=per_line if per_line.programmas else None,
    )
