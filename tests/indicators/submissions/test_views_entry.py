"""The supplier's grid: entering, saving a concept and submitting."""

from django.urls import reverse

from indicators.models import SubmissionStatus, Value
from tests.factories import fill_submission
from tests.indicators.grid import field, grid_post


def edit_url(submission):
    return reverse("indicators:submission_edit", args=[submission.pk])


def stored(world, indicator, doelgroep):
    return Value.objects.get(indicator=indicator, doelgroep=doelgroep, area=world.walcheren)


def test_the_grid_has_a_row_per_indicator_and_doelgroep_and_a_column_per_area(world, client_for):
    page = client_for(world.leverancier).get(edit_url(world.submission)).content.decode()
    assert "Aantal cliënten (Werkzoekenden)" in page
    assert "Aantal cliënten (Wsw)" in page
    assert "Aandeel uitstroom naar werk (Werkzoekenden)" in page
    assert '<th scope="col">Walcheren</th>' in page
    assert f'name="{field(world, world.aantal_clienten, world.wsw)}"' in page


def test_each_row_shows_the_definition_unit_and_source_at_hand(world, client_for):
    world.uitstroom_pct.definition = "Uitstroom naar werk gedeeld door de totale uitstroom."
    world.uitstroom_pct.source = "Suite4Werk"
    world.uitstroom_pct.save()
    page = client_for(world.leverancier).get(edit_url(world.submission)).content.decode()
    assert "Uitstroom naar werk gedeeld door de totale uitstroom." in page
    assert "Suite4Werk" in page
    assert "%, hoogstens 1 decimaal" in page
    # Also tied to the live check's message and the previous period's figure.
    cell = field(world, world.uitstroom_pct, world.werkzoekenden).removesuffix("-waarde")
    assert f'aria-describedby="regel-3-eenheid regel-3-definitie {cell}-live {cell}-vorige"' in page


def test_saving_a_concept_stores_the_figures(world, client_for):
    response = client_for(world.leverancier).post(
        edit_url(world.submission), grid_post(world, "510", "666", "12,5"), follow=True
    )
    assert "Het concept is opgeslagen." in response.content.decode()
    assert stored(world, world.uitstroom_pct, world.werkzoekenden).value == 12.5
    assert stored(world, world.aantal_clienten, world.wsw).updated_by == world.leverancier


def test_a_negative_count_is_refused_in_dutch_while_the_other_cells_are_saved(world, client_for):
    response = client_for(world.leverancier).post(
        edit_url(world.submission), grid_post(world, "510", "-3", "12,5"), follow=True
    )
    page = response.content.decode()
    assert "Een aantal kan niet negatief zijn." in page
    assert stored(world, world.aantal_clienten, world.werkzoekenden).value == 510
    assert stored(world, world.uitstroom_pct, world.werkzoekenden).value == 12.5


def test_a_percentage_above_100_is_refused_in_dutch(world, client_for):
    response = client_for(world.leverancier).post(
        edit_url(world.submission), grid_post(world, "510", "666", "120"), follow=True
    )
    assert "Een percentage ligt tussen 0 en 100." in response.content.decode()
    assert stored(world, world.aantal_clienten, world.wsw).value == 666


def test_too_many_decimals_are_refused_in_dutch(world, client_for):
    response = client_for(world.leverancier).post(
        edit_url(world.submission), grid_post(world, "510,5", "666", "12,55"), follow=True
    )
    page = response.content.decode()
    assert "Vul een heel getal in (zonder decimalen)." in page
    assert "Gebruik hoogstens 1 decimalen." in page
    assert stored(world, world.aantal_clienten, world.wsw).value == 666


def test_text_instead_of_a_number_is_refused_in_dutch(world, client_for):
    response = client_for(world.leverancier).post(
        edit_url(world.submission), grid_post(world, "veel", "666", "12,5"), follow=True
    )
    assert "&#x27;veel&#x27; is geen getal." in response.content.decode()
    assert stored(world, world.aantal_clienten, world.wsw).value == 666


def test_an_invalid_cell_is_shown_again_with_what_was_typed_and_tied_to_its_message(
    world, client_for
):
    client = client_for(world.leverancier)
    client.post(edit_url(world.submission), grid_post(world, "510", "-3", "12,5"))
    page = client.get(edit_url(world.submission)).content.decode()
    name = field(world, world.aantal_clienten, world.wsw)
    error_id = name.replace("-waarde", "-fout")
    assert f'id="{name}" value="-3"' in page
    assert f'<p class="error" id="{error_id}">Een aantal kan niet negatief zijn.</p>' in page
    assert (
        f'aria-describedby="{error_id} regel-2-eenheid regel-2-definitie '
        f'{name.removesuffix("-waarde")}-live {name.removesuffix("-waarde")}-vorige" '
        'aria-invalid="true"' in page
    )


