"""The beleidsmedewerker writes the report's texts in the browser, starting from a proposal (the
previous report, the thema's description, draft sentences from the trend judgements), previews the
report as HTML and sees which figures are still missing or unapproved."""

import re

import pytest
from django.urls import reverse

from indicators.submissions.services import CellInput, save_values
from indicators.workflow import transition as submission_transition
from reports import texts
from reports.models import ReportStatus, ReportSupplierText, ReportText
from reports.readiness import readiness
from reports.services import create_report
from reports.workflow import transition
from tests.factories import SubmissionFactory, period
from tests.reports.conftest import approve, vastgesteld, with_files
from tests.reports.test_structure import participatie  # noqa: F401 (fixture)


def texts_url(report):
    return reverse("reports:texts_edit", args=[report.pk])


@pytest.fixture
def report(world):
    return create_report(world.vlissingen, period("2018H1"), world.beleid)


@pytest.fixture
def beleid(client, world):
    client.force_login(world.beleid)
    return client


def filled_form(page_report, world, **changes):
    """The texts form as posted: every field empty unless given."""
    thema = world.aantal_clienten.thema
    data = {"introduction": ""}
    for name in texts.THEMA_FIELDS:
        data[f"t{thema.pk}-{name}"] = ""
    for name in texts.SUPPLIER_FIELDS:
        data[f"s{thema.pk}-{world.orionis.pk}-{name}"] = ""
    data.update(changes)
    return data


def test_the_texts_page_has_a_labelled_field_for_every_question(beleid, world, report):
    thema = world.aantal_clienten.thema
    page = beleid.get(texts_url(report)).text
    for name, label in [
        ("wat_streven_we_na", "1. Wat streven we na?"),
        ("waarom_belangrijk", "2. Waarom is dit belangrijk?"),
        ("wat_zien_we_positief", "4. Wat zien we? – Voorzichtig positief"),
        ("wat_zien_we_negatief", "4. Wat zien we? – Voorzichtig negatief"),
        ("rol_gemeente", "5. Wat is de rol van de gemeente?"),
    ]:
        assert f'<label for="id_t{thema.pk}-{name}">{label}</label>' in page
    supplier = f"s{thema.pk}-{world.orionis.pk}"
    assert (
        f'<label for="id_{supplier}-bijdrage">1. Wat is de bijdrage van Orionis Walcheren aan '
        "Iedereen doet mee?</label>" in page
    )
    assert f'<label for="id_{supplier}-wat_valt_op">' in page
    assert "<legend>Deel 2 Prestaties Orionis Walcheren</legend>" in page


def test_saving_the_texts_stores_them_per_thema_and_supplier(beleid, world, report):
    thema = world.aantal_clienten.thema
    data = filled_form(
        report,
        world,
        **{
            "introduction": "Het tweede rapport van 2018.",
            f"t{thema.pk}-wat_streven_we_na": "Iedereen doet mee.",
            f"t{thema.pk}-rol_gemeente": "De gemeente stimuleert.",
            f"s{thema.pk}-{world.orionis.pk}-wat_valt_op": "Meer uitstroom naar werk.",
        },
    )
    response = beleid.post(texts_url(report), data)
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.introduction == "Het tweede rapport van 2018."
    text = ReportText.objects.get(report=report, thema=thema)
    assert (text.wat_streven_we_na, text.rol_gemeente) == (
        "Iedereen doet mee.",
        "De gemeente stimuleert.",
    )
    supplier = ReportSupplierText.objects.get(report=report, uitvoerder=world.orionis)
    assert supplier.wat_valt_op == "Meer uitstroom naar werk."
    assert report.events.first().action == "duiding"
    assert report.texts_updated_at is not None


def test_a_new_report_proposes_the_texts_of_the_previous_report(beleid, world):
    thema = world.aantal_clienten.thema
    earlier = create_report(world.vlissingen, period("2017H2"), world.beleid)
    ReportText.objects.create(
        report=earlier,
        thema=thema,
        wat_streven_we_na="Iedereen is actief betrokken.",
        rol_gemeente="Via Orionis naar werk.",
    )
    ReportSupplierText.objects.create(
        report=earlier, thema=thema, uitvoerder=world.orionis, bijdrage="Orionis bemiddelt."
    )
    earlier.introduction = "Zo maken we dit rapport."
    earlier.save()
    report = create_report(world.vlissingen, period("2018H1"), world.beleid)
    page = beleid.get(texts_url(report)).text
    assert "Dit is een voorstel; er is nog niets opgeslagen." in page
    for text in [
        "Zo maken we dit rapport.",
        "Iedereen is actief betrokken.",
        "Via Orionis naar werk.",
        "Orionis bemiddelt.",
    ]:
        assert text in page
    # Nothing is stored until the beleidsmedewerker saves.
    assert not report.texts.exists() and not report.introduction


