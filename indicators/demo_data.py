"""The Walcheren monitor as demo data (``python manage.py load_demo``).

Source: "Rapport Monitoring Sociaal Domein Vlissingen", tweede rapport 2018 (eerste halfjaar 2018),
ZB| Planbureau, najaar 2018 — ``shared/seeds/000_b111d4e8cc118cbe.txt``. "§ n" below refers to the
chapter of that report ("§ 1 Orionis" = chapter 1 "Iedereen doet mee", Deel 2 Prestaties Orionis);
"Bijlage" is its appendix "Bijlage: Indicatorenoverzicht".

Choices made here:

- Every line of the Bijlage is an indicator. A line that names two measures becomes two indicators
  ("(aandeel) uitstroom naar werk", "werk uit de markt (aantal banen, inkomsten)", "zorgopdrachten
  wmo (oud en nieuw)", "casussen gebiedsteams (afgesloten, nieuw, lopend)").
- An indicator the Bijlage lists under several themes ("aantal familienetwerkberaden", "aantal
  casussen gebiedsteams", "vrijwilligerswerk", Orionis' "vrijwilligerswerk/mantelzorg") gets one
  indicator per theme with its own code: an indicator belongs to one maatschappelijk resultaat,
  and the report repeats these series in every chapter, as the monitor itself does.
- "Aantal cliënten" is one Orionis indicator, broken down by doelgroep (the Bijlage repeats it per
  doelgroep). The schuldhulpverlening products are Orionis doelgroepen of their own, so that "kosten
  per klant" per product reads as the monitor's table "kosten per jaar per product 2016".
- Figures the monitor gives in its text but not as a Bijlage indicator (organisation figures, the
  number of ZRM casussen, the costs behind "kosten per klant") are extra indicators with
  ``bijlage=None``.
- Most series in the monitor are charts whose numbers are not in the text; those indicators exist
  without figures. Orionis' 2018 figures are voorlopig ("*2018: de gegevens van Orionis van 2018
  in de grafieken zijn voorlopig. Peildatum is 1 juli 2018.").
- Orionis reports for Walcheren as a whole (footnote 2: "Er wordt daarom op dit niveau
  gerapporteerd, en niet per afzonderlijke gemeente"); Porthos' figures are the same in all three
  gemeentelijke rapporten, so they are Walcheren figures too.

The indicator engine (issue 3) on this data:

- Computed indicators carry the monitor's own definitions as formulas: uitstroom naar werk (rate
  over the average of begin- and eindstand), aandeel uitstroom naar werk, financieel onafhankelijk,
  kosten per klant, and bijstandsklanten per 1.000 inwoners. Their inputs (beginstand, instroom,
  uitstroom, eindstand, klanten arbeidsontwikkeling) are not in the monitor as figures: they are
  illustrative, consistent with the klantenbestand it does give (3555 end 2016 → 3378 end 2017 →
  3220 on 1 July 2018) and with its kosten per klant, and say so in their toelichting.
- Population figures (inwoners, huishoudens, jongeren 0-17) are ordinary maatschappelijke
  indicators, delivered per gemeente by the source organisation CBS; rounded and illustrative.
- "Aantal cliënten" is asked per disjoint doelgroep only (the werkzoekenden split by
  arbeidsvermogen, Wsw, beschut werk, overige uitkeringen), so the engine's total over doelgroepen
  counts nobody twice. "Totaal uitkeringsbestand" (= loopbaan- + traject- + arbeidsontwikkeling, the
  doelgroep Werkzoekenden) is its own entered indicator, checked by a validatieregel.
- Aggregatie: counts of a stock (cliënten, fte, inwoners) are "stand", flows (instroom, mutaties,
  zorgopdrachten, kosten) "som"; percentages, rates and amounts per klant never add up ("geen", or
  "formule" for computed ones: recomputed from the summed parts).
"""

from dataclasses import dataclass, field
from datetime import date

DEMO_PASSWORD = "Walcheren-2018!"
DEMO_REASON = "Demo-data: cijfers uit de Monitor Sociaal Domein Walcheren, tweede rapport 2018"

GEMEENTEN = [
    # (CBS code, name)
    ("GM0687", "Middelburg"),
    ("GM0717", "Veere"),
    ("GM0718", "Vlissingen"),
]
REGIO = ("walcheren", "Walcheren", "Samenwerking van de gemeenten Middelburg, Veere en Vlissingen.")

ORIONIS_DESCRIPTION = (
    "Orionis Walcheren is een gemeenschappelijke regeling (GR) van de drie Walcherse gemeenten. "
    "Alle taken en bevoegdheden uit de Participatiewet zijn overgedragen aan de GR en het Algemeen "
    "Bestuur. Daarnaast nemen de Walcherse wethouders deel aan het Dagelijks Bestuur dat belast is "
    "met de uitvoering van de taken. Verantwoording naar gemeenten vindt onder meer plaats via de "
    "P&C cyclus en monitoring via de dashboards die naar alle raadsleden worden gestuurd.\n\n"
    "Zo'n 200 medewerkers zetten zich dagelijks in voor de verschillende doelgroepen van Orionis "
    "Walcheren. Daarnaast zijn bijna 700 Wsw-medewerkers en Beschut Werkers werkzaam in de "
    "werksoorten van het werkleerbedrijf, zoals de Buitendienst, Verpakken en Monteren. De "
    "doelgroepen bestaan uit bijstandsklanten (3.220, met ±1.100 mutaties per jaar), "
    "schuldhulpverleningsklanten (1.100, met 750 mutaties per jaar) en aanvragers bijzondere "
    "bijstand/minimabeleid (9.500).\n\n"
    "De doelstellingen die Orionis afspreekt met de Walcherse gemeenten betreffen een "
    "totaaldoelstelling voor geheel Walcheren. Er wordt daarom op dit niveau gerapporteerd, en "
    "niet per afzonderlijke gemeente."
)
PORTHOS_DESCRIPTION = (
    "Porthos is de lokale toegang voor de Wmo en Jeugdwet voor de drie gemeenten op Walcheren: "
    "Middelburg, Veere en Vlissingen. Porthos is een gemeentelijke uitvoeringsorganisatie. Dit "
    "betekent dat het beleid en de opdracht aan Porthos worden vastgesteld door de "
    "gemeentebesturen. De gemeente Veere is werkgever van Porthos en draagt vanuit die "
    "verantwoordelijkheid zorg voor de bedrijfsvoering van Porthos.\n\n"
    "Porthos is verantwoordelijk voor het proces van aanvragen en toekennen van Wmo, Jeugdhulp en "
    "leerlingenvervoer (m.u.v. Veere, zij regelen zelf hun leerlingenvervoer). Porthos draagt "
    "tevens de verantwoordelijkheid voor het functioneren van de gebiedsteams en zorgt voor het "
    "supervisorschap van deze teams, en draagt zorg voor het functioneren van de "
    "Familienetwerkberaden en levert daarvoor de gespreksleiders.\n\n"
    "Porthos heeft circa 12.000 unieke klanten die één of meerdere betaalde voorzieningen hebben. "
    "Het totale klantenbestand bedraagt circa 22.000 klanten. Porthos coördineert voor circa 570 "
    "kinderen het leerlingenvervoer. Porthos werkt met een personeelsbestand van 63,6 fte. De "
    "jaarbegroting bedraagt 6,1 mln."
)

CBS_DESCRIPTION = (
    "Centraal Bureau voor de Statistiek. Geen uitvoeringsorganisatie maar een bron: de "
    "bevolkingscijfers (StatLine) komen als gewone aanlevering binnen, zodat cijfers per 1.000 "
    "inwoners berekend kunnen worden."
)

# code -> (name, description, served by all three gemeenten)
UITVOERDERS = {
    "orionis": ("Orionis Walcheren", ORIONIS_DESCRIPTION),
    "porthos": ("Porthos", PORTHOS_DESCRIPTION),
    # A source organisation, modelled as a supplier so its figures follow the normal workflow.
    "cbs": ("CBS", CBS_DESCRIPTION),
}


@dataclass(frozen=True)
class DoelgroepSpec:
    uitvoerder: str
    code: str
    name: str
    description: str = ""


DOELGROEPEN = [
    # § 1 Orionis: "Orionis bedient 3 doelgroepen: Werkzoekenden, Wsw, Nieuw beschut werken";
    # Werkzoekenden split into the three groups of the client table (their sum is the
    # "Totaal uitkeringsbestand").
    DoelgroepSpec(
        "orionis",
        "werkzoekenden",
        "Werkzoekenden",
        "Totaal uitkeringsbestand: loopbaanontwikkeling, trajectontwikkeling en "
        "arbeidsontwikkeling samen. Orionis biedt ondersteuning bij het vinden van werk wanneer "
        "werkzoekenden dat zelfstandig niet lukt.",
    ),
    DoelgroepSpec(
        "orionis",
        "loopbaanontwikkeling",
        "Loopbaanontwikkeling",
        "Werkzoekenden met 80-100% arbeidsvermogen (onderdeel van Werkzoekenden).",
    ),
    DoelgroepSpec(
        "orionis",
        "trajectontwikkeling",
        "Trajectontwikkeling",
        "Werkzoekenden in een werkleertraject: 50%-80% arbeidsvermogen (onderdeel van "
        "Werkzoekenden).",
    ),
    DoelgroepSpec(
        "orionis",
        "arbeidsontwikkeling",
        "Arbeidsontwikkeling",
        "Werkzoekenden met 0%-50% arbeidsvermogen (onderdeel van Werkzoekenden). Het "
        "'Participatie Punt' houdt telefonisch contact om mensen op een passend traject te "
        "krijgen (participatie of re-integratie).",
    ),
    DoelgroepSpec(
        "orionis",
        "wsw",
        "Wsw",
        "Mensen die vóór januari 2015 (invoering Participatiewet) de Wsw-status hebben gekregen. "
        "Er stromen geen nieuwe Wsw-ers meer in; Orionis biedt hen een arbeidsovereenkomst.",
    ),
    DoelgroepSpec(
        "orionis",
        "nieuw-beschut-werk",
        "Nieuw beschut werk",
        "Mensen met een lichamelijke, verstandelijke of psychische beperking die alleen in een "
        "beschutte omgeving, onder aangepaste omstandigheden, kunnen werken.",
    ),
    DoelgroepSpec(
        "orionis",
        "overige-uitkeringen",
        "Overige uitkeringen",
        "Cliënten met een overige uitkering (in de monitor genoemd bij Nieuw beschut werken).",
    ),
    DoelgroepSpec(
        "orionis",
        "schuldhulpverlening",
        "Schuldhulpverlening",
        "Inwoners met (dreigende) schulden: van informatie en advies tot schuldbemiddeling en "
        "financieel beheer (wettelijke schuldsanering).",
    ),
    # § 2 Orionis, table "kosten per jaar per product 2016": the products of schuldhulpverlening.
    DoelgroepSpec(
        "orionis",
        "shv-schuldregeling",
        "Schuldregeling (120-dagenmodel)",
        "Product van schuldhulpverlening.",
    ),
    DoelgroepSpec(
        "orionis",
        "shv-schuldbemiddeling",
        "Schuldbemiddeling (3-jaar)",
        "Product van schuldhulpverlening (minnelijke regeling).",
    ),
    DoelgroepSpec(
        "orionis",
        "shv-leningen",
        "Leningen",
        "Product van schuldhulpverlening: leningen aan personen die bij de reguliere "
        "banken geen lening kunnen krijgen.",
    ),
    DoelgroepSpec(
        "orionis",
        "shv-saneringskredieten",
        "Saneringskredieten",
        "Product van schuldhulpverlening.",
    ),
    DoelgroepSpec(
        "orionis",
        "shv-beschermingsbewind",
        "Beschermingsbewind",
        "Product van schuldhulpverlening, aangeboden sinds 2016.",
    ),
    DoelgroepSpec(
        "orionis",
        "shv-financieel-beheer",
        "Financieel beheer (WSNP)",
        "Product van schuldhulpverlening (wettelijke schuldsanering).",
    ),
    DoelgroepSpec(
        "orionis", "shv-budgetbeheer", "Budgetbeheer", "Product van schuldhulpverlening."
    ),
    DoelgroepSpec(
        "orionis", "shv-budgetcoaching", "Budgetcoaching", "Product van schuldhulpverlening."
    ),
    # § 1 Porthos: "de lokale toegang voor de Wmo en Jeugdwet", plus leerlingenvervoer.
    DoelgroepSpec(
        "porthos", "wmo", "Wmo", "Inwoners met een ondersteuningsvraag in het kader van de Wmo."
    ),
    DoelgroepSpec(
        "porthos",
        "jeugd",
        "Jeugd",
        "Jeugdigen en gezinnen met een vraag in het kader van de Jeugdwet.",
    ),
    DoelgroepSpec(
        "porthos",
        "leerlingenvervoer",
        "Leerlingenvervoer",
        "Kinderen voor wie Porthos het leerlingenvervoer coördineert (niet voor Veere).",
    ),
]


