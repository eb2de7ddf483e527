"""The beleidskader in the monitor report: per vastgesteld kader of the report's gemeente that
is valid in the report's year, its voortgang as a programmaverantwoording in the form of the
jaarrekening — per doelstelling *Wat hebben wij bereikt?* (the targets against their
streefwaarden), *Wat hebben wij daarvoor gedaan?* (the prestaties) and *Wat heeft het gekost?*
(their budget against the realisatie of their budget lines). ``reports.content`` calls
:func:`chapter`."""

from django.db.models import Q

from . import voortgang
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


def chapter(gemeente, year: int) -> list[voortgang.Voortgang]:
    return [voortgang.compute(kader, year) for kader in adopted_kaders(gemeente, year)]
