"""Showing budget figures: amounts in euros or × € 1.000 (rounded half up, only here),
percentages with one decimal, V/N for voordelig/nadelig."""

from django import template

from budgets import figures

register = template.Library()


@register.simple_tag
def bedrag(row, basis: str, name: str, eenheid: str = figures.Eenheid.EURO) -> str:
    """An amount of a row: ``{% bedrag row "actueel" "lasten" eenheid %}``."""
    return figures.format_amount(row.value(basis, name), eenheid)


@register.simple_tag
def geld(value, eenheid: str = figures.Eenheid.EURO) -> str:
    return figures.format_amount(value, eenheid)


@register.simple_tag
def afwijking(row, name: str, eenheid: str = figures.Eenheid.EURO) -> str:
    return figures.format_amount(row.afwijking(name), eenheid)


@register.simple_tag
def afwijking_pct(row, name: str) -> str:
    return figures.format_pct(row.afwijking_pct(name))


@register.simple_tag
def uitputting(row, name: str) -> str:
    return figures.format_pct(row.uitputting(name))


@register.simple_tag
def oordeel(row, name: str) -> str:
    return row.oordeel(name)


@register.simple_tag
def prognose_afwijking(row, name: str, eenheid: str = figures.Eenheid.EURO) -> str:
    return figures.format_amount(row.prognose_afwijking(name), eenheid)


@register.simple_tag
def jaarbedrag(series_row, year, basis: str, name: str, eenheid: str = figures.Eenheid.EURO):
    return figures.format_amount(series_row.per_year[year].value(basis, name), eenheid)


@register.filter
def eenheid_label(eenheid: str) -> str:
    return str(figures.Eenheid(eenheid).label)


@register.filter
def euro(value) -> str:
    """An amount in euros with cents: 1.234.567,89."""
    if value is None:
        return ""
    return figures.dutch_number(value, 2)


@register.filter
def described(field):
    """Render a form field with aria-describedby pointing at its help text and its errors."""
    ids = []
    if field.errors:
        ids.append(f"{field.id_for_label}-fout")
    if field.help_text:
        ids.append(f"{field.id_for_label}_helptext")
    attrs = {"aria-describedby": " ".join(ids)} if ids else {}
    if field.errors:
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs)


@register.filter
def label_in(taakveld, year) -> str:
    """``6.2 Wijkteams`` in 2018, ``6.2 Toegang en eerstelijnsvoorzieningen`` from 2023; a line
    before 2017 has no taakveld and says so."""
    if taakveld is None:
        return str(figures.NO_TAAKVELD_TEXT)
    return taakveld.label_in(year)


@register.filter
def getal(value) -> str:
    """A figure in Dutch notation without trailing zeros: 3.220 or 12,5."""
    if value is None:
        return ""
    value = value.normalize()
    places = max(0, -value.as_tuple().exponent)
    return figures.dutch_number(value, places)