def test_wat_zien_we_is_proposed_from_the_trend_judgements(world, participatie):  # noqa: F811
    report = create_report(world.vlissingen, period("2018H1"), world.beleid)
    proposal = texts.proposal(report)
    thema = world.aantal_clienten.thema
    assert proposal.narrative.thema(thema.pk)["wat_zien_we_positief"] == (
        "Netto arbeidsparticipatie is gestegen van 60,0% (2016) naar 63,4% (2017)."
    )
    assert thema.pk in proposal.drafted


def test_without_a_previous_report_the_proposal_uses_the_thema_description(world, report):
    thema = world.aantal_clienten.thema
    thema.description = (
        "Wat streven we na?\nIedereen doet mee.\n\nWaarom is dit belangrijk?\nOmdat."
    )
    thema.save()
    narrative = texts.proposal(report).narrative
    assert narrative.thema(thema.pk)["wat_streven_we_na"] == "Iedereen doet mee."
    assert narrative.thema(thema.pk)["waarom_belangrijk"] == "Omdat."
    assert "Methode" in narrative.introduction


def test_a_supplier_text_written_for_another_gemeente_is_proposed(world, report):
    thema = world.aantal_clienten.thema
    veere = create_report(world.veere, period("2018H1"), world.beleid_veere)
    ReportSupplierText.objects.create(
        report=veere, thema=thema, uitvoerder=world.orionis, wat_valt_op="Voor heel Walcheren."
    )
    narrative = texts.proposal(report).narrative
    assert narrative.supplier((thema.pk, world.orionis.pk))["wat_valt_op"] == (
        "Voor heel Walcheren."
    )


def test_once_saved_the_page_shows_the_saved_texts_not_a_proposal(beleid, world, report):
    thema = world.aantal_clienten.thema
    name = f"t{thema.pk}-rol_gemeente"
    beleid.post(texts_url(report), filled_form(report, world, **{name: "Eigen tekst."}))
    page = beleid.get(texts_url(report)).text
    assert "Dit is een voorstel" not in page
    assert "Eigen tekst." in page


def test_the_form_shows_the_texts_as_the_report_prints_them(beleid, world, report):
    thema = world.aantal_clienten.thema
    thema.description = "Wat streven we na?\nUit de beschrijving."
    thema.save()
    texts.save(
        report,
        world.beleid,
        texts.Narrative(
            themas={
                thema.pk: {
                    "wat_zien_we": "Voorzichtig positief\nMeer werk.\n\nVoorzichtig negatief\nMinder vrijwilligers."
                }
            }
        ),
    )
    form = beleid.get(texts_url(report)).context["form"]
    assert form[f"t{thema.pk}-wat_streven_we_na"].value() == "Uit de beschrijving."
    assert form[f"t{thema.pk}-wat_zien_we_positief"].value() == "Meer werk."
    assert form[f"t{thema.pk}-wat_zien_we_negatief"].value() == "Minder vrijwilligers."
    assert form[f"t{thema.pk}-wat_zien_we"].value() == ""


def test_texts_of_an_offered_report_cannot_change(beleid, world, report):
    transition(with_files(report), "aanbieden", world.beleid)
    response = beleid.post(texts_url(report), filled_form(report, world, introduction="Nieuw"))
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.TER_VASTSTELLING and report.introduction == ""


def test_a_text_that_is_too_long_is_refused_with_a_message_at_the_field(beleid, world, report):
    thema = world.aantal_clienten.thema
    name = f"t{thema.pk}-rol_gemeente"
    response = beleid.post(texts_url(report), filled_form(report, world, **{name: "x" * 20001}))
    assert response.status_code == 400
    assert f'aria-describedby="id_{name}_error"' in response.text
    assert 'aria-invalid="true"' in response.text


