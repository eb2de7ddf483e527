"""Budgets per taakveld: the BBV classification, a gemeente's own programma → product levels,
budget versions (primitieve begroting, begrotingswijzigingen, prognoses, realisatie) with their
lines, the workflow's audit trail, spreadsheet imports and cost-per-unit indicators.

Amounts are euros as ``Decimal`` with cents; nothing is rounded when stored. Rounding to euros or
thousands happens only when amounts are shown (see :mod:`budgets.figures`).
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.jobs import JobHeartbeat
from core.models import (
    ReviewFields,
    ReviewStatus,
    WorkflowEvent,
    event_fields,
)
from core.text import TOELICHTING_MAX_LENGTH
from indicators.models import Indicator, Thema
from organisations.access import Access
from organisations.models import Doelgroep, Organisation, OrganisationKind

ZERO = Decimal("0")

# The BBV taakvelden start with the begroting 2017; before it a line may be on a programma only.
TAAKVELDEN_FROM = 2017

# A version moves through the review cycle of the workflow core, like an aanlevering.
BudgetStatus = ReviewStatus


class Taakveld(models.Model):
    """A BBV taakveld (``6.3``) or hoofdtaakveld (``6``), valid for a range of begrotingsjaren.

    ``parent``: the hoofdtaakveld. ``predecessor``: for the codes that replaced an old code (the
    2023 split of 6.71, 6.72, 6.81 and 6.82), the old code, so a series over the years adds up.
    """

    code = models.CharField(_("code"), max_length=10, unique=True)
    name = models.CharField(_("naam"), max_length=200)
    former_name = models.CharField(
        _("eerdere naam"),
        max_length=200,
        blank=True,
        help_text=_("De naam vóór het jaar van hernoemen."),
    )
    renamed_in = models.PositiveSmallIntegerField(_("hernoemd per jaar"), null=True, blank=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="taakvelden",
        verbose_name=_("hoofdtaakveld"),
    )
    predecessor = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="successors",
        verbose_name=_("voorganger"),
        help_text=_("Het oude taakveld waaruit dit taakveld is ontstaan (bijv. 6.71 voor 6.71a)."),
    )
    valid_from = models.PositiveSmallIntegerField(
        _("geldig vanaf jaar"), null=True, blank=True, help_text=_("Leeg: geen begin.")
    )
    valid_to = models.PositiveSmallIntegerField(
        _("geldig tot en met jaar"), null=True, blank=True, help_text=_("Leeg: nog geldig.")
    )
    order = models.PositiveIntegerField(_("volgorde"), default=0)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("taakveld")
        verbose_name_plural = _("taakvelden")

    def __str__(self):
        return f"{self.code} {self.name}"

    @property
    def is_hoofdtaakveld(self) -> bool:
        return self.parent_id is None

    @property
    def hoofdtaakveld_code(self) -> str:
        return self.code.split(".", 1)[0]

    @property
    def series_id(self) -> int:
        """The taakveld whose row this taakveld's amounts join in a series over the years."""
        return self.predecessor_id or self.pk

    def is_valid_in(self, year: int) -> bool:
        return (self.valid_from is None or self.valid_from <= year) and (
            self.valid_to is None or year <= self.valid_to
        )

    def name_in(self, year: int | None) -> str:
        if year is not None and self.former_name and self.renamed_in and year < self.renamed_in:
            return self.former_name
        return self.name

    def label_in(self, year: int | None) -> str:
        return f"{self.code} {self.name_in(year)}"

    @property
    def validity_text(self) -> str:
        if self.valid_from and self.valid_to:
            return _("%(a)d t/m %(b)d") % {"a": self.valid_from, "b": self.valid_to}
        if self.valid_to:
            return _("t/m %(b)d") % {"b": self.valid_to}
        if self.valid_from:
            return _("vanaf %(a)d") % {"a": self.valid_from}
        return ""


class Programma(models.Model):
    """A programma of a gemeente's own begroting (optional level above the product)."""

    owner = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="programmas",
        verbose_name=_("gemeente of uitvoerder"),
    )
    code = models.CharField(_("code"), max_length=32)
    name = models.CharField(_("naam"), max_length=200)
    order = models.PositiveIntegerField(_("volgorde"), default=0)

    class Meta:
        ordering = ["owner__name", "order", "code"]
        constraints = [models.UniqueConstraint(fields=["owner", "code"], name="programma_uniek")]
        verbose_name = _("programma")
        verbose_name_plural = _("programma's")

    def __str__(self):
        return f"{self.code} {self.name}"


