"""Figures and workflow through the API: the same validation and audit as the web form."""

import json
from decimal import Decimal

from indicators.models import Submission, SubmissionEvent, SubmissionStatus, Value
from indicators.submissions.services import CellInput, expected_keys, save_values
from indicators.workflow import transition
from tests.api.conftest import all_cells, cell, url
from tests.factories import SubmissionFactory, fill_submission, period


def put_values(client, submission, cells, method="put", **extra):
    return getattr(client, method)(
        url(submission, "waarden"), {"waarden": cells, **extra}, format="json"
    )


def stored(world, indicator, doelgroep):
    return Value.objects.get(indicator=indicator, doelgroep=doelgroep, area=world.walcheren)


def test_a_supplier_writes_values_and_sees_what_changed(world, api_client):
    client = api_client(world.leverancier)
    first = put_values(client, world.submission, all_cells(world))
    assert first.status_code == 200
    assert first.json() == {
        "created": 3,
        "updated": 0,
        "unchanged": 0,
        "errors": [],
        "problems": [],
        "findings": [],
    }

    second = put_values(client, world.submission, all_cells(world, wsw=670)).json()
    assert (second["created"], second["updated"], second["unchanged"]) == (0, 1, 2)
    assert stored(world, world.aantal_clienten, world.wsw).value == 670


def test_invalid_values_are_kept_with_a_dutch_error_per_item(world, api_client):
    response = put_values(
        api_client(world.leverancier), world.submission, all_cells(world, wsw=-3, pct="120")
    )
    assert response.status_code == 200
    body = response.json()
    assert body["created"] == 3
    assert [(e["index"], e["error"]) for e in body["errors"]] == [
        (1, "Een aantal kan niet negatief zijn."),
        (2, "Een percentage ligt tussen 0 en 100."),
    ]
    negative = stored(world, world.aantal_clienten, world.wsw)
    assert (negative.raw, negative.value) == ("-3", None)


def test_the_answer_says_what_still_blocks_submitting(world, api_client):
    response = put_values(api_client(world.leverancier), world.submission, all_cells(world)[:2])
    assert response.json()["problems"] == [
        "Aandeel uitstroom naar werk (Werkzoekenden), Walcheren: vul een waarde in of licht toe "
        "waarom die ontbreekt"
    ]


def test_json_numbers_are_exact_and_text_is_read_like_the_web_form(world, api_client):
    client = api_client(world.leverancier)
    put_values(
        client,
        world.submission,
        [
            cell(world.aantal_clienten, world.werkzoekenden, world.walcheren, "1.234"),
            cell(world.aantal_clienten, world.wsw, world.walcheren, 1.234),
            cell(world.uitstroom_pct, world.werkzoekenden, world.walcheren, 12.5),
        ],
    )
    assert stored(world, world.aantal_clienten, world.werkzoekenden).value == 1234
    wsw = stored(world, world.aantal_clienten, world.wsw)
    assert wsw.value is None and wsw.error == "Vul een heel getal in (zonder decimalen)."
    assert stored(world, world.uitstroom_pct, world.werkzoekenden).value == Decimal("12.5")


def test_unknown_cells_are_refused_with_their_position_and_nothing_is_stored(world, api_client):
    cells = all_cells(world)
    cells[1]["indicator"] = "bestaat-niet"
    cells[2]["area"] = world.other_gemeente.code
    response = put_values(api_client(world.leverancier), world.submission, cells)
    assert response.status_code == 400
    errors = response.json()["waarden"]
    assert errors["1"] == {"indicator": ["Onbekende indicator 'bestaat-niet'."]}
    assert errors["2"] == {
        "non_field_errors": [
            "Deze combinatie van indicator, doelgroep en gebied hoort niet bij de uitvraag."
        ]
    }
    assert not Value.objects.exists()


def test_the_same_cell_twice_is_refused(world, api_client):
    cells = all_cells(world)
    response = put_values(api_client(world.leverancier), world.submission, [*cells, cells[0]])
    assert response.status_code == 400
    assert "positie 0" in response.json()["waarden"]["3"]["non_field_errors"][0]


def test_missing_fields_are_reported_in_dutch(world, api_client):
    item = all_cells(world)[0]
    del item["area"]
    response = put_values(api_client(world.leverancier), world.submission, [item])
    assert response.status_code == 400
    assert response.json()["waarden"]["0"]["area"] == ["Dit veld is vereist."]


