"""The number of queries of a dashboard page does not grow with the number of indicators,
doelgroepen, gemeenten or periods."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from indicators.disclosure import patterns
from organisations.models import Role
from reports.dashboard import figures
from tests.factories import (
    DoelgroepFactory,
    GemeenteFactory,
    IndicatorFactory,
    make_user,
)
from tests.reports.dashboard.conftest import deliver

PAGES = [
    "/dashboard/GM0718/",
    "/dashboard/GM0718/thema/iedereen-doet-mee/",
    "/dashboard/GM0718/thema/iedereen-doet-mee/?vergelijk=walcheren",
    "/dashboard/GM0718/thema/iedereen-doet-mee/?vergelijk=gemiddelde",
    "/dashboard/GM0718/indicator/orionis-aantal-clienten/?vergelijk=gemiddelde",
    "/dashboard/GM0718/cijfers.csv?vergelijk=walcheren",
    "/dashboard/GM0718/begroting/?vergelijk=gemiddelde",
]


def queries(client, url) -> int:
    cache.clear()
    figures.memo.clear()
    patterns.memo.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured.captured_queries)


def grow(dash):
    """Ten more indicators with three more doelgroepen, two more gemeenten in the regio, and
    figures for all of them in two more periods."""
    extra_groups = [
        DoelgroepFactory(uitvoerder=dash.orionis, code=f"extra-{i}", name=f"Extra {i}")
        for i in range(3)
    ]
    gemeenten = [GemeenteFactory(code=f"GM09{i}", name=f"Extra {i}") for i in range(2)]
    dash.walcheren.gemeenten.add(*gemeenten)
    indicators = [
        IndicatorFactory(thema=dash.aantal_clienten.thema, uitvoerder=dash.orionis)
        for _i in range(10)
    ]
    for identifier in ("2016H2", "2017H1"):
        cells = {
            (indicator, doelgroep, area): str(10 + n)
            for n, indicator in enumerate(indicators)
            for doelgroep in [*extra_groups, dash.werkzoekenden]
            for area in [dash.walcheren, dash.vlissingen, *gemeenten]
        }
        deliver(dash.uitvraag, identifier, cells)


@pytest.mark.parametrize("url", PAGES)
def test_a_page_needs_as_many_queries_with_more_figures(dash, client_for, url):
    make_user(Role.BELEID, dash.vlissingen, username="tweede_beleid")
    client = client_for(dash.beheerder)
    before = queries(client, url)
    grow(dash)
    assert queries(client, url) == before


def test_the_thema_page_needs_few_queries(dash, client_for, django_assert_max_num_queries):
    client = client_for(dash.beleid)
    cache.clear()
    figures.memo.clear()
    with django_assert_max_num_queries(31):  # cold: the huisstijl's one query too
        client.get("/dashboard/GM0718/thema/iedereen-doet-mee/?vergelijk=gemiddelde")
    with django_assert_max_num_queries(20):  # figures and tables from the cache
        client.get("/dashboard/GM0718/thema/iedereen-doet-mee/?vergelijk=gemiddelde")


def test_the_public_page_needs_as_many_queries_with_more_public_gemeenten(dash, client_for):
    from django.test import Client

    from tests.reports.dashboard.conftest import vaststellen

    dash.vlissingen.public_dashboard = True
    dash.vlissingen.save()
    vaststellen(dash.vlissingen, "2018H1", dash.beleid)
    client = Client()
    url = "/openbaar/GM0718/thema/iedereen-doet-mee/?vergelijk=gemiddelde"
    before = queries(client, url)
    for gemeente in (dash.middelburg, dash.veere):
        gemeente.public_dashboard = True
        gemeente.save()
        vaststellen(gemeente, "2018H1", dash.beleid)
    assert queries(client, url) == before
