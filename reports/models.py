"""Reports per gemeente and period: concept → ter vaststelling → collegebesluit → vastgesteld by
the raad (frozen)."""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.jobs import JobHeartbeat
from core.models import WorkflowEvent, event_fields
from core.text import DUIDING_MAX_LENGTH, REASON_MAX_LENGTH
from indicators.models import Period, Thema
from organisations.access import Access
from organisations.models import Organisation, OrganisationKind

from .besluit import Besluit, Bestuursorgaan


class ReportStatus(models.TextChoices):
    CONCEPT = "concept", _("Concept")
    TER_VASTSTELLING = "ter_vaststelling", _("Ter vaststelling")
    # The college decided to offer it to the raad (as beleidskader.KaderStatus.COLLEGEBESLUIT).
    COLLEGEBESLUIT = "collegebesluit", _("Besloten door college")
    VASTGESTELD = "vastgesteld", _("Vastgesteld")


class GenerationStatus(models.TextChoices):
    NONE = "none", _("Nog niet gemaakt")
    QUEUED = "queued", _("In de wachtrij")
    RUNNING = "running", _("Wordt gemaakt")
    DONE = "done", _("Klaar")
    FAILED = "failed", _("Mislukt")


class ReportQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Beleid sees its gemeenten's reports; griffie only vastgestelde of its own gemeente."""
        access = Access.for_user(user)
        if access.is_beheerder:
            return self
        condition = Q(pk__in=[])
        if access.beleid_gemeente_ids:
            condition |= Q(gemeente_id__in=access.beleid_gemeente_ids)
        if access.griffie_gemeente_ids:
            condition |= Q(
                gemeente_id__in=access.griffie_gemeente_ids, status=ReportStatus.VASTGESTELD
            )
        return self.filter(condition)

    def vastgesteld(self):
        return self.filter(status=ReportStatus.VASTGESTELD)


def report_upload_to(instance, filename):
    return f"rapportages/{instance.gemeente.code}/{instance.period.identifier}/v{instance.version}/{filename}"


