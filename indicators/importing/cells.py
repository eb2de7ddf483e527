"""Reading and writing single spreadsheet cells: formula-injection safety, numbers as figures,
ja/nee, and Dutch column headers mapped to the fields of a figure."""

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models import CijferStatus, status_from

# A spreadsheet runs text starting with one of these as a formula (OWASP "CSV injection").
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def escape_text(text: str) -> str:
    """Text a spreadsheet would run as a formula gets a leading ``'``. Text that already starts
    with quotes before such a character gets one more, so :func:`unescape_text` is exact."""
    if text.lstrip("'").startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


def unescape_text(text: str) -> str:
    """Undo :func:`escape_text` (``'=SOM(A1)`` → ``=SOM(A1)``); other apostrophes stay."""
    if text.startswith("'") and text.lstrip("'").startswith(FORMULA_PREFIXES):
        return text[1:]
    return text


def number_to_raw(number) -> str:
    """A number from a spreadsheet or JSON as the supplier would type it: decimal comma, no
    thousands separator. Floats are read with 15 significant digits, as spreadsheets show them
    (0.1 + 0.2 is 0,3 and not 0,30000000000000004)."""
    if isinstance(number, int):
        return str(number)
    if isinstance(number, float):
        number = Decimal(format(number, ".15g"))
    return format(number.normalize(), "f").replace(".", ",")


def figure_for_export(value) -> int | Decimal | None:
    """A stored figure as a spreadsheet number (an int when whole), without trailing zeros."""
    if value is None:
        return None
    value = value.normalize()
    if value == value.to_integral_value():
        return int(value)
    return value


TRUE_WORDS = {"ja", "j", "yes", "y", "true", "waar", "1", "x", "voorlopig"}
FALSE_WORDS = {"nee", "n", "no", "false", "onwaar", "0", "", "definitief"}
NADER_WORDS = {"nader voorlopig", "nader_voorlopig", "nader-voorlopig", "nader"}


def parse_voorlopig(value) -> str:
    """The status of a figure (:class:`CijferStatus`): ``voorlopig``, ``nader voorlopig`` or
    ``definitief``, or the old flag ``ja``/``nee`` (true/false, 1/0, x or empty: ja → voorlopig,
    nee → definitief). Raises ValueError with a Dutch message."""
    if isinstance(value, bool):
        return status_from(value)
    text = cell_text(value).strip().lower()
    if text in NADER_WORDS:
        return CijferStatus.NADER_VOORLOPIG
    if text in TRUE_WORDS:
        return CijferStatus.VOORLOPIG
    if text in FALSE_WORDS:
        return CijferStatus.DEFINITIEF
    raise ValueError(
        _("Vul bij status 'voorlopig', 'nader voorlopig' of 'definitief' in, niet '%(text)s'.")
        % {"text": text}
    )


