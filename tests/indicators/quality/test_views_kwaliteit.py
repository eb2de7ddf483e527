"""The quality pages (completeness and checks per period), the bulk command and the API."""

from datetime import date, datetime, timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from indicators.models import Submission
from indicators.workflow import transition
from tests.factories import (
    IndicatorFactory,
    SubmissionFactory,
    UitvraagFactory,
    UitvraagRegelFactory,
    fill_submission,
    period,
)
from tests.indicators.submissions.test_query_counts import fill_every_cell

from .test_rules import AANTAL_WERK, AANTAL_WSW, enter, make_rule

VOLLEDIGHEID = reverse("kwaliteit:volledigheid")
CONTROLE = reverse("kwaliteit:controle")

PEOPLE = [
    "leverancier",
    "porthos_leverancier",
    "other_leverancier",
    "beleid",
    "other_beleid",
    "griffie",
    "beheerder",
]


@pytest.mark.parametrize("person", PEOPLE)
def test_who_may_see_the_completeness_page(person, world, client_for):
    response = client_for(getattr(world, person)).get(VOLLEDIGHEID)
    assert response.status_code == (404 if person == "griffie" else 200)


@pytest.mark.parametrize("person", PEOPLE)
def test_who_may_see_the_checks_page(person, world, client_for):
    response = client_for(getattr(world, person)).get(CONTROLE)
    expected = 200 if person in {"beleid", "other_beleid", "beheerder"} else 404
    assert response.status_code == expected


def test_the_menu_offers_quality_to_beleid_and_not_to_suppliers(world, client_for):
    assert "Kwaliteit" in client_for(world.beleid).get("/").content.decode()
    assert ">Kwaliteit<" not in client_for(world.leverancier).get("/").content.decode()


def test_the_completeness_page_shows_filled_cells_and_timeliness(world, client_for):
    enter(world, (world.aantal_clienten, world.werkzoekenden, "510"))
    page = client_for(world.beleid).get(VOLLEDIGHEID).content.decode()
    assert "Volledigheid 2018 eerste halfjaar" in page
    assert "Halfjaarcijfers Orionis" in page
    assert '<td class="num">33,3 %</td>' in page
    assert "Nog niet ingediend (over de deadline)" in page


def test_a_late_submission_is_marked_late(world, client_for):
    fill_submission(world)
    transition(world.submission, "indienen", world.leverancier)  # today, long after 2018
    page = client_for(world.beheerder).get(VOLLEDIGHEID).content.decode()
    assert '<strong class="error">Te laat</strong>' in page
    assert "1 te laat" in page


def test_a_submission_on_time_is_marked_on_time(world, client_for):
    fill_submission(world)
    transition(world.submission, "indienen", world.leverancier)
    Submission.objects.update(
        submitted_at=timezone.make_aware(datetime(2018, 8, 1, 12, 0)),
    )
    page = client_for(world.beheerder).get(VOLLEDIGHEID).content.decode()
    assert "<td>Op tijd</td>" in page


def test_a_concept_with_a_future_deadline_is_not_yet_submitted(world, client_for):
    Submission.objects.update(deadline=timezone.localdate() + timedelta(days=10))
    page = client_for(world.beheerder).get(VOLLEDIGHEID).content.decode()
    assert "<td>Nog niet ingediend</td>" in page


def test_a_supplier_sees_only_its_own_submissions(world, client_for):
    porthos = UitvraagFactory(
        uitvoerder=world.porthos, name="Porthos-cijfers", areas=[world.walcheren]
    )
    SubmissionFactory(uitvraag=porthos, period=world.submission.period)
    page = client_for(world.porthos_leverancier).get(VOLLEDIGHEID).content.decode()
    assert "Porthos-cijfers" in page
    assert "Halfjaarcijfers Orionis" not in page
    assert "Porthos-cijfers" in client_for(world.beleid).get(VOLLEDIGHEID).content.decode()


def test_the_period_can_be_chosen_in_any_spelling(world, client_for):
    SubmissionFactory(uitvraag=world.uitvraag, period=period("2017H2"))
    client = client_for(world.beleid)
    assert "Volledigheid 2018 eerste halfjaar" in client.get(VOLLEDIGHEID).content.decode()
    page = client.get(VOLLEDIGHEID, {"periode": "2017s2"}).content.decode()
    assert "Volledigheid 2017 tweede halfjaar" in page


def test_an_unknown_period_falls_back_to_the_latest_with_a_message(world, client_for):
    page = client_for(world.beleid).get(VOLLEDIGHEID, {"periode": "1999"}).content.decode()
    assert "U ziet nu 2018 eerste halfjaar." in page


def many_submissions(world, n=30):
    for i in range(n):
        uitvraag = UitvraagFactory(uitvoerder=world.orionis, areas=[world.walcheren])
        for row in range(3):
            UitvraagRegelFactory(
                uitvraag=uitvraag,
                indicator=IndicatorFactory(uitvoerder=world.orionis, max_value=5, outlier_pct=10),
                order=row,
            )
        submission = SubmissionFactory(uitvraag=uitvraag, period=world.submission.period)
        if i % 2:
            fill_every_cell(submission, world.leverancier)