@dataclass(frozen=True)
class ThemaSpec:
    code: str
    name: str
    streven: str  # "Wat streven we na?"
    belang: str  # "Waarom is dit belangrijk?"

    @property
    def description(self):
        return f"Wat streven we na?\n{self.streven}\n\nWaarom is dit belangrijk?\n{self.belang}"


THEMAS = [
    ThemaSpec(
        "iedereen-doet-mee",
        "Iedereen doet mee",
        "Iedereen is actief betrokken bij de samenleving in Vlissingen, door naar vermogen een "
        "bijdrage te leveren en mee te doen.",
        "Actieve deelname aan de maatschappij is van groot belang voor het versterken van de "
        "sociale samenhang, de eigenwaarde en betrokkenheid.",
    ),
    ThemaSpec(
        "iedereen-is-zelfredzaam",
        "Iedereen is zelfredzaam",
        "Inwoners doen zoveel mogelijk zelf en proberen met familie, vrienden en buren zo lang "
        "mogelijk zelfredzaam te zijn. Daarvoor zijn goede, laagdrempelige voorzieningen nodig op "
        "het gebied van onder andere mantelzorg en vrijwilligerswerk. Daarnaast is het ook van "
        "belang dat inwoners een beroep kunnen doen op zorg en ondersteuning wanneer dat nodig is.",
        "In de eerste plaats is het de wens van ouderen zelf om zo lang mogelijk thuis te wonen. "
        "Doordat inwoners zo lang mogelijk in hun eigen leefomgeving meedoen, kan een beroep op "
        "(zwaardere) vormen van zorg voorkomen of uitgesteld worden. Zelfredzaamheid is dus "
        "cruciaal, maar waar nodig ondersteunt de gemeente Vlissingen hier wel in (via Porthos en "
        "Orionis).",
    ),
    ThemaSpec(
        "iedereen-werkt-aan-zijn-gezondheid",
        "Iedereen werkt aan zijn gezondheid",
        "We streven naar een gezonde samenleving waarin inwoners van de gemeente Vlissingen "
        "gezond opgroeien en actief ouder worden in een vitale omgeving. Speerpunten voor "
        "2018-2021: Gezond Gewicht (preventie van overgewicht), Verantwoord Alcoholgebruik en "
        "Preventie Genotmiddelen, Gelukkig en Vitaal Wonen (preventie van depressie en "
        "eenzaamheid).",
        "Gezonde en gelukkige mensen hebben minder zorg nodig, vallen minder uit op school of op "
        "het werk en zijn beter in staat om te participeren in de samenleving.",
    ),
    ThemaSpec(
        "iedereen-is-veilig",
        "Iedereen is veilig",
        "Iedereen heeft recht op een veilig bestaan en draagt daar aan bij. Dit betekent dat "
        "inwoners zich veilig voelen en een bijdrage leveren aan het bereiken van een veilige "
        "leefomgeving.",
        "Vanuit een veilige leefsituatie en in een veilige omgeving kunnen inwoners zich optimaal "
        "ontwikkelen en van daaruit participeren in de samenleving.",
    ),
    ThemaSpec(
        "iedereen-staat-voor-elkaar-klaar",
        "Iedereen staat voor elkaar klaar",
        "We streven naar saamhorigheid: mensen hebben oog voor elkaar en staan klaar voor "
        "elkaar. Dat slaat op familie en buren, maar ook op de vrijwilligers van bijvoorbeeld een "
        "muziek- of sportvereniging en op de mensen die maaltijden bezorgen of zieken bezoeken. "
        "Mensen willen graag iets voor elkaar betekenen.",
        "De gemeenten gaan in de toekomst steeds meer een beroep doen op deze saamhorigheid. Het "
        "wordt belangrijker om elkaar bij te staan. Hiermee kunnen eventuele maatschappelijke "
        "problemen van onze inwoners in een vroegtijdig stadium worden gesignaleerd en opgelost. "
        "Er kunnen nieuwe arrangementen of oplossingen ontstaan, die kunnen bijdragen aan de "
        "kwaliteit van leven en vermindering van de inzet van (dure) professionals.",
    ),
]

DOET_MEE, ZELFREDZAAM, GEZONDHEID, VEILIG, KLAAR = (t.code for t in THEMAS)


@dataclass(frozen=True)
class IndicatorSpec:
    code: str
    name: str
    thema: str
    aspect: str  # ontwikkeling (maatschappelijk) | inzet | effect
    eenheid: str = "percentage"
    decimals: int = 1
    richting: str = "geen"
    ontwikkel: bool = False
    uitvoerder: str | None = None  # None: maatschappelijke indicator
    period_type: str = "J"
    definition: str = ""
    source: str = ""
    # The line of the Bijlage this indicator stands for (None: a figure from the text only).
    bijlage: str | None = None
    formula: str = ""  # computed from other indicators (see indicators.formula)
    aggregatie: str = ""  # "": follows from the unit, see ``aggregation``

    @property
    def soort(self):
        return "maatschappelijk" if self.uitvoerder is None else "prestatie"

    @property
    def aggregation(self):
        """How the figures add up: computed ones are recomputed, percentages and rates never add
        up, counts are a stock ("stand") and amounts a flow ("som") unless a spec says otherwise."""
        if self.aggregatie:
            return self.aggregatie
        if self.formula:
            return "formule"
        if self.eenheid == "aantal":
            return "stand"
        if self.eenheid == "euro":
            return "som"
        return "geen"


def _maatschappelijk(code, name, thema, richting, source, bijlage, ontwikkel=False, **extra):
    return IndicatorSpec(
        code=f"mi-{code}",
        name=name,
        thema=thema,
        aspect="ontwikkeling",
        richting=richting,
        ontwikkel=ontwikkel,
        source=source,
        bijlage=bijlage,
        **extra,
    )


BEVOLKINGSONDERZOEK = "Bevolkingsonderzoek (ZB| Planbureau)"
GEZONDHEIDSMONITOR = "Gezondheidsmonitor GGD Zeeland"
ORIONIS_REGISTRATIE = "Registratie Orionis Walcheren"
PORTHOS_REGISTRATIE = "Registratie Porthos"
ZRM_BRON = "Zelfredzaamheidsmatrix (registratie Porthos)"
CEO_BRON = "Cliëntervaringsonderzoek Wmo"

ZRM_DEFINITIE = (
    "Percentage casussen waarvan de score op dit leefdomein van de zelfredzaamheidsmatrix (ZRM) "
    "is verbeterd: de laatste zelfredzaamheidswaarde in het jaar vergeleken met een eerdere "
    "(in hetzelfde jaar of eerder). Alleen casussen waar de ZRM beide keren volledig is "
    "ingevuld tellen mee."
)
ZRM_TOTAAL_DEFINITIE = (
    "Percentage casussen waarvan de totale zelfredzaamheid is verbeterd. De numerieke scores "
    "voor de 11 leefdomeinen worden opgeteld en deze totaalscore wordt vergeleken met de "
    "totaalscore van de vorige zelfredzaamheid. Alleen casussen waar de ZRM beide keren volledig "
    "is ingevuld tellen mee."
)
CEO_DEFINITIE = "Percentage cliënten dat het (helemaal) eens is met de stelling."
FNB_DEFINITIE = (
    "Aantal familienetwerkberaden (FNB) waarvoor Porthos de gespreksleider levert: het gezin, "
    "familieleden en andere betrokkenen maken samen een plan van aanpak."
)
CASUSSEN_DEFINITIE = (
    "Aantal casussen van de vier gebiedsteams (midden en hoog risico, meervoudige en/of "
    "complexe problematiek), per kwartaal: {}."
)
UITSTROOM_WERK = "Uitstroom naar werk gedeeld door het gemiddelde van beginstand en eindstand."
AANDEEL_UITSTROOM_WERK = "Uitstroom naar werk gedeeld door totale uitstroom."
GEEN_PARTICIPATIE = (
    "Tijdelijk of duurzaam geen participatiemogelijkheden: tijdelijk geen mogelijkheden kan zijn "
    "om reden van zwangerschap, het hebben van kinderen < 5 jaar, het wachten op een operatie. "
    "Bij het merendeel van de klanten die duurzaam geen mogelijkheden hebben, zijn medische "
    "redenen de oorzaak, zowel fysiek als zware psychische klachten."
)
FINANCIEEL_ONAFHANKELIJK = (
    "De totale uitstroom in een jaar, gedeeld door de beginstand + instroom van dat jaar. "
    "Beginstand plus instroom vormt het totaal aantal mensen dat financieel afhankelijk is van "
    "Orionis (dit kan 100% afhankelijk zijn maar ook minder dan 100% als er parttime inkomsten "
    "zijn). Het aantal uitstroom zijn mensen die dus financieel onafhankelijk van Orionis zijn "
    "geworden. Dit ongeacht de reden van uitstroom."
)
CBS_BEVOLKING = "CBS Bevolking (StatLine)"
BEVOLKING_PEILDATUM = "Stand op 31 december van het jaar (CBS: bevolking op 1 januari erna)."


def _bevolking(code, name, definition):
    """Population figures: ordinary maatschappelijke indicators, so per-1.000 rates work."""
    return _maatschappelijk(
        code,
        name,
        DOET_MEE,
        "geen",
        CBS_BEVOLKING,
        None,
        eenheid="aantal",
        decimals=0,
        definition=f"{definition} {BEVOLKING_PEILDATUM}",
    )