class Product(models.Model):
    programma = models.ForeignKey(
        Programma, on_delete=models.CASCADE, related_name="products", verbose_name=_("programma")
    )
    code = models.CharField(_("code"), max_length=32)
    name = models.CharField(_("naam"), max_length=200)
    order = models.PositiveIntegerField(_("volgorde"), default=0)

    class Meta:
        ordering = ["programma__order", "order", "code"]
        constraints = [models.UniqueConstraint(fields=["programma", "code"], name="product_uniek")]
        verbose_name = _("product")
        verbose_name_plural = _("producten")

    def __str__(self):
        return f"{self.code} {self.name}"


class Soort(models.TextChoices):
    PRIMITIEF = "primitief", _("Primitieve begroting")
    WIJZIGING = "wijziging", _("Begrotingswijziging")
    TUSSENTIJDS = "tussentijds", _("Realisatie tot en met peildatum")
    PROGNOSE = "prognose", _("Prognose jaareinde")
    REALISATIE = "realisatie", _("Realisatie (jaarrekening)")


# What the date of a version means, per soort.
DATE_MEANING = {
    Soort.PRIMITIEF: _("Datum vaststelling"),
    Soort.WIJZIGING: _("Datum besluit"),
    Soort.TUSSENTIJDS: _("Peildatum"),
    Soort.PROGNOSE: _("Peildatum"),
    Soort.REALISATIE: _("Datum jaarrekening"),
}
NEEDS_DATE = {Soort.WIJZIGING, Soort.TUSSENTIJDS, Soort.PROGNOSE}
# Names a controller expects for begrotingswijzigingen (offered as suggestions, free text).
WIJZIGING_NAMES = [
    _("Voorjaarsnota"),
    _("1e bestuursrapportage"),
    _("2e bestuursrapportage"),
    _("Najaarsnota"),
]


def visible_owner_ids(access: Access) -> set[int] | None:
    """Organisations whose budgets this user may see; None means all (beheerder)."""
    if access.is_beheerder:
        return None
    ids = set(access.uitvoerder_ids) | set(access.beleid_gemeente_ids)
    if access.beleid_gemeente_ids:
        # Suppliers serving one of the gemeenten deliver budgets that beleid reviews.
        ids |= set(
            Organisation.objects.uitvoerders()
            .filter(gemeenten__in=access.beleid_gemeente_ids)
            .values_list("pk", flat=True)
        )
    return ids


class BudgetVersionQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Beleid sees its gemeenten's budgets and those of the suppliers serving them; supplier
        staff see their own organisation's; the griffie sees none (it gets vastgestelde reports)."""
        owner_ids = visible_owner_ids(Access.for_user(user))
        if owner_ids is None:
            return self
        return self.filter(owner_id__in=owner_ids)

    def approved(self):
        return self.filter(status=BudgetStatus.GOEDGEKEURD)

    def with_related(self):
        return self.select_related("owner", "submitted_by", "reviewed_by", "created_by")


