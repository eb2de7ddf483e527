"""The BBV taakvelden (Regeling vaststelling taakvelden, bijlage 1; Iv3-informatievoorschrift), as
data, and :func:`sync_taakvelden` which loads them idempotently.

The list is loaded by a data migration (a fresh install has it at once), by ``manage.py
load_taakvelden`` and by ``load_demo``. Running it again adds what is missing and corrects names
and validity, never deletes: budget lines keep their taakveld.

Sources and what could be checked (see docs/budgets.md):

- hoofdtaakveld 6 and the 2023 refinement: the Iv3-informatievoorschrift 2023 1.0, blad 4-5 (the
  official change list), as quoted verbatim in a public repository. From begrotingsjaar 2023 the
  old codes 6.71, 6.72, 6.81 and 6.82 "may no longer be booked"; each new code has exactly one old
  code as its predecessor, so series from before and after 2023 add up. In the same document 6.2
  "Wijkteams" was renamed "Toegang en eerstelijnsvoorzieningen" and 6.4 "Begeleide participatie"
  "WSW en beschut werk".
- hoofdtaakvelden 0-5, 7 and 8: cross-checked against several public taakveld lists (not against
  the text of the Regeling itself, which could not be retrieved here). The taakvelden apply from
  begrotingsjaar 2017.
- Not verified: the year 8.1 got its current name "Ruimte en leefomgeving" (earlier
  "Ruimtelijke ordening"), so no former name is recorded for it; a further Iv3 revision with
  three-digit codes (6.711, 6.751, ...) that one source dates from 2025. Both can be added here as
  new rows with a validity period and predecessor, without touching existing lines.
"""

from dataclasses import dataclass

# The year the BBV taakvelden were introduced (begroting 2017).
BBV_FROM = 2017
SPLIT_YEAR = 2023


@dataclass(frozen=True)
class TaakveldSpec:
    code: str
    name: str
    valid_from: int | None = BBV_FROM
    valid_to: int | None = None
    predecessor: str = ""
    former_name: str = ""
    renamed_in: int | None = None

    @property
    def hoofdtaakveld(self) -> str:
        return self.code.split(".", 1)[0]

    @property
    def is_hoofdtaakveld(self) -> bool:
        return "." not in self.code


def _split(old: str, *pairs: tuple[str, str]) -> list[TaakveldSpec]:
    return [TaakveldSpec(code, name, SPLIT_YEAR, None, predecessor=old) for code, name in pairs]


