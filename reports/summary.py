"""Kernboodschappen: the one-page summary up front, proposed from the figures.

Per thema (in the order of the report) a subheading and three lines: the judgement (how many of
the gemeente's maatschappelijke indicatoren developed positively or negatively), the
streefwaarden met and missed, and the largest changes against the previous period. Written in the
two marks of the narrative texts (``# `` a subheading, ``- `` a list item), so the
beleidsmedewerker edits it as any other text; a saved text is printed as saved
(``Report.kernboodschappen``), an empty one prints this proposal.

Secret figures never appear (neither their change nor whether they meet their target), as in the
tables. Deterministic: the same content gives the same text.
"""

from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .content import Figure, ReportContent, ThemaSection

# What fits one page next to the other thema's: the names of a few, then "en n andere".
MAX_NAMES = 3
MAX_CHANGES = 2


def _names(figures: list[Figure]) -> str:
    names = [f.subject for f in figures[:MAX_NAMES]]
    rest = len(figures) - len(names)
    if rest:
        names.append(ngettext("en %(count)d andere", "en %(count)d andere", rest) % {"count": rest})
    return ", ".join(names)


def _own(thema: ThemaSection, gemeente) -> list[Figure]:
    """The thema's figures (tables of Deel 1 and Deel 2) about the gemeente, or its regio's where
    the gemeente has none (as "Wat zien we?" does); no secrets, no totals over doelgroepen."""
    seen = {}
    for section in thema.sections:
        for table in section.tables:
            for f in table.figures:
                if f.secret or table.is_total:
                    continue
                key = (f.indicator.pk, f.doelgroep.pk if f.doelgroep else None)
                if f.area.pk == gemeente.pk:
                    seen[key] = f
                else:
                    seen.setdefault(key, f)
    return list(seen.values())


def relative_change(figure: Figure) -> Decimal | None:
    if figure.base_value is None or figure.base_value == 0:
        return None
    return abs(figure.value - figure.base_value) / abs(figure.base_value)


def judgement(thema: ThemaSection) -> str:
    positief, negatief = len(thema.positief), len(thema.negatief)
    if not positief and not negatief:
        return _("Oordeel: geen duidelijke ontwikkeling in de maatschappelijke indicatoren.")
    if positief > negatief:
        word = _("overwegend positief")
    elif negatief > positief:
        word = _("overwegend negatief")
    else:
        word = _("gemengd")
    return _("Oordeel: %(word)s (%(positief)s positief, %(negatief)s negatief).") % {
        "word": word,
        "positief": positief,
        "negatief": negatief,
    }


def thema_lines(thema: ThemaSection, gemeente) -> list[str]:
    figures = _own(thema, gemeente)
    lines = [judgement(thema)]
    assessed = [f for f in figures if f.streefwaarde and f.target_met is not None]
    met = [f for f in assessed if f.target_met]
    missed = [f for f in assessed if not f.target_met]
    if assessed:
        text = _("Streefwaarden: %(met)d van de %(total)d gehaald") % {
            "met": len(met),
            "total": len(assessed),
        }
        if met:
            text += f" ({_names(met)})"
        if missed:
            text += _("; niet gehaald: %(names)s") % {"names": _names(missed)}
        lines.append(f"- {text}.")
    else:
        lines.append("- " + _("Geen streefwaarden voor deze periode."))
    changes = sorted(
        (f for f in figures if relative_change(f) is not None and f.value != f.base_value),
        key=lambda f: (-relative_change(f), f.subject),
    )[:MAX_CHANGES]
    if changes:
        lines.append(
            "- "
            + _("Grootste veranderingen: %(changes)s.")
            % {"changes": "; ".join(f"{f.subject} {f.change_text}" for f in changes)}
        )
    return lines


def proposal(content: ReportContent) -> str:
    """The generated Kernboodschappen of a report."""
    gemeente = content.report.gemeente
    parts = []
    for thema in content.themas:
        if not thema.has_figures:
            continue
        parts.append(
            "\n".join([f"# {thema.number}. {thema.thema.name}", *thema_lines(thema, gemeente)])
        )
    if not parts:
        return _("Voor deze periode zijn (nog) geen goedgekeurde cijfers.")
    return "\n\n".join(parts)


def kernboodschappen(content: ReportContent) -> str:
    """What the report prints: the saved text, else the proposal."""
    return content.report.kernboodschappen.strip() or proposal(content)