def _orionis(code, name, thema, aspect, **kwargs):
    kwargs.setdefault("source", ORIONIS_REGISTRATIE)
    return IndicatorSpec(
        code=f"orionis-{code}",
        name=name,
        thema=thema,
        aspect=aspect,
        uitvoerder="orionis",
        **kwargs,
    )


def _porthos(code, name, thema, aspect, **kwargs):
    kwargs.setdefault("source", PORTHOS_REGISTRATIE)
    return IndicatorSpec(
        code=f"porthos-{code}",
        name=name,
        thema=thema,
        aspect=aspect,
        uitvoerder="porthos",
        **kwargs,
    )


def _zrm(code, leefgebied, thema, bijlage):
    return _porthos(
        f"zrm-{code}",
        f"% verbeterde ZRM leefgebied {leefgebied}",
        thema,
        "effect",
        richting="hoger",
        ontwikkel=True,
        definition=ZRM_DEFINITIE,
        source=ZRM_BRON,
        bijlage=bijlage,
    )


def _fnb(suffix, thema):
    return _porthos(
        f"familienetwerkberaden{suffix}",
        "Aantal familienetwerkberaden",
        thema,
        "inzet",
        eenheid="aantal",
        decimals=0,
        period_type="Q",
        aggregatie="som",
        definition=FNB_DEFINITIE,
        bijlage="aantal familienetwerkberaden",
    )


def _casussen(suffix, thema):
    bijlage = "aantal casussen gebiedsteams (afgesloten, nieuw, lopend)"
    return [
        _porthos(
            f"casussen-{kind}{suffix}",
            f"Aantal casussen gebiedsteams: {label}",
            thema,
            "inzet",
            eenheid="aantal",
            decimals=0,
            period_type="Q",
            # New and closed cases are flows that add up over quarters; open cases a stock.
            aggregatie="stand" if kind == "lopend" else "som",
            definition=CASUSSEN_DEFINITIE.format(explanation),
            bijlage=bijlage,
        )
        for kind, label, explanation in [
            ("nieuw", "nieuw", "nieuwe meldingen"),
            ("lopend", "lopend", "lopende casuïstiek"),
            ("afgesloten", "afgesloten", "afgesloten of afgeschaalde casuïstiek"),
        ]
    ]


def _organisatie(uitvoerder, code, name, eenheid="aantal", decimals=0, definition=""):
    """A figure from "Korte beschrijving organisatie" (§ 1): not a Bijlage indicator."""
    make = _orionis if uitvoerder == "orionis" else _porthos
    return make(
        f"organisatie-{code}",
        f"Organisatie: {name}",
        DOET_MEE,
        "inzet",
        eenheid=eenheid,
        decimals=decimals,
        period_type="H",
        definition=definition or "Uit de korte beschrijving van de organisatie in de monitor.",
    )


