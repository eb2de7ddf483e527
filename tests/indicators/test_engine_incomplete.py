"""Issue 11: the engine makes a total only when every expected part is there; otherwise it notes
the total as incomplete, with what is missing, and computes nothing from it."""

import pytest

from indicators.engine import compute_period, missing_names, missing_text
from tests.factories import (
    DoelgroepFactory,
    GemeenteFactory,
    RegioFactory,
    UitvraagFactory,
    UitvraagRegelFactory,
    period,
)

from .engine_world import Cijfers, computed, count


@pytest.fixture
def cijfers(db):
    return Cijfers()


def ask(indicator, doelgroepen, areas):
    """An uitvraag asking ``indicator`` for these doelgroepen at these areas."""
    uitvraag = UitvraagFactory(areas=areas)
    for doelgroep in doelgroepen:
        UitvraagRegelFactory(uitvraag=uitvraag, indicator=indicator, doelgroep=doelgroep)


def test_a_total_over_doelgroepen_waits_for_a_doelgroep_asked_in_another_uitvraag(cijfers):
    gemeente = GemeenteFactory()
    klanten, wsw = DoelgroepFactory(name="Klanten"), DoelgroepFactory(name="Wsw")
    aantal = count("aantal")
    ask(aantal, [klanten], [gemeente])
    ask(aantal, [wsw], [gemeente])  # not delivered yet
    cijfers.add(aantal, gemeente, 3215, doelgroep=klanten)
    figures = compute_period(period("2018H1"), [gemeente])
    key = (aantal.pk, gemeente.pk, None)
    assert figures.get(*key) is None
    assert figures.incomplete[key] == ((aantal.pk, gemeente.pk, wsw.pk),)
    assert missing_text(key, figures.incomplete[key], missing_names(figures.incomplete)) == "Wsw"


def test_a_total_over_doelgroepen_is_made_when_every_asked_doelgroep_is_there(cijfers):
    gemeente = GemeenteFactory()
    klanten, wsw = DoelgroepFactory(), DoelgroepFactory()
    aantal = count("aantal")
    ask(aantal, [klanten, wsw], [gemeente])
    cijfers.add(aantal, gemeente, 3220, doelgroep=klanten)
    cijfers.add(aantal, gemeente, 860, doelgroep=wsw)
    figures = compute_period(period("2018H1"), [gemeente])
    assert figures.get(aantal.pk, gemeente.pk) == 4080
    assert not figures.incomplete


def test_a_regional_total_names_the_gemeente_that_is_missing(cijfers):
    regio = RegioFactory()
    gemeenten = [GemeenteFactory(name=name) for name in ("Middelburg", "Veere", "Vlissingen")]
    regio.gemeenten.set(gemeenten)
    inwoners = count("inwoners")
    ask(inwoners, [None], gemeenten)
    for gemeente in gemeenten[:2]:
        cijfers.add(inwoners, gemeente, 1000)
    figures = compute_period(period("2018H1"), gemeenten)
    key = (inwoners.pk, regio.pk, None)
    assert figures.get(*key) is None
    names = missing_names(figures.incomplete)
    assert missing_text(key, figures.incomplete[key], names) == "Vlissingen"


def test_a_figure_computed_from_an_incomplete_total_is_incomplete_too(cijfers):
    gemeente = GemeenteFactory()
    klanten, wsw = DoelgroepFactory(), DoelgroepFactory()
    teller, noemer = count("teller"), count("noemer")
    ratio = computed("ratio", "[teller] / [noemer] * 100")
    ask(teller, [klanten, wsw], [gemeente])
    ask(noemer, [None], [gemeente])
    cijfers.add(teller, gemeente, 5, doelgroep=klanten)
    cijfers.add(noemer, gemeente, 50)
    figures = compute_period(period("2018H1"), [gemeente])
    assert figures.get(ratio.pk, gemeente.pk) is None
    assert figures.incomplete[(ratio.pk, gemeente.pk, None)] == ((teller.pk, gemeente.pk, wsw.pk),)
