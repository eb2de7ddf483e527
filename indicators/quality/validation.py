"""Parsing what a supplier types into a number, with a clear Dutch message when it is wrong."""

import re
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from indicators.models import Eenheid

_THOUSANDS_DOTS = re.compile(r"^-?\d{1,3}(\.\d{3})+$")


def normalise_number(text: str) -> str:
    """Accept Dutch (1.234,5) and plain (1234.5) notation; strip € % and spaces."""
    cleaned = text.strip().replace("€", "").replace("%", "").replace("\u00a0", "").replace(" ", "")
    if "," in cleaned:
        return cleaned.replace(".", "").replace(",", ".")
    if _THOUSANDS_DOTS.match(cleaned):
        return cleaned.replace(".", "")
    return cleaned


def parse_value(raw: str, indicator) -> tuple[Decimal | None, str]:
    """Return (value, error). An empty input is (None, "") — missing, not wrong."""
    text = (raw or "").strip()
    if not text:
        return None, ""
    if (getattr(indicator, "formula", "") or "").strip():
        # Checked here so every way in (grid, spreadsheet, bulk API) refuses it alike; what was
        # typed is still stored with this message, like any other invalid input.
        return None, _(
            "Deze indicator wordt berekend uit andere cijfers en kan niet worden ingevuld. "
            "Maak het veld leeg."
        )
    try:
        number = Decimal(normalise_number(text))
    except InvalidOperation:
        return None, _("'%(raw)s' is geen getal.") % {"raw": text}
    if not number.is_finite():
        return None, _("'%(raw)s' is geen getal.") % {"raw": text}
    # Trailing zeros after the decimal separator are not extra precision.
    normalized = number.normalize()
    n_exp = normalized.as_tuple().exponent
    decimals = -n_exp if n_exp < 0 else 0
    unit = indicator.eenheid
    if number < 0 and unit in {
        Eenheid.AANTAL,
        Eenheid.FTE,
        Eenheid.PERCENTAGE,
        Eenheid.PER_1000,
        Eenheid.PER_10000,
        Eenheid.RAPPORTCIJFER,
    }:
        if unit == Eenheid.AANTAL:
            return None, _("Een aantal kan niet negatief zijn.")
        return None, _("Deze waarde kan niet negatief zijn.")
    if unit == Eenheid.PERCENTAGE and number > 100:
        return None, _("Een percentage ligt tussen 0 en 100.")
    if unit == Eenheid.RAPPORTCIJFER and not (1 <= number <= 10):
        return None, _("Een rapportcijfer ligt tussen 1 en 10.")
    if decimals > indicator.decimals:
        if indicator.decimals == 0:
            return None, _("Vul een heel getal in (zonder decimalen).")
        return None, _("Gebruik hoogstens %(n)d decimalen.") % {"n": indicator.decimals}
    if abs(number) >= Decimal(10) ** 14:
        return None, _("Dit getal is te groot.")
    return number, ""


def format_value(value: Decimal | None, indicator=None) -> str:
    """Dutch notation: 1.234,5 with the indicator's number of decimals."""
    if value is None:
        return ""
    places = indicator.decimals if indicator is not None else 2
    text = f"{value:,.{places}f}"
    return text.replace(",", "\u2009").replace(".", ",").replace("\u2009", ".")
