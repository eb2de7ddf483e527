"""The history page: every transition and every changed figure, merged in time order."""

from django.urls import reverse
from django.utils.html import escape

from indicators.submissions.services import CellInput, save_values
from indicators.workflow import transition
from tests.factories import fill_submission


def history_url(submission):
    return reverse("indicators:submission_history", args=[submission.pk])


def test_every_transition_is_shown_with_who_and_why(submitted, world, client_for):
    transition(submitted, "terugsturen", world.beleid, reason="Wsw-aantal klopt niet")
    page = client_for(world.leverancier).get(history_url(submitted)).content.decode()
    assert "Terugsturen" in page
    assert "Ingediend" in page and "Teruggestuurd" in page
    assert "Reden: Wsw-aantal klopt niet" in page
    assert escape(world.beleid.get_full_name()) in page  # a name may hold an apostrophe


def test_a_changed_figure_is_shown_from_old_to_new_with_its_author(world, client_for):
    fill_submission(world)
    save_values(
        world.submission,
        world.leverancier2,
        [
            CellInput(
                world.aantal_clienten.pk,
                world.wsw.pk,
                world.walcheren.pk,
                "670",
                toelichting="Na correctie salarisadministratie",
            )
        ],
    )
    page = client_for(world.leverancier).get(history_url(world.submission)).content.decode()
    assert "Cijfer gewijzigd: Aantal cliënten (Wsw), Walcheren" in page
    assert (
        '<span class="old">666</span> <span aria-hidden="true">→</span>'
        '<span class="visually-hidden">wordt</span> <span class="new">670</span>'
    ) in page
    assert '<span class="new">Na correctie salarisadministratie</span>' in page
    assert world.leverancier2.get_full_name() in page


def test_what_was_typed_and_its_error_are_part_of_the_history(world, client_for):
    save_values(
        world.submission,
        world.leverancier,
        [CellInput(world.aantal_clienten.pk, world.wsw.pk, world.walcheren.pk, "-3")],
    )
    page = client_for(world.leverancier).get(history_url(world.submission)).content.decode()
    assert "Cijfer ingevoerd: Aantal cliënten (Wsw), Walcheren" in page
    assert "Fout: Een aantal kan niet negatief zijn." in page


def test_figures_and_transitions_are_merged_in_time_order(world, client_for):
    fill_submission(world)
    transition(world.submission, "indienen", world.leverancier)
    transition(world.submission, "terugsturen", world.beleid, reason="Controleer Wsw")
    fill_submission(world, values={(world.aantal_clienten.pk, world.wsw.pk): "670"})
    page = client_for(world.beleid).get(history_url(world.submission)).content.decode()
    first_entry = page.index("Cijfer ingevoerd")
    sent_back = page.index("Reden: Controleer Wsw")
    corrected = page.index("Cijfer gewijzigd")
    assert first_entry < page.index("Indienen") < sent_back < corrected


def test_an_untouched_submission_says_nothing_changed_yet(world, client_for):
    page = client_for(world.leverancier).get(history_url(world.submission)).content.decode()
    assert "Er is nog niets gewijzigd." in page
