"""Budgets before the BBV taakvelden (begroting 2017): lines on the gemeente's own programma and
product lines without taakveld, so a multi-year series per programma reaches back to 2015; every
place that shows such a line says why it has no taakveld."""

from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from beleidskader import lines as line_figures
from budgets import figures
from budgets.models import BudgetLine, Product, Programma
from budgets.services import InvalidLines, LineInput, create_version, save_lines
from budgets.workflow import transition
from tests.budgets.conftest import approved, tv
from tests.factories import in_use_token

NOTE = "taakveld: n.v.t. (vóór 2017)"


@pytest.fixture
def meedoen(world):
    programma = Programma.objects.create(owner=world.vlissingen, code="P2", name="Meedoen")
    wmo = Product.objects.create(programma=programma, code="P2.1", name="Wmo")
    return programma, wmo


def own_lines(programma, product, lasten) -> list[LineInput]:
    return [
        LineInput(
            taakveld_id=None,
            programma_id=programma.pk,
            product_id=product.pk if product else None,
            lasten=Decimal(lasten),
        )
    ]


def approved_own(world, controller, year, soort, lines):
    version = create_version(world.vlissingen, year, soort, controller)
    save_lines(version, controller, lines)
    transition(version, "indienen", controller)
    return transition(version, "goedkeuren", world.beleid)


def test_a_line_of_2015_may_be_on_a_product_without_taakveld(world, controller, meedoen):
    programma, wmo = meedoen
    version = create_version(world.vlissingen, 2015, "primitief", controller)
    save_lines(version, controller, own_lines(programma, wmo, "1000"))
    line = BudgetLine.objects.get(version=version)
    assert line.taakveld is None and line.product == wmo and line.line_code == "P2.1"


def test_from_2017_every_line_needs_a_taakveld(world, controller, meedoen):
    programma, wmo = meedoen
    version = create_version(world.vlissingen, 2017, "primitief", controller)
    with pytest.raises(InvalidLines) as caught:
        save_lines(version, controller, own_lines(programma, wmo, "1000"))
    assert "vul het taakveld in" in str(caught.value.errors[0])


def test_a_line_without_taakveld_needs_a_programma(world, controller):
    version = create_version(world.vlissingen, 2016, "primitief", controller)
    with pytest.raises(InvalidLines) as caught:
        save_lines(version, controller, [LineInput(taakveld_id=None, lasten=Decimal(5))])
    assert "programma of product" in str(caught.value.errors[0])


def test_the_same_product_twice_without_taakveld_is_refused(world, controller, meedoen):
    programma, wmo = meedoen
    version = create_version(world.vlissingen, 2016, "primitief", controller)
    with pytest.raises(InvalidLines) as caught:
        save_lines(
            version, controller, own_lines(programma, wmo, "1") + own_lines(programma, wmo, "2")
        )
    assert 1 in caught.value.errors


def test_a_series_per_programma_reads_from_2015_across_the_start_of_the_taakvelden(
    world, controller, meedoen
):
    programma, wmo = meedoen
    approved_own(world, controller, 2015, "primitief", own_lines(programma, wmo, "900"))
    approved_own(world, controller, 2016, "primitief", own_lines(programma, None, "950"))
    approved_own(
        world,
        controller,
        2017,
        "primitief",
        [
            LineInput(
                taakveld_id=tv("6.6").pk,
                programma_id=programma.pk,
                product_id=wmo.pk,
                lasten=Decimal(1000),
            )
        ],
    )
    result = line_figures.series(world.vlissingen, [2015, 2016, 2017])
    [row] = result.programmas
    amounts = [row.per_year[y].value("actueel", "lasten") for y in (2015, 2016, 2017)]
    assert amounts == [Decimal(900), Decimal(950), Decimal(1000)]
    assert result.zonder_taakveld and "Vóór de begroting 2017" in result.zonder_taakveld_note


def test_the_taakveld_overview_shows_lines_without_taakveld_apart_with_a_note(
    world, controller, meedoen
):
    programma, wmo = meedoen
    approved_own(world, controller, 2016, "primitief", own_lines(programma, wmo, "700"))
    overview = figures.overview(world.vlissingen, 2016)
    assert overview.groups == []
    assert overview.zonder_taakveld.value("actueel", "lasten") == Decimal(700)
    assert overview.total.value("actueel", "lasten") == Decimal(700)
    assert not overview.is_empty
    only_sociaal_domein = figures.overview(world.vlissingen, 2016, sociaal_domein_only=True)
    assert only_sociaal_domein.total.actueel is None


def test_the_taakveld_series_keeps_the_years_before_2017_in_its_total(world, controller, meedoen):
    programma, wmo = meedoen
    approved_own(world, controller, 2016, "primitief", own_lines(programma, wmo, "700"))
    approved(world.vlissingen, 2017, "primitief", controller, world.beleid, {"6.6": (800, 0)})
    result = figures.series(world.vlissingen, [2016, 2017])
    assert result.zonder_taakveld.per_year[2016].value("actueel", "lasten") == Decimal(700)
    assert result.total.per_year[2016].value("actueel", "lasten") == Decimal(700)
    assert result.total.per_year[2017].value("actueel", "lasten") == Decimal(800)


def test_the_screens_say_why_a_line_has_no_taakveld(world, controller, meedoen, client_for):
    programma, wmo = meedoen
    version = approved_own(world, controller, 2016, "primitief", own_lines(programma, wmo, "700"))
    client = client_for(world.beleid)
    assert NOTE in client.get(f"/begroting/versies/{version.pk}/").content.decode()
    overview = client.get("/begroting/", {"organisatie": world.vlissingen.pk, "jaar": 2016})
    assert "Vóór de begroting 2017 waren er geen BBV-taakvelden" in overview.content.decode()
    per_line = client.get(
        "/beleid/begroting-per-lijn/", {"organisatie": world.vlissingen.pk, "jaar": 2016}
    )
    assert "Vóór de begroting 2017 waren er geen BBV-taakvelden" in per_line.content.decode()


def test_the_api_reads_and_writes_lines_without_taakveld_before_2017(world, controller, meedoen):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {in_use_token(controller)}")
    version = create_version(world.vlissingen, 2015, "primitief", controller)
    payload = {"lines": [{"taakveld": "", "programma": "P2", "product": "P2.1", "lasten": 10}]}
    response = client.put(f"/api/v1/begrotingsversies/{version.pk}/regels/", payload, format="json")
    assert response.status_code == 200, response.content
    [line] = client.get(f"/api/v1/begrotingsversies/{version.pk}/regels/").json()
    assert (line["taakveld"], line["taakveld_opmerking"]) == (None, NOTE)
    late = create_version(world.vlissingen, 2018, "primitief", controller)
    response = client.put(f"/api/v1/begrotingsversies/{late.pk}/regels/", payload, format="json")
    assert response.status_code == 400
