"""The demo command loads the Walcheren monitor through the real submission workflow."""

import re
from decimal import Decimal
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import override_settings
from django.urls import reverse

from datasets.loader import Dataset
from datasets.management.commands.load_demo import DEMO
from indicators.engine import compute_period, overview, validate_formula
from indicators.models import (
    Indicator,
    Period,
    Streefwaarde,
    Submission,
    SubmissionEvent,
    SubmissionStatus,
    Thema,
    Uitvraag,
    UitvraagRegel,
    ValidatieRegel,
    Value,
)
from indicators.quality.rules import Kind, check_submission
from indicators.submissions.services import CellInput, save_values
from indicators.workflow import transition
from organisations.access import Access
from organisations.models import Doelgroep, Membership, Organisation
from reports import texts as report_texts
from reports.models import Report, ReportEvent, ReportSupplierText, ReportText

# The bundled demo set, as load_demo reads it (datasets/demo/).
DEMO_SET = Dataset.read(DEMO)

# The seed's appendix "Bijlage: Indicatorenoverzicht", line by line, per maatschappelijk resultaat
# (typed over from the monitor, independent of datasets/demo/indicatoren.yaml).
BIJLAGE = {
    "Iedereen doet mee": [
        "Arbeidsparticipatie (netto participatiegraad)",
        "Huishoudens met langdurig laag inkomen",
        "Vrijwilligerswerk",
        "Lidmaatschap verenigingen",
        "Gaat wel eens naar activiteiten die georganiseerd worden in de kern/wijk",
        "aantal cliënten",
        "(aandeel) uitstroom naar werk",
        "% succes werkleertrajecten",
        "kosten per klant",
        "% klanten 2 keer per jaar bereikt met telefonisch contact",
        "% duurzaam geen participatiemogelijkheden",
        "% dat regelmatig vrijwilligerswerk/mantelzorg doet",
        "% dat tijdelijk geen participatiemogelijkheden heeft",
        "kosten per werknemer",
        "opbrengsten per werknemer",
        "werk uit de markt (aantal banen, inkomsten)",
        "winstgevendheid werksoorten",
        "% verbeterde ZRM leefgebied tijdsbesteding",
        "% verbeterde ZRM leefgebied werk & opleiding",
        "% verbeterde ZRM leefgebied financiën",
        "% verbeterde ZRM leefgebied maatschappelijke participatie",
    ],
    "Iedereen is zelfredzaam": [
        "kan zelfstandig huishouden doen",
        "kan zichzelf verzorgen",
        "kan sociale contacten leggen en onderhouden",
        "huurachterstanden",
        "problematische schulden",
        "financieel onafhankelijk",
        "% binnen 60 dagen preventief bezoek",
        "aantal schuldbemiddeling (3-jaar)",
        "aantal leningen",
        "aantal saneringskredieten",
        "aantal beschermingsbewind",
        "aantal financieel beheer",
        "aantal budgetbeheer",
        "aantal budgetcoaching",
        "kosten per klant",
        "aantal familienetwerkberaden",
        "aantal casussen gebiedsteams (afgesloten, nieuw, lopend)",
        "aantal huisbezoeken",
        "% telefoon binnen 3 minuten",
        "# toegekende zorgopdrachten wmo (oud en nieuw)",
        "€ kosten toegang",
        "ik werd snel geholpen",
        "ik vind de kwaliteit van de ondersteuning die ik krijg goed",
        "door de ondersteuning die ik krijg kan ik mij beter redden",
        "door de ondersteuning die ik krijg heb ik een betere kwaliteit van leven",
        "% verbeterde ZRM totaalscore",
        "% verbeterde ZRM leefgebied activiteiten dagelijks leven",
    ],
    "Iedereen werkt aan zijn gezondheid": [
        "voldoet aan de Nederlandse Norm Gezond Bewegen",
        "overgewicht",
        "roken",
        "overmatig alcoholgebruik",
        "voelt zich psychisch ongezond",
        "% verbeterde ZRM leefgebied middelengebruik",
        "% verbeterde ZRM leefgebied lichamelijke gezondheid",
        "% verbeterde ZRM leefgebied geestelijke gezondheid",
    ],
    "Iedereen is veilig": [
        "voelt zich altijd veilig in eigen kern/wijk",
        "misdrijven dat door de politie is geregistreerd per 1.000 inwoners",
        "overlast van groepen jongeren",
        "overlast door omwonenden",
        "vernietiging van bushokjes, prullenbakken, etc.",
        "voelt zich veilig in en om huis",
        "aantal familienetwerkberaden",
        "aantal casussen gebiedsteams (afgesloten, nieuw, lopend)",
        "verbeterde veiligheidscore FNB deelnemers",
        "% verbeterde ZRM leefgebied huiselijke relaties",
        "% verbeterde ZRM leefgebied justitie",
        "# incidenten",
    ],
    "Iedereen staat voor elkaar klaar": [
        "mantelzorg",
        "vindt mantelzorg tamelijk zwaar",
        "veel vertrouwen in de buren (hoge collectieve zelfredzaamheid)",
        "lokaal geïntegreerd, actief sociaal netwerk",
        "vrijwilligerswerk",
        "Arbeidsontwikkeling: doet vrijwilligerswerk/mantelzorg",
        "aantal familienetwerkberaden",
        "% fnb inzet netwerk voor hulp/zorg",
        "% verbeterde ZRM leefgebied sociaal netwerk",
    ],
}
MAATSCHAPPELIJK_PER_THEMA = {
    "Iedereen doet mee": 5,
    "Iedereen is zelfredzaam": 5,
    "Iedereen werkt aan zijn gezondheid": 5,
    "Iedereen is veilig": 6,
    "Iedereen staat voor elkaar klaar": 5,
}