INDICATORS: list[IndicatorSpec] = [
    # ── 1. Iedereen doet mee ─────────────────────────────────────────────────────────────────
    _maatschappelijk(
        "arbeidsparticipatie",
        "Arbeidsparticipatie (netto participatiegraad)",
        DOET_MEE,
        "hoger",
        "CBS",
        "Arbeidsparticipatie (netto participatiegraad)",
        definition="Werkzame beroepsbevolking als percentage van de bevolking van 15 tot 75 jaar.",
    ),
    _maatschappelijk(
        "langdurig-laag-inkomen",
        "Huishoudens met langdurig laag inkomen",
        DOET_MEE,
        "lager",
        "CBS",
        "Huishoudens met langdurig laag inkomen",
        definition="Percentage huishoudens dat langdurig moet rondkomen van een laag inkomen.",
    ),
    _maatschappelijk(
        "vrijwilligerswerk",
        "Vrijwilligerswerk",
        DOET_MEE,
        "hoger",
        BEVOLKINGSONDERZOEK,
        "Vrijwilligerswerk",
        definition="Percentage inwoners dat vrijwilligerswerk doet.",
    ),
    _maatschappelijk(
        "lidmaatschap-verenigingen",
        "Lidmaatschap verenigingen",
        DOET_MEE,
        "hoger",
        BEVOLKINGSONDERZOEK,
        "Lidmaatschap verenigingen",
        definition="Percentage inwoners dat lid is van een vereniging.",
    ),
    _maatschappelijk(
        "activiteiten-kern-wijk",
        "Gaat wel eens naar activiteiten die georganiseerd worden in de kern/wijk",
        DOET_MEE,
        "hoger",
        BEVOLKINGSONDERZOEK,
        "Gaat wel eens naar activiteiten die georganiseerd worden in de kern/wijk",
    ),
    # Population (CBS), the denominators of per-1.000 rates; not a line of the Bijlage.
    _bevolking("inwoners", "Inwoners", "Aantal inwoners volgens de basisregistratie personen."),
    _bevolking("huishoudens", "Huishoudens", "Aantal particuliere huishoudens."),
    _bevolking("jongeren-0-17", "Jongeren 0-17 jaar", "Aantal inwoners van 0 tot en met 17 jaar."),
    _maatschappelijk(
        "bijstand-per-1000",
        "Bijstandsklanten per 1.000 inwoners",
        DOET_MEE,
        "lager",
        "Berekend uit Orionis (uitkeringsbestand) en CBS (inwoners)",
        None,
        eenheid="per_1000",
        definition="Het totale uitkeringsbestand van Orionis per 1.000 inwoners van Walcheren.",
        # One figure for all doelgroepen: the werkzoekenden's uitkeringsbestand by name.
        formula="[orionis-uitkeringsbestand@werkzoekenden] * 1000 / [mi-inwoners]",
    ),
    # Orionis, Werkzoekenden (and, with the same indicator, the other doelgroepen)
    _orionis(
        "aantal-clienten",
        "Aantal cliënten",
        DOET_MEE,
        "inzet",
        eenheid="aantal",
        decimals=0,
        period_type="H",
        definition=(
            "Aantal cliënten per doelgroep op de peildatum (31 december, 1 juli). De doelgroepen "
            "overlappen niet: het totaal telt iedere cliënt één keer."
        ),
        bijlage="aantal cliënten",
    ),
    _orionis(
        "uitkeringsbestand",
        "Totaal uitkeringsbestand",
        DOET_MEE,
        "inzet",
        eenheid="aantal",
        decimals=0,
        period_type="H",
        definition=(
            "Aantal werkzoekenden met een uitkering op de peildatum (het klantenbestand): "
            "loopbaanontwikkeling, trajectontwikkeling en arbeidsontwikkeling samen."
        ),
    ),
    # The inputs of the monitor's definitions of uitstroom naar werk and financieel onafhankelijk.
    _orionis(
        "beginstand",
        "Beginstand uitkeringsbestand",
        DOET_MEE,
        "inzet",
        eenheid="aantal",
        decimals=0,
        period_type="H",
        definition="Uitkeringsbestand aan het begin van de periode.",
    ),
    _orionis(
        "instroom",
        "Instroom",
        DOET_MEE,
        "inzet",
        eenheid="aantal",
        decimals=0,
        period_type="H",
        aggregatie="som",
        definition="Aantal werkzoekenden dat in de periode een uitkering kreeg.",
    ),
    _orionis(
        "uitstroom",
        "Totale uitstroom",
        DOET_MEE,
        "effect",
        eenheid="aantal",
        decimals=0,
        period_type="H",
        aggregatie="som",
        definition=(
            "Aantal werkzoekenden van wie de uitkering in de periode eindigde, om welke reden ook: "
            "werk, handhaving, verhuizing, een andere uitkering/AOW, een relatie, een studie."
        ),
    ),
    _orionis(
        "uitstroom-werk-aantal",
        "Uitstroom naar werk (aantal)",
        DOET_MEE,
        "effect",
        eenheid="aantal",
        decimals=0,
        richting="hoger",
        period_type="H",
        aggregatie="som",
        definition="Aantal werkzoekenden dat in de periode uitstroomde naar werk.",
    ),
    _orionis(
        "eindstand",
        "Eindstand uitkeringsbestand",
        DOET_MEE,
        "inzet",
        eenheid="aantal",
        decimals=0,
        period_type="H",
        definition="Uitkeringsbestand aan het einde van de periode.",
    ),
    _orionis(
        "uitstroom-werk",
        "Uitstroom naar werk",
        DOET_MEE,
        "effect",
        richting="hoger",
        period_type="H",
        definition=UITSTROOM_WERK,
        bijlage="(aandeel) uitstroom naar werk",
        formula=(
            "[orionis-uitstroom-werk-aantal] / "
            "(([orionis-beginstand] + [orionis-eindstand]) / 2) * 100"
        ),
    ),
    _orionis(
        "aandeel-uitstroom-werk",
        "Aandeel uitstroom naar werk",
        DOET_MEE,
        "effect",
        richting="hoger",
        period_type="H",
        definition=AANDEEL_UITSTROOM_WERK,
        bijlage="(aandeel) uitstroom naar werk",
        formula="[orionis-uitstroom-werk-aantal] / [orionis-uitstroom] * 100",
    ),
    _orionis(
        "succes-werkleertrajecten",
        "% succes werkleertrajecten",
        DOET_MEE,
        "effect",
        richting="hoger",
        ontwikkel=True,
        period_type="H",
        bijlage="% succes werkleertrajecten",
    ),
    # Orionis, Arbeidsontwikkeling
    _orionis(
        "kosten-per-klant-ao",
        "Kosten per klant",
        DOET_MEE,
        "inzet",
        eenheid="euro",
        decimals=0,
        definition=(
            "Kosten van de inzet voor de doelgroep arbeidsontwikkeling (formatie en incidentele "
            "middelen) gedeeld door het aantal klanten in de doelgroep."
        ),
        bijlage="kosten per klant",
        formula="[orionis-kosten-ao] / [orionis-klanten-ao]",
    ),
    _orionis(
        "telefonisch-bereikt",
        "% klanten 2 keer per jaar bereikt met telefonisch contact",
        DOET_MEE,
        "inzet",
        richting="hoger",
        ontwikkel=True,
        bijlage="% klanten 2 keer per jaar bereikt met telefonisch contact",
    ),
    _orionis(
        "duurzaam-geen-participatie",
        "% duurzaam geen participatiemogelijkheden",
        DOET_MEE,
        "effect",
        richting="lager",
        period_type="H",
        definition=GEEN_PARTICIPATIE,
        bijlage="% duurzaam geen participatiemogelijkheden",
    ),
    _orionis(
        "vrijwilligerswerk-mantelzorg",
        "% dat regelmatig vrijwilligerswerk/mantelzorg doet",
        DOET_MEE,
        "effect",
        richting="hoger",
        period_type="H",
        bijlage="% dat regelmatig vrijwilligerswerk/mantelzorg doet",
    ),
    _orionis(
        "tijdelijk-geen-participatie",
        "% dat tijdelijk geen participatiemogelijkheden heeft",
        DOET_MEE,
        "effect",
        period_type="H",
        definition=GEEN_PARTICIPATIE,
        bijlage="% dat tijdelijk geen participatiemogelijkheden heeft",
    ),
    _orionis(
        "geen-participatie-aandeel",
        "% tijdelijk of duurzaam geen participatiemogelijkheden",
        DOET_MEE,
        "effect",
        richting="lager",
        decimals=0,
        period_type="H",
        definition=(
            "Aandeel van het totale klantenbestand (de doelgroep arbeidsontwikkeling) dat "
            "tijdelijk of duurzaam geen participatiemogelijkheden heeft. " + GEEN_PARTICIPATIE
        ),
    ),
    _orionis(
        "kosten-ao",
        "Kosten inzet arbeidsontwikkeling",
        DOET_MEE,
        "inzet",
        eenheid="euro",
        decimals=0,
        definition="Kosten van de formatie (en incidentele middelen) voor arbeidsontwikkeling.",
    ),
    _orionis(
        "klanten-ao",
        "Aantal klanten arbeidsontwikkeling (jaar)",
        DOET_MEE,
        "inzet",
        eenheid="aantal",
        decimals=0,
        definition=(
            "Aantal klanten in de doelgroep arbeidsontwikkeling waarover de kosten van het jaar "
            "worden verdeeld (de noemer van kosten per klant)."
        ),
    ),
    _orionis(
        "fte-ao",
        "Formatie arbeidsontwikkeling (fte)",
        DOET_MEE,
        "inzet",
        eenheid="fte",
        decimals=1,
        definition="Structureel ingezette formatie voor de doelgroep arbeidsontwikkeling.",
    ),
    # Orionis, Nieuw beschut werken
    _orionis(
        "kosten-per-werknemer",
        "Kosten per werknemer",
        DOET_MEE,
        "inzet",
        eenheid="euro",
        decimals=0,
        aggregatie="geen",  # an amount per person never adds up
        ontwikkel=True,
        bijlage="kosten per werknemer",
    ),
    _orionis(
        "opbrengsten-per-werknemer",
        "Opbrengsten per werknemer",
        DOET_MEE,
        "effect",
        eenheid="euro",
        decimals=0,
        aggregatie="geen",
        richting="hoger",
        ontwikkel=True,
        bijlage="opbrengsten per werknemer",
    ),
    _orionis(
        "werk-uit-markt-banen",
        "Werk uit de markt: aantal banen",
        DOET_MEE,
        "effect",
        eenheid="aantal",
        decimals=0,
        richting="hoger",
        ontwikkel=True,
        bijlage="werk uit de markt (aantal banen, inkomsten)",
    ),
    _orionis(
        "werk-uit-markt-inkomsten",
        "Werk uit de markt: inkomsten",
        DOET_MEE,
        "effect",
        eenheid="euro",
        decimals=0,
        richting="hoger",
        ontwikkel=True,
        bijlage="werk uit de markt (aantal banen, inkomsten)",
    ),
    _orionis(
        "winstgevendheid-werksoorten",
        "Winstgevendheid werksoorten",
        DOET_MEE,
        "effect",
        decimals=0,
        richting="hoger",
        definition=(
            "Percentage van de mensen in het werkleerbedrijf dat werkt bij een werksoort waar de "
            "opbrengst hoger is dan de kosten. Alle doelgroepen in het werkleerbedrijf tellen mee "
            "(Wsw-ers, werkleertrajecten uitkeringsgerechtigden, nieuw beschut werkers). Wordt "
            "eens per jaar opgesteld."
        ),
        bijlage="winstgevendheid werksoorten",
    ),
    _orionis(
        "werkleerbedrijf-winstgevend",
        "Werkzaam bij winstgevende werksoorten",
        DOET_MEE,
        "effect",
        eenheid="aantal",
        decimals=0,
        richting="hoger",
        definition="Aantal mensen in het werkleerbedrijf bij een winstgevende werksoort.",
    ),
    _orionis(
        "werkleerbedrijf-niet-winstgevend",
        "Werkzaam bij niet-winstgevende werksoorten",
        DOET_MEE,
        "effect",
        eenheid="aantal",
        decimals=0,
        definition="Aantal mensen in het werkleerbedrijf bij een niet-winstgevende werksoort.",
    ),
    # Porthos
    _zrm(
        "tijdsbesteding", "tijdsbesteding", DOET_MEE, "% verbeterde ZRM leefgebied tijdsbesteding"
    ),
    _zrm(
        "werk-opleiding",
        "werk & opleiding",
        DOET_MEE,
        "% verbeterde ZRM leefgebied werk & opleiding",
    ),
    _zrm("financien", "financiën", DOET_MEE, "% verbeterde ZRM leefgebied financiën"),
    _zrm(
        "maatschappelijke-participatie",
        "maatschappelijke participatie",
        DOET_MEE,
        "% verbeterde ZRM leefgebied maatschappelijke participatie",
    ),
    _porthos(
        "zrm-casussen",
        "Casussen met twee volledig ingevulde ZRM's",
        DOET_MEE,
        "inzet",
        eenheid="aantal",
        decimals=0,
        definition="Aantal casussen waarvan de zelfredzaamheidsmatrix beide keren volledig is "
        "ingevuld: de basis van de ZRM-ontwikkelindicatoren.",
        source=ZRM_BRON,
        aggregatie="som",
    ),
    _porthos(
        "zrm-casussen-nieuwe-leefdomeinen",
        "Casussen met twee volledig ingevulde ZRM's (tijdsbesteding, werk & opleiding)",
        DOET_MEE,
        "inzet",
        eenheid="aantal",
        decimals=0,
        definition="Aantal casussen waarvoor de leefdomeinen Tijdsbesteding en Werk & opleiding "
        "(in gebruik sinds 7-2-2018) minimaal twee keer volledig zijn ingevuld.",
        source=ZRM_BRON,
    ),
    # Organisation figures, § 1 "Korte beschrijving organisatie"
    _organisatie("orionis", "medewerkers", "medewerkers"),
    _organisatie(
        "orionis",
        "wsw-beschut-medewerkers",
        "Wsw-medewerkers en beschut werkers in het werkleerbedrijf",
    ),
    _organisatie("orionis", "bijstandsklanten", "bijstandsklanten"),
    _organisatie("orionis", "mutaties-bijstand", "mutaties bijstandsklanten per jaar"),
    _organisatie("orionis", "schuldhulpverleningsklanten", "schuldhulpverleningsklanten"),
    _organisatie(
        "orionis", "mutaties-schuldhulpverlening", "mutaties schuldhulpverleningsklanten per jaar"
    ),
    _organisatie(
        "orionis", "aanvragers-bijzondere-bijstand", "aanvragers bijzondere bijstand/minimabeleid"
    ),
    _organisatie(
        "porthos",
        "unieke-klanten-betaalde-voorziening",
        "unieke klanten met één of meer betaalde voorzieningen",
    ),
    _organisatie("porthos", "klantenbestand", "totale klantenbestand"),
    _organisatie("porthos", "leerlingenvervoer", "kinderen met leerlingenvervoer"),
    _organisatie("porthos", "fte", "personeelsbestand (fte)", decimals=1, eenheid="fte"),
    _organisatie(
        "porthos", "fte-primair-proces", "fte in het primair proces", decimals=1, eenheid="fte"
    ),
    _organisatie(
        "porthos",
        "fte-overhead",
        "fte in ondersteunende/overheadfuncties",
        decimals=1,
        eenheid="fte",
    ),
    _organisatie("porthos", "medewerkers-primair-proces", "medewerkers in het primair proces"),
    _organisatie(
        "porthos", "inhuur-primair-proces", "waarvan tijdelijke inhuur in het primair proces"
    ),
    _organisatie(
        "porthos",
        "medewerkers-overhead",
        "medewerkers in ondersteunende/overheadfuncties",
        decimals=1,
    ),
    _organisatie(
        "porthos", "tijdelijk-overhead", "waarvan tijdelijk in ondersteunende/overheadfuncties"
    ),
    _organisatie("porthos", "jaarbegroting", "jaarbegroting", eenheid="euro"),
    # ── 2. Iedereen is zelfredzaam ───────────────────────────────────────────────────────────
    _maatschappelijk(
        "zelfstandig-huishouden",
        "Kan zelfstandig huishouden doen",
        ZELFREDZAAM,
        "hoger",
        BEVOLKINGSONDERZOEK,
        "kan zelfstandig huishouden doen",
    ),
    _maatschappelijk(
        "zichzelf-verzorgen",
        "Kan zichzelf verzorgen",
        ZELFREDZAAM,
        "hoger",
        BEVOLKINGSONDERZOEK,
        "kan zichzelf verzorgen",
    ),
    _maatschappelijk(
        "sociale-contacten",
        "Kan sociale contacten leggen en onderhouden",
        ZELFREDZAAM,
        "hoger",
        BEVOLKINGSONDERZOEK,
        "kan sociale contacten leggen en onderhouden",
    ),
    _maatschappelijk(
        "huurachterstanden",
        "Huurachterstanden",
        ZELFREDZAAM,
        "lager",
        "Nog te bepalen (woningcorporaties)",
        "huurachterstanden",
        ontwikkel=True,
        definition="Huishoudens met een huurachterstand, zeker van meer dan drie maanden: weinig "
        "financiële zelfredzaamheid en een risico op problematische schulden.",
    ),
    _maatschappelijk(
        "problematische-schulden",
        "Problematische schulden",
        ZELFREDZAAM,
        "lager",
        "Nog te bepalen (gedacht wordt aan Bureau Krediet Registratie)",
        "problematische schulden",
        ontwikkel=True,
        definition="Percentage inwoners met problematische schulden.",
    ),
    _orionis(
        "financieel-onafhankelijk",
        "Financieel onafhankelijk",
        ZELFREDZAAM,
        "effect",
        richting="hoger",
        definition=FINANCIEEL_ONAFHANKELIJK,
        bijlage="financieel onafhankelijk",
        formula="[orionis-uitstroom] / ([orionis-beginstand] + [orionis-instroom]) * 100",
    ),
    _orionis(
        "preventief-bezoek-60-dagen",
        "% binnen 60 dagen preventief bezoek",
        ZELFREDZAAM,
        "inzet",
        richting="hoger",
        ontwikkel=True,
        bijlage="% binnen 60 dagen preventief bezoek",
    ),
    *[
        _orionis(
            f"aantal-{code}",
            f"Aantal {name}",
            ZELFREDZAAM,
            "inzet",
            eenheid="aantal",
            decimals=0,
            definition=f"Aantal klanten schuldhulpverlening met het product {product}.",
            bijlage=f"aantal {bijlage}",
        )
        for code, name, product, bijlage in [
            (
                "schuldbemiddeling",
                "schuldbemiddelingen (3-jaar)",
                "schuldbemiddeling (3-jaar)",
                "schuldbemiddeling (3-jaar)",
            ),
            ("leningen", "leningen", "lening", "leningen"),
            ("saneringskredieten", "saneringskredieten", "saneringskrediet", "saneringskredieten"),
            (
                "beschermingsbewind",
                "beschermingsbewind",
                "beschermingsbewind",
                "beschermingsbewind",
            ),
            (
                "financieel-beheer",
                "financieel beheer",
                "financieel beheer (WSNP)",
                "financieel beheer",
            ),
            ("budgetbeheer", "budgetbeheer", "budgetbeheer", "budgetbeheer"),
            ("budgetcoaching", "budgetcoaching", "budgetcoaching", "budgetcoaching"),
        ]
    ],
    _orionis(
        "kosten-per-klant-shv",
        "Kosten per klant (per product)",
        ZELFREDZAAM,
        "inzet",
        eenheid="euro",
        decimals=0,
        ontwikkel=True,
        definition="Kosten per jaar per product van schuldhulpverlening. De kosten per product "
        "worden eens per 3 jaar bepaald.",
        aggregatie="geen",
        bijlage="kosten per klant",
    ),
    _fnb("", ZELFREDZAAM),
    *_casussen("", ZELFREDZAAM),
    _porthos(
        "huisbezoeken",
        "Aantal huisbezoeken",
        ZELFREDZAAM,
        "inzet",
        eenheid="aantal",
        decimals=0,
        period_type="Q",
        aggregatie="som",
        bijlage="aantal huisbezoeken",
    ),
    _porthos(
        "telefoon-binnen-3-minuten",
        "% telefoon binnen 3 minuten beantwoord",
        ZELFREDZAAM,
        "inzet",
        richting="hoger",
        period_type="Q",
        definition="Percentage telefoongesprekken dat binnen 3 minuten wordt beantwoord (de "
        "operationele servicenorm van Porthos).",
        bijlage="% telefoon binnen 3 minuten",
    ),
    _porthos(
        "zorgopdrachten-nieuwe-wmo",
        "Toegekende zorgopdrachten nieuwe Wmo",
        ZELFREDZAAM,
        "inzet",
        eenheid="aantal",
        decimals=0,
        period_type="Q",
        aggregatie="som",
        definition="Aantal zorgtoewijzingen nieuwe Wmo per kwartaal: o.a. begeleiding (regulier "
        "en specialistisch), dagbesteding (basis en specialistisch), vervoer Basis, "
        "huishoudelijke zorg.",
        bijlage="# toegekende zorgopdrachten wmo (oud en nieuw)",
    ),
    _porthos(
        "zorgopdrachten-nieuwe-wmo-zonder-hh",
        "Toegekende zorgopdrachten nieuwe Wmo zonder huishoudelijke hulp",
        ZELFREDZAAM,
        "inzet",
        eenheid="aantal",
        decimals=0,
        period_type="Q",
        aggregatie="som",
        definition="Zorgtoewijzingen nieuwe Wmo per kwartaal, de toewijzingen voor "
        "huishoudelijke hulp niet meegerekend.",
    ),
    _porthos(
        "zorgopdrachten-oude-wmo",
        "Toegekende zorgopdrachten oude Wmo",
        ZELFREDZAAM,
        "inzet",
        eenheid="aantal",
        decimals=0,
        period_type="Q",
        aggregatie="som",
        definition="Aantal toegewezen voorzieningen oude Wmo per kwartaal: o.a. collectief "
        "vervoer, PVB (alleen gemeente Middelburg), scootmobiel.",
        bijlage="# toegekende zorgopdrachten wmo (oud en nieuw)",
    ),
    _porthos(
        "kosten-toegang",
        "Kosten toegang",
        ZELFREDZAAM,
        "inzet",
        eenheid="euro",
        decimals=0,
        ontwikkel=True,
        definition="Kosten van de toegang (nog te ontwikkelen).",
        bijlage="€ kosten toegang",
    ),
    _porthos(
        "ceo-snel-geholpen",
        "Cliëntervaring Wmo: ik werd snel geholpen",
        ZELFREDZAAM,
        "inzet",
        richting="hoger",
        definition=CEO_DEFINITIE,
        source=CEO_BRON,
        bijlage="ik werd snel geholpen",
    ),
    _porthos(
        "ceo-kwaliteit",
        "Cliëntervaring Wmo: ik vind de kwaliteit van de ondersteuning die ik krijg goed",
        ZELFREDZAAM,
        "inzet",
        richting="hoger",
        definition=CEO_DEFINITIE,
        source=CEO_BRON,
        bijlage="ik vind de kwaliteit van de ondersteuning die ik krijg goed",
    ),
    _porthos(
        "ceo-beter-redden",
        "Cliëntervaring Wmo: door de ondersteuning die ik krijg kan ik mij beter redden",
        ZELFREDZAAM,
        "effect",
        richting="hoger",
        definition=CEO_DEFINITIE,
        source=CEO_BRON,
        bijlage="door de ondersteuning die ik krijg kan ik mij beter redden",
    ),
    _porthos(
        "ceo-kwaliteit-van-leven",
        "Cliëntervaring Wmo: door de ondersteuning die ik "
        "krijg heb ik een betere kwaliteit van leven",
        ZELFREDZAAM,
        "effect",
        richting="hoger",
        definition=CEO_DEFINITIE,
        source=CEO_BRON,
        bijlage="door de ondersteuning die ik krijg heb ik een betere kwaliteit van leven",
    ),
    _porthos(
        "zrm-totaalscore",
        "% verbeterde ZRM totaalscore",
        ZELFREDZAAM,
        "effect",
        richting="hoger",
        ontwikkel=True,
        definition=ZRM_TOTAAL_DEFINITIE,
        source=ZRM_BRON,
        bijlage="% verbeterde ZRM totaalscore",
    ),
    _zrm(
        "adl",
        "activiteiten dagelijks leven",
        ZELFREDZAAM,
        "% verbeterde ZRM leefgebied activiteiten dagelijks leven",
    ),
    # ── 3. Iedereen werkt aan zijn gezondheid ────────────────────────────────────────────────
    _maatschappelijk(
        "norm-gezond-bewegen",
        "Voldoet aan de Nederlandse Norm Gezond Bewegen",
        GEZONDHEID,
        "hoger",
        GEZONDHEIDSMONITOR,
        "voldoet aan de Nederlandse Norm Gezond Bewegen",
    ),
    _maatschappelijk(
        "overgewicht", "Overgewicht", GEZONDHEID, "lager", GEZONDHEIDSMONITOR, "overgewicht"
    ),
    _maatschappelijk("roken", "Roken", GEZONDHEID, "lager", GEZONDHEIDSMONITOR, "roken"),
    _maatschappelijk(
        "overmatig-alcoholgebruik",
        "Overmatig alcoholgebruik",
        GEZONDHEID,
        "lager",
        GEZONDHEIDSMONITOR,
        "overmatig alcoholgebruik",
    ),
    _maatschappelijk(
        "psychisch-ongezond",
        "Voelt zich psychisch ongezond",
        GEZONDHEID,
        "lager",
        GEZONDHEIDSMONITOR,
        "voelt zich psychisch ongezond",
    ),
    _zrm(
        "middelengebruik",
        "middelengebruik",
        GEZONDHEID,
        "% verbeterde ZRM leefgebied middelengebruik",
    ),
    _zrm(
        "lichamelijke-gezondheid",
        "lichamelijke gezondheid",
        GEZONDHEID,
        "% verbeterde ZRM leefgebied lichamelijke gezondheid",
    ),
    _zrm(
        "geestelijke-gezondheid",
        "geestelijke gezondheid",
        GEZONDHEID,
        "% verbeterde ZRM leefgebied geestelijke gezondheid",
    ),
    # ── 4. Iedereen is veilig ────────────────────────────────────────────────────────────────
    _maatschappelijk(
        "veilig-in-wijk",
        "Voelt zich altijd veilig in eigen kern/wijk",
        VEILIG,
        "hoger",
        BEVOLKINGSONDERZOEK,
        "voelt zich altijd veilig in eigen kern/wijk",
    ),
    _maatschappelijk(
        "misdrijven",
        "Misdrijven dat door de politie is geregistreerd per 1.000 inwoners",
        VEILIG,
        "lager",
        "Politie (geregistreerde criminaliteit)",
        "misdrijven dat door de politie is geregistreerd per 1.000 inwoners",
        eenheid="per_1000",
    ),
    _maatschappelijk(
        "overlast-jongeren",
        "Overlast van groepen jongeren",
        VEILIG,
        "lager",
        BEVOLKINGSONDERZOEK,
        "overlast van groepen jongeren",
    ),
    _maatschappelijk(
        "overlast-omwonenden",
        "Overlast door omwonenden",
        VEILIG,
        "lager",
        BEVOLKINGSONDERZOEK,
        "overlast door omwonenden",
    ),
    _maatschappelijk(
        "vernieling",
        "Vernieling van bushokjes, prullenbakken, etc.",
        VEILIG,
        "lager",
        BEVOLKINGSONDERZOEK,
        "vernietiging van bushokjes, prullenbakken, etc.",
    ),
    _maatschappelijk(
        "veilig-in-en-om-huis",
        "Voelt zich veilig in en om huis",
        VEILIG,
        "hoger",
        BEVOLKINGSONDERZOEK,
        "voelt zich veilig in en om huis",
        ontwikkel=True,
    ),
    _fnb("-veilig", VEILIG),
    *_casussen("-veilig", VEILIG),
    _porthos(
        "veiligheidscore-fnb",
        "Verbeterde veiligheidscore FNB-deelnemers",
        VEILIG,
        "effect",
        richting="hoger",
        ontwikkel=True,
        definition="Percentage deelnemers aan een familienetwerkberaad met een verbeterde "
        "veiligheidscore (nog te ontwikkelen).",
        bijlage="verbeterde veiligheidscore FNB deelnemers",
    ),
    _zrm(
        "huiselijke-relaties",
        "huiselijke relaties",
        VEILIG,
        "% verbeterde ZRM leefgebied huiselijke relaties",
    ),
    _zrm("justitie", "justitie", VEILIG, "% verbeterde ZRM leefgebied justitie"),
    _porthos(
        "incidenten",
        "Aantal incidenten",
        VEILIG,
        "effect",
        eenheid="aantal",
        decimals=0,
        richting="lager",
        ontwikkel=True,
        period_type="Q",
        aggregatie="som",
        definition="Nog te ontwikkelen.",
        bijlage="# incidenten",
    ),
    # ── 5. Iedereen staat voor elkaar klaar ──────────────────────────────────────────────────
    _maatschappelijk(
        "mantelzorg",
        "Mantelzorg",
        KLAAR,
        "hoger",
        BEVOLKINGSONDERZOEK,
        "mantelzorg",
        definition="Percentage inwoners dat mantelzorg geeft.",
    ),
    _maatschappelijk(
        "mantelzorg-zwaar",
        "Vindt mantelzorg tamelijk zwaar",
        KLAAR,
        "lager",
        BEVOLKINGSONDERZOEK,
        "vindt mantelzorg tamelijk zwaar",
        definition="Percentage mantelzorgers dat de mantelzorg tamelijk zwaar vindt.",
    ),
    _maatschappelijk(
        "vertrouwen-in-buren",
        "Veel vertrouwen in de buren (hoge collectieve zelfredzaamheid)",
        KLAAR,
        "hoger",
        BEVOLKINGSONDERZOEK,
        "veel vertrouwen in de buren (hoge collectieve zelfredzaamheid)",
    ),
    _maatschappelijk(
        "actief-sociaal-netwerk",
        "Lokaal geïntegreerd, actief sociaal netwerk",
        KLAAR,
        "hoger",
        BEVOLKINGSONDERZOEK,
        "lokaal geïntegreerd, actief sociaal netwerk",
    ),
    _maatschappelijk(
        "vrijwilligerswerk-klaar",
        "Vrijwilligerswerk",
        KLAAR,
        "hoger",
        BEVOLKINGSONDERZOEK,
        "vrijwilligerswerk",
        definition="Percentage inwoners dat vrijwilligerswerk doet.",
    ),
    _orionis(
        "vrijwilligerswerk-mantelzorg-klaar",
        "Arbeidsontwikkeling: doet vrijwilligerswerk/mantelzorg",
        KLAAR,
        "effect",
        eenheid="aantal",
        decimals=0,
        richting="hoger",
        period_type="H",
        definition="Aantal klanten in de doelgroep arbeidsontwikkeling dat vrijwilligerswerk of "
        "mantelzorg doet.",
        bijlage="Arbeidsontwikkeling: doet vrijwilligerswerk/mantelzorg",
    ),
    _fnb("-klaar", KLAAR),
    _porthos(
        "fnb-inzet-netwerk",
        "% FNB inzet netwerk voor hulp/zorg",
        KLAAR,
        "effect",
        richting="hoger",
        ontwikkel=True,
        definition="Percentage familienetwerkberaden waarin het netwerk hulp of zorg inzet "
        "(nog te ontwikkelen).",
        bijlage="% fnb inzet netwerk voor hulp/zorg",
    ),
    _zrm(
        "sociaal-netwerk", "sociaal netwerk", KLAAR, "% verbeterde ZRM leefgebied sociaal netwerk"
    ),
]


