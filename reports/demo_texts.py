"""The narrative of the demo report Vlissingen 2018H1 (``load_demo --with-report``).

Source: the same monitor as the demo figures, "Rapport Monitoring Sociaal Domein Vlissingen",
tweede rapport 2018 (``shared/seeds/000_b111d4e8cc118cbe.txt``; see ``indicators/demo_data.py``).
Per maatschappelijk resultaat (``THEMA_TEXTS``, by thema code) the texts of Deel 1 Populatie, and
per supplier in it (``SUPPLIER_TEXTS``, by thema code and uitvoerder code) those of Deel 2
Prestaties; the keys are the field names of :class:`~reports.models.ReportText` and
:class:`~reports.models.ReportSupplierText`. A field the monitor has no text for is left out
(empty): Iedereen is zelfredzaam has no "Voorzichtig positief/negatief" (its "Wat zien we?" is the
overige duiding), Iedereen staat voor elkaar klaar says "-" under "Voorzichtig negatief".

The monitor's own words, with only these changes:

- Footnote marks and footnotes are left out, and the page reference "zie kader blz 14" (a page of
  the monitor, not of this report).
- Orionis' bijdrage to Iedereen doet mee starts after "Orionis bedient 3 doelgroepen:" and its
  list: the report lists the supplier's doelgroepen itself.
- "Korte beschrijving organisatie" is the supplier's description (``demo_data.UITVOERDERS``), not
  a text of the report.
- Spelling: "burens" → "buren" and "wat minder zelfredzamer" → "wat minder zelfredzaam" (as in
  ``indicators/demo_data.py``), "ontwikkeliindicator" → "ontwikkelindicator",
  "Clïentervaringsonderzoek" → "Cliëntervaringsonderzoek", and a full stop where a sentence
  lacked one.
- The monitor's subheadings start with "# " and its lists with "- ", the two marks the report
  gives structure to (``reports.templatetags.report_text``).
"""

from indicators.demo_data import DOET_MEE, GEZONDHEID, KLAAR, VEILIG, ZELFREDZAAM

