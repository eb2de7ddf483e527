import django_filters
from django.core.exceptions import ValidationError

from indicators.models import Indicator, Period, Submission, Uitvraag, Value


def canonical_period(identifier: str) -> str:
    """``2018S1`` (DHIS2) and ``2018h1`` both mean ``2018H1``; unknown text is left as is."""
    try:
        return Period.canonical_identifier(*Period.parse_identifier(identifier))
    except ValidationError:
        return identifier


class PeriodIdentifierFilter(django_filters.CharFilter):
    """Filter on a period identifier, accepting every spelling ``Period`` understands."""

    def filter(self, qs, value):
        return super().filter(qs, canonical_period(value) if value else value)


class IndicatorFilter(django_filters.FilterSet):
    thema = django_filters.CharFilter(field_name="thema__code", help_text="Code van het thema.")
    uitvoerder = django_filters.CharFilter(
        field_name="uitvoerder__code", help_text="Code van de uitvoeringsorganisatie."
    )

    class Meta:
        model = Indicator
        fields = ["thema", "soort", "aspect", "uitvoerder", "code", "is_ontwikkelindicator"]


class PeriodFilter(django_filters.FilterSet):
    identifier = PeriodIdentifierFilter(
        field_name="identifier", help_text="Bijvoorbeeld 2018Q2, 2018H1 (of 2018S1) of 2018."
    )

    class Meta:
        model = Period
        fields = ["type", "year", "identifier"]


class UitvraagFilter(django_filters.FilterSet):
    uitvoerder = django_filters.CharFilter(
        field_name="uitvoerder__code", help_text="Code van de uitvoeringsorganisatie."
    )

    class Meta:
        model = Uitvraag
        fields = ["uitvoerder"]


class SubmissionFilter(django_filters.FilterSet):
    period = PeriodIdentifierFilter(
        field_name="period__identifier", help_text="Periode, bijvoorbeeld 2018H1."
    )
    uitvoerder = django_filters.CharFilter(
        field_name="uitvraag__uitvoerder__code", help_text="Code van de uitvoeringsorganisatie."
    )
    # A plain number rather than a choice, so ids of invisible uitvragen are not validated.
    uitvraag = django_filters.NumberFilter(
        field_name="uitvraag_id", help_text="Id van de uitvraag."
    )

    class Meta:
        model = Submission
        fields = ["status", "period", "uitvoerder", "uitvraag"]


class ValueFilter(django_filters.FilterSet):
    """The values of one submission (``/aanleveringen/{id}/waarden/``)."""

    indicator = django_filters.CharFilter(
        field_name="indicator__code", help_text="Code van de indicator."
    )
    doelgroep = django_filters.CharFilter(
        field_name="doelgroep__code", help_text="Code van de doelgroep."
    )
    area = django_filters.CharFilter(
        field_name="area__code", help_text="Code van de gemeente of regio."
    )

    class Meta:
        model = Value
        fields = ["indicator", "doelgroep", "area", "status"]
