import django_filters

from organisations.models import Doelgroep, Organisation


class OrganisationFilter(django_filters.FilterSet):
    class Meta:
        model = Organisation
        fields = ["kind", "code"]


class DoelgroepFilter(django_filters.FilterSet):
    uitvoerder = django_filters.CharFilter(
        field_name="uitvoerder__code",
        help_text="Code van de uitvoeringsorganisatie, bijv. orionis.",
    )

    class Meta:
        model = Doelgroep
        fields = ["uitvoerder", "code"]