# ── Periods ──────────────────────────────────────────────────────────────────────────────────
# identifier -> peildatum (None: the last day of the period)
PERIODS = {
    "2015": None,
    "2016": None,
    "2017": None,
    "2018": None,
    "2016H2": None,  # "3555 (eind 2016)"
    "2017H1": None,  # the illustrative instroom and uitstroom
    "2017H2": date(2017, 12, 31),  # "* 31 december 2017"
    "2018H1": date(2018, 7, 1),  # "Peildatum is 1 juli 2018"
    "2018H2": None,  # the open concept
    "2017Q4": None,
    "2018Q2": None,
}


# ── Uitvragen and the figures ────────────────────────────────────────────────────────────────
@dataclass(frozen=True)
class UitvraagSpec:
    key: str
    uitvoerder: str
    name: str
    description: str
    # (indicator code, doelgroep code or None), in display order
    regels: list[tuple[str, str | None]]
    areas: tuple[str, ...] = ()  # gemeente codes; empty: the regio Walcheren


# Werkzoekenden split by arbeidsvermogen: together the "Totaal uitkeringsbestand".
WERKZOEKENDEN_SPLIT = ["loopbaanontwikkeling", "trajectontwikkeling", "arbeidsontwikkeling"]
# The monitor's table of Nieuw beschut werken.
WERKLEERBEDRIJF = ["overige-uitkeringen", "wsw", "nieuw-beschut-werk"]
# Every doelgroep "aantal cliënten" is asked for. They do not overlap (werkzoekenden itself is not
# one of them), so the engine's total over doelgroepen counts every client once.
ORIONIS_DOELGROEPEN_KLANTEN = WERKZOEKENDEN_SPLIT + WERKLEERBEDRIJF
STROMEN = [
    "orionis-beginstand",
    "orionis-instroom",
    "orionis-uitstroom",
    "orionis-uitstroom-werk-aantal",
    "orionis-eindstand",
]
BEVOLKING = ["mi-inwoners", "mi-huishoudens", "mi-jongeren-0-17"]
SHV_PRODUCTEN = [
    "shv-schuldregeling",
    "shv-schuldbemiddeling",
    "shv-leningen",
    "shv-saneringskredieten",
    "shv-beschermingsbewind",
    "shv-financieel-beheer",
    "shv-budgetbeheer",
    "shv-budgetcoaching",
]
ORIONIS_ORGANISATIE = [
    "orionis-organisatie-medewerkers",
    "orionis-organisatie-wsw-beschut-medewerkers",
    "orionis-organisatie-bijstandsklanten",
    "orionis-organisatie-mutaties-bijstand",
    "orionis-organisatie-schuldhulpverleningsklanten",
    "orionis-organisatie-mutaties-schuldhulpverlening",
    "orionis-organisatie-aanvragers-bijzondere-bijstand",
]
PORTHOS_ORGANISATIE = [
    "porthos-organisatie-unieke-klanten-betaalde-voorziening",
    "porthos-organisatie-klantenbestand",
    "porthos-organisatie-leerlingenvervoer",
    "porthos-organisatie-fte",
    "porthos-organisatie-fte-primair-proces",
    "porthos-organisatie-fte-overhead",
    "porthos-organisatie-medewerkers-primair-proces",
    "porthos-organisatie-inhuur-primair-proces",
    "porthos-organisatie-medewerkers-overhead",
    "porthos-organisatie-tijdelijk-overhead",
    "porthos-organisatie-jaarbegroting",
]

