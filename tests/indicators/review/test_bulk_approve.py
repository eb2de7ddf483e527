"""Approving several aanleveringen at once from the list: a confirmation step listing them,
each through the workflow's transition() (four-eyes and audit each); those that may not be
approved are reported with the reason, the others proceed."""

from django.urls import reverse

from indicators.models import Submission, SubmissionEvent
from indicators.workflow import transition
from tests.factories import (
    SubmissionFactory,
    UitvraagFactory,
    UitvraagRegelFactory,
    fill_submission,
)


def another(world, name, submitter):
    uitvraag = UitvraagFactory(uitvoerder=world.orionis, name=name, areas=[world.walcheren])
    UitvraagRegelFactory(uitvraag=uitvraag, indicator=world.aantal_clienten, doelgroep=world.wsw)
    submission = SubmissionFactory(uitvraag=uitvraag)
    fill_submission(world, submission, values={(world.aantal_clienten.pk, world.wsw.pk): "12"})
    return transition(submission, "indienen", submitter)


def test_the_list_offers_a_box_per_submission_to_review(submitted, world, client_for):
    page = client_for(world.beleid).get(reverse("indicators:submission_list")).content.decode()
    assert f'name="aanlevering" value="{submitted.pk}"' in page
    supplier = client_for(world.leverancier).get(reverse("indicators:submission_list"))
    assert 'name="aanlevering"' not in supplier.content.decode()


def test_the_confirmation_lists_them_and_approves_nothing(submitted, world, client_for):
    second = another(world, "Wsw-cijfers", world.leverancier)
    response = client_for(world.beleid).post(
        reverse("indicators:bulk_approve"), {"aanlevering": [submitted.pk, second.pk]}
    )
    page = response.content.decode()
    assert "Goedkeuren bevestigen" in page
    assert "Halfjaarcijfers Orionis" in page and "Wsw-cijfers" in page
    assert "Deze 2 aanleveringen goedkeuren" in page
    assert set(Submission.objects.values_list("status", flat=True)) == {"ingediend"}


def test_each_is_approved_and_audited_and_a_refusal_is_reported_with_its_reason(
    submitted, world, client_for
):
    concept = SubmissionFactory(
        uitvraag=UitvraagFactory(
            uitvoerder=world.orionis, name="Nog concept", areas=[world.walcheren]
        )
    )
    # The beleidsmedewerker changed nothing, but a colleague submitted the second one.
    second = another(world, "Wsw-cijfers", world.leverancier2)
    response = client_for(world.beleid).post(
        reverse("indicators:bulk_approve"),
        {"aanlevering": [submitted.pk, second.pk, concept.pk], "bevestigd": "1"},
    )
    page = response.content.decode()
    assert "2 aanleveringen goedgekeurd." in page
    assert "alleen ingediende aanleveringen worden goedgekeurd" in page
    assert Submission.objects.get(pk=submitted.pk).status == "goedgekeurd"
    assert Submission.objects.get(pk=second.pk).status == "goedgekeurd"
    assert Submission.objects.get(pk=concept.pk).status == "concept"
    events = SubmissionEvent.objects.filter(action="goedkeuren", actor=world.beleid)
    assert sorted(events.values_list("submission_id", flat=True)) == sorted(
        [submitted.pk, second.pk]
    )


def test_four_eyes_holds_for_each(submitted, world, client_for):
    """A beleidsmedewerker who is also staff of the supplier and submitted one of them."""
    from organisations.models import Membership, Role

    Membership.objects.create(user=world.beleid, role=Role.LEVERANCIER, organisation=world.orionis)
    own = another(world, "Eigen werk", world.beleid)
    response = client_for(world.beleid).post(
        reverse("indicators:bulk_approve"),
        {"aanlevering": [submitted.pk, own.pk], "bevestigd": "1"},
    )
    page = response.content.decode()
    assert "vier-ogenprincipe" in page
    assert Submission.objects.get(pk=own.pk).status == "ingediend"
    assert Submission.objects.get(pk=submitted.pk).status == "goedgekeurd"


def test_nobody_approves_what_they_cannot_see(submitted, world, client_for):
    client_for(world.other_beleid).post(
        reverse("indicators:bulk_approve"), {"aanlevering": [submitted.pk], "bevestigd": "1"}
    )
    assert Submission.objects.get(pk=submitted.pk).status == "ingediend"
