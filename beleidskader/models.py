"""A gemeente's beleidskader: the doelenboom from visie down to prestaties, its adoption and the
links that make it measurable (targets → indicators with their Streefwaarden, prestaties →
budget lines).

- A :class:`Beleidskader` is one version of one document (a beleidsnota, a programma of the
  begroting) of a gemeente or regio. It is adopted through concept → inspraak → collegebesluit →
  vastgesteld (``beleidskader.workflow``); once past concept its tree is frozen. A change after
  adoption is a new version (``previous``) or an addendum (``addendum_of``) that goes the same way.
- A :class:`Doel` is a node of the tree; its level (visie, doelstelling, target, prestatie …) is
  a fixed kind so the voortgang can be computed, its name (``level_label``) is the gemeente's own.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from budgets.models import Product, Programma, Taakveld
from core.models import WorkflowEvent, event_fields
from indicators.models import Indicator, Uitvraag
from organisations.access import Access
from organisations.models import Doelgroep, Organisation


class KaderStatus(models.TextChoices):
    CONCEPT = "concept", _("Concept")
    INSPRAAK = "inspraak", _("In inspraak")
    COLLEGEBESLUIT = "collegebesluit", _("Besloten door college")
    VASTGESTELD = "vastgesteld", _("Vastgesteld door de raad")


class KaderQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Beleid of the gemeente (or via its regio), its griffie, and beheerders."""
        access = Access.for_user(user)
        if access.is_beheerder:
            return self
        areas = set(access.beleid_area_ids) | set(access.griffie_gemeente_ids)
        return self.filter(owner_id__in=sorted(areas))


class Beleidskader(models.Model):
    owner = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="beleidskaders",
        verbose_name=_("gemeente of regio"),
    )
    name = models.CharField(_("naam"), max_length=200)
    version = models.PositiveSmallIntegerField(_("versie"), default=1)
    previous = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="next_versions",
        verbose_name=_("vorige versie"),
    )
    addendum_of = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="addenda",
        verbose_name=_("addendum bij"),
    )
    description = models.TextField(_("omschrijving"), blank=True)
    source = models.CharField(
        _("brondocument"),
        max_length=255,
        blank=True,
        help_text=_("Het document waaruit dit kader komt, bijvoorbeeld ‘Ontwikkelagenda 2020’."),
    )
    source_note = models.CharField(
        _("opmerking over de bron"),
        max_length=255,
        blank=True,
        help_text=_("Bijvoorbeeld: overgenomen uit het document van een andere gemeente."),
    )
    year_from = models.PositiveSmallIntegerField(_("geldig vanaf jaar"))
    year_to = models.PositiveSmallIntegerField(_("geldig tot en met jaar"), null=True, blank=True)
    # The Deventer form: a programma of the begroting with its multi-year exploitatie.
    programma = models.ForeignKey(
        Programma,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("programma van de begroting"),
        help_text=_(
            "Is dit kader een programma van de begroting, dan toont de exploitatie de "
            "goedgekeurde bedragen van dit programma (tenzij de bedragen uit het document zijn "
            "ingevoerd)."
        ),
    )
    exploitatie_toelichting = models.TextField(_("toelichting op de exploitatie"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=KaderStatus.choices, default=KaderStatus.CONCEPT
    )
    # The dated steps of the adoption, as decided (not when they were recorded).
    inspraak_start = models.DateField(_("begin inspraak"), null=True, blank=True)
    inspraak_end = models.DateField(_("einde inspraak"), null=True, blank=True)
    collegebesluit_date = models.DateField(_("datum collegebesluit"), null=True, blank=True)
    raadsbesluit_date = models.DateField(_("datum raadsbesluit"), null=True, blank=True)
    raadsbesluit = models.CharField(
        _("raadsbesluit"), max_length=200, blank=True, help_text=_("Kenmerk of titel.")
    )
    # Who released it for inspraak: they do not record its adoption themselves (four-eyes).
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("vrijgegeven door"),
    )
    submitted_at = models.DateTimeField(_("vrijgegeven op"), null=True, blank=True)
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("vaststelling vastgelegd door"),
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    objects = KaderQuerySet.as_manager()

    class Meta:
        ordering = ["owner__name", "-year_from", "name", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "name", "version"], name="beleidskader_versie_uniek"
            )
        ]
        verbose_name = _("beleidskader")
        verbose_name_plural = _("beleidskaders")

    def __str__(self):
        return f"{self.name} ({self.owner}, v{self.version})"

    @property
    def is_frozen(self) -> bool:
        """Past concept the tree is what the inspraak, the college and the raad see."""
        return self.status != KaderStatus.CONCEPT

    @property
    def base(self) -> "Beleidskader":
        return self.addendum_of or self

    def clean(self):
        if self.year_to is not None and self.year_to < self.year_from:
            raise ValidationError({"year_to": _("Het eindjaar ligt voor het beginjaar.")})
        if self.inspraak_start and self.inspraak_end and self.inspraak_end < self.inspraak_start:
            raise ValidationError({"inspraak_end": _("De inspraak eindigt voor hij begint.")})