TAAKVELDEN: list[TaakveldSpec] = [
    TaakveldSpec("0", "Bestuur en ondersteuning"),
    TaakveldSpec("0.1", "Bestuur"),
    TaakveldSpec("0.2", "Burgerzaken"),
    TaakveldSpec("0.3", "Beheer overige gebouwen en gronden"),
    TaakveldSpec("0.4", "Overhead"),
    TaakveldSpec("0.5", "Treasury"),
    TaakveldSpec("0.61", "OZB woningen"),
    TaakveldSpec("0.62", "OZB niet-woningen"),
    TaakveldSpec("0.63", "Parkeerbelasting"),
    TaakveldSpec("0.64", "Belastingen overig"),
    TaakveldSpec("0.7", "Algemene uitkering en overige uitkeringen gemeentefonds"),
    TaakveldSpec("0.8", "Overige baten en lasten"),
    TaakveldSpec("0.9", "Vennootschapsbelasting (VpB)"),
    TaakveldSpec("0.10", "Mutaties reserves"),
    TaakveldSpec("0.11", "Resultaat van de rekening van baten en lasten"),
    TaakveldSpec("1", "Veiligheid"),
    TaakveldSpec("1.1", "Crisisbeheersing en brandweer"),
    TaakveldSpec("1.2", "Openbare orde en veiligheid"),
    TaakveldSpec("2", "Verkeer, vervoer en waterstaat"),
    TaakveldSpec("2.1", "Verkeer en vervoer"),
    TaakveldSpec("2.2", "Parkeren"),
    TaakveldSpec("2.3", "Recreatieve havens"),
    TaakveldSpec("2.4", "Economische havens en waterwegen"),
    TaakveldSpec("2.5", "Openbaar vervoer"),
    TaakveldSpec("3", "Economie"),
    TaakveldSpec("3.1", "Economische ontwikkeling"),
    TaakveldSpec("3.2", "Fysieke bedrijfsinfrastructuur"),
    TaakveldSpec("3.3", "Bedrijvenloket en bedrijfsregelingen"),
    TaakveldSpec("3.4", "Economische promotie"),
    TaakveldSpec("4", "Onderwijs"),
    TaakveldSpec("4.1", "Openbaar basisonderwijs"),
    TaakveldSpec("4.2", "Onderwijshuisvesting"),
    TaakveldSpec("4.3", "Onderwijsbeleid en leerlingzaken"),
    TaakveldSpec("5", "Sport, cultuur en recreatie"),
    TaakveldSpec("5.1", "Sportbeleid en activering"),
    TaakveldSpec("5.2", "Sportaccommodaties"),
    TaakveldSpec("5.3", "Cultuurpresentatie, cultuurproductie en cultuurparticipatie"),
    TaakveldSpec("5.4", "Musea"),
    TaakveldSpec("5.5", "Cultureel erfgoed"),
    TaakveldSpec("5.6", "Media"),
    TaakveldSpec("5.7", "Openbaar groen en (openlucht) recreatie"),
    TaakveldSpec("6", "Sociaal domein"),
    TaakveldSpec("6.1", "Samenkracht en burgerparticipatie"),
    TaakveldSpec(
        "6.2",
        "Toegang en eerstelijnsvoorzieningen",
        former_name="Wijkteams",
        renamed_in=SPLIT_YEAR,
    ),
    TaakveldSpec("6.3", "Inkomensregelingen"),
    TaakveldSpec(
        "6.4",
        "WSW en beschut werk",
        former_name="Begeleide participatie",
        renamed_in=SPLIT_YEAR,
    ),
    TaakveldSpec("6.5", "Arbeidsparticipatie"),
    TaakveldSpec("6.6", "Maatwerkvoorzieningen (WMO)"),
    TaakveldSpec("6.71", "Maatwerkdienstverlening 18+", valid_to=SPLIT_YEAR - 1),
    *_split(
        "6.71",
        ("6.71a", "Hulp bij het huishouden (WMO)"),
        ("6.71b", "Begeleiding (WMO)"),
        ("6.71c", "Dagbesteding (WMO)"),
        ("6.71d", "Overige maatwerkarrangementen (WMO)"),
    ),
    TaakveldSpec("6.72", "Maatwerkdienstverlening 18-", valid_to=SPLIT_YEAR - 1),
    *_split(
        "6.72",
        ("6.72a", "Jeugdhulp begeleiding"),
        ("6.72b", "Jeugdhulp behandeling"),
        ("6.72c", "Jeugdhulp dagbesteding"),
        ("6.72d", "Jeugdhulp zonder verblijf overig"),
        ("6.73a", "Pleegzorg"),
        ("6.73b", "Gezinsgericht"),
        ("6.73c", "Jeugdhulp met verblijf overig"),
        ("6.74a", "Jeugdhulp behandeling GGZ zonder verblijf"),
        ("6.74b", "Jeugdhulp crisis/LTA/GGZ-verblijf"),
        ("6.74c", "Gesloten plaatsing"),
    ),
    TaakveldSpec("6.81", "Geëscaleerde zorg 18+", valid_to=SPLIT_YEAR - 1),
    *_split(
        "6.81",
        ("6.81a", "Beschermd wonen (WMO)"),
        ("6.81b", "Maatschappelijke- en vrouwenopvang (WMO)"),
    ),
    TaakveldSpec("6.82", "Geëscaleerde zorg 18-", valid_to=SPLIT_YEAR - 1),
    *_split("6.82", ("6.82a", "Jeugdbescherming"), ("6.82b", "Jeugdreclassering")),
    TaakveldSpec("7", "Volksgezondheid en milieu"),
    TaakveldSpec("7.1", "Volksgezondheid"),
    TaakveldSpec("7.2", "Riolering"),
    TaakveldSpec("7.3", "Afval"),
    TaakveldSpec("7.4", "Milieubeheer"),
    TaakveldSpec("7.5", "Begraafplaatsen en crematoria"),
    TaakveldSpec("8", "Volkshuisvesting, leefomgeving en stedelijke vernieuwing"),
    TaakveldSpec("8.1", "Ruimte en leefomgeving"),
    TaakveldSpec("8.2", "Grondexploitatie (niet-bedrijventerreinen)"),
    TaakveldSpec("8.3", "Wonen en bouwen"),
]

SOCIAAL_DOMEIN = "6"

FIELDS = ("name", "former_name", "renamed_in", "valid_from", "valid_to", "order")


def sync_taakvelden(Taakveld=None) -> tuple[int, int]:
    """Create missing taakvelden and correct changed ones; return (created, updated).

    ``Taakveld``: the model class (a data migration passes its historical model). Two queries
    when nothing changed, so tests and ``load_demo`` may call it freely.
    """
    if Taakveld is None:
        from .models import Taakveld
    existing = {t.code: t for t in Taakveld.objects.all()}
    created = updated = 0
    # Hoofdtaakvelden and old codes first, so parents and predecessors exist when referred to.
    for order, spec in enumerate(TAAKVELDEN, start=1):
        wanted = {
            "name": spec.name,
            "former_name": spec.former_name,
            "renamed_in": spec.renamed_in,
            "valid_from": spec.valid_from,
            "valid_to": spec.valid_to,
            "order": order,
        }
        parent = None if spec.is_hoofdtaakveld else existing[spec.hoofdtaakveld]
        predecessor = existing[spec.predecessor] if spec.predecessor else None
        current = existing.get(spec.code)
        if current is None:
            current = Taakveld.objects.create(
                code=spec.code, parent=parent, predecessor=predecessor, **wanted
            )
            existing[spec.code] = current
            created += 1
            continue
        changed = [field for field in FIELDS if getattr(current, field) != wanted[field]]
        if current.parent_id != (parent.pk if parent else None):
            current.parent = parent
            changed.append("parent")
        if current.predecessor_id != (predecessor.pk if predecessor else None):
            current.predecessor = predecessor
            changed.append("predecessor")
        if changed:
            for field in FIELDS:
                setattr(current, field, wanted[field])
            current.save(update_fields=changed)
            updated += 1
    return created, updated