@pytest.fixture(scope="module")
def demo_media(tmp_path_factory):
    """Where the demo's report files go (module-wide, like the demo itself)."""
    return tmp_path_factory.mktemp("demo-media")


@pytest.fixture(scope="module")
def demo_once(django_db_setup, django_db_blocker, demo_media):
    """Load the demo (with the report) once for this module, inside a transaction that is rolled
    back at the end; each test runs in a savepoint within it (the ``db`` fixture), so tests stay
    isolated. The concept report's files are never made (that waits for a commit that never
    comes); those of the vastgesteld 2017H2 report are made in-process, into ``demo_media``."""
    fast = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with (
        django_db_blocker.unblock(),
        override_settings(DEBUG=True, PASSWORD_HASHERS=fast, MEDIA_ROOT=demo_media),
        transaction.atomic(),
    ):
        out = StringIO()
        call_command("load_demo", "--with-report", stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


@pytest.fixture
def demo(demo_once, db, settings):
    settings.DEBUG = True
    return demo_once


def walcheren_value(indicator_code, doelgroep_code, period):
    return Value.objects.approved().get(
        indicator__code=indicator_code,
        doelgroep__code=doelgroep_code,
        area__code="walcheren",
        submission__period__identifier=period,
    )


def table_counts():
    models = [
        Organisation,
        Doelgroep,
        Thema,
        Indicator,
        Period,
        Uitvraag,
        UitvraagRegel,
        Submission,
        SubmissionEvent,
        Value,
        Value.history.model,
        Membership,
        ValidatieRegel,
        Streefwaarde,
        get_user_model(),
        Report,
        ReportText,
        ReportSupplierText,
        ReportEvent,
    ]
    return {model.__name__: model.objects.count() for model in models}


def report_texts_of(report):
    narrative = report_texts.saved(report)
    return narrative.introduction, narrative.themas, narrative.suppliers


def test_loading_twice_adds_nothing(demo, settings):
    before = table_counts()
    report = Report.objects.get(period__identifier="2018H1")
    texts_before = report_texts_of(report)
    for args in [[], ["--with-report"]]:
        out = StringIO()
        call_command("load_demo", *args, stdout=out)
        assert table_counts() == before
        assert "niets (alles bestond al)" in out.getvalue()
    assert report_texts_of(report) == texts_before


def test_loading_again_leaves_a_reopened_submission_as_the_beheerder_left_it(demo):
    submission = Submission.objects.get(
        uitvraag__name="Halfjaarcijfers klanten", period__identifier="2018H1"
    )
    beheerder = get_user_model().objects.get(username="beheerder")
    transition(submission, "heropenen", beheerder, reason="Wsw-aantal wordt gecorrigeerd")
    call_command("load_demo", stdout=StringIO())
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.CONCEPT


def test_the_walcheren_organisations_exist_with_their_doelgroepen(demo):
    walcheren = Organisation.objects.get(code="walcheren")
    assert {g.code for g in walcheren.gemeenten.all()} == {"GM0687", "GM0717", "GM0718"}
    orionis = Organisation.objects.get(code="orionis")
    assert orionis.name == "Orionis Walcheren"
    assert "gemeenschappelijke regeling" in orionis.description
    assert orionis.gemeenten.count() == 3
    assert (
        "lokale toegang voor de Wmo en Jeugdwet"
        in Organisation.objects.get(code="porthos").description
    )
    names = set(orionis.doelgroepen.values_list("name", flat=True))
    assert {
        "Werkzoekenden",
        "Loopbaanontwikkeling",
        "Trajectontwikkeling",
        "Arbeidsontwikkeling",
        "Wsw",
        "Nieuw beschut werk",
        "Overige uitkeringen",
        "Schuldhulpverlening",
    } <= names


def test_the_five_maatschappelijke_resultaten_carry_their_aims(demo):
    themas = list(Thema.objects.order_by("order"))
    assert [t.name for t in themas] == list(BIJLAGE)
    assert "Wat streven we na?" in themas[0].description
    assert "Waarom is dit belangrijk?" in themas[0].description
    assert "saamhorigheid" in themas[4].description


def test_every_line_of_the_bijlage_is_an_indicator_under_its_theme(demo):
    expected = {(thema, line.lower()) for thema, lines in BIJLAGE.items() for line in lines}
    covered = {
        (Thema.objects.get(code=spec.thema).name, spec.bijlage.lower())
        for spec in DEMO_SET.rows["indicators"]
        if spec.bijlage
    }
    assert covered == expected
    codes = [spec.code for spec in DEMO_SET.rows["indicators"]]
    assert Indicator.objects.filter(code__in=codes).count() == len(codes) == len(set(codes))


# Maatschappelijke indicatoren that are not a line of the Bijlage: the population figures and the
# rate computed from them.
CONTEXT = ["mi-inwoners", "mi-huishoudens", "mi-jongeren-0-17", "mi-bijstand-per-1000"]


def test_maatschappelijke_indicatoren_are_about_ontwikkeling_per_theme(demo):
    for thema, count in MAATSCHAPPELIJK_PER_THEMA.items():
        indicators = Indicator.objects.filter(thema__name=thema, soort="maatschappelijk")
        assert indicators.exclude(code__in=CONTEXT).count() == count, thema
        assert set(indicators.values_list("aspect", flat=True)) == {"ontwikkeling"}
        assert not indicators.filter(uitvoerder__isnull=False).exists()


def test_inzet_effect_and_ontwikkelindicator_follow_the_bijlage(demo):
    def get(code):
        return Indicator.objects.get(code=code)

    assert get("orionis-succes-werkleertrajecten").is_ontwikkelindicator
    assert get("orionis-succes-werkleertrajecten").aspect == "effect"
    assert get("orionis-kosten-per-klant-shv").is_ontwikkelindicator
    assert not get("orionis-kosten-per-klant-ao").is_ontwikkelindicator
    assert get("orionis-kosten-per-klant-ao").aspect == "inzet"
    assert get("mi-huurachterstanden").is_ontwikkelindicator
    assert not get("mi-arbeidsparticipatie").is_ontwikkelindicator
    assert get("porthos-zrm-totaalscore").is_ontwikkelindicator
    assert get("porthos-familienetwerkberaden-veilig").uitvoerder.code == "porthos"
    uitstroom = get("orionis-uitstroom-werk")
    assert uitstroom.definition.startswith("Uitstroom naar werk gedeeld door het gemiddelde")
    assert "beginstand + instroom" in get("orionis-financieel-onafhankelijk").definition


def test_the_monitors_client_figures_are_approved(demo):
    assert walcheren_value("orionis-aantal-clienten", "arbeidsontwikkeling", "2018H1").value == 2260
    assert walcheren_value("orionis-aantal-clienten", "arbeidsontwikkeling", "2017H2").value == 2500
    assert walcheren_value("orionis-aantal-clienten", "wsw", "2018H1").value == 666
    assert walcheren_value("orionis-uitkeringsbestand", "werkzoekenden", "2016H2").value == 3555
    provisional = walcheren_value("orionis-aantal-clienten", "nieuw-beschut-werk", "2018H1")
    assert provisional.value == 18 and provisional.voorlopig
    assert provisional.raw == "18"
    assert walcheren_value("orionis-uitkeringsbestand", "werkzoekenden", "2017H2").raw == "3.380"


def test_the_2018h1_peildatum_is_the_first_of_july(demo):
    assert str(Period.objects.get(identifier="2018H1").peildatum) == "2018-07-01"
    assert str(Period.objects.get(identifier="2017H2").peildatum) == "2017-12-31"


def test_costs_and_organisation_figures_are_approved(demo):
    assert walcheren_value("orionis-kosten-ao", "arbeidsontwikkeling", "2018").value == 300000
    assert walcheren_value("orionis-winstgevendheid-werksoorten", None, "2017").value == 34
    assert walcheren_value("orionis-winstgevendheid-werksoorten", None, "2016").value == 23
    assert walcheren_value("orionis-kosten-per-klant-shv", "shv-schuldregeling", "2016").value == (
        1978
    )
    bewind = Value.objects.get(
        indicator__code="orionis-kosten-per-klant-shv", doelgroep__code="shv-beschermingsbewind"
    )
    assert bewind.value is None and "in opbouw" in bewind.toelichting
    assert walcheren_value("porthos-organisatie-fte", None, "2018H1").value == Decimal("63.6")
    assert walcheren_value("porthos-organisatie-jaarbegroting", None, "2018H1").value == 6100000
    assert walcheren_value("porthos-zorgopdrachten-oude-wmo", "wmo", "2018Q2").value == 503
    assert walcheren_value("porthos-zrm-casussen", None, "2017").value == 145


def test_every_approved_submission_was_submitted_and_approved_by_different_people(demo):
    approved = Submission.objects.filter(status=SubmissionStatus.GOEDGEKEURD)
    assert approved.count() == sum(1 for s in DEMO_SET.rows["aanleveringen"] if s.approve)
    for submission in approved:
        events = {e.action: e for e in submission.events.all()}
        assert set(events) == {"indienen", "goedkeuren"}
        assert events["indienen"].actor != events["goedkeuren"].actor
        assert events["indienen"].actor.username in {
            "leverancier",
            "leverancier-porthos",
            "leverancier-cbs",
        }
        source = events["indienen"].reason
        assert source.startswith("Bron: §") or source.startswith("Bron: CBS StatLine")


def test_every_figure_has_a_history_line_by_the_supplier(demo):
    value = walcheren_value("orionis-aantal-clienten", "wsw", "2018H1")
    (line,) = value.history.all()
    assert line.history_user.username == "leverancier"
    assert line.history_change_reason == DEMO_SET.mappings["submissions"].reason


def test_the_demo_supplier_has_an_open_concept_for_the_next_half_year(demo):
    open_submission = Submission.objects.get(period__identifier="2018H2")
    assert open_submission.status == SubmissionStatus.CONCEPT
    assert open_submission.uitvraag.uitvoerder.code == "orionis"
    user = get_user_model().objects.get(username="leverancier")
    assert open_submission in Submission.objects.visible_to(user)


def test_one_demo_user_per_role_exists_with_the_demo_password(demo):
    expected = {
        "leverancier": ("leverancier", "orionis"),
        "leverancier-porthos": ("leverancier", "porthos"),
        "leverancier-cbs": ("leverancier", "cbs"),
        "beleid": ("beleid", "GM0718"),
        "beleid-middelburg": ("beleid", "GM0687"),
        "griffie": ("griffie", "GM0718"),
        "beheerder": ("beheerder", None),
    }
    for username, (role, organisation) in expected.items():
        membership = Membership.objects.get(user__username=username)
        assert membership.role == role
        assert getattr(membership.organisation, "code", None) == organisation
        user = membership.user
        assert user.check_password(DEMO_SET.info.password), username
    beheerder = get_user_model().objects.get(username="beheerder")
    assert beheerder.is_staff and beheerder.is_superuser
    assert Access.for_user(beheerder).is_beheerder


def test_the_log_ins_are_printed(demo):
    assert re.search(r"beleid-middelburg\s+Walcheren-2018!\s+Beleidsmedewerker\s+Middelburg", demo)


def test_demo_users_are_refused_when_debug_is_off(demo, settings):
    get_user_model().objects.filter(username="griffie").delete()
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--force"):
        call_command("load_demo", stdout=StringIO())
    assert not get_user_model().objects.filter(username="griffie").exists()


def test_force_loads_the_demo_users_when_debug_is_off(demo, settings):
    get_user_model().objects.filter(username="griffie").delete()
    settings.DEBUG = False
    call_command("load_demo", "--force", stdout=StringIO())
    assert Membership.objects.filter(user__username="griffie", role="griffie").exists()


# --- the indicator engine on the demo ---------------------------------------------------------------


def figure(code, doelgroep_code, period_identifier, area_code="walcheren"):
    """A figure as the engine has it (entered, total or computed), rounded to 1 decimal."""
    figures = compute_period(Period.objects.get(identifier=period_identifier))
    indicator = Indicator.objects.get(code=code)
    doelgroep = (
        indicator.uitvoerder.doelgroepen.get(code=doelgroep_code).pk if doelgroep_code else None
    )
    area = Organisation.objects.get(code=area_code)
    value = figures.get(indicator.pk, area.pk, doelgroep)
    return None if value is None else value.quantize(Decimal("0.1"))


def test_population_figures_come_from_cbs_per_gemeente_as_an_approved_submission(demo):
    submission = Submission.objects.get(uitvraag__uitvoerder__code="cbs", period__identifier="2018")
    assert submission.status == SubmissionStatus.GOEDGEKEURD
    inwoners = Value.objects.get(
        submission=submission, indicator__code="mi-inwoners", area__code="GM0718"
    )
    assert inwoners.value == 44400
    assert "ter illustratie" in inwoners.toelichting
    indicator = inwoners.indicator
    assert (indicator.soort, indicator.aggregatie, indicator.period_type) == (
        "maatschappelijk",
        "stand",
        "J",
    )
    assert indicator.source == "CBS Bevolking (StatLine)"
    # The regio's figure is the sum of its gemeenten (48.300 + 21.900 + 44.500).
    assert figure("mi-inwoners", None, "2017") == 114700


def test_the_monitors_ratios_are_computed_from_their_definitions(demo):
    # 255 / ((3.378 + 3.220) / 2): the monitor's definition of uitstroom naar werk.
    assert figure("orionis-uitstroom-werk", "werkzoekenden", "2018H1") == Decimal("7.7")
    assert figure("orionis-aandeel-uitstroom-werk", "werkzoekenden", "2018H1") == Decimal("40.6")
    # 1.217 / (3.555 + 1.040)
    assert figure("orionis-financieel-onafhankelijk", "werkzoekenden", "2017") == Decimal("26.5")
    # The monitor's own kosten per klant come out again: € 37, € 39, € 133.
    for year, expected in [("2015", 37), ("2017", 39), ("2018", 133)]:
        assert (
            figure("orionis-kosten-per-klant-ao", "arbeidsontwikkeling", year).quantize(Decimal(1))
            == expected
        )
    # 3.380 / 114.700 inwoners * 1.000
    assert figure("mi-bijstand-per-1000", None, "2017") == Decimal("29.5")


def test_computed_indicators_have_no_entered_figures_and_valid_formulas(demo):
    computed = Indicator.objects.exclude(formula="")
    assert computed.count() == 5
    for indicator in computed:
        validate_formula(indicator)
        assert indicator.aggregatie == "formule"
    assert not Value.objects.filter(indicator__in=computed).exists()
    assert not UitvraagRegel.objects.filter(indicator__in=computed).exists()


def test_the_total_over_doelgroepen_counts_every_client_once(demo):
    # 510 + 450 + 2.260 werkzoekenden, 176 overige uitkeringen, 666 Wsw, 18 beschut werk; the
    # Totaal uitkeringsbestand (3.220) is not added again.
    assert figure("orionis-aantal-clienten", None, "2018H1") == 4080
    assert figure("orionis-uitkeringsbestand", "werkzoekenden", "2018H1") == 3220


def test_ratios_never_add_up_and_counts_say_how_they_do(demo):
    for indicator in Indicator.objects.all():
        if indicator.eenheid in {"percentage", "per_1000", "rapportcijfer"}:
            assert indicator.aggregatie in {"geen", "formule"}, indicator.code
    aggregatie = dict(Indicator.objects.values_list("code", "aggregatie"))
    assert aggregatie["orionis-aantal-clienten"] == "stand"
    assert aggregatie["orionis-instroom"] == "som"
    assert aggregatie["porthos-zorgopdrachten-oude-wmo"] == "som"
    assert aggregatie["orionis-kosten-per-klant-shv"] == "geen"


def test_the_validatieregels_hold_for_the_demo_figures(demo):
    assert ValidatieRegel.objects.count() == len(DEMO_SET.rows["validatieregels"])
    for submission in Submission.objects.filter(status=SubmissionStatus.GOEDGEKEURD):
        assert not [f for f in check_submission(submission) if f.kind == Kind.REGEL], submission


def test_the_sum_of_the_doelgroepen_rule_catches_a_wrong_total(demo):
    concept = Submission.objects.get(period__identifier="2018H2")
    user = get_user_model().objects.get(username="leverancier")
    walcheren = Organisation.objects.get(code="walcheren")
    aantal = Indicator.objects.get(code="orionis-aantal-clienten")
    bestand = Indicator.objects.get(code="orionis-uitkeringsbestand")
    doelgroepen = {d.code: d.pk for d in aantal.uitvoerder.doelgroepen.all()}
    cells = [
        CellInput(aantal.pk, doelgroepen[code], walcheren.pk, raw)
        for code, raw in [
            ("loopbaanontwikkeling", "500"),
            ("trajectontwikkeling", "400"),
            ("arbeidsontwikkeling", "2.200"),
        ]
    ] + [CellInput(bestand.pk, doelgroepen["werkzoekenden"], walcheren.pk, "3.200")]
    save_values(concept, user, cells)
    (finding,) = [f for f in check_submission(concept) if f.kind == Kind.REGEL]
    assert finding.rule.code == "doelgroepen-uitkeringsbestand"
    assert "3.100" in finding.message and "3.200" in finding.message


def test_the_overview_shows_targets_and_a_trend_proposal(demo):
    overview_ = overview(
        Organisation.objects.get(code="GM0718"), Period.objects.get(identifier="2018H1")
    )
    row = next(r for r in overview_.rows if r.indicator.code == "orionis-uitstroom-werk")
    assert row.target_text == "minimaal 7,5"
    assert row.target_met is True
    assert row.proposal == "positief"  # 7,0 % in 2017 tweede halfjaar → 7,7 %
    assert "gedeeld door" in next(
        b.formula_text
        for t in overview_.themas
        for b in t.indicators
        if b.indicator.code == "orionis-uitstroom-werk"
    )


# --- the report Vlissingen 2018H1 (load_demo --with-report) ----------------------------------------

# Phrases of the monitor's texts per maatschappelijk resultaat, typed over from the seed
# (independent of datasets/demo/rapportages.yaml).
DEEL_1 = {
    "Iedereen doet mee": {
        "wat_streven_we_na": "door naar vermogen een bijdrage te leveren en mee te doen",
        "waarom_belangrijk": "de sociale samenhang, de eigenwaarde en betrokkenheid",
        "wat_zien_we_positief": "een stijging van de arbeidsparticipatie",
        "wat_zien_we_negatief": "langdurig moet rondkomen van een laag inkomen",
        "rol_gemeente": "Frans Naereboutprijs",
    },
    "Iedereen is zelfredzaam": {
        "wat_streven_we_na": "met familie, vrienden en buren zo lang mogelijk zelfredzaam",
        "waarom_belangrijk": "de wens van ouderen zelf om zo lang mogelijk thuis te wonen",
        "wat_zien_we": "Bureau Krediet Registratie (BKR)",
        "rol_gemeente": "geef geen vis maar de hengel",
    },
    "Iedereen werkt aan zijn gezondheid": {
        "wat_streven_we_na": "3. Gelukkig en Vitaal Wonen",
        "waarom_belangrijk": "Gezonde en gelukkige mensen hebben minder zorg nodig",
        "wat_zien_we_positief": "percentage rokers",
        "wat_zien_we_negatief": "overgewicht heeft neemt nog steeds toe",
        "rol_gemeente": "Gezond in de Stad (GIDS)",
    },
    "Iedereen is veilig": {
        "wat_streven_we_na": "Iedereen heeft recht op een veilig bestaan",
        "waarom_belangrijk": "Vanuit een veilige leefsituatie",
        "wat_zien_we_positief": "altijd veilig voelt in de eigen wijk of kern is gestegen",
        "wat_zien_we_negatief": "overlast ervaart door omwonenden",
        "rol_gemeente": "Het Veiligheidshuis Zeeland",
    },
    "Iedereen staat voor elkaar klaar": {
        "wat_streven_we_na": "We streven naar saamhorigheid",
        "waarom_belangrijk": "vermindering van de inzet van (dure) professionals",
        "wat_zien_we_positief": "vertrouwen in de buren toe te nemen",
        "rol_gemeente": "stichting Manteling",
    },
}
# Deel 2 Prestaties: (maatschappelijk resultaat, supplier) → phrases of its bijdrage and "Wat valt
# op?".
DEEL_2 = {
    ("Iedereen doet mee", "orionis"): ("het 'Participatie Punt'", "een beduidend hogere uitstroom"),
    ("Iedereen doet mee", "porthos"): ("Porthos stelt mensen centraal", "Werk & opleiding"),
    ("Iedereen is zelfredzaam", "orionis"): ("inkomensondersteuning", "schuldenproblematiek"),
    ("Iedereen is zelfredzaam", "porthos"): ("draagkracht en draaglast", "Huisbezoeken"),
    ("Iedereen werkt aan zijn gezondheid", "porthos"): ("huisartsen", "Door de lage aantallen"),
    ("Iedereen is veilig", "porthos"): ("gespreksleiders", "Casussen gebiedsteams"),
    ("Iedereen staat voor elkaar klaar", "orionis"): ("vrijwilligerswerk", "met zo'n 100"),
    ("Iedereen staat voor elkaar klaar", "porthos"): ("plan van aanpak", "Familienetwerkberaden"),
}


@pytest.fixture
def demo_report(demo):
    return Report.objects.get(gemeente__code="GM0718", period__identifier="2018H1")


def test_the_demo_report_is_a_concept_with_the_monitors_texts_per_thema(demo_report):
    assert demo_report.status == "concept"
    assert demo_report.introduction.startswith("Dit rapport geeft inzicht")
    texts = {t.thema.name: t for t in demo_report.texts.select_related("thema")}
    assert set(texts) == set(DEEL_1)
    for thema, phrases in DEEL_1.items():
        text = texts[thema]
        assert text.wat_streven_we_na and text.waarom_belangrijk and text.rol_gemeente, thema
        for name, phrase in phrases.items():
            assert phrase in getattr(text, name), (thema, name)
        assert text.updated_by.username == "beleid"
    # Where the monitor has no such text, the field stays empty.
    assert texts["Iedereen is zelfredzaam"].wat_zien_we_positief == ""
    assert texts["Iedereen staat voor elkaar klaar"].wat_zien_we_negatief == ""
    assert texts["Iedereen doet mee"].wat_zien_we == ""


def test_the_demo_report_has_the_suppliers_texts_where_the_monitor_has_them(demo_report):
    texts = {
        (t.thema.name, t.uitvoerder.code): t
        for t in demo_report.supplier_texts.select_related("thema", "uitvoerder")
    }
    assert set(texts) == set(DEEL_2)
    for key, (bijdrage, wat_valt_op) in DEEL_2.items():
        assert bijdrage in texts[key].bijdrage, key
        assert wat_valt_op in texts[key].wat_valt_op, key
    # The report lists Orionis' doelgroepen itself, and has no page 14 to refer to.
    orionis = texts[("Iedereen doet mee", "orionis")].bijdrage
    assert "bedient 3 doelgroepen" not in orionis
    assert not any("blz" in t.wat_valt_op for t in texts.values())
    # Every supplier text is in a place the report shows: a supplier asked for figures there.
    slots = {
        (slot.thema.name, slot.uitvoerder.code) for slot in report_texts.supplier_slots(demo_report)
    }
    assert set(DEEL_2) <= slots


def test_the_demo_reports_texts_were_saved_once_by_the_beleidsmedewerker(demo_report):
    (event,) = demo_report.events.filter(action="duiding")
    assert event.actor.username == "beleid"
    assert "Iedereen is veilig – Porthos" in event.reason
    assert demo_report.texts_updated_at is not None


def test_the_demo_reports_texts_page_shows_the_saved_texts(demo_report, client):
    client.force_login(get_user_model().objects.get(username="beleid"))
    page = client.get(reverse("reports:texts_edit", args=[demo_report.pk])).content.decode()
    assert "Frans Naereboutprijs" in page
    assert "Participatie Punt" in page


def test_the_griffie_finds_a_vastgesteld_demo_report_to_download(
    demo, client, demo_media, settings
):
    """The default demo has a vastgesteld report (2017 tweede halfjaar) so the griffie's page is
    not empty: made like a person would, with files, checksums and a snapshot."""
    adopted = Report.objects.get(gemeente__code="GM0718", period__identifier="2017H2")
    assert adopted.status == "vastgesteld"
    assert adopted.pdf and adopted.pdf_sha256 and adopted.csv_sha256
    assert list(adopted.events.values_list("action", flat=True).order_by("at", "pk")) == [
        "aangemaakt",
        "duiding",
        "genereren",
        "gemaakt",
        "aanbieden",
        "collegebesluit",
        "vaststellen",
    ]
    settings.MEDIA_ROOT = demo_media
    client.force_login(get_user_model().objects.get(username="griffie"))
    page = client.get(reverse("reports:griffie")).text
    assert "2017 tweede halfjaar – Vlissingen" in page
    assert reverse("reports:download", args=[adopted.pk, "pdf"]) in page
    response = client.get(reverse("reports:download", args=[adopted.pk, "pdf"]))
    assert b"".join(response.streaming_content).startswith(b"%PDF")