@pytest.mark.parametrize("page", [VOLLEDIGHEID, CONTROLE])
def test_the_quality_pages_do_not_grow_with_the_number_of_submissions(
    page, world, client_for, django_assert_max_num_queries
):
    make_rule(AANTAL_WERK, ">", AANTAL_WSW)
    fill_submission(world)
    many_submissions(world)
    client = client_for(world.beheerder)
    with django_assert_max_num_queries(14):
        response = client.get(page)
    assert "31 aanleveringen" in response.content.decode()


def test_the_checks_page_lists_findings_per_submission_with_counts(world, client_for):
    make_rule(AANTAL_WERK, ">", AANTAL_WSW, name="Meer werkzoekenden dan wsw")
    world.uitstroom_pct.max_value = 10
    world.uitstroom_pct.save()
    fill_submission(world)
    page = client_for(world.beleid).get(CONTROLE).content.decode()
    assert "1 aanlevering gecontroleerd: 1 fout, 1 waarschuwing." in page
    assert "Meer werkzoekenden dan wsw (Walcheren): Aantal cliënten (Werkzoekenden) (510)" in page
    assert "12,5 is hoger dan de maximumwaarde 10,0." in page
    assert f'href="#aanlevering-{world.submission.pk}"' in page


def test_the_checks_page_says_when_everything_is_fine(world, client_for):
    fill_submission(world)
    page = client_for(world.beleid).get(CONTROLE).content.decode()
    assert "Geen bevindingen" in page


def test_the_checks_page_does_not_show_other_gemeenten(world, client_for):
    fill_submission(world)
    make_rule(AANTAL_WERK, ">", AANTAL_WSW, name="Meer werkzoekenden dan wsw")
    page = client_for(world.other_beleid).get(CONTROLE).content.decode()
    assert "Meer werkzoekenden" not in page
    assert "nog geen aanleveringen" in page


# --- Command ------------------------------------------------------------------------------------


def validate(*args):
    out = StringIO()
    call_command("validate_period", *args, stdout=out)
    return out.getvalue()


def test_the_command_lists_findings_per_submission_and_a_total(world):
    make_rule(AANTAL_WERK, ">", AANTAL_WSW, name="Meer werkzoekenden dan wsw")
    fill_submission(world)
    output = validate("2018S1")
    assert "Orionis Walcheren – Halfjaarcijfers Orionis" in output
    assert "0 fouten, 1 waarschuwing" in output
    assert "  [waarschuwing] Meer werkzoekenden dan wsw (Walcheren)" in output
    assert "2018 eerste halfjaar: 1 aanlevering gecontroleerd, 0 fouten, 1 waarschuwing." in output


def test_the_command_can_leave_out_warnings(world):
    make_rule(AANTAL_WERK, ">", AANTAL_WSW)
    fill_submission(world)
    assert "[waarschuwing]" not in validate("2018H1", "--alleen-fouten")


def test_the_command_refuses_an_unknown_period(world):
    with pytest.raises(CommandError, match="bestaat niet"):
        validate("2030H1")
    with pytest.raises(CommandError, match="Onbekende periode"):
        validate("halfjaar")


def test_the_command_needs_few_queries_for_many_submissions(world, django_assert_max_num_queries):
    make_rule(AANTAL_WERK, ">", AANTAL_WSW)
    fill_submission(world)
    many_submissions(world)
    with django_assert_max_num_queries(10):
        output = validate("2018H1")
    assert "31 aanleveringen gecontroleerd" in output


# --- API ----------------------------------------------------------------------------------------


def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_the_api_gives_completeness_per_period(world):
    enter(world, (world.aantal_clienten, world.werkzoekenden, "510"))
    response = api(world.beleid).get("/api/v1/volledigheid/", {"periode": "2018S1"})
    assert response.status_code == 200
    [row] = response.json()
    assert row["aanlevering"] == world.submission.pk
    assert row["uitvoerder"] == "orionis"
    assert (row["expected"], row["filled"], row["percentage"]) == (3, 1, 33.3)
    assert row["timeliness"] == "over_deadline"
    assert row["deadline"] == date(2018, 8, 15).isoformat()


def test_the_api_completeness_needs_a_known_period(world):
    client = api(world.beleid)
    assert client.get("/api/v1/volledigheid/").status_code == 400
    response = client.get("/api/v1/volledigheid/", {"periode": "vorig jaar"})
    assert "Onbekende periode" in response.json()["detail"]
    assert client.get("/api/v1/volledigheid/", {"periode": "2030"}).json() == []


def test_the_api_completeness_shows_only_visible_submissions(world):
    response = api(world.other_leverancier).get("/api/v1/volledigheid/", {"periode": "2018H1"})
    assert response.json() == []