class BudgetVersion(ReviewFields):
    """One version of a budget of a gemeente (or a supplier) for a begrotingsjaar.

    Lines of a primitieve begroting, a prognose and a realisatie hold full amounts; lines of a
    begrotingswijziging hold the *mutation* (+ or −), which is added to the primitieve begroting
    to give the actuele begroting.
    """

    owner = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="budget_versions",
        limit_choices_to={"kind__in": [OrganisationKind.GEMEENTE, OrganisationKind.UITVOERDER]},
        verbose_name=_("gemeente of uitvoerder"),
    )
    year = models.PositiveSmallIntegerField(_("begrotingsjaar"))
    soort = models.CharField(_("soort"), max_length=12, choices=Soort.choices)
    name = models.CharField(_("naam"), max_length=200)
    datum = models.DateField(
        _("datum"),
        null=True,
        blank=True,
        help_text=_(
            "Begrotingswijziging: datum van het besluit (telt mee in de actuele begroting vanaf die "
            "datum). Prognose en realisatie tot en met peildatum: de peildatum."
        ),
    )
    toelichting = models.TextField(_("toelichting"), blank=True, max_length=TOELICHTING_MAX_LENGTH)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=BudgetStatus.choices,
        default=BudgetStatus.CONCEPT,
        db_index=True,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("aangemaakt door"),
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    objects = BudgetVersionQuerySet.as_manager()

    class Meta:
        # Within a year in the order of the P&C cycle: begroting, wijzigingen, jaarrekening.
        ordering = ["owner__name", "-year", models.F("datum").asc(nulls_first=True), "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "year"],
                condition=Q(soort="primitief"),
                name="een_primitieve_begroting_per_jaar",
            ),
            models.UniqueConstraint(
                fields=["owner", "year"],
                condition=Q(soort="realisatie"),
                name="een_jaarrekening_per_jaar",
            ),
        ]
        indexes = [models.Index(fields=["owner", "year", "status"])]
        verbose_name = _("begrotingsversie")
        verbose_name_plural = _("begrotingsversies")

    def __str__(self):
        return f"{self.owner} {self.year}: {self.name}"

    @property
    def is_mutation(self) -> bool:
        return self.soort == Soort.WIJZIGING

    @property
    def date_label(self) -> str:
        return str(DATE_MEANING[self.soort])


class BudgetLine(models.Model):
    """Lasten and baten of one taakveld (optionally one programma/product) in a version.

    Before the BBV taakvelden (begroting 2017) a gemeente budgeted on its own programma and
    product lines only: such a line has no taakveld but must have a programma, so multi-year
    series per programma reach back before 2017 (``TAAKVELDEN_FROM``, checked by the service).
    Every change is kept by django-simple-history with user, time and reason.
    """

    version = models.ForeignKey(
        BudgetVersion, on_delete=models.CASCADE, related_name="lines", verbose_name=_("versie")
    )
    taakveld = models.ForeignKey(
        Taakveld,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="lines",
        verbose_name=_("taakveld"),
        help_text=_("Leeg alleen vóór 2017 (vóór de BBV-taakvelden), met een programma."),
    )
    programma = models.ForeignKey(
        Programma,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="lines",
        verbose_name=_("programma"),
    )
    product = models.ForeignKey(
        Product,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="lines",
        verbose_name=_("product"),
    )
    lasten = models.DecimalField(_("lasten"), max_digits=16, decimal_places=2, default=ZERO)
    baten = models.DecimalField(_("baten"), max_digits=16, decimal_places=2, default=ZERO)
    thema = models.ForeignKey(
        Thema,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="budget_lines",
        verbose_name=_("maatschappelijk resultaat"),
    )
    uitvoerder = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="budget_lines_uitgevoerd",
        limit_choices_to={"kind": OrganisationKind.UITVOERDER},
        verbose_name=_("uitvoeringsorganisatie"),
    )
    toelichting = models.TextField(_("toelichting"), blank=True, max_length=TOELICHTING_MAX_LENGTH)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gewijzigd door"),
    )
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["taakveld__order", "programma__order", "product__order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "taakveld"],
                condition=Q(programma__isnull=True, product__isnull=True),
                name="regel_uniek_taakveld",
            ),
            models.UniqueConstraint(
                fields=["version", "taakveld", "programma"],
                condition=Q(programma__isnull=False, product__isnull=True),
                name="regel_uniek_programma",
            ),
            models.UniqueConstraint(
                fields=["version", "taakveld", "product"],
                condition=Q(product__isnull=False),
                name="regel_uniek_product",
            ),
            # Without taakveld (before 2017) the programma or product is the line.
            models.UniqueConstraint(
                fields=["version", "programma"],
                condition=Q(taakveld__isnull=True, product__isnull=True),
                name="regel_uniek_programma_zonder_taakveld",
            ),
            models.UniqueConstraint(
                fields=["version", "product"],
                condition=Q(taakveld__isnull=True, product__isnull=False),
                name="regel_uniek_product_zonder_taakveld",
            ),
            models.CheckConstraint(
                condition=Q(taakveld__isnull=False) | Q(programma__isnull=False),
                name="regel_taakveld_of_programma",
            ),
        ]
        verbose_name = _("begrotingsregel")
        verbose_name_plural = _("begrotingsregels")

    def __str__(self):
        return f"{self.version} – {self.line_code}"

    @property
    def line_code(self) -> str:
        """The taakveld's code, or (before 2017) the programma/product code."""
        if self.taakveld_id:
            return self.taakveld.code
        return (self.product or self.programma).code

    @property
    def key(self) -> tuple[int, int | None, int | None]:
        return (self.taakveld_id, self.programma_id, self.product_id)

    @property
    def saldo(self) -> Decimal:
        return self.baten - self.lasten


