from django.urls import NoReverseMatch, reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from organisations.access import Access
from reports.models import Report
from reports.workflow import can_download


def download_path(report: Report, file_format: str) -> str:
    """The API's own download (token or session), not the web page's."""
    try:
        return reverse("api:rapportage-download", args=[report.pk, file_format])
    except NoReverseMatch:
        return f"/api/v1/rapportages/{report.pk}/download/{file_format}/"


class ReportSerializer(serializers.ModelSerializer):
    gemeente = serializers.SlugRelatedField(slug_field="code", read_only=True)
    period = serializers.SlugRelatedField(slug_field="identifier", read_only=True)
    pdf_url = serializers.SerializerMethodField(help_text="Downloadlink van de PDF, als die er is.")
    xlsx_url = serializers.SerializerMethodField(
        help_text="Downloadlink van het Excel-bestand met de exacte cijfers, als dat er is en u "
        "het mag downloaden (beleid en beheerders; niet de griffie)."
    )
    xlsx_sha256 = serializers.SerializerMethodField(
        help_text="SHA-256 van het Excel-bestand (leeg als u het niet mag downloaden)."
    )
    csv_url = serializers.SerializerMethodField(
        help_text="Downloadlink van het CSV-bestand (open data, kleine aantallen geheim)."
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
            "offered_at",
            "college_besluit_datum",
            "college_besluit_kenmerk",
            "vastgesteld_at",
            "besluit_orgaan",
            "besluit_datum",
            "besluit_kenmerk",
            "pdf_url",
            "pdf_sha256",
            "xlsx_url",
            "xlsx_sha256",
            "csv_url",
            "csv_sha256",
        ]

    def may_download(self, report: Report, file_format: str) -> bool:
        if "access" not in self.context:
            self.context["access"] = Access.for_user(self.context["request"].user)
        return can_download(self.context["access"], report, file_format)

    def download_url(self, report: Report, file_format: str) -> str | None:
        if not getattr(report, file_format) or not self.may_download(report, file_format):
            return None
        return self.context["request"].build_absolute_uri(download_path(report, file_format))

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_pdf_url(self, report):
        return self.download_url(report, "pdf")

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_xlsx_url(self, report):
        return self.download_url(report, "xlsx")

    @extend_schema_field({"type": "string", "nullable": True})
    def get_xlsx_sha256(self, report):
        return report.xlsx_sha256 if self.may_download(report, "xlsx") else ""

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_csv_url(self, report):
        return self.download_url(report, "csv")