class BeleidskaderEvent(WorkflowEvent):
    kader, from_status, to_status = event_fields(Beleidskader, _("beleidskader"), KaderStatus)

    class Meta(WorkflowEvent.Meta):
        verbose_name = _("gebeurtenis beleidskader")
        verbose_name_plural = _("gebeurtenissen beleidskader")


class Niveau(models.TextChoices):
    """The kinds of node; the voortgang is computed for doelstellingen and targets."""

    VISIE = "visie", _("Visie / ambitie")
    KERN = "kern", _("Kern van de zaak")
    KSF = "ksf", _("Kritische succesfactor")
    DOELSTELLING = "doelstelling", _("Doelstelling")
    TARGET = "target", _("Target")
    PRESTATIE = "prestatie", _("Prestatie")


# Which kind of node may hang under which (None: at the top).
ALLOWED_PARENTS = {
    Niveau.VISIE: {None},
    Niveau.KERN: {None, Niveau.VISIE},
    Niveau.KSF: {None, Niveau.VISIE, Niveau.KERN},
    Niveau.DOELSTELLING: {None, Niveau.VISIE},
    Niveau.TARGET: {Niveau.DOELSTELLING},
    Niveau.PRESTATIE: {Niveau.DOELSTELLING, Niveau.TARGET},
}


class KaderFrozen(ValidationError):
    pass


def frozen_message() -> str:
    return str(
        _(
            "Dit beleidskader is niet meer in concept: de doelenboom ligt vast. Maak een "
            "addendum of een nieuwe versie."
        )
    )


class Doel(models.Model):
    kader = models.ForeignKey(
        Beleidskader, on_delete=models.CASCADE, related_name="doelen", verbose_name=_("kader")
    )
    # In an addendum a target may hang under a doelstelling of the kader it adds to.
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("onderdeel van"),
    )
    niveau = models.CharField(_("niveau"), max_length=16, choices=Niveau.choices)
    level_label = models.CharField(
        _("naam van het niveau"),
        max_length=64,
        blank=True,
        help_text=_("Zoals de gemeente het noemt, bijvoorbeeld ‘Oplossingsrichting’."),
    )
    nummer = models.CharField(_("nummer"), max_length=16, blank=True)
    title = models.CharField(_("titel"), max_length=500)
    text = models.TextField(_("tekst"), blank=True)
    eigenaar = models.CharField(_("eigenaar"), max_length=200, blank=True)
    year_from = models.PositiveSmallIntegerField(_("geldig vanaf jaar"), null=True, blank=True)
    year_to = models.PositiveSmallIntegerField(_("geldig tot en met jaar"), null=True, blank=True)
    order = models.PositiveIntegerField(_("volgorde"), default=0)
    maatschappelijk_resultaat = models.TextField(
        _("maatschappelijk resultaat"),
        blank=True,
        help_text=_("Het resultaat voor inwoners waaraan dit onderdeel bijdraagt."),
    )
    # Who changed the tree counts for four-eyes on adopting it.
    history = HistoricalRecords()

    class Meta:
        ordering = ["kader", "order", "pk"]
        verbose_name = _("onderdeel van de doelenboom")
        verbose_name_plural = _("onderdelen van de doelenboom")

    def __str__(self):
        return f"{self.nummer} {self.title}".strip()

    def save(self, *args, **kwargs):
        # The tree of a kader past concept is frozen, whichever way it is changed.
        if self.kader.is_frozen:
            raise KaderFrozen(frozen_message())
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.kader.is_frozen:
            raise KaderFrozen(frozen_message())
        return super().delete(*args, **kwargs)

    def clean(self):
        parent_niveau = self.parent.niveau if self.parent_id else None
        if parent_niveau not in ALLOWED_PARENTS.get(self.niveau, set()):
            raise ValidationError(
                {
                    "parent": _("Een %(niveau)s kan hier niet onder hangen.")
                    % {"niveau": self.get_niveau_display().lower()}
                }
            )
        if self.parent_id and self.parent.kader_id not in {
            self.kader_id,
            self.kader.addendum_of_id,
        }:
            raise ValidationError({"parent": _("Dit onderdeel hoort bij een ander kader.")})

    @property
    def label(self) -> str:
        return self.level_label or self.get_niveau_display()


