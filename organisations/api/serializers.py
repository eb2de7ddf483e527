from rest_framework import serializers

from organisations.models import Doelgroep, Organisation


class OrganisationSerializer(serializers.ModelSerializer):
    gemeenten = serializers.SlugRelatedField(
        slug_field="code",
        many=True,
        read_only=True,
        help_text="Voor een regio de deelnemende gemeenten, voor een uitvoerder de bediende gemeenten.",
    )

    class Meta:
        model = Organisation
        fields = ["id", "kind", "code", "name", "description", "gemeenten"]


class DoelgroepSerializer(serializers.ModelSerializer):
    uitvoerder = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Doelgroep
        fields = ["id", "uitvoerder", "code", "name", "description", "order"]
