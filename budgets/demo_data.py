"""Walcheren budget demo data, loaded by ``python manage.py load_demo`` (idempotent).

Where the amounts come from:

- **Vlissingen 2018-2020, from the seed** (Ontwikkelagenda Sociaal Domein Vlissingen, "Uitgaven
  binnen het sociaal domein", bedragen in miljoenen euro's): "Cijfers zijn gebaseerd op
  jaarrekening 2018, voorlopige cijfers 2019 en begroting 2020". Loaded as the jaarrekening 2018,
  a "realisatie tot en met 31-12-2019 (voorlopige cijfers)" and the primitieve begroting 2020.
  The source gives lasten only (rounded to € 10.000) and names 6.2 "Preventie, vroegsignalering
  en toegang sociaal domein" (BBV: Wijkteams); 6.5 Arbeidsparticipatie is not in its table. The
  centrumtaken (beschermd wonen, maatschappelijke opvang) are a programma "Centrumtaken" on
  taakveld 6.81. The source's total for 2018 (81,16) is one below the sum of its rounded rows
  (81,17): it was added up from unrounded amounts — the effect the screens explain.
- **Porthos 2018, from the seed** (Walcheren monitor: "jaarbegroting bedraagt 6,1 mln"): the
  supplier's own primitieve begroting on taakveld 6.2.
- **Everything else is ILLUSTRATIVE** (invented, plausible orders of magnitude, marked
  "Illustratief" in the version's toelichting): Vlissingen's primitieve begroting and Najaarsnota
  2018, primitieve begroting 2019, 2021, 2022 and 2023 (2023 with the split taakvelden 6.71a-d,
  6.72a-6.74c, 6.81a-b, 6.82a-b), an open 2e bestuursrapportage 2019, and Middelburg's and
  Veere's 2018 begroting and jaarrekening.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model

from indicators.demo_data import DEMO_PASSWORD
from organisations.models import Membership, Role

from .models import (
    BudgetStatus,
    BudgetVersion,
    KostenPerEenheid,
    Product,
    Programma,
    Soort,
    Taakveld,
)
from .services import LineInput, create_version, save_lines
from .taakvelden import sync_taakvelden
from .workflow import transition

ILLUSTRATIEF = "Illustratief: verzonnen bedragen voor de demo, niet uit een bron."
SEED_VLISSINGEN = (
    "Bron: Ontwikkelagenda Sociaal Domein Vlissingen, 'Uitgaven binnen het sociaal domein' "
    "(bedragen in miljoenen euro's, afgerond op € 10.000; alleen lasten)."
)
DEMO_REASON = "Demo-data begroting Walcheren"
MLN = Decimal("1000000")

# Extra demo users: the controller enters the gemeenten's budgets; each gemeente's
# beleidsmedewerker approves (four-eyes). beleid (Vlissingen) and beleid-middelburg exist already.
USERS = [
    ("controller", "Carla", "Bos", "walcheren"),
    ("beleid-veere", "Vera", "de Wit", "GM0717"),
]
APPROVER = {"GM0718": "beleid", "GM0687": "beleid-middelburg", "GM0717": "beleid-veere"}

PROGRAMMAS = {
    "GM0718": [
        (
            "SD",
            "Sociaal domein",
            [("SD-WMO", "Wmo"), ("SD-JGD", "Jeugd"), ("SD-WI", "Werk en inkomen")],
        ),
        ("CT", "Centrumtaken beschermd wonen en opvang", []),
    ]
}


@dataclass
class VersionSpec:
    owner: str
    year: int
    soort: str
    name: str
    datum: date | None
    toelichting: str
    # taakveld code → lasten in miljoenen (Decimal text); optional baten
    lasten: dict[str, str]
    baten: dict[str, str] = field(default_factory=dict)
    # (taakveld, programma code) → lasten in miljoenen, for lines of a programma
    programma_lasten: dict[tuple[str, str], str] = field(default_factory=dict)
    approve: bool = True


def _row(*values) -> dict[str, str]:
    codes = ["6.1", "6.2", "6.3", "6.4", "6.6", "6.71", "6.72", "6.81", "6.82"]
    return {code: value for code, value in zip(codes, values, strict=True) if value is not None}


VERSIONS = [
    # ── Vlissingen, from the seed ──
    VersionSpec(
        "GM0718",
        2018,
        Soort.REALISATIE,
        "Jaarrekening 2018",
        date(2019, 7, 4),
        SEED_VLISSINGEN,
        _row("5.25", "3.29", "29.18", "17.34", "2.31", "10.68", "12.74", "0.22", "0.16"),
        programma_lasten={("6.81", "CT"): "53.81"},
    ),
    VersionSpec(
        "GM0718",
        2019,
        Soort.TUSSENTIJDS,
        "Realisatie 2019 (voorlopige cijfers)",
        date(2019, 12, 31),
        SEED_VLISSINGEN,
        _row("6.57", "4.21", "29.26", "17.39", "2.46", "11.37", "14.04", "0.21", "0.22"),
        programma_lasten={("6.81", "CT"): "57.35"},
    ),
    VersionSpec(
        "GM0718",
        2020,
        Soort.PRIMITIEF,
        "Primitieve begroting 2020",
        date(2019, 11, 7),
        SEED_VLISSINGEN,
        _row("6.73", "2.45", "29.31", "17.45", "2.52", "13.13", "15.93", "0.22", "0.18"),
        programma_lasten={("6.81", "CT"): "60.09"},
    ),
    # ── Vlissingen, illustrative ──
    VersionSpec(
        "GM0718",
        2018,
        Soort.PRIMITIEF,
        "Primitieve begroting 2018",
        date(2017, 11, 9),
        ILLUSTRATIEF,
        _row("5.10", "3.20", "28.60", "17.50", "2.40", "9.80", "11.20", "0.25", "0.15"),
        programma_lasten={("6.81", "CT"): "52.90"},
    ),
    VersionSpec(
        "GM0718",
        2018,
        Soort.WIJZIGING,
        "Najaarsnota 2018",
        date(2018, 11, 8),
        ILLUSTRATIEF + " Mutaties: extra middelen Wmo en jeugd, bijstand.",
        {"6.3": "0.40", "6.71": "0.60", "6.72": "1.10"},
    ),
    VersionSpec(
        "GM0718",
        2019,
        Soort.PRIMITIEF,
        "Primitieve begroting 2019",
        date(2018, 11, 8),
        ILLUSTRATIEF,
        _row("6.40", "4.00", "29.00", "17.40", "2.45", "10.90", "13.00", "0.21", "0.20"),
        programma_lasten={("6.81", "CT"): "56.80"},
    ),
    VersionSpec(
        "GM0718",
        2019,
        Soort.WIJZIGING,
        "2e bestuursrapportage 2019",
        date(2019, 10, 3),
        ILLUSTRATIEF + " Staat open als concept: vul aan en dien in.",
        {"6.72": "0.90"},
        approve=False,
    ),
    VersionSpec(
        "GM0718",
        2021,
        Soort.PRIMITIEF,
        "Primitieve begroting 2021",
        date(2020, 11, 5),
        ILLUSTRATIEF,
        _row("6.80", "2.50", "29.60", "17.20", "2.60", "13.60", "16.40", "0.23", "0.19"),
        programma_lasten={("6.81", "CT"): "62.00"},
    ),
    VersionSpec(
        "GM0718",
        2022,
        Soort.PRIMITIEF,
        "Primitieve begroting 2022",
        date(2021, 11, 4),
        ILLUSTRATIEF,
        _row("6.95", "2.55", "30.10", "16.90", "2.70", "14.10", "16.90", "0.24", "0.20"),
        programma_lasten={("6.81", "CT"): "63.50"},
    ),
    VersionSpec(
        "GM0718",
        2023,
        Soort.PRIMITIEF,
        "Primitieve begroting 2023",
        date(2022, 11, 10),
        ILLUSTRATIEF + " Met de taakvelden zoals ze vanaf 2023 gelden.",
        {
            "6.1": "7.10",
            "6.2": "2.60",
            "6.3": "31.20",
            "6.4": "16.70",
            "6.6": "2.80",
            "6.71a": "5.40",
            "6.71b": "6.10",
            "6.71c": "2.30",
            "6.71d": "0.90",
            "6.72a": "4.20",
            "6.72b": "3.60",
            "6.72c": "1.10",
            "6.72d": "0.80",
            "6.73a": "2.10",
            "6.73b": "0.70",
            "6.73c": "1.90",
            "6.74a": "1.20",
            "6.74b": "0.60",
            "6.74c": "0.30",
            "6.81a": "0.15",
            "6.81b": "0.10",
            "6.82a": "0.14",
            "6.82b": "0.07",
        },
        programma_lasten={("6.81a", "CT"): "65.00"},
    ),
    # ── Middelburg and Veere 2018, illustrative (baten: rijksbijdrage inkomensregelingen) ──
    VersionSpec(
        "GM0687",
        2018,
        Soort.PRIMITIEF,
        "Primitieve begroting 2018",
        date(2017, 11, 13),
        ILLUSTRATIEF,
        _row("4.20", "2.90", "21.40", "12.10", "2.10", "8.40", "9.60", "0.12", "0.10"),
        baten={"6.3": "17.80"},
    ),
    VersionSpec(
        "GM0687",
        2018,
        Soort.REALISATIE,
        "Jaarrekening 2018",
        date(2019, 7, 1),
        ILLUSTRATIEF,
        _row("4.05", "3.10", "22.30", "12.00", "2.05", "9.20", "10.90", "0.11", "0.12"),
        baten={"6.3": "18.40"},
    ),
    VersionSpec(
        "GM0717",
        2018,
        Soort.PRIMITIEF,
        "Primitieve begroting 2018",
        date(2017, 11, 9),
        ILLUSTRATIEF,
        _row("1.60", "1.20", "5.90", "3.80", "0.90", "3.10", "3.40", "0.05", "0.04"),
        baten={"6.3": "4.70"},
    ),
    VersionSpec(
        "GM0717",
        2018,
        Soort.REALISATIE,
        "Jaarrekening 2018",
        date(2019, 7, 8),
        ILLUSTRATIEF,
        _row("1.55", "1.25", "6.10", "3.75", "0.85", "3.30", "3.90", "0.05", "0.05"),
        baten={"6.3": "4.85"},
    ),
    # ── Porthos, from the seed ──
    VersionSpec(
        "porthos",
        2018,
        Soort.PRIMITIEF,
        "Jaarbegroting Porthos 2018",
        date(2017, 12, 14),
        "Bron: Monitor Sociaal Domein Walcheren, Porthos: 'jaarbegroting bedraagt 6,1 mln'.",
        {"6.2": "6.10"},
    ),
]

KOSTEN_PER_EENHEID = [
    # (code, name, taakvelden, bedrag, indicator, (uitvoerder, doelgroep), eenheid, description)
    (
        "kosten-per-wsw-medewerker",
        "Kosten per Wsw-medewerker",
        ["6.4"],
        "lasten",
        "orionis-aantal-clienten",
        ("orionis", "wsw"),
        "Wsw-medewerker",
        "Lasten taakveld 6.4 (realisatie) gedeeld door het aantal Wsw-medewerkers van Orionis. "
        "Orionis levert op Walcherse schaal: kies de regio Walcheren.",
    ),
    (
        "netto-kosten-per-uitkering",
        "Netto kosten inkomensregelingen per klant",
        ["6.3"],
        "netto",
        "orionis-aantal-clienten",
        ("orionis", "werkzoekenden"),
        "klant",
        "Lasten − baten taakveld 6.3 (realisatie) gedeeld door het uitkeringsbestand van Orionis.",
    ),
]


def _amount(millions: str) -> Decimal:
    return (Decimal(millions) * MLN).quantize(Decimal("0.01"))


def load(loader) -> None:
    """Load budgets for the demo; ``loader`` is load_demo's DemoLoader (organisations, users,
    indicators, doelgroepen, count, stdout)."""
    sync_taakvelden()
    taakvelden = {t.code: t for t in Taakveld.objects.all()}
    users = _users(loader)
    programmas = _programmas(loader)
    for spec in VERSIONS:
        owner = loader.organisations[spec.owner]
        if BudgetVersion.objects.filter(owner=owner, year=spec.year, name=spec.name).exists():
            loader.count("begrotingsversies", False)
            continue  # left as the demo users left it
        submitter = users["leverancier-porthos" if spec.owner == "porthos" else "controller"]
        approver = users[APPROVER.get(spec.owner, "beleid-middelburg")]
        version = create_version(
            owner,
            spec.year,
            spec.soort,
            submitter,
            name=spec.name,
            datum=spec.datum,
            toelichting=spec.toelichting,
        )
        inputs = [
            LineInput(
                taakveld_id=taakvelden[code].pk,
                lasten=_amount(lasten),
                baten=_amount(spec.baten[code]) if code in spec.baten else None,
            )
            for code, lasten in spec.lasten.items()
        ]
        inputs += [
            LineInput(
                taakveld_id=taakvelden[code].pk,
                programma_id=programmas[(spec.owner, programma)].pk,
                lasten=_amount(lasten),
            )
            for (code, programma), lasten in spec.programma_lasten.items()
        ]
        save_lines(version, submitter, inputs, reason=DEMO_REASON)
        if spec.approve:
            transition(version, "indienen", submitter, via="demo")
            transition(version, "goedkeuren", approver, via="demo")
        loader.count("begrotingsversies", True)
    _kosten_per_eenheid(loader, taakvelden)
    approved = BudgetVersion.objects.filter(status=BudgetStatus.GOEDGEKEURD).count()
    loader.stdout.write(
        f"Begroting: {approved} goedgekeurde begrotingsversies. Extra demo-gebruikers: "
        "controller (beleidsmedewerker regio Walcheren: stelt begrotingen op) en beleid-veere "
        "(beleidsmedewerker Veere), wachtwoord als hieronder."
    )


def _users(loader):
    User = get_user_model()
    users = dict(loader.users)
    for username, first, last, organisation in USERS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "email": f"{username}@demo.monitor-sociaal-domein.nl",
            },
        )
        if created or loader.reset_passwords:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        Membership.objects.get_or_create(
            user=user, role=Role.BELEID, organisation=loader.organisations[organisation]
        )
        loader.count("gebruikers", created)
        users[username] = user
    return users


def _programmas(loader):
    result = {}
    for owner_code, programmas in PROGRAMMAS.items():
        owner = loader.organisations[owner_code]
        for order, (code, name, products) in enumerate(programmas, start=1):
            programma, _created = Programma.objects.get_or_create(
                owner=owner, code=code, defaults={"name": name, "order": order}
            )
            for product_order, (product_code, product_name) in enumerate(products, start=1):
                Product.objects.get_or_create(
                    programma=programma,
                    code=product_code,
                    defaults={"name": product_name, "order": product_order},
                )
            result[(owner_code, code)] = programma
    return result


def _kosten_per_eenheid(loader, taakvelden):
    for order, (code, name, codes, bedrag, indicator, doelgroep, eenheid, text) in enumerate(
        KOSTEN_PER_EENHEID, start=1
    ):
        config, created = KostenPerEenheid.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "bedrag": bedrag,
                "indicator": loader.indicators[indicator],
                "doelgroep": loader.doelgroepen[doelgroep],
                "eenheid": eenheid,
                "description": text,
                "order": order,
            },
        )
        if created:
            config.taakvelden.set([taakvelden[c] for c in codes])
        loader.count("kosten per eenheid", created)
