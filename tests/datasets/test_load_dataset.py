"""load_dataset: a gemeente's own starting set, checked before anything is saved, in one
transaction, and idempotent."""

from io import StringIO
from textwrap import dedent

import pytest
from django.core.management import CommandError, call_command

from indicators.models import Indicator, Submission, SubmissionStatus, Thema, Value
from organisations.models import Doelgroep, Membership, Organisation

SET = """\
set:
  name: Startset Voorbeeldstad
  sources:
    jaarverslag: {seed: jaarverslag-2024.pdf, title: Jaarverslag 2024}
organisations:
  - {code: GM9999, kind: gemeente, name: Voorbeeldstad}
  - code: werkbedrijf
    kind: uitvoerder
    name: Werkbedrijf Voorbeeldstad
    gemeenten: [GM9999]
doelgroepen:
  - {uitvoerder: werkbedrijf, code: bijstand, name: Bijstand}
themas:
  - {code: meedoen, name: Iedereen doet mee, streven: Meedoen., belang: Samenhang.}
indicators:
  - code: wb-klanten
    name: Aantal klanten
    thema: meedoen
    aspect: inzet
    uitvoerder: werkbedrijf
    eenheid: aantal
    decimals: 0
periods:
  - {identifier: 2024}
users:
  - {username: wb-invoer, role: leverancier, organisation: werkbedrijf}
  - {username: vs-beleid, role: beleid, organisation: GM9999}
uitvragen:
  - key: wb-jaar
    uitvoerder: werkbedrijf
    name: Jaarcijfers
    areas: [GM9999]
    regels:
      - {indicator: wb-klanten, doelgroep: bijstand}
submissions:
  reason: Startset Voorbeeldstad
  indieners: {werkbedrijf: wb-invoer}
  goedkeurders: {werkbedrijf: vs-beleid}
aanleveringen:
  - uitvraag: wb-jaar
    period: 2024
    document: jaarverslag
    bron: Jaarverslag 2024, blz. 12
    figures:
      - {indicator: wb-klanten, doelgroep: bijstand, raw: "1.234"}
"""


def write(tmp_path, text, name="set.yaml"):
    path = tmp_path / name
    path.write_text(dedent(text), encoding="utf-8")
    return path


def load(path, *args):
    out = StringIO()
    call_command("load_dataset", str(path), *args, stdout=out)
    return out.getvalue()


def refused(path, *args) -> str:
    with pytest.raises(CommandError) as info:
        load(path, *args)
    return str(info.value)


def counts():
    models = [Organisation, Doelgroep, Thema, Indicator, Submission, Value, Membership]
    return {model.__name__: model.objects.count() for model in models}


@pytest.mark.django_db
def test_a_gemeente_loads_its_own_set_with_approved_figures(tmp_path):
    output = load(write(tmp_path, SET))
    assert "Geladen: Startset Voorbeeldstad" in output
    submission = Submission.objects.get(uitvraag__name="Jaarcijfers", period__identifier="2024")
    assert submission.status == SubmissionStatus.GOEDGEKEURD
    assert submission.values.get().value == 1234
    indienen = submission.events.get(action="indienen")
    assert indienen.actor.username == "wb-invoer"
    assert indienen.reason == "Bron: Jaarverslag 2024, blz. 12"
    # no password in the set: nobody can log in with a password until one is set
    assert not Membership.objects.get(user__username="vs-beleid").user.has_usable_password()


@pytest.mark.django_db
def test_loading_again_adds_nothing_and_keeps_what_changed(tmp_path):
    path = write(tmp_path, SET)
    load(path)
    Indicator.objects.filter(code="wb-klanten").update(name="Klanten (hernoemd)")
    before = counts()
    output = load(path)
    assert counts() == before
    assert "niets (alles bestond al)" in output
    assert Indicator.objects.get(code="wb-klanten").name == "Klanten (hernoemd)"


