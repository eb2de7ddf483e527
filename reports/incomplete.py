"""Totals the report cannot show yet: a total over doelgroepen or gemeenten of the report's
gemeente (or its regio) with an expected part missing. The engine leaves such a total empty
(:attr:`indicators.engine.Figures.incomplete`), so the report shows no partial total and no change
computed from one; this module says so in words, per indicator, for the notes of each part."""

from django.utils.translation import gettext as _

from indicators import engine
from indicators.models import Period


def incomplete_totals(report, catalogue: engine.Catalogue) -> dict[int, str]:
    """indicator pk → e.g. "Aantal cliënten (2018 tweede halfjaar): onvolledig, ontbreekt: Wsw",
    for the periods that end with the report's period, in the indicator's own period type."""
    gemeente = report.gemeente
    periods = list(Period.objects.filter(end=report.period.end))
    computed = engine.compute(periods, [gemeente], catalogue)
    found = {}
    for period in periods:
        figures = computed[period.pk]
        areas = {gemeente.pk, *figures.regios_of(gemeente.pk)}
        for key, parts in figures.incomplete.items():
            indicator = catalogue.indicators.get(key[0])
            if indicator is None or key[1] not in areas or key[2] is not None:
                continue
            if indicator.period_type != period.type or key[0] in found:
                continue
            found[key[0]] = (key, parts, period, indicator)
    if not found:
        return {}
    names = engine.missing_names({key: parts for key, parts, _p, _i in found.values()})
    return {
        pk: _("%(indicator)s (%(period)s): %(text)s")
        % {
            "indicator": indicator.name,
            "period": period.label,
            "text": engine.incomplete_text(engine.missing_text(key, parts, names)),
        }
        for pk, (key, parts, period, indicator) in found.items()
    }
