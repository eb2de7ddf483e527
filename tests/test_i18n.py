"""English as a second interface language: Dutch stays the default, English is complete.

The catalogue is parsed here without gettext tools, because CI has no gettext: the committed
.mo must match the .po.
"""

import ast
import gettext
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from reports.services import create_report
from tests.factories import period

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES"


@pytest.fixture(autouse=True)
def _dutch_again_afterwards():
    """A request in English leaves English active in this thread; later tests expect Dutch."""
    yield
    translation.deactivate()


def parse_po(path: Path) -> list[dict]:
    """Entries of a .po file as dicts: msgctxt, msgid, msgid_plural, msgstr / msgstr[n], flags.

    Obsolete (#~) entries are left out; the header (empty msgid) is included."""
    entries, entry, key = [], None, None
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        line = line.strip()
        if not line:
            if entry is not None:
                entries.append(entry)
            entry, key = None, None
            continue
        if line.startswith("#~"):
            continue
        entry = entry if entry is not None else {"flags": set()}
        if line.startswith("#,"):
            entry["flags"].update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            entry[key] += ast.literal_eval(line)
        else:
            key, _, value = line.partition(" ")
            entry[key] = ast.literal_eval(value)
    return [e for e in entries if "msgid" in e]


def translations(entry: dict) -> list[str]:
    return [value for key, value in entry.items() if key.startswith("msgstr")]


def english(client):
    """Choose English with the language switcher, as a user does."""
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    return client


def test_without_a_preference_the_site_is_in_dutch(client, db):
    page = client.get(reverse("login")).text
    assert '<html lang="nl">' in page
    assert "Inloggen" in page
    assert "Gebruikersnaam" in page


def test_choosing_english_shows_the_login_page_in_english(client, db):
    page = english(client).get(reverse("login")).text
    assert '<html lang="en">' in page
    assert "Log in" in page
    assert "Username" in page
    assert "Inloggen" not in page


def test_a_browser_that_prefers_english_gets_english(client, db):
    page = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9").text
    assert "Log in" in page
    assert "Forgotten your password?" in page


def test_a_supplier_sees_the_submission_list_in_english(client, world):
    client.force_login(world.leverancier)
    page = english(client).get(reverse("indicators:submission_list")).text
    assert "<h1>Submissions</h1>" in page
    assert "1 submission found" in page
    assert "Aanleveringen" not in page


def test_a_policy_officer_sees_a_report_page_in_english(client, world):
    report = create_report(world.vlissingen, period("2018H1"), world.beleid)
    client.force_login(world.beleid)
    page = english(client).get(reverse("reports:detail", args=[report.pk])).text
    assert "PDF and Excel</h2>" in page
    assert "Interpretation</h2>" in page
    assert "History</h2>" in page
    assert "Duiding</h2>" not in page


def test_periods_are_named_in_the_reader_s_language(client, world):
    assert period("2018H1").label == "2018 eerste halfjaar"
    assert period("2018Q2").label == "2018 kwartaal 2"
    with translation.override("en"):
        assert period("2018H1").label == "2018 H1"
        assert period("2018H2").label == "2018 H2"
        assert period("2018Q2").label == "2018 Q2"
        assert period("2018").label == "2018"
    client.force_login(world.leverancier)
    page = english(client).get(reverse("indicators:submission_list")).text
    assert "2018 H1" in page and "eerste halfjaar" not in page


def test_a_report_made_from_an_english_screen_is_still_dutch(world):
    with translation.override("en"):
        report = create_report(world.vlissingen, period("2018H1"), world.beleid)
    assert report.title.endswith("2018 eerste halfjaar")


def test_every_message_in_the_english_catalogue_is_translated():
    entries = parse_po(CATALOGUE / "django.po")
    messages = [e for e in entries if e["msgid"]]
    assert len(messages) > 1000
    fuzzy = [e["msgid"] for e in entries if "fuzzy" in e["flags"]]
    untranslated = [
        e["msgid"] for e in messages if not all(text.strip() for text in translations(e))
    ]
    assert fuzzy == []
    assert untranslated == []
    plurals = [e for e in messages if "msgid_plural" in e]
    assert plurals and all({"msgstr[0]", "msgstr[1]"} <= e.keys() for e in plurals)


def test_the_committed_mo_file_matches_the_po_file():
    with open(CATALOGUE / "django.mo", "rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    stale = []
    for e in parse_po(CATALOGUE / "django.po"):
        if not e["msgid"]:
            continue
        context = e.get("msgctxt")
        if "msgid_plural" in e:
            got = [
                compiled.npgettext(context, e["msgid"], e["msgid_plural"], n)
                if context
                else compiled.ngettext(e["msgid"], e["msgid_plural"], n)
                for n in (1, 2)
            ]
            expected = [e["msgstr[0]"], e["msgstr[1]"]]
        else:
            got = (
                compiled.pgettext(context, e["msgid"]) if context else compiled.gettext(e["msgid"])
            )
            expected = e["msgstr"]
        if got != expected:
            stale.append(e["msgid"])
    assert stale == [], "run: manage.py compilemessages -l en"
