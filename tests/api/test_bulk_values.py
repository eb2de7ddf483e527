"""POST /api/v1/waarden/bulk/: a data value set by codes, with dry_run, create/update semantics
and a summary per item — the same validation and permissions as the web form."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from indicators.models import ImportJob, SubmissionStatus, Value
from indicators.workflow import transition
from tests.factories import (
    GemeenteFactory,
    IndicatorFactory,
    UitvraagRegelFactory,
    fill_submission,
)

URL = "/api/v1/waarden/bulk/"


def item(indicator, doelgroep, waarde, gebied="walcheren", periode="2018H1", **extra):
    return {
        "indicator": indicator.code,
        "doelgroep": doelgroep.code if doelgroep else None,
        "gebied": gebied,
        "periode": periode,
        "waarde": waarde,
        **extra,
    }


def value_set(world, werk=510, wsw=666, pct="12,5"):
    return [
        item(world.aantal_clienten, world.werkzoekenden, werk),
        item(world.aantal_clienten, world.wsw, wsw),
        item(world.uitstroom_pct, world.werkzoekenden, pct),
    ]


def post(client, waarden, **body):
    return client.post(URL, {"waarden": waarden, **body}, format="json")


def stored(world, indicator, doelgroep):
    return Value.objects.get(indicator=indicator, doelgroep=doelgroep, area=world.walcheren)


def counts(body):
    return body["created"], body["updated"], body["unchanged"]


def test_a_supplier_delivers_a_value_set_and_gets_a_summary(world, api_client):
    response = post(api_client(world.leverancier), value_set(world))
    assert response.status_code == 200
    assert response.json() == {
        "dry_run": False,
        "created": 3,
        "updated": 0,
        "unchanged": 0,
        "conflicts": [],
        "errors": [],
    }
    assert stored(world, world.uitstroom_pct, world.werkzoekenden).value == 12.5
    assert stored(world, world.aantal_clienten, world.wsw).updated_by == world.leverancier


def test_sending_the_same_payload_twice_changes_nothing(world, api_client):
    client = api_client(world.leverancier)
    post(client, value_set(world))
    history = Value.history.count()
    second = post(client, value_set(world)).json()
    assert counts(second) == (0, 0, 3)
    assert Value.history.count() == history


def test_a_changed_figure_is_updated_and_the_rest_left_alone(world, api_client):
    client = api_client(world.leverancier)
    post(client, value_set(world))
    body = post(client, value_set(world, wsw=670)).json()
    assert counts(body) == (0, 1, 2)
    wsw = stored(world, world.aantal_clienten, world.wsw)
    assert wsw.value == 670
    assert wsw.history.count() == 2


def test_the_same_figure_written_differently_is_unchanged(world, api_client):
    client = api_client(world.leverancier)
    post(client, value_set(world, pct="12,5"))
    body = post(client, value_set(world, pct=12.5)).json()
    assert counts(body) == (0, 0, 3)
    assert stored(world, world.uitstroom_pct, world.werkzoekenden).raw == "12,5"


def test_dry_run_reports_without_writing(world, api_client):
    client = api_client(world.leverancier)
    body = post(client, value_set(world), dry_run=True).json()
    assert body["dry_run"] is True
    assert counts(body) == (3, 0, 0)
    assert not Value.objects.exists()
    assert not Value.history.exists()
    assert not ImportJob.objects.exists()


def test_dry_run_is_accepted_as_query_parameter(world, api_client):
    response = api_client(world.leverancier).post(
        URL + "?dry_run=true", {"waarden": value_set(world)}, format="json"
    )
    assert response.json()["dry_run"] is True
    assert not Value.objects.exists()


def test_history_records_the_user_and_the_reason(world, api_client):
    post(api_client(world.leverancier), value_set(world), reden="Maandexport Suite4Werk")
    record = stored(world, world.aantal_clienten, world.wsw).history.get()
    assert record.history_user == world.leverancier
    assert record.history_change_reason == "Maandexport Suite4Werk"
    assert record.history_type == "+"


def test_the_default_reason_says_it_came_through_the_bulk_api(world, api_client):
    post(api_client(world.leverancier), value_set(world))
    record = stored(world, world.aantal_clienten, world.wsw).history.get()
    assert record.history_change_reason == "Bulkimport via de API"


def test_unknown_codes_are_reported_per_item_and_the_valid_items_are_stored(world, api_client):
    waarden = [
        item(world.aantal_clienten, world.werkzoekenden, 510),
        {**item(world.aantal_clienten, world.wsw, 1), "indicator": "aantal-klanten"},
        {**item(world.aantal_clienten, world.wsw, 1), "doelgroep": "jongeren"},
        item(world.aantal_clienten, world.wsw, 1, gebied="GM9999"),
        item(world.aantal_clienten, world.wsw, 1, periode="2018X3"),
        item(world.aantal_clienten, world.wsw, 1, periode="2030H1"),
    ]
    body = post(api_client(world.leverancier), waarden).json()
    assert counts(body) == (1, 0, 0)
    assert body["conflicts"] == [
        {"index": 1, "veld": "indicator", "reason": "Onbekende indicator 'aantal-klanten'."},
        {"index": 2, "veld": "doelgroep", "reason": "Onbekende doelgroep 'jongeren'."},
        {"index": 3, "veld": "gebied", "reason": "Onbekende gemeente of regio 'GM9999'."},
        {
            "index": 4,
            "veld": "periode",
            "reason": "Onbekende periode '2018X3': gebruik bijvoorbeeld 2018Q2, 2018H1 of 2018.",
        },
        {
            "index": 5,
            "veld": "periode",
            "reason": "Uw organisatie heeft geen aanlevering voor periode 2030H1.",
        },
    ]
    assert Value.objects.count() == 1


def test_missing_fields_and_wrong_types_are_conflicts_of_their_item(world, api_client):
    waarden = [
        {"indicator": world.aantal_clienten.code},
        "tekst",
        item(world.aantal_clienten, world.wsw, True),
    ]
    body = post(api_client(world.leverancier), waarden).json()
    assert [(c["index"], c["veld"]) for c in body["conflicts"]] == [
        (0, "gebied"),
        (0, "periode"),
        (1, ""),
        (2, "waarde"),
    ]
    assert body["conflicts"][3]["reason"] == "Geef een getal of tekst op."


def test_a_cell_that_is_not_asked_for_is_a_conflict(world, api_client):
    body = post(api_client(world.leverancier), [item(world.uitstroom_pct, world.wsw, 5)]).json()
    assert body["conflicts"] == [
        {
            "index": 0,
            "veld": "doelgroep",
            "reason": "Indicator 'orionis-uitstroom-werk' wordt niet voor doelgroep 'wsw' "
            "uitgevraagd.",
        }
    ]


def test_a_cell_twice_in_one_payload_is_a_conflict_the_second_time(world, api_client):
    waarden = [item(world.aantal_clienten, world.wsw, 5), item(world.aantal_clienten, world.wsw, 6)]
    body = post(api_client(world.leverancier), waarden).json()
    assert counts(body) == (1, 0, 0)
    assert body["conflicts"] == [
        {"index": 1, "veld": "", "reason": "Deze cel staat al eerder in de lijst (positie 0)."}
    ]
    assert stored(world, world.aantal_clienten, world.wsw).value == 5


@pytest.mark.parametrize("periode", ["2018S1", "2018H1", "2018h1", " 2018S1 "])
def test_period_codes_in_dhis2_and_our_own_spelling_are_accepted(world, api_client, periode):
    body = post(
        api_client(world.leverancier), [item(world.aantal_clienten, world.wsw, 5, periode=periode)]
    ).json()
    assert counts(body) == (1, 0, 0)


def test_a_cbs_code_without_its_letters_or_in_lower_case_finds_the_gemeente(world, api_client):
    world.uitvraag.areas.add(world.vlissingen)
    waarden = [
        item(world.aantal_clienten, world.wsw, 5, gebied="0718"),
        item(world.aantal_clienten, world.werkzoekenden, 6, gebied="gm0718"),
        item(world.aantal_clienten, world.werkzoekenden, 7, gebied="WALCHEREN"),
    ]
    body = post(api_client(world.leverancier), waarden).json()
    assert counts(body) == (3, 0, 0)


def test_invalid_values_are_stored_as_typed_and_reported_like_the_web_form(world, api_client):
    body = post(api_client(world.leverancier), value_set(world, wsw=-3, pct="120")).json()
    assert counts(body) == (3, 0, 0)
    assert body["errors"] == [
        {"index": 1, "veld": "waarde", "reason": "Een aantal kan niet negatief zijn."},
        {"index": 2, "veld": "waarde", "reason": "Een percentage ligt tussen 0 en 100."},
    ]
    negative = stored(world, world.aantal_clienten, world.wsw)
    assert (negative.raw, negative.value, negative.error) == (
        "-3",
        None,
        "Een aantal kan niet negatief zijn.",
    )


def test_omitted_fields_keep_what_is_stored_and_null_clears_the_figure(world, api_client):
    client = api_client(world.leverancier)
    post(
        client,
        [item(world.aantal_clienten, world.wsw, 5, toelichting="Schatting", voorlopig=True)],
    )
    post(client, [item(world.aantal_clienten, world.wsw, 6)])
    wsw = stored(world, world.aantal_clienten, world.wsw)
    assert (wsw.value, wsw.toelichting, wsw.voorlopig) == (6, "Schatting", True)
    post(client, [item(world.aantal_clienten, world.wsw, None)])
    wsw.refresh_from_db()
    assert (wsw.raw, wsw.value, wsw.toelichting) == ("", None, "Schatting")


def test_a_submitted_or_approved_submission_is_not_changed(world, api_client):
    fill_submission(world)
    transition(world.submission, "indienen", world.leverancier)
    body = post(api_client(world.leverancier), value_set(world, wsw=700)).json()
    assert counts(body) == (0, 0, 0)
    assert body["conflicts"][1] == {
        "index": 1,
        "veld": "",
        "reason": "De aanlevering Halfjaarcijfers Orionis, 2018 eerste halfjaar heeft status "
        "'Ingediend' en kan niet worden gewijzigd.",
    }
    assert stored(world, world.aantal_clienten, world.wsw).value == 666
    transition(world.submission, "goedkeuren", world.beleid)
    body = post(api_client(world.leverancier), value_set(world, wsw=700)).json()
    assert "'Goedgekeurd'" in body["conflicts"][0]["reason"]
    assert world.submission.__class__.objects.get().status == SubmissionStatus.GOEDGEKEURD


def test_another_suppliers_cells_are_conflicts(world, api_client):
    body = post(api_client(world.porthos_leverancier), value_set(world)).json()
    assert counts(body) == (0, 0, 0)
    assert len({conflict["index"] for conflict in body["conflicts"]}) == 3
    assert not Value.objects.exists()


def test_a_csv_body_is_read_like_the_json_items(world, api_client):
    text = (
        "\ufeffindicator;doelgroep;gebied;periode;waarde;toelichting;voorlopig\r\n"
        "orionis-aantal-clienten;werkzoekenden;walcheren;2018S1;510;;nee\r\n"
        "orionis-aantal-clienten;wsw;walcheren;2018H1;1.234;Schatting;ja\r\n"
        "orionis-uitstroom-werk;werkzoekenden;walcheren;2018H1;12,5;;\r\n"
        "onbekend;;walcheren;2018H1;1;;\r\n"
    )
    response = api_client(world.leverancier).post(
        URL, text.encode(), content_type="text/csv; charset=utf-8"
    )
    assert response.status_code == 200
    body = response.json()
    assert counts(body) == (3, 0, 0)
    assert body["conflicts"] == [
        {"index": 3, "veld": "indicator", "reason": "Onbekende indicator 'onbekend'."}
    ]
    wsw = stored(world, world.aantal_clienten, world.wsw)
    assert (wsw.value, wsw.toelichting, wsw.voorlopig) == (1234, "Schatting", True)
    assert ImportJob.objects.get().file_format == "csv"


def test_a_csv_body_with_commas_can_be_a_dry_run(world, api_client):
    text = "indicator,doelgroep,gebied,periode,waarde\norionis-aantal-clienten,wsw,walcheren,2018H1,5\n"
    response = api_client(world.leverancier).post(
        URL + "?dry_run=1", text.encode(), content_type="text/csv"
    )
    assert counts(response.json()) == (1, 0, 0)
    assert not Value.objects.exists()


def test_a_csv_body_without_the_required_columns_is_a_400(world, api_client):
    response = api_client(world.leverancier).post(
        URL, b"naam;getal\nx;1\n", content_type="text/csv"
    )
    assert response.status_code == 400
    assert (
        "mist de kolom(men) 'Indicatorcode', 'Gebiedscode (CBS/regio)', 'Periode'"
        in (response.json()["detail"])
    )


def test_a_body_without_a_list_is_a_400(world, api_client):
    response = api_client(world.leverancier).post(URL, {"waarden": "veel"}, format="json")
    assert response.status_code == 400
    assert response.json() == {"detail": "Stuur een object met een lijst 'waarden'."}


def test_the_griffie_and_beleid_may_not_deliver_figures(world, api_client):
    for user in (world.griffie, world.beleid, world.beheerder):
        response = post(api_client(user), value_set(world))
        assert response.status_code == 403
        assert response.json()["detail"] == (
            "Alleen medewerkers van een uitvoeringsorganisatie kunnen cijfers aanleveren."
        )
    assert not Value.objects.exists()


def test_anonymous_callers_get_401(world, api_client):
    assert post(api_client(None), value_set(world)).status_code == 401


def test_the_endpoint_is_documented_with_examples(db, api_client):
    schema = api_client(None).get("/api/schema/?format=json").json()
    operation = schema["paths"]["/api/v1/waarden/bulk/"]["post"]
    content = operation["requestBody"]["content"]
    assert set(content) >= {"application/json", "text/csv"}
    assert "examples" in content["application/json"]
    assert any(parameter["name"] == "dry_run" for parameter in operation["parameters"])


@pytest.fixture
def wide_submission(world):
    """The world's uitvraag with 50 more indicators over 10 gemeenten: 500 more cells."""
    gemeenten = [GemeenteFactory() for _n in range(10)]
    world.uitvraag.areas.add(*gemeenten)
    indicators = [
        IndicatorFactory(uitvoerder=world.orionis, thema=world.aantal_clienten.thema)
        for _n in range(50)
    ]
    for n, indicator in enumerate(indicators):
        UitvraagRegelFactory(uitvraag=world.uitvraag, indicator=indicator, order=10 + n)
    return [
        {"indicator": i.code, "gebied": g.code, "periode": "2018H1", "waarde": n}
        for n, (i, g) in enumerate((i, g) for i in indicators for g in gemeenten)
    ]


