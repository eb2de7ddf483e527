"""Reviewing a submission: comparison with the previous period, approve, send back, reopen."""

from django.urls import reverse

from indicators.models import Submission, SubmissionStatus
from indicators.submissions.services import CellInput, save_values
from indicators.workflow import transition
from organisations.models import Membership, Role
from tests.factories import SubmissionFactory, fill_submission, period
from tests.indicators.grid import grid_post


def detail_url(submission):
    return reverse("indicators:submission_detail", args=[submission.pk])


def action_url(submission, action):
    return reverse("indicators:submission_action", args=[submission.pk, action])


def status_of(submission):
    return Submission.objects.get(pk=submission.pk).status


def approve_previous_period(world):
    previous = SubmissionFactory(uitvraag=world.uitvraag, period=period("2017H2"))
    fill_submission(
        world,
        submission=previous,
        values={
            (world.aantal_clienten.pk, world.werkzoekenden.pk): "500",
            (world.aantal_clienten.pk, world.wsw.pk): "666",
            (world.uitstroom_pct.pk, world.werkzoekenden.pk): "10,0",
        },
    )
    transition(previous, "indienen", world.leverancier)
    transition(previous, "goedkeuren", world.beleid)
    return previous


def test_the_reviewer_sees_each_value_beside_the_previous_period_with_the_change(world, client_for):
    approve_previous_period(world)
    fill_submission(world)
    transition(world.submission, "indienen", world.leverancier)
    page = client_for(world.beleid).get(detail_url(world.submission)).content.decode()
    assert "2017 tweede halfjaar" in page
    assert '<td class="num">500</td>' in page
    assert "+2,0 %" in page  # 500 → 510
    assert "+25,0 %" in page  # 10,0 → 12,5
    assert "0,0 %" in page  # 666 → 666


def test_the_reviewer_sees_toelichting_and_voorlopig_marks(world, client_for):
    fill_submission(world)
    save_values(
        world.submission,
        world.leverancier,
        [
            CellInput(
                world.aantal_clienten.pk,
                world.wsw.pk,
                world.walcheren.pk,
                "666",
                toelichting="Inclusief detacheringen",
                voorlopig=True,
            )
        ],
    )
    transition(world.submission, "indienen", world.leverancier)
    page = client_for(world.beleid).get(detail_url(world.submission)).content.decode()
    assert "Inclusief detacheringen" in page
    assert '<span class="utrecht-status-badge status status-ingediend">voorlopig</span>' in page


def test_the_reviewer_gets_the_buttons_goedkeuren_and_terugsturen(submitted, world, client_for):
    page = client_for(world.beleid).get(detail_url(submitted)).content.decode()
    assert action_url(submitted, "goedkeuren") in page
    assert action_url(submitted, "terugsturen") in page
    assert '<textarea name="reden" id="reden-terugsturen"' in page


def test_approving_locks_the_figures(submitted, world, client_for):
    response = client_for(world.beleid).post(action_url(submitted, "goedkeuren"), follow=True)
    assert "De aanlevering is goedgekeurd." in response.content.decode()
    assert status_of(submitted) == SubmissionStatus.GOEDGEKEURD
    edit = client_for(world.leverancier).get(
        reverse("indicators:submission_edit", args=[submitted.pk])
    )
    assert "Deze aanlevering heeft status &#x27;Goedgekeurd&#x27;" in edit.content.decode()


def test_sending_back_without_a_reason_shows_the_error_beside_the_textarea(
    submitted, world, client_for
):
    response = client_for(world.beleid).post(action_url(submitted, "terugsturen"), {"reden": " "})
    page = response.content.decode()
    assert response.status_code == 200
    assert '<p class="error" id="reden-terugsturen-fout">Geef een reden op. </p>' in page
    assert (
        'aria-describedby="reden-terugsturen-fout reden-terugsturen-hulp" aria-invalid="true"'
        in (page)
    )
    assert status_of(submitted) == SubmissionStatus.INGEDIEND


def test_the_supplier_sees_why_the_submission_was_sent_back(submitted, world, client_for):
    client_for(world.beleid).post(
        action_url(submitted, "terugsturen"), {"reden": "Het Wsw-aantal is onwaarschijnlijk hoog."}
    )
    assert status_of(submitted) == SubmissionStatus.TERUGGESTUURD
    supplier = client_for(world.leverancier)
    for url in (detail_url(submitted), reverse("indicators:submission_edit", args=[submitted.pk])):
        page = supplier.get(url).content.decode()
        assert "Teruggestuurd met deze reden" in page
        assert "Het Wsw-aantal is onwaarschijnlijk hoog." in page