class Report(JobHeartbeat, models.Model):
    gemeente = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="reports",
        limit_choices_to={"kind": OrganisationKind.GEMEENTE},
        verbose_name=_("gemeente"),
    )
    period = models.ForeignKey(
        Period, on_delete=models.PROTECT, related_name="reports", verbose_name=_("periode")
    )
    version = models.PositiveIntegerField(_("versie"), default=1)
    replaces = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaced_by",
        verbose_name=_("vervangt"),
    )
    replacement_reason = models.TextField(
        _("reden nieuwe versie"), blank=True, max_length=REASON_MAX_LENGTH
    )
    title = models.CharField(_("titel"), max_length=255)
    introduction = models.TextField(_("inleiding"), blank=True, max_length=DUIDING_MAX_LENGTH)
    # The one-page summary up front; empty: the proposal made from the figures (reports.summary).
    kernboodschappen = models.TextField(
        _("kernboodschappen"), blank=True, max_length=DUIDING_MAX_LENGTH
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ReportStatus.choices,
        default=ReportStatus.CONCEPT,
        db_index=True,
    )

    generation_status = models.CharField(
        _("aanmaak"), max_length=10, choices=GenerationStatus.choices, default=GenerationStatus.NONE
    )
    progress = models.PositiveSmallIntegerField(_("voortgang (%)"), default=0)
    progress_message = models.CharField(_("voortgangsbericht"), max_length=255, blank=True)
    generation_error = models.TextField(_("foutmelding"), blank=True)
    generation_requested_at = models.DateTimeField(
        _("aanmaak aangevraagd op"), null=True, blank=True
    )
    generated_at = models.DateTimeField(_("gemaakt op"), null=True, blank=True)
    # When the duiding last changed: a PDF made before that is out of date.
    texts_updated_at = models.DateTimeField(_("duiding gewijzigd op"), null=True, blank=True)
    pdf = models.FileField(_("PDF"), upload_to=report_upload_to, blank=True)
    pdf_sha256 = models.CharField(_("SHA-256 PDF"), max_length=64, blank=True)
    xlsx = models.FileField(_("XLSX"), upload_to=report_upload_to, blank=True)
    xlsx_sha256 = models.CharField(_("SHA-256 XLSX"), max_length=64, blank=True)
    # Open data: the figures with disclosure control applied (reports.opendata).
    csv = models.FileField(_("CSV (open data)"), upload_to=report_upload_to, blank=True)
    csv_sha256 = models.CharField(_("SHA-256 CSV"), max_length=64, blank=True)
    # The HTML the PDF is printed from (gzip), frozen with the snapshot: the offered and the final
    # PDF are printed from it with their status stamp (reports.adoption). Never downloaded.
    html = models.FileField(_("HTML (bron van de PDF)"), upload_to=report_upload_to, blank=True)
    html_sha256 = models.CharField(_("SHA-256 HTML"), max_length=64, blank=True)
    # Who asked for the files: told by e-mail when they are ready or when making them failed.
    generation_requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("aanmaak aangevraagd door"),
    )

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("aangemaakt door"),
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    vastgesteld_at = models.DateTimeField(_("vastgesteld op"), null=True, blank=True)
    vastgesteld_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("vastgesteld door"),
    )
    # Who offered it ter vaststelling (four-eyes: they do not register the raad's adoption).
    offered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("aangeboden door"),
    )
    offered_at = models.DateTimeField(_("aangeboden op"), null=True, blank=True)
    # The collegebesluit: its date and kenmerk, and who recorded it when; printed on the final PDF.
    college_besluit_datum = models.DateField(_("datum collegebesluit"), null=True, blank=True)
    college_besluit_kenmerk = models.CharField(
        _("kenmerk collegebesluit"), max_length=100, blank=True
    )
    college_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("collegebesluit vastgelegd door"),
    )
    college_recorded_at = models.DateTimeField(
        _("collegebesluit vastgelegd op"), null=True, blank=True
    )
    # The besluit that adopted it: by whom (the raad; the college for reports adopted before the
    # two steps existed), when and its number; printed on the final PDF. ``vastgesteld_by`` is
    # who registered it.
    besluit_orgaan = models.CharField(
        _("vastgesteld door (orgaan)"), max_length=10, choices=Bestuursorgaan.choices, blank=True
    )
    besluit_datum = models.DateField(_("datum van het besluit"), null=True, blank=True)
    besluit_kenmerk = models.CharField(
        _("nummer of kenmerk van het besluit"), max_length=100, blank=True
    )

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-period__start", "gemeente__name", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["gemeente", "period", "version"], name="rapport_versie_uniek"
            )
        ]
        verbose_name = _("rapportage")
        verbose_name_plural = _("rapportages")

    def __str__(self):
        return f"{self.title} (v{self.version})"

    @property
    def history_start(self) -> date:
        """The first day the report looks back to: the last ``REPORT_HISTORY_YEARS`` calendar
        years, its own year included (as the paper monitor, which shows 2014–2018 in 2018)."""
        return date(self.period.end.year - settings.REPORT_HISTORY_YEARS + 1, 1, 1)

    @property
    def is_frozen(self):
        return self.status == ReportStatus.VASTGESTELD

    @property
    def is_generating(self):
        return self.generation_status in {GenerationStatus.QUEUED, GenerationStatus.RUNNING}

    @property
    def is_generated(self):
        return self.generation_status == GenerationStatus.DONE and bool(self.pdf)

    @property
    def besluit_description(self) -> str:
        """ "Vastgesteld door de gemeenteraad op 29 maart 2018 (besluit RB 2018/14)"; "" before."""
        if not self.besluit_orgaan:
            return ""
        return Besluit(self.besluit_orgaan, self.besluit_datum, self.besluit_kenmerk).describe()

    @property
    def college_description(self) -> str:
        """ "Besloten door het college van B&W op 4 september 2018 (besluit B&W 2018/7)"."""
        if not self.college_besluit_datum:
            return ""
        return Besluit(
            Bestuursorgaan.COLLEGE, self.college_besluit_datum, self.college_besluit_kenmerk
        ).describe(decided=True)

    @property
    def is_outdated(self):
        """The duiding changed after the files were made."""
        return bool(
            self.generated_at
            and self.texts_updated_at
            and self.texts_updated_at > self.generated_at
        )


class FrozenSnapshot(Exception):
    """A snapshot of a vastgestelde report never changes."""


class ReportSnapshot(models.Model):
    """Exactly what went into a report's files when they were made: the figures, the texts, the
    fingerprints of the inputs and the checksums of the files (see :mod:`reports.snapshot`).

    Made at every generation of a concept (replacing the previous one), frozen when the report is
    offered ter vaststelling, and never changed again once the report is vastgesteld.
    """

    report = models.OneToOneField(
        Report, on_delete=models.CASCADE, related_name="snapshot", verbose_name=_("rapportage")
    )
    generated_at = models.DateTimeField(_("gemaakt op"))
    # Everything the files were made from (figures, texts, templates): equal means equal files.
    inputs_fingerprint = models.CharField(_("controlegetal invoer"), max_length=64)
    # Only the approved figures (and budgets, targets, trend judgements) the report is based on.
    figures_fingerprint = models.CharField(_("controlegetal cijfers"), max_length=64)
    data = models.JSONField(_("momentopname"))
    frozen_at = models.DateTimeField(_("bevroren op"), null=True, blank=True)
    created_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("momentopname rapportage")
        verbose_name_plural = _("momentopnamen rapportages")

    def __str__(self):
        return f"{self.report} – {self.inputs_fingerprint[:12]}"

    def save(self, *args, **kwargs):
        if self._is_vastgesteld():
            raise FrozenSnapshot("the snapshot of a vastgestelde report never changes")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self._is_vastgesteld():
            raise FrozenSnapshot("the snapshot of a vastgestelde report is kept")
        return super().delete(*args, **kwargs)

    def _is_vastgesteld(self) -> bool:
        if not self.pk:
            return False
        return Report.objects.filter(pk=self.report_id, status=ReportStatus.VASTGESTELD).exists()


