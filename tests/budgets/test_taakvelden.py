"""The BBV taakvelden: all hoofdtaakvelden, the sociaal domein in full, validity and the 2023 split."""

from io import StringIO

from django.core.management import call_command

from budgets.models import Taakveld
from budgets.taakvelden import TAAKVELDEN, sync_taakvelden
from tests.budgets.conftest import tv


def test_all_nine_hoofdtaakvelden_exist_and_every_taakveld_hangs_under_one(db):
    heads = Taakveld.objects.filter(parent__isnull=True)
    assert [t.code for t in heads] == [str(n) for n in range(9)]
    assert tv("6").name == "Sociaal domein"
    for taakveld in Taakveld.objects.filter(parent__isnull=False).select_related("parent"):
        assert taakveld.parent.code == taakveld.code.split(".")[0]


def test_the_old_codes_of_the_sociaal_domein_end_in_2022_and_their_successors_start_in_2023(db):
    for old in ["6.71", "6.72", "6.81", "6.82"]:
        assert tv(old).is_valid_in(2022)
        assert not tv(old).is_valid_in(2023)
    successors = Taakveld.objects.filter(predecessor__code="6.72").values_list("code", flat=True)
    assert sorted(successors) == sorted(
        ["6.72a", "6.72b", "6.72c", "6.72d", "6.73a", "6.73b", "6.73c", "6.74a", "6.74b", "6.74c"]
    )
    assert tv("6.71a").name == "Hulp bij het huishouden (WMO)"
    assert not tv("6.71a").is_valid_in(2022)
    assert tv("6.71a").is_valid_in(2023)


def test_taakvelden_that_stayed_keep_their_code_and_show_the_name_of_the_year(db):
    assert tv("6.2").label_in(2018) == "6.2 Wijkteams"
    assert tv("6.2").label_in(2023) == "6.2 Toegang en eerstelijnsvoorzieningen"
    assert tv("6.4").name_in(2022) == "Begeleide participatie"
    assert tv("6.3").is_valid_in(2018) and tv("6.3").is_valid_in(2030)


def test_loading_again_adds_nothing_and_puts_back_a_changed_name(db):
    Taakveld.objects.filter(code="6.3").update(name="Iets anders")
    created, updated = sync_taakvelden()
    assert (created, updated) == (0, 1)
    assert tv("6.3").name == "Inkomensregelingen"
    assert sync_taakvelden() == (0, 0)
    assert Taakveld.objects.count() == len(TAAKVELDEN)


def test_the_management_command_reports_what_it_did(db):
    out = StringIO()
    call_command("load_taakvelden", stdout=out)
    assert "0 nieuw, 0 bijgewerkt" in out.getvalue()
