"""What changed since the last review: on resubmission and after a correction after approval,
cell by cell old → new, who and toelichting; only those cells are highlighted, and the grid can
show only them. The review screen needs a fixed number of queries."""

import pytest
from django.urls import reverse

from indicators.review import questions
from indicators.review.changes import changes_since_review
from indicators.workflow import transition
from tests.factories import fill_submission
from tests.indicators.submissions.test_query_counts import MAX_REVIEW_QUERIES, fill_every_cell

WSW = "Aantal cliënten (Wsw), Walcheren"


def resubmit(world, submission, wsw="670", toelichting="Herberekend"):
    """Send back, correct one cell (by the second staff member) and submit again."""
    transition(submission, "terugsturen", world.beleid, reason="Klopt Wsw?")
    fill_submission(
        world,
        user=world.leverancier2,
        values={(world.aantal_clienten.pk, world.wsw.pk): wsw},
    )
    key = (world.aantal_clienten.pk, world.wsw.pk, world.walcheren.pk)
    value = submission.values.get(indicator_id=key[0], doelgroep_id=key[1])
    value.toelichting = toelichting
    value._history_user = world.leverancier2
    value.save()
    return transition(submission, "indienen", world.leverancier2)


def test_nothing_changed_before_a_first_review(submitted):
    assert not changes_since_review(submitted)


def test_a_resubmission_shows_the_changed_cell_old_and_new_who_and_toelichting(submitted, world):
    resubmit(world, submitted)
    changes = changes_since_review(submitted)
    (change,) = changes.cells.values()
    assert (change.label, change.old_text, change.new_text) == (WSW, "666", "670")
    assert change.actor == world.leverancier2
    assert change.new_toelichting == "Herberekend"
    assert changes.reviewed_by == world.beleid


def test_a_figure_changed_and_changed_back_is_not_a_change(submitted, world):
    transition(submitted, "terugsturen", world.beleid, reason="Klopt Wsw?")
    fill_submission(world, values={(world.aantal_clienten.pk, world.wsw.pk): "1"})
    fill_submission(world, values={(world.aantal_clienten.pk, world.wsw.pk): "666"})
    transition(submitted, "indienen", world.leverancier)
    assert not changes_since_review(submitted)


def test_a_correction_after_approval_shows_what_changed_since_the_approval(submitted, world):
    transition(submitted, "goedkeuren", world.beleid)
    transition(submitted, "heropenen", world.beheerder, reason="Correctie CBS")
    fill_submission(world, values={(world.uitstroom_pct.pk, world.werkzoekenden.pk): "13,0"})
    transition(submitted, "indienen", world.leverancier)
    (change,) = changes_since_review(submitted).cells.values()
    assert (change.old_text, change.new_text) == ("12,5", "13,0")


def test_only_the_changed_cell_is_highlighted_and_can_be_shown_alone(submitted, world, client_for):
    resubmit(world, submitted)
    client = client_for(world.beleid)
    url = reverse("indicators:submission_detail", args=[submitted.pk])
    page = client.get(url).content.decode()
    assert page.count('class="num cell-changed') == 1
    assert "1 cel gewijzigd sinds de vorige beoordeling" in page
    assert "was 666" in page
    only = client.get(url, {"gewijzigd": "1"}).content.decode()
    grid = only.split("<tbody>")[1].split("</tbody>")[0]
    assert "Wsw" in grid and "Werkzoekenden" not in grid


def test_the_review_screen_needs_the_same_queries_whatever_changed_or_was_asked(
    world, client_for, django_assert_max_num_queries
):
    """Thirty rows over four areas, every cell changed since the review and a question on many
    cells: the page still needs a fixed number of queries."""
    from tests.factories import IndicatorFactory, UitvraagRegelFactory
    from tests.indicators.submissions.test_query_counts import EXTRA_ROWS

    world.uitvraag.areas.add(world.middelburg, world.veere, world.vlissingen)
    for n in range(EXTRA_ROWS):
        indicator = IndicatorFactory(uitvoerder=world.orionis, thema=world.aantal_clienten.thema)
        UitvraagRegelFactory(uitvraag=world.uitvraag, indicator=indicator, order=10 + n)
    submission = world.submission
    fill_every_cell(submission, world.leverancier, raw="6")
    transition(submission, "indienen", world.leverancier)
    for regel in list(world.uitvraag.regels.all())[:12]:
        key = (regel.indicator_id, regel.doelgroep_id, world.vlissingen.pk)
        questions.ask(submission, key, world.beleid, "Klopt dit?")
    transition(submission, "terugsturen", world.beleid, reason="Zie de vragen")
    fill_every_cell(submission, world.leverancier2, raw="8")
    transition(submission, "indienen", world.leverancier2)
    assert len(changes_since_review(submission)) == (EXTRA_ROWS + 3) * 4
    client = client_for(world.beleid_veere)
    url = reverse("indicators:submission_detail", args=[submission.pk])
    with django_assert_max_num_queries(MAX_REVIEW_QUERIES):
        response = client.get(url)
    assert response.content.decode().count("cell-changed") == (EXTRA_ROWS + 3) * 4
    with django_assert_max_num_queries(MAX_REVIEW_QUERIES):
        client.get(url, {"gewijzigd": "1"})


@pytest.mark.parametrize("person", ["leverancier", "beleid"])
def test_the_history_holds_the_messages_and_the_changes(person, submitted, world, client_for):
    key = (world.aantal_clienten.pk, world.wsw.pk, world.walcheren.pk)
    questions.ask(submitted, key, world.beleid, "Klopt Wsw?")
    resubmit(world, submitted)
    page = client_for(getattr(world, person)).get(
        reverse("indicators:submission_history", args=[submitted.pk])
    )
    text = page.content.decode()
    assert "Vraag stellen" in text and "Klopt Wsw?" in text
    assert "Cijfer gewijzigd" in text