# thema code → Deel 1 Populatie: "Wat streven we na?" … "Wat is de rol van de gemeente?".
THEMA_TEXTS: dict[str, dict[str, str]] = {
    DOET_MEE: {
        "wat_streven_we_na": (
            "Iedereen is actief betrokken bij de samenleving in Vlissingen, door naar vermogen een "
            "bijdrage te leveren en mee te doen."
        ),
        "waarom_belangrijk": (
            "Actieve deelname aan de maatschappij is van groot belang voor het versterken van de "
            "sociale samenhang, de eigenwaarde en betrokkenheid."
        ),
        "wat_zien_we_positief": (
            "Voor de gemeente Vlissingen zien we een stijging van de arbeidsparticipatie ten "
            "opzichte van 2014 met een lichte daling in het laatste jaar (2017). Het percentage "
            "vrijwilligers vertoont een stijgende lijn ten opzichte van 2009. Deelname aan het "
            "verenigingsleven als lid is ongeveer gelijk gebleven tussen 2013 en 2017, na een "
            "daling tussen 2009 en 2013."
        ),
        "wat_zien_we_negatief": (
            "Het percentage huishoudens dat langdurig moet rondkomen van een laag inkomen is "
            "gestegen in de periode 2014-2016. Ook blijkt deelname aan activiteiten in de wijk "
            "licht gedaald."
        ),
        "rol_gemeente": (
            "# Arbeidsparticipatie\n\n"
            "De gemeente stimuleert arbeidsparticipatie door mensen in een uitkeringssituatie via "
            "Orionis te bemiddelen naar werk. De gemeente zet in op het stimuleren van "
            "arbeidsparticipatie van inwoners die nu niet werken en niet op zoek zijn naar werk "
            "(tenzij ze in een uitkeringssituatie zitten).\n\n"
            "# Armoedebeleid\n\n"
            "Voor mensen die langdurig op een laag minimum zitten, heeft de gemeente "
            "armoedebeleid. Enerzijds wordt er ingezet op: van uitkering naar scholing en werk "
            "(Orionis), anderzijds op (voorkomen van) problematische schulden (Orionis) en er zijn "
            "armoedevorzieningen, zoals bijzondere bijstand (Orionis) en fonds cultuur, sport en "
            "onderwijs. Voor kinderen zijn er tevens nog het jeugdportfonds en het "
            "jeugdcultuurfonds. De categorie werkende armen is moeilijk te bereiken voor de "
            "gemeente om verschillende redenen. Ze maken bijvoorbeeld geen gebruik van uitkeringen "
            "of andere voorzieningen.\n\n"
            "# Verenigingsleven en vrijwilligerswerk\n\n"
            "De gemeente Vlissingen stimuleert vrijwilligerswerk. Het Vlissingse Vrijwilligerspunt "
            "bemiddelt actief tussen vraag en aanbod op zeer uiteenlopende terreinen. Elke 2 jaar "
            "wordt de Frans Naereboutprijs uitgereikt aan een (vrijwilligers)organisatie en een "
            "vrijwilliger, die op een aansprekende en verdienstelijke wijze actief waren binnen de "
            "Vlissingse samenleving.\n\n"
            "Vrijwilligerswerk en verenigingsleven worden gestimuleerd door subsidies en door "
            "inzet van verenigingsondersteuning.\n\n"
            "De welzijnsorganisatie in Vlissingen, stichting ROAT, ondersteunt initiatieven van "
            "vrijwilligers in de wijken en werkt zelf met een kern van zo'n 70 vrijwilligers."
        ),
    },
    ZELFREDZAAM: {
        "wat_streven_we_na": (
            "Inwoners doen zoveel mogelijk zelf en proberen met familie, vrienden en buren zo lang "
            "mogelijk zelfredzaam te zijn. Daarvoor zijn goede, laagdrempelige voorzieningen nodig "
            "op het gebied van onder andere mantelzorg en vrijwilligerswerk. Daarnaast is het ook "
            "van belang dat inwoners een beroep kunnen doen op zorg en ondersteuning wanneer dat "
            "nodig is."
        ),
        "waarom_belangrijk": (
            "In de eerste plaats is het de wens van ouderen zelf om zo lang mogelijk thuis te "
            "wonen. Doordat inwoners zo lang mogelijk in hun eigen leefomgeving meedoen, kan een "
            "beroep op (zwaardere) vormen van zorg voorkomen of uitgesteld worden. Zelfredzaamheid "
            "is dus cruciaal, maar waar nodig ondersteunt de gemeente Vlissingen hier wel in (via "
            "Porthos en Orionis)."
        ),
        "wat_zien_we": (
            "De zelfredzaamheid wat betreft huishouden, verzorging, en het aangaan van sociale "
            "contacten is uitgevraagd op 2 momenten: in 2013 en in 2017.\n\n"
            "Voor het doen van het huishouden en persoonlijke verzorging geldt dat de "
            "zelfredzaamheid gelijk is gebleven. Voor het aangaan van sociale contacten geldt dat "
            "de inwoners in 2017 aangeven wat minder zelfredzaam te zijn.\n\n"
            "Het hebben van huurachterstand en zeker van meer dan drie maanden duidt op weinig "
            "financiële zelfredzaamheid en een risico op problematische schulden. Deze gegevens "
            "zouden structureel bijgehouden en aangeleverd moeten worden om zicht te krijgen op de "
            "ontwikkeling (ontwikkelindicator).\n\n"
            "De ontwikkeling in het percentage inwoners met problematische schulden is nog niet in "
            "beeld. Daar moet nog een goede indicator voor gevonden worden, gedacht wordt aan "
            "Bureau Krediet Registratie (BKR) als bron."
        ),
        "rol_gemeente": (
            "De gemeente is verantwoordelijk voor ondersteuning aan haar inwoners die dat nodig "
            "hebben. Daartoe stimuleert de gemeente op verschillende manieren de zelfredzaamheid "
            "van haar inwoners. Het uitgangspunt van het gevoerde beleid is: 'geef geen vis maar "
            "de hengel waarmee ze zelf vissen kunnen vangen'. De gemeente ondersteunt kwetsbare "
            "mensen in de samenleving, maar neemt de eigen verantwoordelijkheid niet over.\n\n"
            "Inwoners die moeite hebben met zelfredzaamheid kunnen worden ondersteund door de "
            "inzet van sociale netwerken, algemene en collectieve voorzieningen, "
            "welzijnsinstellingen en als het niet anders kan, kunnen mensen aanspraak maken op "
            "Wmo-voorzieningen. Porthos en Orionis ondersteunen bij zorgbehoeften en gebrek aan "
            "inkomen.\n\n"
            "Met Stichting ROAT starten we in 2018 met de ontwikkeling van wijknetwerken. De "
            "wijknetwerken richten zich tot het samenbrengen en versterken van het voorliggend "
            "veld, zoals bewoners, vrijwilligers en Odelijn en 1ste lijn hulpverleners. Met de "
            "wijknetwerken willen we realiseren dat door een investering in preventie en "
            "vroegsignalering de 'lichtere' ondersteuningsvragen vroegtijdig worden opgepakt, "
            "zodat het aantal midden/hog risico cases en specialistische zorg op termijn daalt."
        ),
    },
    GEZONDHEID: {
        "wat_streven_we_na": (
            "We streven naar een gezonde samenleving waarin inwoners van de gemeente Vlissingen "
            "gezond opgroeien en actief ouder worden in een vitale omgeving.\n\n"
            "We hebben de volgende speerpunten en doelstellingen voor de periode 2018-2021:\n\n"
            "1. Gezond Gewicht (Preventie van overgewicht)\n"
            "a. Het aantal kinderen en jongeren met overgewicht laten dalen en het aantal "
            "volwassenen en ouderen met overgewicht niet verder laten stijgen.\n\n"
            "2. Verantwoord Alcoholgebruik en Preventie Genotmiddelen (Preventie van alcohol en "
            "drugs)\n"
            "a. Het aantal jongeren onder de 18 jaar dat alcohol drinkt terugdringen en het "
            "alcoholgebruik onder ouderen niet verder laten stijgen.\n"
            "b. Het aantal jongeren dat hard- en softdrugs gebruikt terugdringen.\n\n"
            "3. Gelukkig en Vitaal Wonen (Preventie van depressie en eenzaamheid)\n"
            "a. Het aantal jongeren, volwassenen en ouderen dat depressief is niet verder laten "
            "stijgen.\n"
            "b. Het aantal ouderen dat eenzaam is niet verder laten stijgen."
        ),
        "waarom_belangrijk": (
            "Gezonde en gelukkige mensen hebben minder zorg nodig, vallen minder uit op school of "
            "op het werk en zijn beter in staat om te participeren in de samenleving."
        ),
        "wat_zien_we_positief": (
            "Het percentage rokers en het percentage overmatig alcohol gebruikers onder 19 - 65 "
            "jarigen is gedaald tussen 2012 en 2016.\n\n"
            "Zowel het aandeel ouderen (65+) dat rookt, als het aandeel ouderen dat zich psychisch "
            "ongezond voelt is licht gedaald tussen 2012 en 2016."
        ),
        "wat_zien_we_negatief": (
            "Het percentage inwoners dat overgewicht heeft neemt nog steeds toe, zowel onder 19-65 "
            "jarigen als onder ouderen (65+). Het percentage inwoners dat zich psychisch ongezond "
            "voelt in de leeftijd 19-65 jaar is licht gestegen.\n\n"
            "Het aandeel rokers en het aandeel overmatige drinkers onder de ouderen is "
            "gestegen.\n\n"
            "De norm om voldoende te bewegen wordt in 2017 door een kleiner percentage inwoners "
            "gehaald dan in 2013."
        ),
        "rol_gemeente": (
            "Voor de gemeente is een informerende en voorwaardenscheppende taak weggelegd. De "
            "gemeente wil de eigen krachten van de burgers en de samenleving versterken, door een "
            "faciliterende, maar niet een overnemende rol.\n\n"
            "De Walcherse gemeenten investeren in gezond gedrag en in het voorkomen en "
            "terugdringen van de ziektelast. Aan de hand van de Nota Gezondheidsbeleid richten de "
            "gemeenten zich met gezondheidspreventie vooral op gezond gewicht, verantwoord alcohol "
            "gebruik, genotmiddelen gebruik en gelukkig en vitaal wonen (voorkomen van depressie "
            "en eenzaamheid). Om dit te bereiken is vooral aandacht voor versterken van de "
            "weerbaarheid, vroegsignalering, voldoende bewegen, gezonde voeding, gezonde leefstijl "
            "en een gezonde omgeving.\n\n"
            "Voor de uitvoering van het preventieve gezondheidsbeleid zijn afspraken gemaakt met "
            "uitvoeringspartners, zoals de GGD, CZW bureau, Porthos, Indigo en ROAT. Daarnaast "
            "wordt er vanuit Gezond in de Stad (GIDS) actief ingezet op het aanjagen van "
            "initiatieven die (het risico op) gezondheidsachterstanden verkleinen en aansluiten "
            "bij het gezondheidsbeleid."
        ),
    },
    VEILIG: {
        "wat_streven_we_na": (
            "Iedereen heeft recht op een veilig bestaan en draagt daar aan bij. Dit betekent dat "
            "inwoners zich veilig voelen en een bijdrage leveren aan het bereiken van een veilige "
            "leefomgeving."
        ),
        "waarom_belangrijk": (
            "Vanuit een veilige leefsituatie en in een veilige omgeving kunnen inwoners zich "
            "optimaal ontwikkelen en van daaruit participeren in de samenleving."
        ),
        "wat_zien_we_positief": (
            "Het percentage inwoners dat zich altijd veilig voelt in de eigen wijk of kern is "
            "gestegen. Ook het totaal aantal misdrijven vertoont een dalende trend.\n\n"
            "Het percentage inwoners dat overlast ervaart door jongeren en het percentage dat "
            "vernieling heeft gezien daalt eveneens."
        ),
        "wat_zien_we_negatief": (
            "Het aandeel inwoners dat overlast ervaart door omwonenden is licht gestegen tussen "
            "2013 en 2017."
        ),
        "rol_gemeente": (
            "Voor het tegengaan van overlast spelen diverse partijen een rol: onder andere "
            "woningcorporatie, MWW, Porthos en de politie. De gemeente probeert woonoverlast en "
            "escalatie te voorkomen via buurtbemiddeling, het stimuleren van burgerinitiatieven "
            "als WhatsApp groepen en buurtpreventieteams. Daarnaast wordt geïnvesteerd in goede "
            "meldmogelijkheden (WaakSamen, gemeentelijke app voor beheerszaken in de openbare "
            "ruimte, meldpunten voor drugsoverlast en overlast van kamerverhuurpanden) en "
            "doorverwijzing naar de juiste instanties.\n\n"
            "De gemeente investeert in informatie, advies en hulp bij situaties van sociale "
            "onveiligheid. Porthos speelt een belangrijke rol voor informatie, advies en "
            "signalering van sociale onveiligheid en huiselijk geweld. Voor het tegengaan van "
            "huiselijk geweld is Veilig Thuis Zeeland, het advies- en meldpunt huiselijk geweld en "
            "kindermishandeling, ondergebracht bij GGD. Slachtoffers, daders en omstanders kunnen "
            "hier terecht voor deskundige hulp en advies. Tevens is er een Crisisinterventieteam "
            "ingericht, waarin hulpverleningspartners samenwerken om het geweld verder te "
            "voorkomen. Een belangrijke rol hierin spelen maatschappelijk Werk Walcheren (MWW) & "
            "Porthos als het gaat om hulpverlening en risicotaxatie.\n\n"
            "Voor complexe casussen met veiligheidsaspecten is Het Veiligheidshuis Zeeland de "
            "plaats waar de justitiële keten en de zorg- en welzijnketen aan elkaar worden "
            "gekoppeld. Het doel van die koppeling is om op een zo effectief mogelijke manier "
            "criminaliteit, recidive en overlast tegen te gaan en daarmee de (sociale) veiligheid "
            "in Zeeland te verhogen. Uitgangspunt is het leveren van maatwerk, door voor elke in "
            "het Veiligheidshuis besproken casus een persoonsgerichte aanpak vast te stellen. Het "
            "Veiligheidshuis levert ook nazorg aan ex-gedetineerden.\n\n"
            "De gemeente heeft de regie op diverse veiligheidsvelden en thema's. Deze zijn benoemd "
            "in het 4 jaarlijkse beleidsdocument Integrale Veiligheidsbeleid en het daarbij "
            "behorende jaarlijkse uitvoeringsprogramma (UP). In dat programma zijn de "
            "speerpunten/aandachtspunten benoemd waar onder de regie van de gemeente aandacht zal "
            "worden besteed. Deze thema's worden samen met de veiligheidspartners (waarbij het "
            'sociale domein een belangrijke "partner" is) opgepakt. In 2017 is het sociale '
            "calamiteitenplan door het college vastgesteld. Dit plan is een leidraad/handvat voor "
            "gemeenten dat gebruikt wordt bij een (dreigende) sociale calamiteit. Het sociale "
            "domein en het veiligheidsdomein treden hier samen op.\n\n"
            "Aandachtspunten binnen het UP zijn;\n"
            "- Ondernemende criminaliteit (raakvlak met sociaal domein: PGB fraude, zorgfraude)\n"
            "- Aanpak verwarde personen (raakvlak met sociaal domein: nieuwe wetgeving, SPOR, "
            "inkoopbeleid)\n"
            "- Aanpak kwetsbare jongeren (raakvlak met sociaal domein: SMW, schoolveiligheid, "
            "opvangplaatsen, geïndiceerde hulpverlening, Porthos, e.d.)\n"
            "- Aanpak drugscriminaliteit en drugsgerelateerde overlast (raakvlak met sociaal "
            "domein: verslavingszorg, opvang, dagbesteding, Porthos)\n"
            "- Aanpak woonoverlast (raakvlak met sociaal domein: huisvesting, begeleiding, "
            "hulpverlening van mensen die aan de zelfkant van de maatschappij leven en nu vaak in "
            "slechte kamerverhuurpanden leven waarbij uitbuiting op de loer ligt)"
        ),
    },
    KLAAR: {
        "wat_streven_we_na": (
            "We streven naar saamhorigheid: mensen hebben oog voor elkaar en staan klaar voor "
            "elkaar. Dat slaat op familie en buren, maar ook op de vrijwilligers van bijvoorbeeld "
            "een muziek- of sportvereniging en op de mensen die maaltijden bezorgen of zieken "
            "bezoeken. Mensen willen graag iets voor elkaar betekenen."
        ),
        "waarom_belangrijk": (
            "De gemeenten gaan in de toekomst steeds meer een beroep doen op deze saamhorigheid. "
            "Het wordt belangrijker om elkaar bij te staan. Hiermee kunnen eventuele "
            "maatschappelijke problemen van onze inwoners in een vroegtijdig stadium worden "
            "gesignaleerd en opgelost. Er kunnen nieuwe arrangementen of oplossingen ontstaan, die "
            "kunnen bijdragen aan de kwaliteit van leven en vermindering van de inzet van (dure) "
            "professionals."
        ),
        "wat_zien_we_positief": (
            "Het percentage inwoners dat vrijwilligerswerk doet vertoont een stijgende lijn. Ook "
            "lijkt het vertrouwen in de buren toe te nemen. Het percentage mantelzorgers is "
            "gestabiliseerd, na een stijging tussen 2009 en 2013. Het aandeel mantelzorgers dat "
            "zich overbelast voelt is iets gedaald. Ook lijkt het aandeel mensen dat zich actief "
            "lokaal inzet wat hoger in 2013 ten opzichte van 2009 (cijfer 2017 moet nog berekend)."
        ),
        "rol_gemeente": (
            "Door middel van gemeentelijke subsidie aan stichting Manteling wordt hulp en advies "
            "geboden aan mantelzorgers, zorgvrijwilligers en hulpvragers. Het gaat om informatie "
            "en advies, hulp bij hulpaanvragen, training van zorgvrijwilligers en mantelzorgers, "
            "een luisterend oor. Manteling biedt mantelzorgondersteuning en organiseert inzet van "
            "zorgvrijwilligers."
        ),
    },
}

