"""The pages must not issue more queries when a submission has more rows or the list more items."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from indicators.submissions.services import CellInput, save_values
from indicators.workflow import transition
from tests.factories import (
    IndicatorFactory,
    SubmissionFactory,
    UitvraagFactory,
    UitvraagRegelFactory,
    fill_submission,
    period,
)

EXTRA_ROWS = 30


def fill_every_cell(submission, user, raw="7"):
    areas = list(submission.uitvraag.areas.all())
    cells = [
        CellInput(regel.indicator_id, regel.doelgroep_id, area.pk, raw, toelichting="ok")
        for regel in submission.uitvraag.regels.all()
        for area in areas
    ]
    save_values(submission, user, cells)


@pytest.fixture
def big_submission(world):
    """The world's submission with 30 extra rows over four areas, all filled and changed once,
    submitted, with an approved previous period to compare with."""
    world.uitvraag.areas.add(world.middelburg, world.veere, world.vlissingen)
    for n in range(EXTRA_ROWS):
        indicator = IndicatorFactory(uitvoerder=world.orionis, thema=world.aantal_clienten.thema)
        UitvraagRegelFactory(
            uitvraag=world.uitvraag, indicator=indicator, doelgroep=None, order=10 + n
        )
    previous = SubmissionFactory(uitvraag=world.uitvraag, period=period("2017H2"))
    fill_every_cell(previous, world.leverancier, raw="5")
    transition(previous, "indienen", world.leverancier)
    transition(previous, "goedkeuren", world.beleid)
    fill_every_cell(world.submission, world.leverancier, raw="6")
    fill_every_cell(world.submission, world.leverancier2, raw="7")
    return transition(world.submission, "indienen", world.leverancier)


MAX_PAGE_QUERIES = 15
# The review screen also reads the questions on its cells and the figure history since the last
# review (indicators/review): one query each.
MAX_REVIEW_QUERIES = MAX_PAGE_QUERIES + 2


@pytest.mark.parametrize(
    ("page", "person", "budget"),
    [
        ("submission_detail", "beleid", MAX_REVIEW_QUERIES),
        ("submission_detail", "leverancier", MAX_REVIEW_QUERIES),
        ("submission_history", "beleid", MAX_PAGE_QUERIES),
        ("submission_edit", "leverancier", MAX_PAGE_QUERIES),
    ],
)
def test_a_submission_page_does_not_grow_with_its_rows(
    page, person, budget, big_submission, world, client_for, django_assert_max_num_queries
):
    client = client_for(getattr(world, person))
    url = reverse(f"indicators:{page}", args=[big_submission.pk])
    with django_assert_max_num_queries(budget):
        response = client.get(url)
    assert response.status_code == 200


def test_the_grid_form_of_a_big_concept_does_not_grow_with_its_rows(
    world, client_for, django_assert_max_num_queries
):
    world.uitvraag.areas.add(world.middelburg, world.veere, world.vlissingen)
    for n in range(EXTRA_ROWS):
        UitvraagRegelFactory(
            uitvraag=world.uitvraag,
            indicator=IndicatorFactory(uitvoerder=world.orionis),
            order=10 + n,
        )
    fill_every_cell(world.submission, world.leverancier)
    client = client_for(world.leverancier)
    url = reverse("indicators:submission_edit", args=[world.submission.pk])
    with django_assert_max_num_queries(MAX_PAGE_QUERIES):
        response = client.get(url)
    assert 'name="cel-' in response.content.decode()


def test_the_list_does_not_grow_with_the_number_of_submissions(
    world, client_for, django_assert_max_num_queries
):
    fill_submission(world)
    for n in range(30):
        uitvraag = UitvraagFactory(uitvoerder=world.orionis, areas=[world.walcheren])
        SubmissionFactory(uitvraag=uitvraag, period=period(f"{2000 + n}H1"))
    for person in ("leverancier", "beleid", "beheerder"):
        client = client_for(getattr(world, person))
        with django_assert_max_num_queries(10):
            response = client.get(reverse("indicators:submission_list"))
        assert "31 aanleveringen gevonden" in response.content.decode()


def test_totals_and_computed_rows_do_not_add_queries_per_row(big_submission, world, client_for):
    """The same number of queries with eleven computed indicators (shown read-only on the review
    page) as with one."""

    indicators = list(
        world.uitvraag.regels.filter(order__gte=10).values_list("indicator__code", flat=True)
    )

    def add_computed(n):
        for code in indicators[:n]:
            IndicatorFactory(
                formula=f"[{code}] * 100 / [{indicators[-1]}]",
                uitvoerder=world.orionis,
                eenheid="percentage",
                decimals=1,
                aggregatie="formule",
            )

    def count(url, person):
        client = client_for(getattr(world, person))
        with CaptureQueriesContext(connection) as context:
            response = client.get(url)
        assert response.status_code == 200
        return len(context.captured_queries), response.content.decode()

    detail = reverse("indicators:submission_detail", args=[big_submission.pk])
    add_computed(1)
    one, _page = count(detail, "beleid")
    add_computed(10)
    ten, page = count(detail, "beleid")
    assert one == ten
    assert page.count("Berekend: ") >= 11