def test_a_sent_back_submission_can_be_corrected_and_submitted_again(submitted, world, client_for):
    transition(submitted, "terugsturen", world.beleid, reason="Wsw klopt niet")
    client_for(world.leverancier).post(
        reverse("indicators:submission_edit", args=[submitted.pk]),
        grid_post(world, "510", "600", "12,5", action="indienen"),
    )
    assert status_of(submitted) == SubmissionStatus.INGEDIEND


def both_supplier_and_reviewer(world):
    """Someone with two hats: Orionis staff and beleidsmedewerker of Vlissingen."""
    Membership.objects.create(
        user=world.leverancier, role=Role.BELEID, organisation=world.vlissingen
    )
    return world.leverancier


def test_whoever_submitted_does_not_get_the_review_buttons(world, client_for):
    user = both_supplier_and_reviewer(world)
    fill_submission(world)
    transition(world.submission, "indienen", user)
    page = client_for(user).get(detail_url(world.submission)).content.decode()
    assert action_url(world.submission, "goedkeuren") not in page
    assert action_url(world.submission, "terugsturen") not in page
    assert "vier-ogenprincipe" in page


def test_a_forged_approval_by_the_submitter_is_refused_with_a_clear_message(world, client_for):
    user = both_supplier_and_reviewer(world)
    fill_submission(world)
    transition(world.submission, "indienen", user)
    response = client_for(user).post(action_url(world.submission, "goedkeuren"), follow=True)
    assert response.status_code == 200
    assert "kan ze niet zelf beoordelen (vier-ogenprincipe)" in response.content.decode()
    assert status_of(world.submission) == SubmissionStatus.INGEDIEND


def test_a_colleague_of_the_submitter_cannot_approve_either(submitted, world, client_for):
    response = client_for(world.leverancier2).post(action_url(submitted, "goedkeuren"), follow=True)
    assert "U mag deze actie niet uitvoeren" in response.content.decode()
    assert status_of(submitted) == SubmissionStatus.INGEDIEND


def test_a_beheerder_reopens_an_approved_submission_with_a_reason(submitted, world, client_for):
    transition(submitted, "goedkeuren", world.beleid)
    client = client_for(world.beheerder)
    assert action_url(submitted, "heropenen") in client.get(detail_url(submitted)).content.decode()
    client.post(
        action_url(submitted, "heropenen"), {"reden": "Correctie Wsw na accountantscontrole"}
    )
    assert status_of(submitted) == SubmissionStatus.CONCEPT
    assert submitted.events.get(action="heropenen").reason == "Correctie Wsw na accountantscontrole"


def test_reopening_without_a_reason_is_refused(submitted, world, client_for):
    transition(submitted, "goedkeuren", world.beleid)
    response = client_for(world.beheerder).post(action_url(submitted, "heropenen"), {"reden": ""})
    assert "Geef een reden op." in response.content.decode()
    assert status_of(submitted) == SubmissionStatus.GOEDGEKEURD


def test_an_action_that_does_not_fit_the_status_gives_a_message(world, client_for):
    response = client_for(world.beleid).post(
        action_url(world.submission, "goedkeuren"), follow=True
    )
    assert "&#x27;Goedkeuren&#x27; kan niet bij status &#x27;Concept&#x27;." in (
        response.content.decode()
    )


def test_submitting_an_incomplete_submission_from_the_overview_leads_to_the_grid(world, client_for):
    response = client_for(world.leverancier).post(
        action_url(world.submission, "indienen"), follow=True
    )
    assert response.redirect_chain[-1][0] == reverse(
        "indicators:submission_edit", args=[world.submission.pk]
    )
    assert "De aanlevering is nog niet compleet" in response.content.decode()


def test_the_supplier_can_withdraw_a_submission_under_review(submitted, world, client_for):
    client_for(world.leverancier).post(action_url(submitted, "intrekken"))
    assert status_of(submitted) == SubmissionStatus.CONCEPT


def test_actions_only_accept_post(submitted, world, client_for):
    response = client_for(world.beleid).get(action_url(submitted, "goedkeuren"))
    assert response.status_code == 405
    assert status_of(submitted) == SubmissionStatus.INGEDIEND


def test_an_unknown_action_is_not_found(submitted, world, client_for):
    response = client_for(world.beleid).post(action_url(submitted, "publiceren"))
    assert response.status_code == 404