def test_patch_keeps_what_it_does_not_mention_and_put_replaces_the_cell(world, api_client):
    client = api_client(world.leverancier)
    first = cell(
        world.aantal_clienten, world.wsw, world.walcheren, 666, toelichting="Peildatum 1-7"
    )
    put_values(client, world.submission, [first])

    patch = {k: v for k, v in first.items() if k in {"indicator", "doelgroep", "area"}}
    put_values(client, world.submission, [{**patch, "voorlopig": True}], method="patch")
    value = stored(world, world.aantal_clienten, world.wsw)
    assert (value.value, value.toelichting, value.voorlopig) == (666, "Peildatum 1-7", True)

    put_values(client, world.submission, [{**patch, "value": 670}])
    value.refresh_from_db()
    assert (value.value, value.toelichting, value.voorlopig) == (670, "", False)


def test_changes_are_in_the_history_under_the_api_user_with_the_reason(world, api_client):
    put_values(
        api_client(world.leverancier),
        world.submission,
        all_cells(world),
        reden="Aangeleverd uit het cliëntvolgsysteem",
    )
    record = stored(world, world.aantal_clienten, world.wsw).history.get()
    assert record.history_user == world.leverancier
    assert record.history_change_reason == "Aangeleverd uit het cliëntvolgsysteem"


def test_writing_to_an_approved_submission_is_refused(world, api_client):
    fill_submission(world)
    transition(world.submission, "indienen", world.leverancier)
    transition(world.submission, "goedkeuren", world.beleid)
    response = put_values(api_client(world.leverancier), world.submission, all_cells(world, wsw=1))
    assert response.status_code == 400
    assert response.json()["detail"] == (
        "De aanlevering heeft status 'Goedgekeurd' en kan niet meer worden gewijzigd."
    )
    assert stored(world, world.aantal_clienten, world.wsw).value == 666


def test_the_full_cycle_through_the_api_ends_approved_and_audited_as_api(world, api_client):
    supplier, reviewer = api_client(world.leverancier), api_client(world.beleid)
    assert put_values(supplier, world.submission, all_cells(world)).status_code == 200

    submitted = supplier.post(url(world.submission, "indienen"))
    assert submitted.status_code == 200 and submitted.json()["status"] == "ingediend"
    approved = reviewer.post(url(world.submission, "goedkeuren"))
    assert approved.status_code == 200

    body = approved.json()
    assert (body["status"], body["submitted_by"], body["reviewed_by"]) == (
        "goedgekeurd",
        "orionis",
        "beleid",
    )
    assert Submission.objects.get().status == SubmissionStatus.GOEDGEKEURD
    assert list(SubmissionEvent.objects.order_by("pk").values_list("action", "via")) == [
        ("indienen", "api"),
        ("goedkeuren", "api"),
    ]


def test_submitting_an_incomplete_submission_gives_the_missing_cells(world, api_client):
    response = api_client(world.leverancier).post(url(world.submission, "indienen"))
    assert response.status_code == 400
    assert "De aanlevering is nog niet compleet" in response.json()["detail"]


def test_sending_back_needs_a_reason_which_the_supplier_then_sees(world, api_client):
    fill_submission(world)
    transition(world.submission, "indienen", world.leverancier)
    reviewer = api_client(world.beleid)
    refused = reviewer.post(url(world.submission, "terugsturen"), {"reden": " "}, format="json")
    assert refused.status_code == 400 and refused.json() == {"detail": "Geef een reden op."}

    reviewer.post(url(world.submission, "terugsturen"), {"reden": "Wsw klopt niet"}, format="json")
    seen = api_client(world.leverancier).get(url(world.submission)).json()
    assert (seen["status"], seen["send_back_reason"]) == ("teruggestuurd", "Wsw klopt niet")


def test_a_submission_shows_its_values_as_numbers_beside_what_was_typed(world, api_client):
    fill_submission(world)
    body = api_client(world.beleid).get(url(world.submission) + "?expand=values").json()
    assert (body["uitvoerder"], body["period"], body["areas"]) == (
        "orionis",
        "2018H1",
        ["walcheren"],
    )
    pct = next(v for v in body["values"] if v["indicator"] == world.uitstroom_pct.code)
    assert (pct["value"], pct["raw"], pct["doelgroep"], pct["area"]) == (
        12.5,
        "12,5",
        "werkzoekenden",
        "walcheren",
    )
    count = next(v for v in body["values"] if v["doelgroep"] == "wsw")
    assert count["value"] == 666 and count["updated_by"] == "orionis"


