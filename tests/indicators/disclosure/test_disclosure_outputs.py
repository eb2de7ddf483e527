"""Every public output reads the same suppression pattern: a gemeente's 2 stays hidden whatever
one combines — the publication of each gemeente of the regio (page, downloads and API render the
same publication), the council report and the public dashboard's figures."""

from datetime import datetime

import pytest
from django.utils import timezone

from indicators.disclosure import Rules
from indicators.disclosure.patterns import kinds_of
from indicators.disclosure.publication import build_publication
from indicators.engine import Catalogue
from indicators.models import Aggregatie, Eenheid
from reports.content import collect
from reports.services import create_report
from tests.factories import IndicatorFactory, UitvraagRegelFactory, period
from tests.indicators.linked_world import derivable
from tests.reports.publication.test_publicatie import approve

# Per gemeente: (werkzoekenden, wsw) clients and instroom; Vlissingen has 2 werkzoekenden.
FIGURES = {
    "vlissingen": {"aantal": ("2", "40"), "instroom": ("31", "12")},
    "middelburg": {"aantal": ("55", "61"), "instroom": ("18", "25")},
    "veere": {"aantal": ("80", "120"), "instroom": ("40", "9")},
}


@pytest.fixture
def regio(world):
    w = world
    w.instroom = IndicatorFactory(
        code="orionis-instroom",
        name="Instroom",
        thema=w.aantal_clienten.thema,
        uitvoerder=w.orionis,
        aggregatie=Aggregatie.SOM,
    )
    for order, dg in enumerate((w.werkzoekenden, w.wsw), start=10):
        UitvraagRegelFactory(uitvraag=w.uitvraag, indicator=w.instroom, doelgroep=dg, order=order)
    w.uitvraag.areas.set([w.vlissingen, w.middelburg, w.veere])  # the regio is their sum
    figures = {}
    for name, by_indicator in FIGURES.items():
        area = getattr(w, name)
        figures[(w.uitstroom_pct, w.werkzoekenden, area)] = "12,5"
        for code, (werkzoekenden, wsw) in by_indicator.items():
            indicator = w.aantal_clienten if code == "aantal" else w.instroom
            figures[(indicator, w.werkzoekenden, area)] = werkzoekenden
            figures[(indicator, w.wsw, area)] = wsw
    approve(w, figures)
    return w


def relations(w):
    """What holds between the cells: totals over doelgroepen, the regio over its gemeenten."""
    h1 = period("2018H1").pk
    gemeenten = [w.middelburg.pk, w.veere.pk, w.vlissingen.pk]
    found = []
    for indicator in (w.aantal_clienten, w.instroom):
        i = indicator.pk
        for area in [*gemeenten, w.walcheren.pk]:
            found.append(
                ([(i, area, w.werkzoekenden.pk, h1), (i, area, w.wsw.pk, h1)], (i, area, None, h1))
            )
        for dg in (w.werkzoekenden.pk, w.wsw.pk, None):
            found.append(([(i, g, dg, h1) for g in gemeenten], (i, w.walcheren.pk, dg, h1)))
    return found


def published_everywhere(w):
    """key → (published value or None for secret) per output."""
    outputs = []
    rules = Rules.from_settings()
    for gemeente in (w.vlissingen, w.middelburg, w.veere):
        publication = build_publication(gemeente, period("2018H1"), rules)
        cells = {}
        for row, cell in publication.records():
            key = (
                row.indicator.pk,
                cell.area.pk,
                row.doelgroep.pk if row.doelgroep else None,
                publication.period.pk,
            )
            cells[key] = None if cell.suppressed else cell.cell.value
        outputs.append(cells)
    report = create_report(w.vlissingen, period("2018H1"), w.beleid)
    content = collect(report, timezone.make_aware(datetime(2018, 9, 1)))
    outputs.append({f.key: None if f.secret else f.value for f in content.history})
    return outputs


def test_a_gemeentes_2_cannot_be_worked_out_from_all_public_outputs_together(regio):
    w = regio
    outputs = published_everywhere(w)
    two = (w.aantal_clienten.pk, w.vlissingen.pk, w.werkzoekenden.pk, period("2018H1").pk)
    secret = {k for cells in outputs for k, v in cells.items() if v is None}
    assert two in secret
    assert derivable(relations(w), secret) == set()


def test_no_cell_is_secret_in_one_output_and_published_in_another(regio):
    outputs = published_everywhere(regio)
    secret = {k for cells in outputs for k, v in cells.items() if v is None}
    published = {k for cells in outputs for k, v in cells.items() if v is not None}
    assert secret & published == set()
    assert len(published) > 10  # the regio's totals and the other gemeenten are published


def test_the_regio_total_stays_published_when_a_gemeentes_neighbour_is_hidden(regio):
    w = regio
    publication = build_publication(w.middelburg, period("2018H1"), Rules.from_settings())
    regio_cells = {
        (row.indicator.pk, row.doelgroep.pk if row.doelgroep else None): cell
        for row, cell in publication.records()
        if cell.area == w.walcheren
    }
    assert regio_cells[(w.aantal_clienten.pk, None)].cell.value == 358  # 2+40+55+61+80+120


@pytest.mark.parametrize(
    ("eenheid", "suppressed_as_people"),
    [
        (Eenheid.AANTAL, True),
        (Eenheid.FTE, False),
        (Eenheid.EURO, False),
        (Eenheid.PERCENTAGE, False),
        (Eenheid.PER_1000, False),
        (Eenheid.PER_10000, False),
        (Eenheid.RAPPORTCIJFER, False),
    ],
)
def test_only_counts_of_people_are_suppressed_for_their_own_value(
    db, eenheid, suppressed_as_people
):
    indicator = IndicatorFactory(eenheid=eenheid)
    assert kinds_of(Catalogue.load())[indicator.pk].counts is suppressed_as_people