class FrozenWithKader(models.Model):
    """Links of a node (and the figures of the document) are part of the kader: frozen with
    it."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.owning_kader().is_frozen:
            raise KaderFrozen(frozen_message())
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.owning_kader().is_frozen:
            raise KaderFrozen(frozen_message())
        return super().delete(*args, **kwargs)

    def owning_kader(self) -> Beleidskader:
        return self.doel.kader


class ExploitatieJaar(FrozenWithKader):
    """One year of the multi-year exploitatie as the programma's document states it (Deventer:
    lasten, baten, saldo 2016-2020 × € 1.000). Stored in euros; saldo = baten − lasten."""

    kader = models.ForeignKey(
        Beleidskader,
        on_delete=models.CASCADE,
        related_name="exploitatie",
        verbose_name=_("kader"),
    )
    year = models.PositiveSmallIntegerField(_("jaar"))
    lasten = models.DecimalField(_("lasten"), max_digits=16, decimal_places=2)
    baten = models.DecimalField(_("baten"), max_digits=16, decimal_places=2)

    class Meta:
        ordering = ["kader", "year"]
        constraints = [
            models.UniqueConstraint(fields=["kader", "year"], name="exploitatie_per_jaar")
        ]
        verbose_name = _("exploitatie (jaar)")
        verbose_name_plural = _("exploitatie")

    def __str__(self):
        return f"{self.kader} {self.year}"

    def owning_kader(self) -> Beleidskader:
        return self.kader

    @property
    def saldo(self):
        return self.baten - self.lasten


class VerbondenPartij(FrozenWithKader):
    """A verbonden partij of the programma (a gemeenschappelijke regeling, an NV …)."""

    kader = models.ForeignKey(
        Beleidskader,
        on_delete=models.CASCADE,
        related_name="verbonden_partijen",
        verbose_name=_("kader"),
    )
    name = models.CharField(_("naam"), max_length=200)
    rechtsvorm = models.CharField(
        _("rechtsvorm"), max_length=64, blank=True, help_text=_("Bijvoorbeeld GR of NV.")
    )
    toelichting = models.TextField(_("toelichting"), blank=True)
    order = models.PositiveIntegerField(_("volgorde"), default=0)

    class Meta:
        ordering = ["kader", "order", "pk"]
        verbose_name = _("verbonden partij")
        verbose_name_plural = _("verbonden partijen")

    def __str__(self):
        return self.name

    def owning_kader(self) -> Beleidskader:
        return self.kader


class DoelIndicator(FrozenWithKader):
    """A target measured by an indicator; its streefwaarden per year are the indicator's
    :class:`indicators.models.Streefwaarde` for the kader's gemeente or regio."""

    doel = models.ForeignKey(
        Doel, on_delete=models.CASCADE, related_name="indicators", verbose_name=_("target")
    )
    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="+", verbose_name=_("indicator")
    )
    doelgroep = models.ForeignKey(
        Doelgroep,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("doelgroep"),
    )
    note = models.CharField(_("toelichting"), max_length=255, blank=True)

    class Meta:
        ordering = ["doel", "indicator__order", "pk"]
        verbose_name = _("indicator van een target")
        verbose_name_plural = _("indicatoren van targets")

    def __str__(self):
        return f"{self.doel.nummer} – {self.indicator}"