def test_submissions_are_filtered_by_status_period_and_uitvoerder(world, api_client):
    SubmissionFactory(uitvraag=world.uitvraag, period=period("2018H2"))
    client = api_client(world.beheerder)

    def periods(query):
        return [
            s["period"] for s in client.get(f"/api/v1/aanleveringen/?{query}").json()["results"]
        ]

    assert periods("") == ["2018H2", "2018H1"]
    assert periods("period=2018S1") == ["2018H1"]
    assert periods("uitvoerder=orionis&status=concept") == ["2018H2", "2018H1"]
    assert periods("uitvoerder=porthos") == []
    assert periods("status=goedgekeurd") == []


def many_filled_submissions(world):
    world.uitvraag.areas.add(world.middelburg, world.veere, world.vlissingen)
    for identifier in [f"{year}H{half}" for year in range(2013, 2019) for half in (1, 2)]:
        submission = (
            world.submission
            if identifier == "2018H1"
            else SubmissionFactory(uitvraag=world.uitvraag, period=period(identifier))
        )
        cells = [CellInput(*key, raw="5") for key in expected_keys(submission)]
        save_values(submission, world.leverancier, cells)


def test_listing_many_submissions_with_many_values_takes_a_fixed_number_of_queries(
    world, api_client, django_assert_max_num_queries
):
    many_filled_submissions(world)
    client = api_client(world.beleid)

    with django_assert_max_num_queries(7):
        response = client.get("/api/v1/aanleveringen/")

    body = response.json()
    assert body["count"] == 12


def test_the_list_leaves_the_values_out_and_links_to_them(world, api_client):
    fill_submission(world)
    [listed] = api_client(world.beleid).get("/api/v1/aanleveringen/").json()["results"]
    assert "values" not in listed
    assert listed["values_url"] == (
        f"http://testserver/api/v1/aanleveringen/{world.submission.pk}/waarden/"
    )


def test_one_submission_has_its_values_only_when_asked(world, api_client):
    fill_submission(world)
    client = api_client(world.beleid)
    assert "values" not in client.get(url(world.submission)).json()
    assert len(client.get(url(world.submission) + "?expand=values").json()["values"]) == 3


def test_the_values_come_in_pages_filtered_by_indicator_doelgroep_and_area(world, api_client):
    many_filled_submissions(world)
    client = api_client(world.beleid)
    waarden = url(world.submission, "waarden")

    everything = client.get(waarden).json()
    first = client.get(waarden + "?page_size=5").json()
    second = client.get(first["next"]).json()
    wsw = client.get(waarden + "?doelgroep=wsw&area=GM0717").json()

    assert len(everything["results"]) == 12 and everything["next"] is None
    assert "count" not in first  # API 1.2: a cursor, nothing counted
    assert (len(first["results"]), len(second["results"])) == (5, 5)
    third = client.get(second["next"]).json()
    assert len(third["results"]) == 2 and third["next"] is None
    pages = [v for page in (first, second, third) for v in page["results"]]
    assert pages == everything["results"]  # one order, each value once
    assert client.get(second["previous"]).json()["results"] == first["results"]
    assert {(v["doelgroep"], v["area"]) for v in wsw["results"]} == {("wsw", "GM0717")}
    assert client.get(waarden + "?status=onzin").status_code == 400


def test_a_page_of_values_takes_a_fixed_number_of_queries(
    world, api_client, django_assert_max_num_queries
):
    many_filled_submissions(world)
    client = api_client(world.beleid)

    with django_assert_max_num_queries(7):  # no count since API 1.2
        response = client.get(url(world.submission, "waarden"))

    assert len(response.json()["results"]) == 12


def test_a_page_of_values_says_what_the_value_serializer_says(world, api_client):
    """The page is made from rows, not model instances: each value as the schema's Value."""
    from rest_framework.renderers import JSONRenderer

    from indicators.api.serializers import ValueSerializer

    fill_submission(world)
    Value.objects.create(
        submission=world.submission,
        indicator=world.uitstroom_pct,
        doelgroep=None,
        area=world.walcheren,
        raw="twaalf",
        error="Geen getal.",
        toelichting="Nog niet bekend",
        status="nader_voorlopig",
    )
    Value.objects.filter(raw="666").update(value=Decimal("666.500000"), status="voorlopig")
    values = Value.objects.filter(submission=world.submission).order_by("pk")

    page = api_client(world.leverancier).get(url(world.submission, "waarden")).json()

    expected = JSONRenderer().render(ValueSerializer(values, many=True).data)
    assert page["results"] == json.loads(expected)
    assert {v["doelgroep"] for v in page["results"]} >= {None, "wsw"}
    assert [v["voorlopig"] for v in page["results"]].count(True) == 2
