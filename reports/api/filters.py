import django_filters

from indicators.api.filters import PeriodIdentifierFilter
from reports.models import Report


class ReportFilter(django_filters.FilterSet):
    gemeente = django_filters.CharFilter(
        field_name="gemeente__code", help_text="CBS-code van de gemeente, bijv. GM0718."
    )
    period = PeriodIdentifierFilter(
        field_name="period__identifier", help_text="Periode, bijvoorbeeld 2018H1."
    )

    class Meta:
        model = Report
        fields = ["status", "gemeente", "period"]
