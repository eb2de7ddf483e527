"""Themes, indicators, periods, uitvragen (what a supplier must deliver) and submissions."""

import calendar
import re
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.jobs import JobHeartbeat
from core.models import (  # noqa: F401 (EDITABLE_STATUSES: imported from here)
    EDITABLE_STATUSES,
    ReviewFields,
    ReviewStatus,
    WorkflowEvent,
    event_fields,
)
from core.text import REASON_MAX_LENGTH, TOELICHTING_MAX_LENGTH
from organisations.access import Access
from organisations.models import Doelgroep, Organisation, OrganisationKind


class Thema(models.Model):
    """A maatschappelijk resultaat, e.g. "Iedereen doet mee"."""

    code = models.SlugField(_("code"), max_length=64, unique=True)
    name = models.CharField(_("naam"), max_length=200)
    description = models.TextField(_("beschrijving"), blank=True)
    order = models.PositiveIntegerField(_("volgorde"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("maatschappelijk resultaat")
        verbose_name_plural = _("maatschappelijke resultaten")

    def __str__(self):
        return self.name


class IndicatorSoort(models.TextChoices):
    MAATSCHAPPELIJK = "maatschappelijk", _("Maatschappelijke indicator")
    PRESTATIE = "prestatie", _("Prestatie-indicator")


class Aspect(models.TextChoices):
    ONTWIKKELING = "ontwikkeling", _("Ontwikkeling")
    INZET = "inzet", _("Inzet")
    EFFECT = "effect", _("Effect")


class Eenheid(models.TextChoices):
    AANTAL = "aantal", _("aantal")  # of people: disclosure control applies
    FTE = "fte", _("fte")  # formation, not people: never suppressed for its own value
    PERCENTAGE = "percentage", _("%")
    EURO = "euro", _("€")
    RAPPORTCIJFER = "rapportcijfer", _("rapportcijfer (1-10)")
    PER_1000 = "per_1000", _("per 1.000 inwoners")
    PER_10000 = "per_10000", _("per 10.000 inwoners")


class PeriodType(models.TextChoices):
    KWARTAAL = "Q", _("Kwartaal")
    HALFJAAR = "H", _("Halfjaar")
    JAAR = "J", _("Jaar")


class Richting(models.TextChoices):
    HOGER = "hoger", _("Hoger is beter")
    LAGER = "lager", _("Lager is beter")
    GEEN = "geen", _("Geen voorkeur")


class Aggregatie(models.TextChoices):
    """How an indicator adds up over gemeenten → regio, doelgroepen → totaal and periods → year."""

    SOM = "som", _("Optellen (stroomcijfer: over gebieden, doelgroepen en tijd)")
    STAND = "stand", _("Stand (optellen over gebieden en doelgroepen, laatste waarde in de tijd)")
    FORMULE = "formule", _("Herberekenen uit de opgetelde delen (verhoudingscijfer)")
    GEEN = "geen", _("Niet optellen")


class Indicator(models.Model):
    code = models.SlugField(_("code"), max_length=80, unique=True)
    name = models.CharField(_("naam"), max_length=255)
    thema = models.ForeignKey(
        Thema, on_delete=models.PROTECT, related_name="indicators", verbose_name=_("thema")
    )
    soort = models.CharField(_("soort"), max_length=16, choices=IndicatorSoort.choices)
    aspect = models.CharField(_("inzet/effect"), max_length=16, choices=Aspect.choices)
    eenheid = models.CharField(_("eenheid"), max_length=16, choices=Eenheid.choices)
    decimals = models.PositiveSmallIntegerField(
        _("decimalen"), default=0, help_text=_("Het aantal toegestane decimalen.")
    )
    definition = models.TextField(_("definitie"), blank=True)
    source = models.CharField(_("bron"), max_length=255, blank=True)
    period_type = models.CharField(
        _("periodetype"), max_length=1, choices=PeriodType.choices, default=PeriodType.HALFJAAR
    )
    richting = models.CharField(
        _("gewenste richting"), max_length=8, choices=Richting.choices, default=Richting.GEEN
    )
    is_ontwikkelindicator = models.BooleanField(_("ontwikkelindicator"), default=False)
    uitvoerder = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="indicators",
        limit_choices_to={"kind": OrganisationKind.UITVOERDER},
        verbose_name=_("uitvoeringsorganisatie"),
        help_text=_("Voor prestatie-indicatoren: wie levert."),
    )
    order = models.PositiveIntegerField(_("volgorde"), default=0)
    formula = models.TextField(
        _("formule"),
        blank=True,
        help_text=_(
            "Leeg: de waarde wordt aangeleverd. Anders berekend uit andere indicatoren, bijvoorbeeld "
            "[uitstroom-werk] / (([beginstand] + [eindstand]) / 2)."
        ),
    )
    aggregatie = models.CharField(
        _("optellen"), max_length=8, choices=Aggregatie.choices, default=Aggregatie.SOM
    )
    min_value = models.DecimalField(
        _("minimumwaarde"), max_digits=20, decimal_places=6, null=True, blank=True
    )
    max_value = models.DecimalField(
        _("maximumwaarde"), max_digits=20, decimal_places=6, null=True, blank=True
    )
    outlier_pct = models.DecimalField(
        _("uitschieter bij verandering van meer dan (%)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Een grotere verandering t.o.v. de vorige periode vraagt om een toelichting."),
    )
    trend_threshold_pct = models.DecimalField(
        _("drempel trendoordeel (%)"),
        max_digits=8,
        decimal_places=2,
        default=5,
        help_text=_("Kleinere veranderingen gelden als 'gelijk'."),
    )

    class Meta:
        ordering = ["thema__order", "soort", "order", "name"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicatoren")

    def __str__(self):
        return self.name

    @property
    def is_computed(self):
        return bool(self.formula.strip())

    @property
    def display_name(self):
        if self.is_ontwikkelindicator:
            return f"{self.name} ({_('ontwikkelindicator')})"
        return self.name

    def clean(self):
        super().clean()
        # Unknown codes, self-reference and cycles are refused here (admin, forms) with a Dutch
        # message on the formula field; the engine itself never crashes on a bad formula.
        from .formula import validate_formula

        self.formula = self.formula.strip()
        validate_formula(self)


PERIOD_RE = re.compile(r"^\s*(\d{4})\s*(?:([QqKk])([1-4])|([HhSs])([12]))?\s*$")


class Period(models.Model):
    """A reporting period with a sortable identifier: ``2018Q2``, ``2018H1`` or ``2018``."""

    identifier = models.CharField(_("code"), max_length=8, unique=True)
    type = models.CharField(_("soort"), max_length=1, choices=PeriodType.choices)
    year = models.PositiveSmallIntegerField(_("jaar"))
    number = models.PositiveSmallIntegerField(_("nummer"), default=1)
    start = models.DateField(_("begin"))
    end = models.DateField(_("einde"))
    peildatum = models.DateField(_("peildatum"), help_text=_("Stand per (voor voorraadcijfers)."))

    class Meta:
        ordering = ["start", "type"]
        constraints = [
            models.UniqueConstraint(fields=["type", "year", "number"], name="periode_uniek")
        ]
        verbose_name = _("periode")
        verbose_name_plural = _("periodes")

    def __str__(self):
        return self.label

    @property
    def label(self):
        """ "2018 kwartaal 2", "2018 eerste halfjaar", "2018" in the active language."""
        if self.type == PeriodType.KWARTAAL:
            return gettext("%(year)s kwartaal %(number)s") % {
                "year": self.year,
                "number": self.number,
            }
        if self.type == PeriodType.HALFJAAR:
            if self.number == 1:
                return gettext("%(year)s eerste halfjaar") % {"year": self.year}
            return gettext("%(year)s tweede halfjaar") % {"year": self.year}
        return str(self.year)

    @staticmethod
    def parse_identifier(text: str) -> tuple[str, int, int]:
        """``2018Q2`` → (Q, 2018, 2); ``2018S1``/``2018H1`` → (H, 2018, 1); ``2018`` → (J, 2018, 1)."""
        match = PERIOD_RE.match(text or "")
        if not match:
            raise ValidationError(
                _("Onbekende periode '%(code)s': gebruik bijvoorbeeld 2018Q2, 2018H1 of 2018."),
                params={"code": text},
            )
        year = int(match.group(1))
        if match.group(2):
            return PeriodType.KWARTAAL, year, int(match.group(3))
        if match.group(4):
            return PeriodType.HALFJAAR, year, int(match.group(5))
        return PeriodType.JAAR, year, 1

    @classmethod
    def bounds(cls, type_: str, year: int, number: int) -> tuple[date, date]:
        months = {PeriodType.KWARTAAL: 3, PeriodType.HALFJAAR: 6, PeriodType.JAAR: 12}[type_]
        first_month = (number - 1) * months + 1
        last_month = first_month + months - 1
        return date(year, first_month, 1), date(
            year, last_month, calendar.monthrange(year, last_month)[1]
        )

    @classmethod
    def canonical_identifier(cls, type_: str, year: int, number: int) -> str:
        if type_ == PeriodType.JAAR:
            return str(year)
        return f"{year}{type_}{number}"

    @classmethod
    def get_or_create_from_identifier(cls, text: str, peildatum: date | None = None):
        type_, year, number = cls.parse_identifier(text)
        start, end = cls.bounds(type_, year, number)
        return cls.objects.get_or_create(
            type=type_,
            year=year,
            number=number,
            defaults={
                "identifier": cls.canonical_identifier(type_, year, number),
                "start": start,
                "end": end,
                "peildatum": peildatum or end,
            },
        )

    def previous(self):
        """The period of the same type just before this one, if it exists."""
        if self.type == PeriodType.JAAR:
            key = (self.year - 1, 1)
        elif self.number > 1:
            key = (self.year, self.number - 1)
        else:
            key = (self.year - 1, 4 if self.type == PeriodType.KWARTAAL else 2)
        return Period.objects.filter(type=self.type, year=key[0], number=key[1]).first()


class Uitvraag(models.Model):
    """What a supplier must deliver: indicator × doelgroep rows for a set of gemeenten/regio's."""

    uitvoerder = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="uitvragen",
        limit_choices_to={"kind": OrganisationKind.UITVOERDER},
        verbose_name=_("uitvoeringsorganisatie"),
    )
    name = models.CharField(_("naam"), max_length=200)
    description = models.TextField(_("toelichting"), blank=True)
    areas = models.ManyToManyField(
        Organisation,
        related_name="uitvragen_voor",
        limit_choices_to={"kind__in": [OrganisationKind.GEMEENTE, OrganisationKind.REGIO]},
        verbose_name=_("gemeenten en regio's"),
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        ordering = ["uitvoerder__name", "name"]
        verbose_name = _("uitvraag")
        verbose_name_plural = _("uitvragen")

    def __str__(self):
        return f"{self.uitvoerder} – {self.name}"


class UitvraagRegel(models.Model):
    uitvraag = models.ForeignKey(
        Uitvraag, on_delete=models.CASCADE, related_name="regels", verbose_name=_("uitvraag")
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
    order = models.PositiveIntegerField(_("volgorde"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["uitvraag", "indicator", "doelgroep"],
                name="uitvraagregel_uniek",
                condition=Q(doelgroep__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["uitvraag", "indicator"],
                name="uitvraagregel_uniek_zonder_doelgroep",
                condition=Q(doelgroep__isnull=True),
            ),
        ]
        verbose_name = _("uitvraagregel")
        verbose_name_plural = _("uitvraagregels")

    def __str__(self):
        return f"{self.indicator} – {self.doelgroep or _('alle')}"


# An aanlevering moves through the review cycle of the workflow core.
SubmissionStatus = ReviewStatus


class SubmissionQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Suppliers see their own organisation's; beleid sees those about its gemeenten."""
        access = Access.for_user(user)
        if access.is_beheerder:
            return self
        condition = Q(pk__in=[])
        if access.uitvoerder_ids:
            condition |= Q(uitvraag__uitvoerder_id__in=access.uitvoerder_ids)
        if access.beleid_area_ids:
            condition |= Q(
                pk__in=Submission.objects.filter(uitvraag__areas__in=access.beleid_area_ids).values(
                    "pk"
                )
            )
        return self.filter(condition)

    def with_related(self):
        return self.select_related("uitvraag__uitvoerder", "period", "submitted_by", "reviewed_by")


class Submission(ReviewFields):
    """An aanlevering: a supplier's answer to an uitvraag for one period."""

    uitvraag = models.ForeignKey(
        Uitvraag, on_delete=models.PROTECT, related_name="submissions", verbose_name=_("uitvraag")
    )
    period = models.ForeignKey(
        Period, on_delete=models.PROTECT, related_name="submissions", verbose_name=_("periode")
    )
    deadline = models.DateField(_("uiterste leverdatum"))
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=SubmissionStatus.choices,
        default=SubmissionStatus.CONCEPT,
        db_index=True,
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    objects = SubmissionQuerySet.as_manager()

    class Meta:
        ordering = ["-period__start", "uitvraag__uitvoerder__name", "uitvraag__name"]
        constraints = [
            models.UniqueConstraint(fields=["uitvraag", "period"], name="aanlevering_uniek")
        ]
        indexes = [models.Index(fields=["status", "deadline"])]
        verbose_name = _("aanlevering")
        verbose_name_plural = _("aanleveringen")

    def __str__(self):
        return f"{self.uitvraag} – {self.period}"

    @property
    def uitvoerder(self):
        return self.uitvraag.uitvoerder


# Audit trail of the workflow: who did what, when, from which state to which, and why.
class SubmissionEvent(WorkflowEvent):
    submission, from_status, to_status = event_fields(
        Submission, _("aanlevering"), SubmissionStatus
    )

    class Meta(WorkflowEvent.Meta):
        verbose_name = _("gebeurtenis aanlevering")
        verbose_name_plural = _("gebeurtenissen aanleveringen")


class CijferStatus(models.TextChoices):
    """The status of a figure as CBS publishes it: a later, more definitive figure is a new
    approved version of the same cell (its history keeps the earlier one). Public outputs mark
    every figure that is not definitief with ``*``."""

    VOORLOPIG = "voorlopig", _("voorlopig")
    NADER_VOORLOPIG = "nader_voorlopig", _("nader voorlopig")
    DEFINITIEF = "definitief", _("definitief")


def status_from(value) -> str:
    """A status from what an input gives: a status (also "nader voorlopig" with a space), or the
    old voorlopig flag (True → voorlopig, False → definitief). Raises ValueError otherwise."""
    if isinstance(value, bool):
        return CijferStatus.VOORLOPIG if value else CijferStatus.DEFINITIEF
    text = str(value or "").strip().lower().replace(" ", "_").replace("-", "_")
    if text in CijferStatus.values:
        return text
    raise ValueError(text)


def is_provisional(status) -> bool:
    """Not (yet) definitief; accepts the old boolean flag too (snapshots, engine rows)."""
    if isinstance(status, str):
        return status != CijferStatus.DEFINITIEF
    return bool(status)


class ValueQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(submission__status=SubmissionStatus.GOEDGEKEURD, value__isnull=False)

    def for_gemeente(self, gemeente):
        """Values about a gemeente itself or about a regio it belongs to."""
        return self.filter(Q(area=gemeente) | Q(area__gemeenten=gemeente))


class Value(models.Model):
    """One figure: indicator × doelgroep × gemeente/regio within a submission.

    ``raw`` keeps exactly what the supplier typed, so invalid input is never lost; ``value`` holds
    the parsed number only when ``raw`` is valid (``error`` says why it is not).
    """

    # No single-column indexes on submission and indicator: they lead the composite indexes
    # below, and at millions of values every extra index slows a bulk import (docs/benchmarks.md).
    submission = models.ForeignKey(
        Submission,
        on_delete=models.CASCADE,
        related_name="values",
        verbose_name=_("aanlevering"),
        db_index=False,
    )
    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.PROTECT,
        related_name="values",
        verbose_name=_("indicator"),
        db_index=False,
    )
    doelgroep = models.ForeignKey(
        Doelgroep,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="values",
        verbose_name=_("doelgroep"),
    )
    area = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="values",
        verbose_name=_("gemeente of regio"),
    )
    value = models.DecimalField(_("waarde"), max_digits=20, decimal_places=6, null=True, blank=True)
    raw = models.CharField(_("ingevoerd"), max_length=64, blank=True)
    error = models.CharField(_("fout"), max_length=255, blank=True)
    toelichting = models.TextField(_("toelichting"), blank=True, max_length=TOELICHTING_MAX_LENGTH)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=CijferStatus.choices,
        default=CijferStatus.DEFINITIEF,
        help_text=_("Zoals CBS: voorlopig, nader voorlopig of definitief."),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gewijzigd door"),
    )
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    # The history is read per submission (the history page) and per value (id); single-column
    # indexes on its other references only cost writes (100.000 rows per bulk import) and buffer
    # space: no foreign-key constraints on history rows need them.
    history = HistoricalRecords(
        excluded_fields=["updated_at"],
        no_db_index=["area", "doelgroep", "indicator", "updated_by"],
    )
    objects = ValueQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "indicator", "doelgroep", "area"],
                name="waarde_uniek",
                condition=Q(doelgroep__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["submission", "indicator", "area"],
                name="waarde_uniek_zonder_doelgroep",
                condition=Q(doelgroep__isnull=True),
            ),
        ]
        indexes = [
            # The API's pages of a submission's values (``waarden/``, a cursor over the ids).
            models.Index(fields=["submission", "id"], name="waarde_aanlevering_id"),
            models.Index(fields=["indicator", "area"]),
            # The engine reads the approved figures of a few gemeenten in a few periods (their
            # submissions): on PostgreSQL an index-only scan, measured with 11 million values
            # in docs/benchmarks.md. SQLite ignores ``include``.
            models.Index(
                fields=["submission", "area"],
                include=["indicator", "doelgroep", "value", "status"],
                name="waarde_aanlevering_gebied",
            ),
        ]
        verbose_name = _("waarde")
        verbose_name_plural = _("waarden")

    def __str__(self):
        return f"{self.indicator} / {self.doelgroep or '-'} / {self.area}: {self.raw or '—'}"

    @property
    def key(self):
        return (self.indicator_id, self.doelgroep_id, self.area_id)

    @property
    def is_filled(self):
        return self.value is not None

    # The old flag, kept as an alias: True for voorlopig and nader voorlopig; setting it maps
    # True → voorlopig, False → definitief (``Value(voorlopig=True)`` works too).
    @property
    def voorlopig(self) -> bool:
        return is_provisional(self.status)

    @voorlopig.setter
    def voorlopig(self, flag: bool) -> None:
        self.status = status_from(bool(flag))

    @property
    def number(self) -> Decimal | None:
        return self.value


