import pytest
from django.core.management import call_command

from beleidskader.bbv import sync
from beleidskader.models import BBVIndicator
from budgets.taakvelden import sync_taakvelden
from tests.factories import IndicatorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def taakvelden(db):
    sync_taakvelden()


def test_the_command_loads_the_national_set_with_taakveld_unit_and_source(capsys):
    call_command("load_bbv_indicatoren")
    wmo = BBVIndicator.objects.get(name="Cliënten met een maatwerkarrangement Wmo")
    assert (wmo.nummer, wmo.hoofdtaakveld.code, wmo.source) == (32, "6", "GMSD")
    assert wmo.unit_in(2018) == "Aantal per 10.000 inwoners"
    assert wmo.unit_in(2016) == ""
    assert "nieuw" in capsys.readouterr().out


def test_loading_again_changes_nothing_and_maps_to_the_delivering_indicator():
    indicator = IndicatorFactory(code="mi-arbeidsparticipatie")
    assert sync()[0] > 0
    count = BBVIndicator.objects.count()
    assert sync()[0] == 0
    assert BBVIndicator.objects.count() == count
    assert BBVIndicator.objects.get(name="Netto arbeidsparticipatie").indicator == indicator


def test_a_unit_that_changed_counts_from_its_year():
    sync([{"name": "X", "hoofdtaakveld": "6", "source": "CBS", "units": {2017: "%", 2020: "‰"}}])
    bbv = BBVIndicator.objects.get(name="X")
    assert (bbv.unit_in(2019), bbv.unit_in(2021)) == ("%", "‰")


def test_the_sociaal_domein_set_has_the_official_numbers_21_to_32_under_taakveld_6():
    sync()
    numbered = dict(
        BBVIndicator.objects.filter(hoofdtaakveld__code="6").values_list("nummer", "name")
    )
    assert sorted(numbered) == list(range(21, 33))
    assert (numbered[21], numbered[27], numbered[32]) == (
        "Banen",
        "Personen met een bijstandsuitkering",
        "Cliënten met een maatwerkarrangement Wmo",
    )
    bijstand = BBVIndicator.objects.get(nummer=27)
    assert "per 1.000" in bijstand.unit_in(2018) and "per 10.000" in bijstand.unit_in(2019)