@pytest.mark.parametrize("user", ["griffie", "leverancier", "other_beleid"])
def test_only_the_beleidsmedewerker_of_the_gemeente_reaches_texts_and_preview(
    client, world, report, user
):
    client.force_login(getattr(world, user))
    assert client.get(texts_url(report)).status_code == 404
    assert client.get(reverse("reports:preview", args=[report.pk])).status_code == 404


def test_the_preview_is_the_report_as_html_with_the_saved_texts(beleid, world):
    approve(world, world.submission)
    report = create_report(world.vlissingen, period("2018H1"), world.beleid)
    ReportText.objects.create(
        report=report, thema=world.aantal_clienten.thema, rol_gemeente="De rol van de gemeente."
    )
    response = beleid.get(reverse("reports:preview", args=[report.pk]))
    assert response.status_code == 200
    page = response.text
    assert '<html lang="nl">' in page
    assert '<h2 id="inhoudsopgave">Inhoudsopgave</h2>' in page
    assert "5. Wat is de rol van de gemeente?</h4>" in page and "De rol van de gemeente." in page
    assert "Orionis Walcheren – Werkzoekenden" in page and "510" in page
    assert reverse("reports:detail", args=[report.pk]) in page


def test_the_detail_page_lists_the_figures_still_missing_or_unapproved(beleid, world, report):
    save_values(
        world.submission,
        world.leverancier,
        [CellInput(world.aantal_clienten.pk, world.wsw.pk, world.walcheren.pk, "666")],
    )
    page = beleid.get(reverse("reports:detail", args=[report.pk])).text
    assert "Wat ontbreekt nog?" in page
    assert "0 van de 3 goedgekeurd" in page
    assert "Concept – nog niet goedgekeurd" in page and "1 van 3 ingevuld" in page
    submission_url = reverse("indicators:submission_detail", args=[world.submission.pk])
    assert f'<a href="{submission_url}">Orionis Walcheren – Halfjaarcijfers Orionis</a>' in page


def test_an_approved_submission_with_empty_cells_lists_them(beleid, world, report):
    save_values(
        world.submission,
        world.leverancier,
        [
            CellInput(world.aantal_clienten.pk, world.werkzoekenden.pk, world.walcheren.pk, "510"),
            CellInput(world.aantal_clienten.pk, world.wsw.pk, world.walcheren.pk, "666"),
            CellInput(
                world.uitstroom_pct.pk,
                world.werkzoekenden.pk,
                world.walcheren.pk,
                "",
                toelichting="Nog niet bekend.",
            ),
        ],
    )
    submission_transition(world.submission, "indienen", world.leverancier)
    submission_transition(world.submission, "goedkeuren", world.beleid)
    (row,) = readiness(report, world.beleid).open_rows
    assert (row.approved, row.expected) == (2, 3)
    assert [c.label for c in row.missing] == [
        "Aandeel uitstroom naar werk – Werkzoekenden – Walcheren"
    ]
    assert row.missing[0].toelichting == "Nog niet bekend."


def test_an_uitvraag_without_a_submission_in_the_period_is_listed(world, report):
    world.submission.delete()
    (row,) = readiness(report, world.beleid).open_rows
    assert row.submission is None and row.status_text == "Nog geen aanlevering"


def test_the_figures_of_a_quarter_inside_the_period_are_expected_too(world, report):
    SubmissionFactory(uitvraag=world.uitvraag, period=period("2018Q2"))
    SubmissionFactory(uitvraag=world.uitvraag, period=period("2018Q3"))
    rows = readiness(report, world.beleid).rows
    assert [r.submission.period.identifier for r in rows] == ["2018H1", "2018Q2"]


def test_the_readiness_panel_needs_few_queries(
    beleid, world, report, django_assert_max_num_queries
):
    with django_assert_max_num_queries(40):
        beleid.get(reverse("reports:detail", args=[report.pk]))


def test_a_vastgesteld_report_shows_no_readiness_panel(beleid, world, report):
    vastgesteld(with_files(report), world.beleid)
    page = beleid.get(reverse("reports:detail", args=[report.pk])).text
    assert "Wat ontbreekt nog?" not in page


def test_the_preview_stylesheet_passes_the_content_security_policy_by_its_nonce(beleid, report):
    response = beleid.get(reverse("reports:preview", args=[report.pk]))
    nonce = re.search(r'<style nonce="([^"]+)">', response.text).group(1)
    assert f"style-src 'self' 'nonce-{nonce}'" in response["Content-Security-Policy"]