# (thema code, uitvoerder code) → Deel 2 Prestaties: "1. Wat is de bijdrage …?" and "Wat valt op?".
SUPPLIER_TEXTS: dict[tuple[str, str], dict[str, str]] = {
    (DOET_MEE, "orionis"): {
        "bijdrage": (
            "# Werkzoekenden\n\n"
            "Voor de doelgroep 'werkzoekenden' biedt Orionis ondersteuning bij het vinden van werk "
            "wanneer werkzoekenden dat zelfstandig niet lukt. Dat kan op verschillende manieren, "
            "bijvoorbeeld door hulp bij solliciteren, het opstellen van een CV of het volgen van "
            "een training. In sommige gevallen kan het nodig zijn werkervaring op te doen om de "
            "kans op een baan te vergroten. Het 'Werkleerbedrijf' biedt hiervoor de "
            "mogelijkheden.\n\n"
            "Voor de doelgroep 'arbeidsontwikkeling' biedt het 'Participatie Punt' inzicht in de "
            "mogelijkheden van het niet actieve klantenbestand door het onderhouden van "
            "telefonisch contact. Doel is mensen op een passend traject te krijgen (participatie "
            "of re-integratie) en zicht te houden op de ontwikkelingen bij de individuele mensen. "
            "Door mensen te stimuleren om te participeren geeft Orionis uitvoering aan de "
            "tegenprestatie.\n\n"
            "# Wet sociale werkvoorziening (Wsw)\n\n"
            "Dit betreft de groep mensen die voor januari 2015 (invoering Participatiewet) de "
            "Wsw-status hebben gekregen. Er stromen geen nieuwe Wsw-ers meer in, maar bestaande "
            "Wsw-ers houden hun indicatie. Deze doelgroep neemt dus jaarlijks af. Orionis biedt "
            "deze doelgroep een arbeidsovereenkomst.\n\n"
            "# Nieuw beschut werk\n\n"
            "'Beschut werk' is bedoeld voor mensen met een lichamelijke, verstandelijke of "
            "psychische beperking. Het gaat om mensen die alleen kunnen werken in een 'beschutte' "
            "omgeving, onder aangepaste omstandigheden. Zij hebben meer begeleiding en aanpassing "
            "van hun werkplek nodig dan van een reguliere werkgever is te verwachten. Orionis "
            "biedt deze beschutte werkomgeving.\n\n"
            "Voor de werkzoekende die vanwege ziekte of gebrek niet in staat is (ook niet met "
            "ondersteuning) om 100% van het wettelijk minimumloon te verdienen is er de "
            "mogelijkheid een indicatie baanafpraak of beschut werk aan te vragen bij "
            'Uitvoeringsinstituut Werknemersverzekeringen (UWV). Onder de vlag van "Aan de slag '
            'in Zeeland" werken op arbeidsmarktregio-niveau VNO-NCW Brabant Zeeland, gemeenten '
            "(Orionis), werknemersorganisaties en UWV samen aan het realiseren van de "
            "baanafpraak.\n\n"
            "Orionis bemiddelt bij plaatsing naar werk, ongeacht of iemand wel of niet onder de "
            "doelgroep baanafpraak valt."
        ),
        "wat_valt_op": (
            "De extra acties uit het plan van aanpak leiden tot een beduidend hogere uitstroom dan "
            "voorgaande jaren. De uitstroom naar werk is fors gestegen. Maar ook overige uitstroom "
            "stijgt, onder andere door een striktere aanpak en handhaving.\n\n"
            "Tegelijkertijd zien we de doelgroep steeds moeilijker bemiddelbaar worden. De groep "
            "Arbeidsontwikkeling vraagt daarom om een andere aanpak, waarmee we in de tweede helft "
            "2018 starten."
        ),
    },
    (DOET_MEE, "porthos"): {
        "bijdrage": (
            "Porthos stelt mensen centraal. Zij voeren zelf de regie over hun leven. Ondersteuning "
            "en zorg die via de lokale toegang van Porthos wordt georganiseerd, is aanvullend op "
            "wat inwoners en hun netwerk zelf kunnen en doen. Porthos biedt inwoners informatie en "
            "advies over alle vormen van ondersteuning en zorg die beschikbaar is. Porthos "
            "bevordert dat inwoners de eigen kwaliteiten, talenten en capaciteiten inzetten om "
            "daarmee in de samenleving te kunnen participeren, waar nodig met specifieke "
            "ondersteuning of zorg.\n\n"
            "Daarbij heeft Porthos oog voor de zorg die aansluit bij ieder individu (maatwerk): "
            "ondersteuning en zorg dat in de buurt beschikbaar is en kleinschalig waar mogelijk. "
            "Porthos heeft aandacht voor de verhouding tussen draagkracht en draaglast van "
            "inwoners."
        ),
        "wat_valt_op": (
            "De leefdomeinen Werk & opleiding en Tijdsbesteding worden sinds februari 2018 "
            "gebruikt. Voor 48 cliënten zijn deze leefdomeinen minimaal 2 keer ingevuld. Een te "
            "kleine groep om betrouwbare uitspraken te kunnen doen.\n\n"
            "Er lijken weinig verschillen te zijn tussen de meetjaren 2017 en 2018 voor de "
            "leefdomeinen Maatschappelijke participatie en Financiën. Door de lage aantallen "
            "kunnen we hier nog geen betrouwbare uitspraken over doen."
        ),
    },
    (ZELFREDZAAM, "orionis"): {
        "bijdrage": (
            "Voor de doelgroep 'werkzoekenden' biedt Orionis inkomensondersteuning in de vorm van "
            "bijstandsuitkeringen. Orionis biedt echter ook hulp bij het zoeken naar werk (zie "
            "hoofdstuk 1 'iedereen doet mee').\n\n"
            "Als een inwoner schulden heeft of dreigt in schulden te komen, ondersteunt Orionis op "
            "verschillende manieren (doelgroep schuldhulpverlening), variërend van informatie en "
            "advies tot en met schuldbemiddeling en financieel beheer (wettelijke schuldsanering). "
            "Het belangrijkste doel is het bieden van hulp aan mensen in financiële nood."
        ),
        "wat_valt_op": (
            "Eenzijds zien we dat meer mensen financieel onafhankelijk worden van Orionis voor hun "
            "inkomen. Het aantal bijstandsuitkeringen is in 2017 gedaald. De trend begin 2018 is "
            "stijgend, maar is in de loop van het eerste halfjaar weer gedaald ten opzichte van "
            "2017.\n\n"
            "Een tegengestelde trend is dat steeds meer inwoners te maken krijgen met "
            "schuldenproblematiek die onoplosbaar is geworden. Deze hebben een vorm van "
            "schulddienstverlening van Orionis nodig. Gezien landelijke onderzoeken is de "
            "verwachting dat dit alleen maar toeneemt."
        ),
    },
    (ZELFREDZAAM, "porthos"): {
        "bijdrage": (
            "Porthos is erop gericht de inwoners/klanten zoveel mogelijk in staat te stellen waar "
            "mogelijk zelf de regie te voeren over de eigen ondersteuningsvraag/-behoefte. Porthos "
            "ondersteunt inwoners bij het in kaart brengen van de eigen ondersteuningsvraag, bij "
            "het in beeld brengen van draagkracht en draaglast (en de rol die het netwerk kan "
            "vervullen) en bij het proces van aanvraag en toewijzing van een breed scala aan "
            "voorzieningen, variërend van hulpmiddelen, begeleiding, familienetwerkberaden tot en "
            "met de inzet van gesloten jeugdzorg. Porthos stelt zich daarbij tot doel de situatie "
            "van inwoners duurzaam te verbeteren en waar nodig bij te dragen aan continuïteit in "
            "de ondersteuning. Soms hebben inwoners incidentele ondersteuning nodig. Soms hebben "
            "inwoners langdurige ondersteuningsbehoeften die mee veranderen met de verschillende "
            "levensfasen en -omstandigheden."
        ),
        "wat_valt_op": (
            "# Familienetwerkberaden\n\n"
            "Vanaf de start van Porthos zien we een gestage toename van het aantal "
            "familienetwerkberaden. Voor de relatief kleine terugvallen bij de start van het derde "
            "kwartaal in 2016 en in het tweede kwartaal in 2017 is geen aantoonbare oorzaak aan te "
            "wijzen, anders dan dat de vraag en de beoordeling van de wenselijkheid om een raad te "
            "organiseren, kan fluctueren.\n\n"
            "# Casussen gebiedsteams\n\n"
            "Het aantal casussen van de gebiedsteams vertoont tot het 3de kwartaal van 2017 een "
            "grillig patroon. Dat geldt in het bijzonder voor de terugloop van het aantal lopende "
            "casussen in het derde kwartaal 2016. Wisselingen in het personeelsbestand en nog "
            "onvoldoende nauwgezetheid in de registratie kunnen hiervoor mogelijk een verklaring "
            "zijn. Daarnaast is het voor de gebiedsteams zoeken en zijn er ontwikkelingen geweest "
            "naar de eigen rolinvulling bij casussen waarbij risico's beoordeeld moeten worden bij "
            "meervoudige/complexere problematiek. Mogelijk dragen ook verwijspatronen en "
            "registratievraagstukken in de eerste paar jaar bij aan het instabiel beeld tot het "
            "3de kwartaal van 2017. De cijfers over de casuïstiek van de 4 gebiedsteams zijn sinds "
            "het 3e kwartaal 2017 stabiel. Per kwartaal kan wel een lichte fluctuering "
            "geconstateerd worden in aantal nieuwe aanmeldingen, lopende casuïstiek en afgesloten "
            "/ afgeschaalde casuïstiek.\n\n"
            "# Huisbezoeken\n\n"
            "Ten opzichte van de eerste twee kwartalen in 2017 is er een daling te zien.\n\n"
            "Dit wordt vooral veroorzaakt doordat een groot deel van de klanten die hulp via de "
            "Wmo en Jeugdwet ontvangen, bekend zijn bij Porthos. Deze klanten zijn in het bezit "
            "van een ondersteuningsplan en dan volstaat een telefonische uitvraag om de hulp op- "
            "of af te schalen. Hierdoor is het aantal huisbezoeken gedaald.\n\n"
            "# Telefoon beantwoord binnen 3 minuten\n\n"
            "Conclusie: (bijna) 100% binnen 3 minuten. Dit is de operationele servicenorm van "
            "Porthos.\n\n"
            "# Zelfredzaamheidsmatrix (ontwikkelindicator)\n\n"
            "Door de lage aantallen kunnen we nog geen betrouwbare uitspraken doen over de "
            "ontwikkelingen tussen 2017 en 2018 op de verschillende leefdomeinen.\n\n"
            "# Uitleg - Ontwikkeling totale zelfredzaamheid\n\n"
            "Voor het bepalen van de ontwikkeling van de totale zelfredzaamheid per casus zijn de "
            "numerieke scores voor de 11 leefdomeinen opgeteld. Deze totaalscore voor de huidige "
            "zelfredzaamheid is weer vergeleken met de totaalscore van de vorige "
            "zelfredzaamheid.\n\n"
            "Effect van deze vergelijking is dat de mate van stijging of daling van invloed is op "
            "het bepalen of de totale zelfredzaamheid is gestegen of gedaald. Als twee "
            "leefdomeinen beide zijn gestegen met één stap en één leefdomein is gedaald met twee "
            "stappen, dan blijft de totale zelfredzaamheid gelijk.\n\n"
            "# Toegewezen zorgopdrachten (oud en nieuw)\n\n"
            "In het vierde kwartaal van 2017 zijn in totaal 2027 zorgtoewijzingen voor de Wmo "
            "afgegeven. Er wordt onderscheid gemaakt tussen nieuwe Wmo en oude Wmo.\n\n"
            "# Nieuwe Wmo\n\n"
            "De grote toename van het aantal zorgtoewijzingen Wmo is te verklaren doordat er "
            "toewijzingen voor huishoudelijke hulp gemaakt zijn in het vierde kwartaal 2017. Als "
            "de toewijzingen voor huishoudelijke hulp niet meegerekend worden, zijn in het vierde "
            "kwartaal 835 zorgtoewijzingen Wmo afgegeven. Er lijkt een afname in het aantal "
            "zorgtoewijzingen Wmo te zijn.\n\n"
            "# Oude Wmo\n\n"
            "In het tweede kwartaal 2018 zijn 503 voorzieningen toegewezen (zorgopdrachten). Het "
            "aantal zorgopdrachten fluctueert.\n\n"
            "# Cliëntervaringsonderzoek Wmo\n\n"
            "# Voorzichtig positief\n\n"
            "Het percentage dat aangeeft het (helemaal) eens te zijn met de stelling 'Door de "
            "ondersteuning die ik krijg kan ik me beter redden' is licht gestegen tussen 2016 en "
            "2018. Het percentage dat aangeeft het (helemaal) eens te zijn met de stellingen 'Ik "
            "werd snel geholpen' en 'Ik vind de kwaliteit van de ondersteuning die ik krijg goed' "
            "is licht gestegen tussen 2017 en 2018.\n\n"
            "# Voorzichtig negatief\n\n"
            "Het percentage dat aangeeft dat ze door de ondersteuning die ze krijgen een betere "
            "kwaliteit van leven hebben, is tussen 2017 en 2018 licht gedaald."
        ),
    },
    (GEZONDHEID, "porthos"): {
        "bijdrage": (
            "Bij het in kaart brengen van ondersteuningsbehoefte houdt Porthos rekening met de "
            "gezondheid van de cliënt. Daarnaast werkt Porthos samen met gezondheidszorgpartners "
            "(bv huisartsen, zorgverzekeraars, jeugdgezondheidszorg (JGZ), geestelijke "
            "gezondheidszorg (GGZ)), door o.a. kennis te hebben van de sociale kaart en gericht "
            "door te verwijzen."
        ),
        "wat_valt_op": (
            "# Zelfredzaamheidsmatrix (ontwikkelindicator)\n\n"
            "Door de lage aantallen kunnen we nog geen betrouwbare uitspraken doen over de "
            "ontwikkelingen tussen 2017 en 2018 op de verschillende leefdomeinen."
        ),
    },
    (VEILIG, "porthos"): {
        "bijdrage": (
            "Porthos draagt de verantwoordelijkheid voor het functioneren van de gebiedsteams en "
            "zorgt voor het supervisorschap van deze teams. Onder de verantwoordelijkheid van "
            "Porthos werken de gebiedsteams aan midden en hoog risico en aan meervoudige en/of "
            "complexe problematiek voor alle inwoners. Porthos draagt tevens zorg voor het "
            "functioneren van de Familienetwerkberaden en levert daarvoor de gespreksleiders. De "
            "gespreksleiders zijn de professionals die de familienetwerkberaden voorbereiden, "
            "voorzitten en afronden. Zij zijn de technisch voorzitter van het netwerkberaad en "
            "moeten onafhankelijk kunnen opereren. Vanwege die onafhankelijkheid zijn de "
            "gespreksleiders in dienst van Porthos.\n\n"
            "Toeziën en bevorderen en (doen) organiseren van veiligheid en bescherming kan zich "
            "zowel richten op het individu als op gezinssystemen. Zo maakt het karakter van de "
            "tijdelijkheid van een maatregel (straf/civiel) of de inzet van 'drang' in het "
            "vrijwillig kader bij risico's voor minderjarigen door gecertificeerde instellingen, "
            "veelal dat er tevens blijvend passende ondersteuning nodig is om het gehele "
            "(gezin)systeem continuïteit te bieden. Porthos draagt daarbij waar nodig zorg voor "
            "integrale ondersteuning.\n\n"
            "Porthos werkt op het gebied van veiligheid van kinderen en gezinnen samen met tal van "
            "partnerorganisaties in de zorg- en veiligheidsketen. Gezamenlijk worden inspanningen "
            "geleverd om veiligheidsrisico's goed in te schatten en adequate maatregelen te "
            "treffen, informatie te delen en elkaars expertise te benutten. Op dit gebied zijn "
            "overigens nog gezamenlijke verbeterlagen door te voeren."
        ),
        "wat_valt_op": (
            "# Familienetwerkberaden\n\n"
            "Vanaf de start van Porthos zien we een gestage toename van het aantal "
            "familienetwerkberaden. Voor de relatief kleine terugvallen bij de start van het derde "
            "kwartaal in 2016 en in het tweede kwartaal in 2017 is geen aantoonbare oorzaak aan te "
            "wijzen, anders dan dat de vraag en de beoordeling van de wenselijkheid om een beraad "
            "te organiseren, kan fluctueren.\n\n"
            "# Casussen gebiedsteams\n\n"
            "Het aantal casussen van de gebiedsteams vertoont tot het derde kwartaal van 2017 een "
            "grillig patroon. Dat geldt in het bijzonder voor de terugloop van het aantal lopende "
            "casussen in het derde kwartaal 2016. Wisselingen in het personeelsbestand en nog "
            "onvoldoende nauwgezetheid in de registratie kunnen hiervoor mogelijk een verklaring "
            "zijn. Daarnaast is het voor de gebiedsteams zoeken en zijn er ontwikkelingen geweest "
            "naar de eigen rolinvulling bij casussen waarbij risico's beoordeeld moeten worden bij "
            "meervoudige/complexere problematiek. Mogelijk dragen ook verwijspatronen en "
            "registratievraagstukken in de eerste paar jaar bij aan het instabiele beeld tot het "
            "derde kwartaal 2017. De cijfers over de casuïstiek van de 4 gebiedsteams zijn sinds "
            "het derde kwartaal 2017 stabiel. Per kwartaal kan wel een lichte fluctuering "
            "geconstateerd worden in het aantal nieuwe meldingen, lopende casuïstiek en afgesloten "
            "/ afgeschaalde casuïstiek.\n\n"
            "# Zelfredzaamheidsmatrix (ontwikkelindicator)\n\n"
            "Door de lage aantallen kunnen we nog geen betrouwbare uitspraken doen over de "
            "ontwikkelingen tussen 2017 en 2018 op de verschillende leefdomeinen."
        ),
    },
    (KLAAR, "orionis"): {
        "bijdrage": (
            "Voor de doelgroep 'arbeidsontwikkeling' biedt het 'Participatie Punt' inzicht in de "
            "mogelijkheden van het niet actieve klantenbestand door het onderhouden van "
            "telefonisch contact. Doel is mensen op een passend traject te krijgen (participatie "
            "of re-integratie) en zicht te houden op de ontwikkelingen bij de individuele mensen. "
            "Door mensen te stimuleren om te participeren in vrijwilligerswerk geeft Orionis ook "
            "uitvoering aan de tegenprestatie."
        ),
        "wat_valt_op": (
            "Het aantal mensen dat vrijwilligerswerk of mantelzorg doet is met zo'n 100 gestegen. "
            "Echter, omdat de totale doelgroep Arbeidsontwikkeling groter is geworden, daalt het "
            "aandeel daarin."
        ),
    },
    (KLAAR, "porthos"): {
        "bijdrage": (
            "Porthos begeleidt familienetwerkberaden (FNB) en levert daarvoor gespreksleiders. Het "
            "gezin, familieleden en eventuele andere betrokkenen komen bij elkaar om samen met het "
            "gezin een plan te maken waarmee zij een vraag of probleem aanpakken. Het is een "
            "methode om gezinnen op hun eigen kracht aan te spreken, waarbij er toegewerkt wordt "
            "tot gezamenlijke besluitvorming voorzien van concrete acties. Deze concrete acties "
            "worden vastgelegd in een plan van aanpak en stelt het gezin in staat om regie te "
            "voeren op de betrokken hulpverlening. In dit plan staat wat de cliënt en zijn netwerk "
            "zelf kunnen doen en waar het nodig is om professionele hulp in te zetten."
        ),
        "wat_valt_op": (
            "# Familienetwerkberaden\n\n"
            "Vanaf de start van Porthos zien we een gestage toename van het aantal "
            "familienetwerkberaden. Voor de relatief kleine terugvallen bij de start van het derde "
            "kwartaal in 2016 en in het tweede kwartaal in 2017 is geen aantoonbare oorzaak aan te "
            "wijzen, anders dan dat de vraag en de beoordeling van de wenselijkheid om een beraad "
            "te organiseren, kan fluctueren.\n\n"
            "# Zelfredzaamheidsmatrix (ontwikkelindicator)\n\n"
            "Door de lage aantallen kunnen we nog geen betrouwbare uitspraken doen over de "
            "ontwikkelingen tussen 2017 en 2018 op de verschillende leefdomeinen."
        ),
    },
}