@pytest.mark.django_db
def test_a_dry_run_saves_nothing(tmp_path):
    output = load(write(tmp_path, SET), "--dry-run")
    assert "niets opgeslagen" in output
    assert "1 goedgekeurde aanleveringen" in output
    assert counts() == dict.fromkeys(counts(), 0)


@pytest.mark.django_db
def test_a_directory_of_files_is_one_set(tmp_path):
    first, rest = SET.split("themas:\n", 1)
    write(tmp_path, first, "1-organisaties.yaml")
    write(tmp_path, "themas:\n" + rest, "2-cijfers.yaml")
    load(tmp_path)
    assert Value.objects.count() == 1


@pytest.mark.django_db
def test_an_unknown_field_names_file_line_and_a_suggestion(tmp_path):
    path = write(tmp_path, SET.replace("    eenheid: aantal", "    eenhied: aantal"))
    message = refused(path)
    assert "set.yaml, regel 21, veld 'eenhied': onbekend veld 'eenhied'" in message
    assert "(bedoelt u 'eenheid'?)" in message
    assert counts() == dict.fromkeys(counts(), 0)


@pytest.mark.django_db
def test_a_wrong_choice_lists_the_choices(tmp_path):
    message = refused(write(tmp_path, SET.replace("kind: gemeente", "kind: stad")))
    assert "set.yaml, regel 6, veld 'kind': 'stad' is geen geldige keuze" in message
    assert "gemeente, regio, uitvoerder" in message


@pytest.mark.django_db
def test_a_missing_field_and_a_wrong_type_are_reported_together(tmp_path):
    text = SET.replace("    name: Aantal klanten\n", "").replace("decimals: 0", "decimals: nul")
    message = refused(write(tmp_path, text))
    assert "set.yaml, regel 16: veld 'name' ontbreekt" in message
    assert "veld 'decimals': verwacht een geheel getal, niet 'nul'" in message


@pytest.mark.django_db
def test_an_unknown_code_stops_the_whole_set(tmp_path):
    text = SET.replace(
        "{indicator: wb-klanten, doelgroep: bijstand, raw",
        "{indicator: wb-klantn, doelgroep: bijstand, raw",
    )
    message = refused(write(tmp_path, text))
    assert "veld 'indicator': onbekende indicator 'wb-klantn'" in message
    # one transaction: the organisations loaded before the error are gone too
    assert counts() == dict.fromkeys(counts(), 0)


@pytest.mark.django_db
def test_an_unknown_source_document_is_refused(tmp_path):
    message = refused(write(tmp_path, SET.replace("document: jaarverslag", "document: begroting")))
    assert "veld 'document': onbekende bron 'begroting'" in message


@pytest.mark.django_db
def test_broken_yaml_and_duplicate_keys_name_their_line(tmp_path):
    message = refused(write(tmp_path, "set:\n\tname: tab\n"))
    assert "set.yaml, regel 2: geen geldige YAML" in message
    message = refused(write(tmp_path, "set:\n  name: a\n  name: b\n", "dubbel.yaml"))
    assert "dubbele sleutel 'name'" in message


@pytest.mark.django_db
def test_a_code_twice_in_the_set_is_refused(tmp_path):
    text = SET.replace(
        "doelgroepen:", "  - {code: GM9999, kind: gemeente, name: Dubbel}\ndoelgroepen:"
    )
    message = refused(write(tmp_path, text))
    assert "'GM9999' staat al in set.yaml, regel 6" in message


@pytest.mark.django_db
def test_a_missing_path_is_a_clear_error(tmp_path):
    assert "bestaat niet" in refused(tmp_path / "geen-set.yaml")


@pytest.mark.django_db
def test_a_set_with_a_password_needs_force_when_debug_is_off(tmp_path, settings):
    settings.DEBUG = False
    path = write(
        tmp_path,
        SET.replace("  name: Startset Voorbeeldstad", "  name: S\n  password: geheim-1234!"),
    )
    assert "--force" in refused(path)
    load(path, "--force")
    assert Membership.objects.get(user__username="vs-beleid").user.check_password("geheim-1234!")