class Vergelijking(models.TextChoices):
    MINIMAAL = ">=", _("minimaal")
    MAXIMAAL = "<=", _("maximaal")
    GELIJK = "=", _("gelijk aan")


class Streefwaarde(models.Model):
    """A target for an indicator, for a gemeente, regio or supplier, valid for a range of years."""

    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.CASCADE,
        related_name="streefwaarden",
        verbose_name=_("indicator"),
    )
    scope = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="streefwaarden",
        verbose_name=_("voor"),
        help_text=_("Gemeente, regio of uitvoeringsorganisatie."),
    )
    doelgroep = models.ForeignKey(
        Doelgroep, on_delete=models.CASCADE, null=True, blank=True, verbose_name=_("doelgroep")
    )
    year_from = models.PositiveSmallIntegerField(_("vanaf jaar"))
    year_to = models.PositiveSmallIntegerField(_("tot en met jaar"), null=True, blank=True)
    comparison = models.CharField(
        _("vergelijking"), max_length=2, choices=Vergelijking.choices, default=Vergelijking.MINIMAAL
    )
    value = models.DecimalField(_("streefwaarde"), max_digits=20, decimal_places=6)
    note = models.CharField(_("toelichting"), max_length=255, blank=True)

    class Meta:
        ordering = ["indicator", "scope", "year_from"]
        indexes = [models.Index(fields=["indicator", "scope"])]
        verbose_name = _("streefwaarde")
        verbose_name_plural = _("streefwaarden")

    def __str__(self):
        until = self.year_to or "…"
        return f"{self.indicator} – {self.scope}: {self.get_comparison_display()} {self.value} ({self.year_from}-{until})"