# Audit trail of the workflow of a version: who, when, from which state to which, why.
class BudgetEvent(WorkflowEvent):
    version, from_status, to_status = event_fields(BudgetVersion, _("versie"), BudgetStatus)

    class Meta(WorkflowEvent.Meta):
        verbose_name = _("gebeurtenis begrotingsversie")
        verbose_name_plural = _("gebeurtenissen begrotingsversies")


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("In de wachtrij")
    READING = "reading", _("Wordt ingelezen")
    PREVIEW = "preview", _("Voorbeeld")
    APPLIED = "applied", _("Verwerkt")
    DISCARDED = "discarded", _("Verworpen")
    FAILED = "failed", _("Mislukt")


class BudgetImport(JobHeartbeat):
    """An uploaded spreadsheet for one version: read, previewed, then applied or discarded.

    With a broker read by a worker that beats on the row (core.jobs), as the figures' import."""

    version = models.ForeignKey(
        BudgetVersion, on_delete=models.CASCADE, related_name="imports", verbose_name=_("versie")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("door")
    )
    filename = models.CharField(_("bestandsnaam"), max_length=255, blank=True)
    file_format = models.CharField(_("formaat"), max_length=8, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.PREVIEW
    )
    rows = models.JSONField(_("ingelezen regels"), default=list, blank=True)
    summary = models.JSONField(_("samenvatting"), default=dict, blank=True)
    fingerprint = models.CharField(_("controlegetal regels"), max_length=64, blank=True)
    # The uploaded file until a worker has read it (then deleted; the preview is in rows).
    upload = models.FileField(_("bestand"), upload_to="budget-imports/%Y/%m/", blank=True)
    progress = models.PositiveSmallIntegerField(_("voortgang (%)"), default=0)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    applied_at = models.DateTimeField(_("verwerkt op"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("import begroting")
        verbose_name_plural = _("imports begroting")

    def __str__(self):
        return f"{self.filename} ({self.get_status_display()})"


class Bedrag(models.TextChoices):
    LASTEN = "lasten", _("Lasten")
    NETTO = "netto", _("Netto lasten (lasten − baten)")


class Basis(models.TextChoices):
    REALISATIE = "realisatie", _("Realisatie")
    BEGROTING = "begroting", _("Actuele begroting")


class KostenPerEenheid(models.Model):
    """A cost-per-unit indicator: the lasten of some taakvelden divided by an approved figure,
    e.g. kosten per klant = lasten taakveld 6.4 ÷ aantal cliënten Wsw."""

    code = models.SlugField(_("code"), max_length=80, unique=True)
    name = models.CharField(_("naam"), max_length=200)
    taakvelden = models.ManyToManyField(
        Taakveld,
        related_name="+",
        verbose_name=_("taakvelden"),
        help_text=_("Taakvelden na 2023 tellen mee via hun oude taakveld (voorganger)."),
    )
    bedrag = models.CharField(
        _("bedrag"), max_length=8, choices=Bedrag.choices, default=Bedrag.LASTEN
    )
    basis = models.CharField(
        _("uit"), max_length=12, choices=Basis.choices, default=Basis.REALISATIE
    )
    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="+", verbose_name=_("gedeeld door")
    )
    doelgroep = models.ForeignKey(
        Doelgroep,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("doelgroep"),
    )
    eenheid = models.CharField(
        _("per"), max_length=60, default="cliënt", help_text=_("Bijvoorbeeld: cliënt, klant.")
    )
    description = models.TextField(_("toelichting"), blank=True)
    order = models.PositiveIntegerField(_("volgorde"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("kosten per eenheid")
        verbose_name_plural = _("kosten per eenheid")

    def __str__(self):
        return self.name
