"""Mijn werk: the start page lists what each person has to do, across figures, budget versions
and reports, each item linking to where it is done; searchable, filterable, sortable."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from budgets.models import Soort
from budgets.workflow import transition as budget_transition
from indicators.models import Submission
from indicators.workflow import transition
from organisations.models import Role
from tests.budgets.conftest import make_version
from tests.factories import SubmissionFactory, UitvraagFactory, make_user, period
from work.services import my_work, refine


@pytest.fixture(autouse=True)
def _taakvelden(db):
    from budgets.taakvelden import sync_taakvelden

    sync_taakvelden()


def section(user, name, **choices):
    work = refine(my_work(user), **choices)
    return next(items for key, _label, items in work.sections if key == name)


def titles(items):
    return [item.title for item in items]


def test_submitted_figures_wait_on_the_reviewers_start_page_with_how_long_and_the_deadline(
    world, submitted, client_for
):
    Submission.objects.filter(pk=submitted.pk).update(
        submitted_at=timezone.now() - timedelta(days=3)
    )
    [item] = section(world.beleid, "beoordelen")
    assert item.title == "Halfjaarcijfers Orionis"
    assert item.waited_days == 3
    assert item.deadline == submitted.deadline
    page = client_for(world.beleid).get(reverse("home")).content.decode()
    assert "Te beoordelen" in page and "3 dagen" in page
    assert reverse("indicators:submission_detail", args=[submitted.pk]) in page
    # Not for whoever submitted it, nor for beleid of another gemeente.
    assert section(world.leverancier, "beoordelen") == []
    assert section(world.other_beleid, "beoordelen") == []


def test_a_budget_version_submitted_by_the_controller_waits_for_beleid(world, client_for, step):
    """The issue's own example: the 2e bestuursrapportage is submitted and beleid sees it."""
    controller = make_user(Role.BELEID, world.vlissingen, username="controller")
    version = make_version(
        world.vlissingen,
        2019,
        Soort.WIJZIGING,
        controller,
        {"6.3": (1000, 0)},
        name="2e bestuursrapportage",
        datum=date(2019, 10, 1),
    )
    assert titles(section(controller, "invullen")) == ["2e bestuursrapportage"]
    step(budget_transition, version, "indienen", controller)
    assert titles(section(world.beleid, "beoordelen")) == ["2e bestuursrapportage"]
    assert section(controller, "beoordelen") == []  # four-eyes: not your own
    page = client_for(world.beleid).get(reverse("home")).content.decode()
    assert reverse("budgets:version_detail", args=[version.pk]) in page


def test_sent_back_work_comes_back_to_the_supplier_with_the_reason(world, submitted, step):
    step(transition, submitted, "terugsturen", world.beleid, reason="Wsw-cijfer lijkt te hoog")
    [item] = section(world.leverancier2, "teruggestuurd")
    assert item.reason == "Wsw-cijfer lijkt te hoog"
    assert item.url == reverse("indicators:submission_edit", args=[submitted.pk])


def test_work_to_fill_in_shows_overdue_deliveries_first(world):
    later = UitvraagFactory(uitvoerder=world.orionis, name="Jaarcijfers", areas=[world.walcheren])
    SubmissionFactory(uitvraag=later, period=period("2018H2"), deadline=date(2099, 1, 31))
    items = section(world.leverancier, "invullen")
    assert titles(items) == ["Halfjaarcijfers Orionis", "Jaarcijfers"]
    assert items[0].overdue and not items[1].overdue


def test_work_is_searched_by_indicator_organisation_period_or_status(world):
    assert titles(section(world.leverancier, "invullen", q="uitstroom naar werk"))
    assert titles(section(world.leverancier, "invullen", q="orionis 2018 eerste"))
    assert section(world.leverancier, "invullen", q="porthos") == []
    assert titles(section(world.leverancier, "invullen", status="concept"))
    assert section(world.leverancier, "invullen", kind="begroting") == []


def test_the_start_page_filters_through_its_form(world, client_for):
    client = client_for(world.leverancier)
    assert (
        "Halfjaarcijfers Orionis" in client.get(reverse("home"), {"q": "cliënten"}).content.decode()
    )
    page = client.get(reverse("home"), {"q": "bestaat-niet"}).content.decode()
    assert "Niets gevonden met deze keuzes." in page


def test_work_is_sorted_by_organisation_when_asked(world):
    drechtsteden = UitvraagFactory(
        uitvoerder=world.porthos, name="Porthos-cijfers", areas=[world.walcheren]
    )
    SubmissionFactory(uitvraag=drechtsteden, period=period("2018H1"), deadline=date(2018, 7, 1))
    beheer = make_user(Role.LEVERANCIER, world.porthos, username="beide")
    from organisations.models import Membership

    Membership.objects.create(user=beheer, role=Role.LEVERANCIER, organisation=world.orionis)
    by_deadline = titles(section(beheer, "invullen"))
    by_organisation = titles(section(beheer, "invullen", sort="organisatie"))
    assert by_deadline == ["Porthos-cijfers", "Halfjaarcijfers Orionis"]
    assert by_organisation == ["Halfjaarcijfers Orionis", "Porthos-cijfers"]


def test_the_navigation_counts_open_work(world, client_for):
    client = client_for(world.leverancier)
    # Any page: the count comes from a small request, not from the page's own queries.
    page = client.get(reverse("notifications:list")).content.decode()
    assert reverse("work_counts") in page
    assert client.get(reverse("work_counts")).json()["work"] == 1
    # The start page knows it already and shows it at once.
    page = client.get(reverse("home")).content.decode()
    assert '<span class="visually-hidden nav-count-label">1 taak</span>' in page


def test_the_count_follows_the_work(world, submitted, client_for, step):
    client = client_for(world.beleid)
    assert client.get(reverse("work_counts")).json()["work"] == 1
    step(transition, submitted, "goedkeuren", world.beleid)
    assert client.get(reverse("work_counts")).json()["work"] == 0


def test_the_griffie_goes_straight_to_its_reports(world, client_for):
    response = client_for(world.griffie).get(reverse("home"))
    assert response.status_code == 302
    assert response.url == reverse("reports:griffie")


def test_mijn_werk_needs_the_same_few_queries_for_many_items(
    world, client_for, django_assert_max_num_queries, step
):
    for n in range(12):
        uitvraag = UitvraagFactory(
            uitvoerder=world.orionis, name=f"Uitvraag {n}", areas=[world.walcheren]
        )
        SubmissionFactory(uitvraag=uitvraag, period=period("2018H1"), status="ingediend")
    client = client_for(world.beleid)
    client.get(reverse("home"))
    with django_assert_max_num_queries(16):
        page = client.get(reverse("home")).content.decode()
    assert page.count("Beoordelen<span") == 12