class Oordeel(models.TextChoices):
    POSITIEF = "positief", _("Voorzichtig positief")
    NEGATIEF = "negatief", _("Voorzichtig negatief")
    GELIJK = "gelijk", _("Gelijk")
    GEEN = "geen", _("Geen oordeel")


class TrendOordeel(models.Model):
    """The beleidsmedewerker's judgement of a trend; the system's proposal is kept beside it."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="oordelen", verbose_name=_("indicator")
    )
    area = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="+", verbose_name=_("gebied")
    )
    doelgroep = models.ForeignKey(
        Doelgroep, on_delete=models.CASCADE, null=True, blank=True, verbose_name=_("doelgroep")
    )
    period = models.ForeignKey(
        Period, on_delete=models.CASCADE, related_name="+", verbose_name=_("periode")
    )
    base_period = models.ForeignKey(
        Period,
        on_delete=models.CASCADE,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("vergeleken met"),
    )
    proposal = models.CharField(_("voorstel"), max_length=8, choices=Oordeel.choices)
    judgement = models.CharField(_("oordeel"), max_length=8, choices=Oordeel.choices)
    reason = models.TextField(_("motivering"), blank=True, max_length=REASON_MAX_LENGTH)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("vastgelegd door"),
    )
    decided_at = models.DateTimeField(_("vastgelegd op"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "area", "doelgroep", "period"],
                name="trendoordeel_uniek",
                condition=Q(doelgroep__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["indicator", "area", "period"],
                name="trendoordeel_uniek_zonder_doelgroep",
                condition=Q(doelgroep__isnull=True),
            ),
        ]
        verbose_name = _("trendoordeel")
        verbose_name_plural = _("trendoordelen")

    def __str__(self):
        return f"{self.indicator} – {self.area} – {self.period}: {self.get_judgement_display()}"


class Operator(models.TextChoices):
    LE = "<=", "≤"
    LT = "<", "<"
    EQ = "=", "="
    NE = "!=", "≠"
    GE = ">=", "≥"
    GT = ">", ">"


class Ernst(models.TextChoices):
    FOUT = "fout", _("Fout (blokkeert indienen)")
    WAARSCHUWING = "waarschuwing", _("Waarschuwing (vraagt een toelichting)")


class BijOntbreken(models.TextChoices):
    OVERSLAAN = "overslaan", _("Regel overslaan")
    NUL = "nul", _("Ontbrekende waarde telt als 0")
    MELDEN = "melden", _("Melden als probleem")


class ValidatieRegel(models.Model):
    """A declarative rule between figures, e.g. ``[uitstroom-werk] <= [uitstroom-totaal]``.

    Both sides are formulas (see indicators.formula); ``[code@doelgroep]`` names one doelgroep's
    figure. Rules are evaluated per gemeente/regio of a submission.
    """

    code = models.SlugField(_("code"), max_length=80, unique=True)
    name = models.CharField(_("omschrijving"), max_length=255)
    left = models.TextField(_("linkerkant"))
    operator = models.CharField(_("operator"), max_length=2, choices=Operator.choices)
    right = models.TextField(_("rechterkant"))
    ernst = models.CharField(
        _("ernst"), max_length=12, choices=Ernst.choices, default=Ernst.WAARSCHUWING
    )
    bij_ontbreken = models.CharField(
        _("bij ontbrekende waarde"),
        max_length=10,
        choices=BijOntbreken.choices,
        default=BijOntbreken.OVERSLAAN,
    )
    uitvoerder = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="validatieregels",
        limit_choices_to={"kind": OrganisationKind.UITVOERDER},
        verbose_name=_("uitvoeringsorganisatie"),
        help_text=_("Leeg: geldt voor alle aanleveringen waarin de indicatoren voorkomen."),
    )
    message = models.CharField(_("melding"), max_length=255, blank=True)
    active = models.BooleanField(_("actief"), default=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("validatieregel")
        verbose_name_plural = _("validatieregels")

    def __str__(self):
        return f"{self.name} ({self.left} {self.operator} {self.right})"


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("In de wachtrij")
    READING = "reading", _("Wordt ingelezen")
    PREVIEW = "preview", _("Voorbeeld")
    APPLIED = "applied", _("Verwerkt")
    DISCARDED = "discarded", _("Verworpen")
    FAILED = "failed", _("Mislukt")


class ImportJob(JobHeartbeat):
    """An uploaded spreadsheet or bulk payload: parsed, previewed, then applied atomically.

    Read by a worker that beats on the row (core.jobs): one that dies is taken over or, silent
    for JOB_STALE_AFTER_SECONDS, marked mislukt by the sweep (indicators.tasks)."""

    submission = models.ForeignKey(
        Submission,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="imports",
        verbose_name=_("aanlevering"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("door"),
    )
    filename = models.CharField(_("bestandsnaam"), max_length=255, blank=True)
    file_format = models.CharField(_("formaat"), max_length=8, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.PREVIEW
    )
    rows = models.JSONField(_("ingelezen regels"), default=list, blank=True)
    summary = models.JSONField(_("samenvatting"), default=dict, blank=True)
    # The uploaded file until the worker has read it (then deleted; the preview is in summary).
    upload = models.FileField(_("bestand"), upload_to="imports/%Y/%m/", blank=True)
    progress = models.PositiveSmallIntegerField(_("voortgang (%)"), default=0)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    applied_at = models.DateTimeField(_("verwerkt op"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self):
        return f"{self.filename or self.file_format} ({self.get_status_display()})"

    @property
    def is_reading(self) -> bool:
        return self.status in {ImportStatus.QUEUED, ImportStatus.READING}
