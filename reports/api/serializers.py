from django.urls import NoReverseMatch, reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from reports.models import Report


def download_path(report: Report, file_format: str) -> str:
    try:
        return reverse("reports:download", args=[report.pk, file_format])
    except NoReverseMatch:  # the web route is defined by the reports app
        return f"/rapportages/{report.pk}/download/{file_format}/"


class ReportSerializer(serializers.ModelSerializer):
    gemeente = serializers.SlugRelatedField(slug_field="code", read_only=True)
    period = serializers.SlugRelatedField(slug_field="identifier", read_only=True)
    pdf_url = serializers.SerializerMethodField(help_text="Downloadlink van de PDF, als die er is.")
    xlsx_url = serializers.SerializerMethodField(
        help_text="Downloadlink van het Excel-bestand, als dat er is."
    )

    class Meta:
        model = Report
        fields = [
            "id",
            "gemeente",
            "period",
            "version",
            "replaces",
            "title",
            "status",
            "generation_status",
            "progress",
            "generated_at",
            "vastgesteld_at",
            "pdf_url",
            "pdf_sha256",
            "xlsx_url",
            "xlsx_sha256",
        ]

    def download_url(self, report: Report, file_format: str) -> str | None:
        if not getattr(report, file_format):
            return None
        return self.context["request"].build_absolute_uri(download_path(report, file_format))

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_pdf_url(self, report):
        return self.download_url(report, "pdf")

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_xlsx_url(self, report):
        return self.download_url(report, "xlsx")