def cell_text(value) -> str:
    """Any cell as text; numbers in Dutch notation, booleans as ja/nee."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("ja") if value else _("nee")
    if isinstance(value, int | float | Decimal):
        try:
            return number_to_raw(value)
        except (InvalidOperation, ValueError):  # inf / nan
            return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return unescape_text(str(value))


@dataclass(frozen=True)
class Column:
    """A field of an imported figure and the headers it is recognised by."""

    field: str
    header: str  # the header the template uses
    names: frozenset[str]  # normalised headers that mean this field
    fallback: frozenset[str] = frozenset()  # only when no column matched ``names``
    informative: bool = False  # shown in the template, ignored when reading


def _names(*names: str) -> frozenset[str]:
    return frozenset(normalise_header(name) for name in names)


def normalise_header(text) -> str:
    """``"Gebiedscode (CBS/regio)"`` → ``"gebiedscode"``: no remarks in brackets, accents, case,
    spaces or punctuation."""
    text = re.sub(r"\(.*?\)", "", str(text or ""))
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", text.lower())


COLUMNS = [
    Column(
        "indicator",
        gettext_lazy("Indicatorcode"),
        _names("indicatorcode", "code indicator", "indicator_code"),
        fallback=_names("indicator"),
    ),
    Column("indicator_naam", gettext_lazy("Indicator"), frozenset(), informative=True),
    Column(
        "doelgroep",
        gettext_lazy("Doelgroepcode"),
        _names("doelgroepcode", "code doelgroep", "doelgroep_code"),
        fallback=_names("doelgroep"),
    ),
    Column("doelgroep_naam", gettext_lazy("Doelgroep"), frozenset(), informative=True),
    Column(
        "gebied",
        gettext_lazy("Gebiedscode (CBS/regio)"),
        _names(
            "gebiedscode",
            "gebiedcode",
            "cbscode",
            "cbs-code",
            "regiocode",
            "gemeentecode",
            "code gebied",
            "area code",
        ),
        fallback=_names("gebied", "gemeente", "regio", "area"),
    ),
    Column("gebied_naam", gettext_lazy("Gebied"), frozenset(), informative=True),
    Column("periode", gettext_lazy("Periode"), _names("periode", "period", "periodecode")),
    Column("eenheid", gettext_lazy("Eenheid"), frozenset(), informative=True),
    Column("waarde", gettext_lazy("Waarde"), _names("waarde", "value", "cijfer", "huidige waarde")),
    Column(
        "toelichting",
        gettext_lazy("Toelichting"),
        _names("toelichting", "opmerking", "opmerkingen", "comment"),
    ),
    Column(
        "voorlopig",
        gettext_lazy("Status"),
        _names("voorlopig", "provisional", "status", "status cijfer"),
    ),
]
COLUMN_BY_FIELD = {column.field: column for column in COLUMNS}


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


class FileProblem(Exception):
    """The file as a whole cannot be read; the message is Dutch and shown as is."""


@dataclass
class ColumnMap:
    """Which column of the file holds which field (0-based indexes) and how it was headed."""

    indexes: dict[str, int]
    headers: dict[str, str]

    def describe(self, field: str) -> str:
        """``"Waarde (kolom I)"`` for a problem report; the row as a whole when field is empty."""
        if field not in self.indexes:
            return ""
        return _("%(header)s (kolom %(letter)s)") % {
            "header": self.headers[field],
            "letter": column_letter(self.indexes[field]),
        }

    @classmethod
    def from_header(cls, header: list, require_period: bool) -> "ColumnMap":
        normalised = [normalise_header(cell_text(cell)) for cell in header]
        indexes: dict[str, int] = {}
        for attribute in ("names", "fallback"):
            for column in COLUMNS:
                if column.informative or column.field in indexes:
                    continue
                names = getattr(column, attribute)
                found = [i for i, name in enumerate(normalised) if name in names]
                found = [i for i in found if i not in indexes.values()]
                if len(found) > 1:
                    raise FileProblem(
                        _(
                            "De kolom '%(header)s' staat meer dan eens in het bestand (kolommen %(letters)s)."
                        )
                        % {
                            "header": column.header,
                            "letters": ", ".join(column_letter(i) for i in found),
                        }
                    )
                if found:
                    indexes[column.field] = found[0]
        required = ["indicator", "gebied"] + (["periode"] if require_period else [])
        missing = [str(COLUMN_BY_FIELD[name].header) for name in required if name not in indexes]
        if not {"waarde", "toelichting", "voorlopig"} & indexes.keys():
            missing.append(str(COLUMN_BY_FIELD["waarde"].header))
        if missing:
            raise FileProblem(
                _(
                    "De kopregel mist de kolom(men) %(columns)s. Gebruik het sjabloon of de "
                    "kolomnamen %(all)s."
                )
                % {
                    "columns": ", ".join(f"'{name}'" for name in missing),
                    "all": ", ".join(
                        f"'{column.header}'" for column in COLUMNS if not column.informative
                    ),
                }
            )
        headers = {field: cell_text(header[i]).strip() for field, i in indexes.items()}
        return cls(indexes=indexes, headers=headers)
