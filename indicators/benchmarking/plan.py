"""The plan of the large generated data set: its scale, the domains, suppliers and indicator
families, and the gemeenten with their regio's (no database work; :mod:`.dataset` creates it)."""

import math
import random
from dataclasses import dataclass, field

from organisations.models import Organisation

from ..models import Aggregatie, Eenheid, Richting, Uitvraag
from . import PREFIX

DOMAINS = [
    # code, thema name, supplier name, doelgroepen (code, name)
    (
        "werk",
        "Werk en inkomen",
        "Werkbedrijf",
        [
            ("werkzoekenden", "Werkzoekenden"),
            ("wsw", "Wsw"),
            ("beschut-werk", "Beschut werk"),
            ("nuggers", "Niet-uitkeringsgerechtigden"),
            ("statushouders", "Statushouders"),
            ("jongeren", "Jongeren tot 27 jaar"),
        ],
    ),
    (
        "jeugd",
        "Jeugd",
        "Jeugdteam",
        [
            ("0-4-jaar", "0 tot 4 jaar"),
            ("4-12-jaar", "4 tot 12 jaar"),
            ("12-18-jaar", "12 tot 18 jaar"),
            ("18-23-jaar", "18 tot 23 jaar"),
        ],
    ),
    (
        "wmo",
        "Zorg en ondersteuning",
        "Wmo-loket",
        [
            ("huishoudelijke-hulp", "Huishoudelijke hulp"),
            ("begeleiding", "Begeleiding"),
            ("hulpmiddelen", "Hulpmiddelen"),
            ("woonvoorzieningen", "Woonvoorzieningen"),
            ("vervoer", "Vervoer"),
        ],
    ),
    (
        "schuld",
        "Schulden",
        "Schuldhulp",
        [
            ("jongeren", "Jongeren"),
            ("gezinnen", "Gezinnen met kinderen"),
            ("ondernemers", "Ondernemers"),
            ("ouderen", "Ouderen"),
        ],
    ),
]
HALVES = [("noord", "Noord"), ("zuid", "Zuid")]

# The five entered figures of a family: code, name, unit, aggregation, desired direction.
KINDS = [
    ("clienten", "aantal cliënten", Eenheid.AANTAL, Aggregatie.STAND, Richting.GEEN),
    ("instroom", "instroom", Eenheid.AANTAL, Aggregatie.SOM, Richting.GEEN),
    ("uitstroom", "uitstroom", Eenheid.AANTAL, Aggregatie.SOM, Richting.HOGER),
    ("uitstroom-werk", "uitstroom naar werk", Eenheid.AANTAL, Aggregatie.SOM, Richting.HOGER),
    ("kosten", "kosten", Eenheid.EURO, Aggregatie.SOM, Richting.GEEN),
]
# Computed indicators over a family: code, name, formula ({x} → the family's code for x), unit,
# decimals, desired direction.
FORMULAS = [
    (
        "uitstroom-pct",
        "uitstroom als % van cliënten plus instroom",
        "[{uitstroom}] / ([{clienten}] + [{instroom}]) * 100",
        Eenheid.PERCENTAGE,
        1,
        Richting.HOGER,
    ),
    (
        "werk-pct",
        "aandeel uitstroom naar werk",
        "[{uitstroom-werk}] / [{uitstroom}] * 100",
        Eenheid.PERCENTAGE,
        1,
        Richting.HOGER,
    ),
    (
        "kosten-per-client",
        "kosten per cliënt",
        "[{kosten}] / [{clienten}]",
        Eenheid.EURO,
        0,
        Richting.LAGER,
    ),
    (
        "per-1000",
        "cliënten per 1.000 inwoners",
        "[{clienten}] * 1000 / [{inwoners}]",
        Eenheid.PER_1000,
        1,
        Richting.LAGER,
    ),
]
POPULATION = [
    ("inwoners", "Aantal inwoners"),
    ("huishoudens", "Aantal huishoudens"),
    ("jongeren-0-17", "Aantal jongeren 0-17 jaar"),
]

NAME_STARTS = [
    "Ooster", "Wester", "Noorder", "Zuider", "Hoog", "Laag", "Nieuw", "Oud", "Groot", "Klein",
    "Berg", "Heer", "Veen", "Zand", "Maas", "Rijn", "Lange", "Breed", "Mid", "Dongen",
]  # fmt: skip
NAME_ENDS = [
    "brug", "dam", "dijk", "veen", "wolde", "horst", "hoven", "broek", "meer", "zijl",
    "berg", "sloot", "kerk", "hout", "lo", "rade", "wijk", "burg", "haven", "vliet",
]  # fmt: skip