UITVRAGEN = [
    UitvraagSpec(
        "orionis-halfjaar",
        "orionis",
        "Halfjaarcijfers klanten",
        "Aantal werkzoekenden per groep (arbeidsvermogen) en het totale uitkeringsbestand op de "
        "peildatum (31 december en 1 juli), voor Walcheren.",
        [("orionis-aantal-clienten", d) for d in WERKZOEKENDEN_SPLIT]
        + [
            ("orionis-uitkeringsbestand", "werkzoekenden"),
            ("orionis-geen-participatie-aandeel", "arbeidsontwikkeling"),
        ],
    ),
    UitvraagSpec(
        "orionis-werkleerbedrijf",
        "orionis",
        "Halfjaarcijfers werkleerbedrijf",
        "Aantal cliënten Wsw, beschut werk en overige uitkeringen op de peildatum, voor Walcheren.",
        [("orionis-aantal-clienten", d) for d in WERKLEERBEDRIJF],
    ),
    UitvraagSpec(
        "orionis-stromen",
        "orionis",
        "Instroom en uitstroom werkzoekenden",
        "Begin- en eindstand, instroom en uitstroom (naar werk) van het uitkeringsbestand, per "
        "halfjaar en per jaar: de basis van uitstroom naar werk en financieel onafhankelijk.",
        [(code, "werkzoekenden") for code in STROMEN],
    ),
    UitvraagSpec(
        "cbs-bevolking",
        "cbs",
        "Bevolking",
        "Inwoners, huishoudens en jongeren per gemeente (CBS StatLine), voor cijfers per 1.000 "
        "inwoners.",
        [(code, None) for code in BEVOLKING],
        areas=tuple(code for code, _name in GEMEENTEN),
    ),
    UitvraagSpec(
        "orionis-jaar",
        "orionis",
        "Jaarcijfers arbeidsontwikkeling en werkleerbedrijf",
        "Kosten per klant arbeidsontwikkeling en de winstgevendheid van de werksoorten.",
        [
            ("orionis-kosten-ao", "arbeidsontwikkeling"),
            ("orionis-klanten-ao", "arbeidsontwikkeling"),
            ("orionis-fte-ao", "arbeidsontwikkeling"),
            ("orionis-winstgevendheid-werksoorten", None),
            ("orionis-werkleerbedrijf-winstgevend", None),
            ("orionis-werkleerbedrijf-niet-winstgevend", None),
        ],
    ),
    UitvraagSpec(
        "orionis-shv-kosten",
        "orionis",
        "Kosten per product schuldhulpverlening",
        "Kosten per jaar per product; eens per 3 jaar bepaald.",
        [("orionis-kosten-per-klant-shv", p) for p in SHV_PRODUCTEN],
    ),
    UitvraagSpec(
        "orionis-organisatie",
        "orionis",
        "Organisatiegegevens",
        "Kerncijfers voor de korte beschrijving van de organisatie.",
        [(code, None) for code in ORIONIS_ORGANISATIE],
    ),
    UitvraagSpec(
        "porthos-organisatie",
        "porthos",
        "Organisatiegegevens",
        "Kerncijfers voor de korte beschrijving van de organisatie.",
        [(code, None) for code in PORTHOS_ORGANISATIE],
    ),
    UitvraagSpec(
        "porthos-zrm",
        "porthos",
        "Zelfredzaamheidsmatrix",
        "Aantal casussen waarop de ZRM-ontwikkelindicatoren berusten.",
        [
            ("porthos-zrm-casussen", None),
            ("porthos-zrm-casussen-nieuwe-leefdomeinen", None),
        ],
    ),
    UitvraagSpec(
        "porthos-kwartaal",
        "porthos",
        "Kwartaalcijfers zorgopdrachten Wmo",
        "Toegekende zorgopdrachten oude en nieuwe Wmo per kwartaal.",
        [
            ("porthos-zorgopdrachten-nieuwe-wmo", "wmo"),
            ("porthos-zorgopdrachten-nieuwe-wmo-zonder-hh", "wmo"),
            ("porthos-zorgopdrachten-oude-wmo", "wmo"),
        ],
    ),
]


@dataclass(frozen=True)
class Figure:
    indicator: str
    doelgroep: str | None
    raw: str  # exactly as the monitor prints it
    toelichting: str = ""
    voorlopig: bool = False
    area: str | None = None  # gemeente code; None: the regio Walcheren


@dataclass(frozen=True)
class SubmissionSpec:
    uitvraag: str
    period: str
    bron: str  # where in the monitor these figures are
    figures: list[Figure] = field(default_factory=list)
    approve: bool = True  # False: leave as an open concept


NIET_IN_MONITOR = "Niet in de monitor vermeld."
AFGEROND = "Stand 31 december 2017, afgerond op tientallen."
VOORLOPIG_2018 = "Voorlopig; peildatum 1 juli 2018."


# The flows are not in the monitor; they fit the klantenbestand it names (3555 end 2016, 3378
# end 2017, 3220 on 1 July 2018), which the submission's bron says.
ILLUSTRATIEF = "Ter illustratie; niet uit de monitor."
KLANTEN_AO = (
    "Ter illustratie: de kosten gedeeld door de kosten per klant uit de monitor, afgerond op "
    "tientallen."
)
CBS_AFGEROND = "Afgerond, ter illustratie (niet de exacte CBS-cijfers)."


def _klanten(doelgroep, raw, toelichting="", voorlopig=False):
    return Figure("orionis-aantal-clienten", doelgroep, raw, toelichting, voorlopig)


def _bestand(raw, toelichting="", voorlopig=False):
    return Figure("orionis-uitkeringsbestand", "werkzoekenden", raw, toelichting, voorlopig)


def _stromen(begin, instroom, uitstroom, werk, eind, toelichting=ILLUSTRATIEF, voorlopig=False):
    """Begin + instroom - uitstroom = eind (a validatieregel checks it)."""
    return [
        Figure(code, "werkzoekenden", raw, toelichting, voorlopig)
        for code, raw in zip(STROMEN, [begin, instroom, uitstroom, werk, eind], strict=True)
    ]