class SubmissionReminder(models.Model):
    """The reminder sent to a supplier before its submission's deadline: one per submission."""

    submission = models.OneToOneField(
        "indicators.Submission",
        on_delete=models.CASCADE,
        related_name="reminder",
        verbose_name=_("aanlevering"),
    )
    deadline = models.DateField(_("uiterste leverdatum"))
    sent_at = models.DateTimeField(_("verstuurd op"), auto_now_add=True)
    recipients = models.TextField(_("ontvangers"), blank=True)

    class Meta:
        verbose_name = _("herinnering aanlevering")
        verbose_name_plural = _("herinneringen aanleveringen")

    def __str__(self):
        return f"{self.submission} ({self.sent_at:%d-%m-%Y})"


class EditedText(models.Model):
    """Who last changed a text of a report, and when."""

    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gewijzigd door"),
    )
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        abstract = True


class ReportText(EditedText):
    """The beleidsmedewerker's texts per theme: Deel 1 Populatie (see reports.texts)."""

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="texts", verbose_name=_("rapportage")
    )
    thema = models.ForeignKey(Thema, on_delete=models.PROTECT, verbose_name=_("thema"))
    wat_zien_we = models.TextField(_("Wat zien we?"), blank=True, max_length=DUIDING_MAX_LENGTH)
    # Deel 1 Populatie of the monitor (see reports.texts): the narrative around the figures.
    wat_streven_we_na = models.TextField(
        _("Wat streven we na?"), blank=True, max_length=DUIDING_MAX_LENGTH
    )
    waarom_belangrijk = models.TextField(
        _("Waarom is dit belangrijk?"), blank=True, max_length=DUIDING_MAX_LENGTH
    )
    wat_zien_we_positief = models.TextField(
        _("Wat zien we? – voorzichtig positief"), blank=True, max_length=DUIDING_MAX_LENGTH
    )
    wat_zien_we_negatief = models.TextField(
        _("Wat zien we? – voorzichtig negatief"), blank=True, max_length=DUIDING_MAX_LENGTH
    )
    rol_gemeente = models.TextField(
        _("Wat is de rol van de gemeente?"), blank=True, max_length=DUIDING_MAX_LENGTH
    )

    class Meta:
        ordering = ["thema__order"]
        constraints = [
            models.UniqueConstraint(fields=["report", "thema"], name="rapporttekst_uniek")
        ]
        verbose_name = _("duiding")
        verbose_name_plural = _("duidingen")

    def __str__(self):
        return f"{self.report} – {self.thema}"


class ReportSupplierText(EditedText):
    """Deel 2 Prestaties: a supplier's contribution to a theme and what stands out, per report."""

    report = models.ForeignKey(
        Report,
        on_delete=models.CASCADE,
        related_name="supplier_texts",
        verbose_name=_("rapportage"),
    )
    thema = models.ForeignKey(Thema, on_delete=models.PROTECT, verbose_name=_("thema"))
    uitvoerder = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": OrganisationKind.UITVOERDER},
        verbose_name=_("uitvoeringsorganisatie"),
    )
    bijdrage = models.TextField(_("Wat is de bijdrage?"), blank=True, max_length=DUIDING_MAX_LENGTH)
    wat_valt_op = models.TextField(_("Wat valt op?"), blank=True, max_length=DUIDING_MAX_LENGTH)

    class Meta:
        ordering = ["thema__order", "uitvoerder__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "thema", "uitvoerder"], name="rapporttekst_uitvoerder_uniek"
            )
        ]
        verbose_name = _("tekst uitvoeringsorganisatie")
        verbose_name_plural = _("teksten uitvoeringsorganisaties")

    def __str__(self):
        return f"{self.report} – {self.thema} – {self.uitvoerder}"


# Audit trail of a report: generation, offering, vaststelling, new versions.
class ReportEvent(WorkflowEvent):
    report, from_status, to_status = event_fields(Report, _("rapportage"), ReportStatus)

    class Meta(WorkflowEvent.Meta):
        verbose_name = _("gebeurtenis rapportage")
        verbose_name_plural = _("gebeurtenissen rapportages")


# The report profile lives in its own module; imported here so Django finds the model.
from .profile import ReportProfile  # noqa: E402, F401