class ScaleError(ValueError):
    """A scale that cannot be generated (the message is Dutch)."""


@dataclass(frozen=True)
class Scale:
    gemeenten: int = 342
    indicators: int = 300
    years: int = 10
    doelgroepen: int = 4
    computed: int = 50
    seed: int = 1
    last_year: int = 2024

    def check(self) -> None:
        if self.gemeenten < 1 or self.years < 1 or self.doelgroepen < 1:
            raise ScaleError("Gemeenten, jaren en doelgroepen: minstens 1.")
        if self.computed < 0:
            raise ScaleError("Het aantal berekende indicatoren kan niet negatief zijn.")
        if self.domain_indicators < len(KINDS):
            raise ScaleError(
                f"Te weinig indicatoren: minstens {self.computed + len(POPULATION) + len(KINDS)} "
                f"bij {self.computed} berekende (3 bevolkingscijfers en een familie van 5)."
            )

    @property
    def regios(self) -> int:
        return max(1, math.ceil(self.gemeenten / 10))

    @property
    def entered(self) -> int:
        return self.indicators - self.computed

    @property
    def domain_indicators(self) -> int:
        return self.entered - len(POPULATION)

    @property
    def families(self) -> int:
        return math.ceil(self.domain_indicators / len(KINDS))

    @property
    def domains(self) -> int:
        return min(len(DOMAINS), self.families)

    def family_domain(self, family: int) -> int:
        return family % self.domains

    def family_split(self, family: int) -> bool:
        """Three in four families are broken down by doelgroep; the others are totals only."""
        return (family // self.domains) % 4 != 3

    def family_kinds(self, family: int) -> int:
        return min(len(KINDS), self.domain_indicators - family * len(KINDS))

    @property
    def quarters(self) -> int:
        return self.years * 4

    def values_per_gemeente_quarter(self) -> int:
        rows = sum(
            self.family_kinds(f) * (self.doelgroepen if self.family_split(f) else 1)
            for f in range(self.families)
        )
        return rows + len(POPULATION)

    @property
    def total_values(self) -> int:
        return self.gemeenten * self.quarters * self.values_per_gemeente_quarter()


def dutch_number(n: int) -> str:
    return f"{n:,}".replace(",", ".")


# --- the plan: what to create ----------------------------------------------------------------------


@dataclass
class GemeentePlan:
    code: str
    name: str
    inwoners: int
    regio: int
    pk: int | None = None


@dataclass
class Supplier:
    """An uitvoerder: one domain, one half of the country (or all of it: population)."""

    code: str
    name: str
    domain: int | None  # None: the population figures
    gemeenten: list[int]  # indexes into the plan's gemeenten
    organisation: Organisation | None = None
    doelgroepen: list = field(default_factory=list)  # Doelgroep objects
    user: object = None
    uitvraag: Uitvraag | None = None


def plan_gemeenten(scale: Scale, rnd: random.Random) -> list[GemeentePlan]:
    names = [start + end for start in NAME_STARTS for end in NAME_ENDS if start.lower() != end]
    rnd.shuffle(names)
    numbers = sorted(rnd.sample(range(1, max(2000, scale.gemeenten * 2)), scale.gemeenten))
    gemeenten = []
    for i, number in enumerate(numbers):
        name = names[i % len(names)]
        if i >= len(names):
            name = f"{name} {i // len(names) + 1}"
        # Lognormal sizes: a median of ~35.000 inhabitants, a few large cities.
        inwoners = int(min(900_000, max(1_000, rnd.lognormvariate(10.45, 0.8))))
        gemeenten.append(GemeentePlan(f"{PREFIX}GM{number:04d}", name, inwoners, regio=-1))
    # Regio's of varying size (at least 2 gemeenten where possible), members drawn at random.
    regios = scale.regios
    sizes = [min(2, scale.gemeenten // regios) for _r in range(regios)]
    for _i in range(scale.gemeenten - sum(sizes)):
        sizes[rnd.randrange(regios)] += 1
    order = list(range(scale.gemeenten))
    rnd.shuffle(order)
    start = 0
    for regio, size in enumerate(sizes):
        for index in order[start : start + size]:
            gemeenten[index].regio = regio
        start += size
    return gemeenten