def _bevolking_figures(figures):
    """{gemeente code: (inwoners, huishoudens, jongeren)} → CBS figures per gemeente."""
    return [
        Figure(code, None, raw, CBS_AFGEROND, area=gemeente)
        for gemeente, raws in figures.items()
        for code, raw in zip(BEVOLKING, raws, strict=True)
    ]


SUBMISSIONS = [
    SubmissionSpec(
        "orionis-halfjaar",
        "2016H2",
        '§ 1 Orionis: "het klantenbestand ... van 3555 (eind 2016) naar 3378 klanten (eind 2017)".',
        [_bestand("3555", "Klantenbestand eind 2016.")]
        + [
            _klanten(d, "", "De monitor noemt voor eind 2016 alleen het totale klantenbestand.")
            for d in WERKZOEKENDEN_SPLIT
        ]
        + [Figure("orionis-geen-participatie-aandeel", "arbeidsontwikkeling", "", NIET_IN_MONITOR)],
    ),
    SubmissionSpec(
        "orionis-halfjaar",
        "2017H2",
        (
            '§ 1 Orionis, table "Aantal cliënten 2017*" (werkzoekenden, with the "Totaal '
            'uitkeringsbestand"); "2500 (72% van het klantenbestand)".'
        ),
        [
            _bestand("3.380", "Afgerond op tientallen; exact 3.378 klanten eind 2017."),
            _klanten("loopbaanontwikkeling", "450", AFGEROND),
            _klanten("trajectontwikkeling", "430", AFGEROND),
            _klanten("arbeidsontwikkeling", "2.500", AFGEROND),
            Figure("orionis-geen-participatie-aandeel", "arbeidsontwikkeling", "72"),
        ],
    ),
    SubmissionSpec(
        "orionis-werkleerbedrijf",
        "2017H2",
        (
            "§ 1 Orionis, the table of Nieuw beschut werken (Overige uitkeringen 170, Wsw 690, "
            "Beschut werk 10)."
        ),
        [
            _klanten("overige-uitkeringen", "170", AFGEROND),
            _klanten("wsw", "690", AFGEROND),
            _klanten("nieuw-beschut-werk", "10", AFGEROND),
        ],
    ),
    SubmissionSpec(
        "orionis-halfjaar",
        "2018H1",
        (
            '§ 1 Orionis, the same tables, column "Aantal cliënten 2018**" (1 juli 2018, voorlopig); '
            '"gedaald naar 2260, 70% van het totale klantenbestand".'
        ),
        [
            _bestand("3.220", VOORLOPIG_2018, True),
            _klanten("loopbaanontwikkeling", "510", VOORLOPIG_2018, True),
            _klanten("trajectontwikkeling", "450", VOORLOPIG_2018, True),
            _klanten("arbeidsontwikkeling", "2.260", VOORLOPIG_2018, True),
            Figure("orionis-geen-participatie-aandeel", "arbeidsontwikkeling", "70", "", True),
        ],
    ),
    SubmissionSpec(
        "orionis-werkleerbedrijf",
        "2018H1",
        '§ 1 Orionis, the table of Nieuw beschut werken, column "Aantal cliënten 2018**".',
        [
            _klanten("overige-uitkeringen", "176", VOORLOPIG_2018, True),
            _klanten("wsw", "666", VOORLOPIG_2018, True),
            _klanten("nieuw-beschut-werk", "18", VOORLOPIG_2018, True),
        ],
    ),
    # Illustrative flows; the monitor gives only the stock and the direction ("De uitstroom naar
    # werk is stijgende"; "Het aandeel ... in de totale uitstroom daalt licht").
    SubmissionSpec(
        "orionis-stromen",
        "2017H1",
        "§ 1 Orionis: klantenbestand 3555 (eind 2016); instroom en uitstroom ter illustratie.",
        _stromen("3.555", "560", "640", "210", "3.475"),
    ),
    SubmissionSpec(
        "orionis-stromen",
        "2017H2",
        "§ 1 Orionis: klantenbestand 3378 (eind 2017); instroom en uitstroom ter illustratie.",
        _stromen("3.475", "480", "577", "240", "3.378"),
    ),
    SubmissionSpec(
        "orionis-stromen",
        "2017",
        "§ 1 Orionis: van 3555 (eind 2016) naar 3378 (eind 2017); de halfjaren samen.",
        _stromen("3.555", "1.040", "1.217", "450", "3.378"),
    ),
    SubmissionSpec(
        "orionis-stromen",
        "2018H1",
        "§ 1 Orionis: 3220 klanten in juli 2018; instroom en uitstroom ter illustratie.",
        _stromen("3.378", "470", "628", "255", "3.220", ILLUSTRATIEF + " " + VOORLOPIG_2018, True),
    ),
    SubmissionSpec(
        "orionis-jaar",
        "2015",
        '§ 1 Orionis, "Kosten per klant": 1 fte (€ 67.000) → € 37 per klant in 2015 and 2016.',
        [
            Figure("orionis-kosten-ao", "arbeidsontwikkeling", "€ 67.000"),
            Figure("orionis-klanten-ao", "arbeidsontwikkeling", "1.810", KLANTEN_AO),
            Figure("orionis-fte-ao", "arbeidsontwikkeling", "1"),
            Figure("orionis-winstgevendheid-werksoorten", None, "", NIET_IN_MONITOR),
            Figure("orionis-werkleerbedrijf-winstgevend", None, "", NIET_IN_MONITOR),
            Figure("orionis-werkleerbedrijf-niet-winstgevend", None, "", NIET_IN_MONITOR),
        ],
    ),
    SubmissionSpec(
        "orionis-jaar",
        "2016",
        '§ 1 Orionis: € 37 per klant in 2016; "In 2017 werkte 34% (2016: 23%)".',
        [
            Figure("orionis-kosten-ao", "arbeidsontwikkeling", "€ 67.000"),
            Figure("orionis-klanten-ao", "arbeidsontwikkeling", "1.810", KLANTEN_AO),
            Figure("orionis-fte-ao", "arbeidsontwikkeling", "1"),
            Figure("orionis-winstgevendheid-werksoorten", None, "23"),
            Figure("orionis-werkleerbedrijf-winstgevend", None, "", NIET_IN_MONITOR),
            Figure("orionis-werkleerbedrijf-niet-winstgevend", None, "", NIET_IN_MONITOR),
        ],
    ),
    SubmissionSpec(
        "orionis-jaar",
        "2017",
        (
            '§ 1 Orionis: "In 2017 is ... een half fte extra ingezet. De kosten stijgen daarmee naar '
            '€ 100.000 ... per klant € 39"; "Bij de winstgevende werksoorten werken 270 mensen, bij '
            'de niet winstgevende werksoorten 514. In 2017 werkte 34%".'
        ),
        [
            Figure("orionis-kosten-ao", "arbeidsontwikkeling", "€ 100.000"),
            Figure("orionis-klanten-ao", "arbeidsontwikkeling", "2.560", KLANTEN_AO),
            Figure("orionis-fte-ao", "arbeidsontwikkeling", "1,5"),
            Figure("orionis-winstgevendheid-werksoorten", None, "34"),
            Figure("orionis-werkleerbedrijf-winstgevend", None, "270"),
            Figure("orionis-werkleerbedrijf-niet-winstgevend", None, "514"),
        ],
    ),
    SubmissionSpec(
        "orionis-jaar",
        "2018",
        (
            '§ 1 Orionis: "In 2018 wordt er opnieuw 1,5 fte structureel ingezet. Daarnaast wordt er '
            "incidenteel € 200.000 ingezet voor een taskforce AO ... De kosten stijgen daarmee naar €"
            ' 133 per klant"; winstgevendheid "over 2018 nog niet beschikbaar".'
        ),
        [
            Figure(
                "orionis-kosten-ao",
                "arbeidsontwikkeling",
                "€ 300.000",
                "1,5 fte structureel (€ 100.000, als in 2017) plus incidenteel € 200.000 voor een "
                "taskforce AO waarin 500 klanten worden opgeroepen voor een werkgesprek; het "
                "totaalbedrag is afgeleid, de monitor noemt alleen € 133 per klant.",
                True,
            ),
            Figure(
                "orionis-klanten-ao",
                "arbeidsontwikkeling",
                "2.260",
                "Het aantal klanten arbeidsontwikkeling op 1 juli 2018 (voorlopig).",
                True,
            ),
            Figure("orionis-fte-ao", "arbeidsontwikkeling", "1,5", "Structureel.", True),
            Figure(
                "orionis-winstgevendheid-werksoorten",
                None,
                "",
                "De cijfers worden eens per jaar opgesteld en zijn over 2018 nog niet beschikbaar.",
            ),
            Figure("orionis-werkleerbedrijf-winstgevend", None, "", "Nog niet beschikbaar."),
            Figure("orionis-werkleerbedrijf-niet-winstgevend", None, "", "Nog niet beschikbaar."),
        ],
    ),
    SubmissionSpec(
        "orionis-shv-kosten",
        "2016",
        (
            '§ 2 Orionis, table "kosten per jaar per product 2016*" ("** Voor beschermingsbewind is '
            'nog geen prijs, omdat dit product in opbouw is.").'
        ),
        [
            Figure("orionis-kosten-per-klant-shv", "shv-schuldregeling", "€ 1.978"),
            Figure("orionis-kosten-per-klant-shv", "shv-schuldbemiddeling", "€ 796"),
            Figure("orionis-kosten-per-klant-shv", "shv-leningen", "€ 128"),
            Figure("orionis-kosten-per-klant-shv", "shv-saneringskredieten", "€ 128"),
            Figure(
                "orionis-kosten-per-klant-shv",
                "shv-beschermingsbewind",
                "",
                "Voor beschermingsbewind is nog geen prijs, omdat dit product in opbouw is.",
            ),
            Figure("orionis-kosten-per-klant-shv", "shv-financieel-beheer", "€ 1.289"),
            Figure("orionis-kosten-per-klant-shv", "shv-budgetbeheer", "€ 811"),
            Figure("orionis-kosten-per-klant-shv", "shv-budgetcoaching", "€ 1.387"),
        ],
    ),
    SubmissionSpec(
        "orionis-organisatie",
        "2018H1",
        '§ 1 Orionis, "Korte beschrijving organisatie".',
        [
            Figure("orionis-organisatie-medewerkers", None, "200", "Zo'n 200 medewerkers."),
            Figure(
                "orionis-organisatie-wsw-beschut-medewerkers",
                None,
                "700",
                "Bijna 700 Wsw-medewerkers en Beschut Werkers.",
            ),
            Figure("orionis-organisatie-bijstandsklanten", None, "3.220", VOORLOPIG_2018, True),
            Figure("orionis-organisatie-mutaties-bijstand", None, "1.100", "Circa (±1.100)."),
            Figure("orionis-organisatie-schuldhulpverleningsklanten", None, "1.100"),
            Figure("orionis-organisatie-mutaties-schuldhulpverlening", None, "750"),
            Figure("orionis-organisatie-aanvragers-bijzondere-bijstand", None, "9.500"),
        ],
    ),
    SubmissionSpec(
        "porthos-organisatie",
        "2018H1",
        '§ 1 Porthos, "Korte beschrijving organisatie".',
        [
            Figure(
                "porthos-organisatie-unieke-klanten-betaalde-voorziening", None, "12.000", "Circa."
            ),
            Figure("porthos-organisatie-klantenbestand", None, "22.000", "Circa."),
            Figure(
                "porthos-organisatie-leerlingenvervoer",
                None,
                "570",
                "Circa; Veere regelt zelf het leerlingenvervoer.",
            ),
            Figure("porthos-organisatie-fte", None, "63,6"),
            Figure("porthos-organisatie-fte-primair-proces", None, "56,2"),
            Figure("porthos-organisatie-fte-overhead", None, "7,4"),
            Figure("porthos-organisatie-medewerkers-primair-proces", None, "72"),
            Figure("porthos-organisatie-inhuur-primair-proces", None, "25"),
            Figure("porthos-organisatie-medewerkers-overhead", None, "8,5"),
            Figure("porthos-organisatie-tijdelijk-overhead", None, "2"),
            Figure(
                "porthos-organisatie-jaarbegroting", None, "6.100.000", "In de monitor: 6.1 mln."
            ),
        ],
    ),
    SubmissionSpec(
        "porthos-zrm",
        "2017",
        (
            '§ 1 Porthos: "145 casussen (in 2017) en 78 casussen (in 2018 tot 8-8-2018)"; "Voor de '
            'leefdomeinen Tijdsbesteding en Werk & opleiding ... (n=48 casussen)".'
        ),
        [
            Figure("porthos-zrm-casussen", None, "145"),
            Figure(
                "porthos-zrm-casussen-nieuwe-leefdomeinen",
                None,
                "",
                "Deze leefdomeinen zijn in gebruik sinds 7-2-2018.",
            ),
        ],
    ),
    SubmissionSpec(
        "porthos-zrm",
        "2018",
        (
            '§ 1 Porthos: "145 casussen (in 2017) en 78 casussen (in 2018 tot 8-8-2018)"; "Voor de '
            'leefdomeinen Tijdsbesteding en Werk & opleiding ... (n=48 casussen)".'
        ),
        [
            Figure("porthos-zrm-casussen", None, "78", "Tot 8-8-2018.", True),
            Figure("porthos-zrm-casussen-nieuwe-leefdomeinen", None, "48", "Tot 8-8-2018.", True),
        ],
    ),
    SubmissionSpec(
        "porthos-kwartaal",
        "2017Q4",
        (
            '§ 2 Porthos, "Toegewezen zorgopdrachten (oud en nieuw)": "In het vierde kwartaal van '
            "2017 zijn in totaal 2027 zorgtoewijzingen voor de Wmo afgegeven ... zonder "
            'huishoudelijke hulp ... 835".'
        ),
        [
            Figure(
                "porthos-zorgopdrachten-nieuwe-wmo",
                "wmo",
                "2027",
                "Grote toename door toewijzingen voor huishoudelijke hulp in dit kwartaal.",
            ),
            Figure("porthos-zorgopdrachten-nieuwe-wmo-zonder-hh", "wmo", "835"),
            Figure("porthos-zorgopdrachten-oude-wmo", "wmo", "", NIET_IN_MONITOR),
        ],
    ),
    SubmissionSpec(
        "porthos-kwartaal",
        "2018Q2",
        '§ 2 Porthos: "In het tweede kwartaal 2018 zijn 503 voorzieningen toegewezen".',
        [
            Figure("porthos-zorgopdrachten-nieuwe-wmo", "wmo", "", NIET_IN_MONITOR),
            Figure("porthos-zorgopdrachten-nieuwe-wmo-zonder-hh", "wmo", "", NIET_IN_MONITOR),
            Figure("porthos-zorgopdrachten-oude-wmo", "wmo", "503"),
        ],
    ),
    SubmissionSpec(
        "cbs-bevolking",
        "2017",
        "CBS StatLine, Bevolking per gemeente: afgerond, ter illustratie.",
        _bevolking_figures(
            {
                "GM0687": ("48.300", "21.700", "9.400"),
                "GM0717": ("21.900", "9.700", "3.700"),
                "GM0718": ("44.500", "20.700", "8.100"),
            }
        ),
    ),
    SubmissionSpec(
        "cbs-bevolking",
        "2018",
        "CBS StatLine, Bevolking per gemeente: afgerond, ter illustratie.",
        _bevolking_figures(
            {
                "GM0687": ("48.500", "21.800", "9.300"),
                "GM0717": ("21.800", "9.700", "3.600"),
                "GM0718": ("44.400", "20.700", "8.000"),
            }
        ),
    ),
    SubmissionSpec(
        "orionis-halfjaar",
        "2018H2",
        "Niet uit de monitor: het volgende halfjaar, nog in te vullen door de demo-leverancier.",
        approve=False,
    ),
]