class PrestatieBudget(FrozenWithKader):
    """The budget of a prestatie in a year, and the budget line(s) it is spent on: a programma,
    a product or a taakveld of the gemeente's begroting (the realisatie comes from there)."""

    doel = models.ForeignKey(
        Doel, on_delete=models.CASCADE, related_name="budgets", verbose_name=_("prestatie")
    )
    year = models.PositiveSmallIntegerField(_("jaar"))
    amount = models.DecimalField(
        _("begroot bedrag"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    label = models.CharField(
        _("omschrijving"), max_length=200, blank=True, help_text=_("Bijvoorbeeld ‘budget Wij …’.")
    )
    programma = models.ForeignKey(
        Programma,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("programma"),
    )
    product = models.ForeignKey(
        Product,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("product"),
    )
    taakveld = models.ForeignKey(
        Taakveld,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("taakveld"),
    )
    uitvoerder = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uitvoerder"),
    )
    uitvraag = models.ForeignKey(
        Uitvraag,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uitvraag"),
    )

    class Meta:
        ordering = ["doel", "year", "pk"]
        verbose_name = _("budget van een prestatie")
        verbose_name_plural = _("budgetten van prestaties")

    def __str__(self):
        return f"{self.doel} {self.year}"

    @property
    def line(self):
        """The most precise budget line this budget is linked to."""
        return self.product or self.programma or self.taakveld


class Reactie(models.Model):
    """A reaction received during the inspraak, recorded with who sent it and who recorded it."""

    kader = models.ForeignKey(
        Beleidskader, on_delete=models.CASCADE, related_name="reacties", verbose_name=_("kader")
    )
    indiener = models.CharField(_("indiener"), max_length=200)
    received_on = models.DateField(_("ontvangen op"))
    text = models.TextField(_("reactie"))
    answer = models.TextField(_("reactie van het college"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("vastgelegd door"),
    )
    recorded_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    class Meta:
        ordering = ["kader", "received_on", "pk"]
        verbose_name = _("inspraakreactie")
        verbose_name_plural = _("inspraakreacties")

    def __str__(self):
        return f"{self.indiener} ({self.received_on:%d-%m-%Y})"


class Duiding(models.Model):
    """The beleidsmedewerker's explanation of the voortgang of one doelstelling or target in a
    year; editable after adoption (it is about the progress, not the kader)."""

    doel = models.ForeignKey(
        Doel, on_delete=models.CASCADE, related_name="duidingen", verbose_name=_("onderdeel")
    )
    year = models.PositiveSmallIntegerField(_("jaar"))
    text = models.TextField(_("duiding"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("gewijzigd door"),
    )
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["doel", "year"], name="duiding_per_doel_per_jaar")
        ]
        verbose_name = _("duiding van de voortgang")
        verbose_name_plural = _("duidingen van de voortgang")

    def __str__(self):
        return f"{self.doel} {self.year}"


class BBVIndicator(models.Model):
    """A beleidsindicator of the national BBV set (Besluit begroting en verantwoording, the
    verplichte indicatoren on waarstaatjegemeente.nl), mapped to the indicator of the monitor
    that delivers it. Maintained by ``load_bbv_indicatoren`` from a data file."""

    name = models.CharField(_("naam"), max_length=200, unique=True)
    nummer = models.PositiveSmallIntegerField(_("nummer"), null=True, blank=True)
    hoofdtaakveld = models.ForeignKey(
        Taakveld,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("(hoofd)taakveld"),
    )
    source = models.CharField(_("bron"), max_length=200)
    valid_from = models.PositiveSmallIntegerField(_("vanaf jaar"), default=2017)
    valid_to = models.PositiveSmallIntegerField(_("tot en met jaar"), null=True, blank=True)
    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="bbv_indicatoren",
        verbose_name=_("geleverd door indicator"),
    )

    class Meta:
        ordering = ["hoofdtaakveld__order", "nummer", "name"]
        verbose_name = _("BBV-beleidsindicator")
        verbose_name_plural = _("BBV-beleidsindicatoren")

    def __str__(self):
        return self.name

    def unit_in(self, year: int) -> str:
        """The unit of a year: the last one that started in or before it."""
        units = [u for u in self.eenheden.all() if u.year_from <= year]
        return max(units, key=lambda u: u.year_from).eenheid if units else ""


class KaderBBVIndicator(FrozenWithKader):
    """A BBV-beleidsindicator in a programma's table (Deventer: nummer, taakveld, naam, waarde,
    eenheid, bron). The value is the approved figure of the indicator that delivers it; the
    value as the document states it is kept for a programma taken over from a document."""

    kader = models.ForeignKey(
        Beleidskader,
        on_delete=models.CASCADE,
        related_name="bbv_indicatoren",
        verbose_name=_("kader"),
    )
    bbv = models.ForeignKey(
        BBVIndicator, on_delete=models.PROTECT, related_name="+", verbose_name=_("indicator")
    )
    document_value = models.CharField(_("waarde volgens het document"), max_length=32, blank=True)
    document_year = models.PositiveSmallIntegerField(
        _("jaar van die waarde"), null=True, blank=True
    )

    class Meta:
        ordering = ["kader", "bbv__nummer", "bbv__name"]
        constraints = [
            models.UniqueConstraint(fields=["kader", "bbv"], name="bbv_eenmaal_per_kader")
        ]
        verbose_name = _("BBV-beleidsindicator van een programma")
        verbose_name_plural = _("BBV-beleidsindicatoren van een programma")

    def __str__(self):
        return f"{self.kader}: {self.bbv}"

    def owning_kader(self) -> Beleidskader:
        return self.kader


class BBVEenheid(models.Model):
    """The unit of a BBV-indicator from a year on (the set changed units over the years)."""

    bbv = models.ForeignKey(
        BBVIndicator, on_delete=models.CASCADE, related_name="eenheden", verbose_name=_("indicator")
    )
    year_from = models.PositiveSmallIntegerField(_("vanaf jaar"))
    eenheid = models.CharField(_("eenheid"), max_length=200)

    class Meta:
        ordering = ["bbv", "year_from"]
        constraints = [
            models.UniqueConstraint(fields=["bbv", "year_from"], name="bbv_eenheid_per_jaar")
        ]
        verbose_name = _("eenheid van een BBV-indicator")
        verbose_name_plural = _("eenheden van BBV-indicatoren")

    def __str__(self):
        return f"{self.bbv}: {self.eenheid} ({self.year_from})"