def test_the_error_summary_at_the_top_links_to_each_invalid_cell(world, client_for):
    client = client_for(world.leverancier)
    response = client.post(
        edit_url(world.submission), grid_post(world, "510", "-3", "120"), follow=True
    )
    page = response.content.decode()
    assert "2 cijfers kloppen nog niet" in page
    assert (
        f'<a href="#{field(world, world.aantal_clienten, world.wsw)}">'
        "Aantal cliënten (Wsw), Walcheren: Een aantal kan niet negatief zijn.</a>"
    ) in page
    assert f'href="#{field(world, world.uitstroom_pct, world.werkzoekenden)}"' in page
    assert page.index("cijfers kloppen nog niet") < page.index("<table")


def test_toelichting_and_voorlopig_are_saved_per_cell(world, client_for):
    data = grid_post(world, "510", "", "12,5")
    data[field(world, world.aantal_clienten, world.wsw, "toelichting")] = "Nog niet bekend"
    data[field(world, world.aantal_clienten, world.werkzoekenden, "voorlopig")] = "1"
    client_for(world.leverancier).post(edit_url(world.submission), data)
    assert stored(world, world.aantal_clienten, world.wsw).toelichting == "Nog niet bekend"
    assert stored(world, world.aantal_clienten, world.werkzoekenden).voorlopig is True
    assert stored(world, world.uitstroom_pct, world.werkzoekenden).voorlopig is False


def test_a_post_without_some_cells_leaves_those_cells_alone(world, client_for):
    fill_submission(world)
    data = {field(world, world.aantal_clienten, world.wsw): "670", "actie": "opslaan"}
    client_for(world.leverancier).post(edit_url(world.submission), data)
    assert stored(world, world.aantal_clienten, world.wsw).value == 670
    assert stored(world, world.aantal_clienten, world.werkzoekenden).value == 510


def test_submitting_an_incomplete_submission_lists_what_is_missing(world, client_for):
    response = client_for(world.leverancier).post(
        edit_url(world.submission), grid_post(world, "510", "", "", action="indienen")
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "De aanlevering is nog niet compleet" in page
    assert "Aantal cliënten (Wsw), Walcheren: vul een waarde in of licht toe" in page
    assert "Aandeel uitstroom naar werk (Werkzoekenden), Walcheren" in page
    world.submission.refresh_from_db()
    assert world.submission.status == SubmissionStatus.CONCEPT
    assert stored(world, world.aantal_clienten, world.werkzoekenden).value == 510


def test_submitting_with_an_invalid_cell_is_refused(world, client_for):
    response = client_for(world.leverancier).post(
        edit_url(world.submission), grid_post(world, "510", "-3", "12,5", action="indienen")
    )
    assert "Aantal cliënten (Wsw), Walcheren: Een aantal kan niet negatief zijn." in (
        response.content.decode()
    )
    world.submission.refresh_from_db()
    assert world.submission.status == SubmissionStatus.CONCEPT


def test_submitting_a_complete_submission_saves_and_submits(world, client_for):
    response = client_for(world.leverancier).post(
        edit_url(world.submission), grid_post(world, "510", "666", "12,5", action="indienen")
    )
    assert response.url == reverse("indicators:submission_detail", args=[world.submission.pk])
    world.submission.refresh_from_db()
    assert world.submission.status == SubmissionStatus.INGEDIEND
    assert world.submission.submitted_by == world.leverancier


def test_a_missing_value_with_a_toelichting_may_be_submitted(world, client_for):
    data = grid_post(world, "510", "", "12,5", action="indienen")
    data[field(world, world.aantal_clienten, world.wsw, "toelichting")] = (
        "Salarisadministratie te laat"
    )
    client_for(world.leverancier).post(edit_url(world.submission), data)
    world.submission.refresh_from_db()
    assert world.submission.status == SubmissionStatus.INGEDIEND


def test_after_submitting_the_grid_is_read_only_with_a_notice(submitted, world, client_for):
    page = client_for(world.leverancier).get(edit_url(submitted)).content.decode()
    assert "Deze aanlevering heeft status &#x27;Ingediend&#x27;" in page
    assert "<input" not in page.split('id="inhoud"')[1]
    assert "666" in page


def test_posting_figures_to_a_submitted_submission_changes_nothing(submitted, world, client_for):
    response = client_for(world.leverancier).post(
        edit_url(submitted), grid_post(world, "1", "1", "1"), follow=True
    )
    assert "kunnen alleen worden gewijzigd" in response.content.decode()
    assert stored(world, world.aantal_clienten, world.wsw).value == 666


def test_a_beleidsmedewerker_cannot_fill_in_figures(world, client_for):
    response = client_for(world.beleid).get(edit_url(world.submission), follow=True)
    assert response.redirect_chain[-1][0] == reverse(
        "indicators:submission_detail", args=[world.submission.pk]
    )
    assert "Alleen medewerkers van Orionis Walcheren" in response.content.decode()


def test_the_list_offers_the_supplier_its_open_submissions_to_fill_in(world, client_for):
    page = client_for(world.leverancier).get(reverse("indicators:submission_list")).content
    assert edit_url(world.submission) in page.decode()