def count_queries(client, waarden, **body):
    with CaptureQueriesContext(connection) as queries:
        response = post(client, waarden, **body)
    assert response.status_code == 200
    return len(queries), response.json()


def test_checking_a_value_set_takes_the_same_queries_for_50_or_500_items(
    world, api_client, wide_submission
):
    client = api_client(world.leverancier)
    few, body_few = count_queries(client, wide_submission[:50], dry_run=True)
    many, body_many = count_queries(client, wide_submission, dry_run=True)
    assert (body_few["created"], body_many["created"]) == (50, 500)
    assert many == few


def test_importing_a_value_set_takes_a_bounded_number_of_queries(
    world, api_client, wide_submission, django_assert_max_num_queries
):
    client = api_client(world.leverancier)
    # Inserts go in batches; SQLite allows fewer rows per statement than PostgreSQL.
    batches = 1 if connection.vendor == "postgresql" else 10
    with django_assert_max_num_queries(20 + 2 * batches):
        body = post(client, wide_submission[:50]).json()
    assert body["created"] == 50
    with django_assert_max_num_queries(20 + 2 * batches):
        body = post(client, wide_submission[50:]).json()
    assert body["created"] == 450
    with django_assert_max_num_queries(20 + 2 * batches):
        body = post(client, [dict(w, waarde=w["waarde"] + 1) for w in wide_submission]).json()
    assert body["updated"] == 500


def test_the_submissions_history_page_shows_the_bulk_import(world, api_client, client):
    post(api_client(world.leverancier), value_set(world), reden="Export Suite4Werk")
    client.force_login(world.beleid)
    page = client.get(reverse("indicators:submission_history", args=[world.submission.pk]))
    assert "Export Suite4Werk" in page.content.decode()


def test_a_body_that_is_not_json_is_a_400_in_dutch(world, api_client):
    response = api_client(world.leverancier).post(
        URL, b'{"waarden": [', content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["detail"].startswith("De body is geen geldige JSON")