@dataclass(frozen=True)
class UserSpec:
    username: str
    first_name: str
    last_name: str
    role: str
    organisation: str | None  # organisation code
    description: str


USERS = [
    UserSpec(
        "leverancier",
        "Lotte",
        "de Vries",
        "leverancier",
        "orionis",
        "medewerker Orionis Walcheren: vult en dient aanleveringen in",
    ),
    UserSpec(
        "leverancier-porthos",
        "Pieter",
        "Janssen",
        "leverancier",
        "porthos",
        "medewerker Porthos: vult en dient aanleveringen in",
    ),
    UserSpec(
        "leverancier-cbs",
        "Carla",
        "Bakker",
        "leverancier",
        "cbs",
        "medewerker CBS (bron): levert de bevolkingscijfers per gemeente",
    ),
    UserSpec(
        "beleid",
        "Bram",
        "Koster",
        "beleid",
        "GM0718",
        "beleidsmedewerker Vlissingen: keurt goed, maakt rapportages",
    ),
    UserSpec(
        "beleid-middelburg",
        "Merel",
        "Visser",
        "beleid",
        "GM0687",
        "beleidsmedewerker Middelburg: keurt goed, maakt rapportages",
    ),
    UserSpec(
        "teamleider",
        "Tom",
        "Verhage",
        "beleid",
        "GM0718",
        "teamleider sociaal domein Vlissingen: stelt rapportages vast (vier-ogenprincipe)",
    ),
    UserSpec(
        "griffie",
        "Gerda",
        "Meijer",
        "griffie",
        "GM0718",
        "griffie Vlissingen: downloadt vastgestelde rapportages",
    ),
    UserSpec(
        "beheerder",
        "Bert",
        "Hendriks",
        "beheerder",
        None,
        "functioneel beheerder: beheer (/admin/), heropenen",
    ),
]

# Who submits and who approves each uitvoerder's figures (four-eyes: never the same person).
INDIENER = {"orionis": "leverancier", "porthos": "leverancier-porthos", "cbs": "leverancier-cbs"}
GOEDKEURDER = {"orionis": "beleid", "porthos": "beleid-middelburg", "cbs": "beleid"}
# Who adopts the demo's vastgesteld report: not "beleid", who wrote its texts (four-eyes).
VASTSTELLER = "teamleider"


# ── Validatieregels and streefwaarden (issue 3) ──────────────────────────────────────────────
@dataclass(frozen=True)
class RegelSpec:
    code: str
    name: str
    left: str
    operator: str
    right: str
    ernst: str = "waarschuwing"
    bij_ontbreken: str = "overslaan"
    uitvoerder: str | None = "orionis"
    message: str = ""


VALIDATIEREGELS = [
    RegelSpec(
        "uitstroom-werk-binnen-uitstroom",
        "Uitstroom naar werk is een deel van de totale uitstroom",
        "[orionis-uitstroom-werk-aantal]",
        "<=",
        "[orionis-uitstroom]",
        ernst="fout",
    ),
    RegelSpec(
        "doelgroepen-uitkeringsbestand",
        "Som van de doelgroepen is het totale uitkeringsbestand",
        # [code@*]: the sum over every doelgroep the uitvraag asks aantal cliënten for.
        "[orionis-aantal-clienten@*]",
        "=",
        "[orionis-uitkeringsbestand]",
    ),
    RegelSpec(
        "stand-sluit-aan",
        "Beginstand plus instroom min uitstroom is de eindstand",
        "[orionis-beginstand] + [orionis-instroom] - [orionis-uitstroom]",
        "=",
        "[orionis-eindstand]",
    ),
]


@dataclass(frozen=True)
class StreefwaardeSpec:
    indicator: str
    scope: str  # organisation code
    doelgroep: str | None
    year_from: int
    year_to: int | None
    comparison: str
    value: str
    note: str


# Orionis' targets are "een totaaldoelstelling voor geheel Walcheren" (§ 1, footnote 2), so their
# scope is the regio. The values are illustrative: the monitor names no targets.
STREEFWAARDEN = [
    StreefwaardeSpec(
        "orionis-uitstroom-werk",
        "walcheren",
        "werkzoekenden",
        2018,
        2021,
        ">=",
        "7.5",
        "Ter illustratie: afspraak Orionis en de Walcherse gemeenten.",
    ),
    StreefwaardeSpec(
        "orionis-aandeel-uitstroom-werk",
        "walcheren",
        "werkzoekenden",
        2018,
        2021,
        ">=",
        "40",
        "Ter illustratie.",
    ),
    StreefwaardeSpec(
        "porthos-telefoon-binnen-3-minuten",
        "porthos",
        None,
        2017,
        2020,
        ">=",
        "95",
        "Operationele servicenorm Porthos (ter illustratie).",
    ),
]


# ── The Vlissingen report over 2018H1 (``load_demo --with-report``) ───────────────────────────
REPORT_GEMEENTE = "GM0718"
REPORT_PERIOD = "2018H1"
# Illustrative: an earlier report, vastgesteld, so the griffie has something to download. It reuses
# the monitor's texts of 2018 (the seed has no report over 2017).
ADOPTED_REPORT_PERIOD = "2017H2"
# The (illustrative) raadsbesluit printed on its cover: by the raad, its date and its number.
# The college offers it to the raad, the raad adopts it (two recorded steps, docs/reports.md).
ADOPTED_REPORT_COLLEGEBESLUIT = ("college", date(2018, 3, 6), "B&W 2018/9")
ADOPTED_REPORT_BESLUIT = ("raad", date(2018, 3, 29), "RB 2018/14")
ADOPTED_REPORT_INTRODUCTION = (
    "Dit rapport geeft inzicht en informatie aan de gemeenteraden met betrekking tot "
    "maatschappelijke resultaten in het sociaal domein. Het rapport verschijnt 2 keer per jaar in "
    "het voorjaar en najaar. Dit is het rapport over het tweede halfjaar van 2017."
)
# "Inleiding", first paragraph.
REPORT_INTRODUCTION = (
    "Dit rapport geeft inzicht en informatie aan de gemeenteraden met betrekking tot "
    "maatschappelijke resultaten in het sociaal domein. Het rapport verschijnt 2 keer per jaar in "
    "het voorjaar en najaar. Dit is het tweede rapport van 2018."
)
# The texts per maatschappelijk resultaat and per supplier: ``reports/demo_texts.py``.
