"""Forms of the begroting screens: the overview and series filters, a new version, the list filter
and the grid of taakvelden × lasten/baten."""

from dataclasses import dataclass, field
from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.text import TOELICHTING_MAX_LENGTH
from indicators.models import Thema
from organisations.access import Access
from organisations.models import Organisation, OrganisationKind

from .figures import Eenheid, dutch_number
from .models import WIJZIGING_NAMES, BudgetStatus, BudgetVersion, Soort, Taakveld
from .services import LineInput, owner_choices, parse_amount
from .taakvelden import SOCIAAL_DOMEIN

YEAR_BOUNDS = {"min_value": 1990, "max_value": 2100}


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class OwnerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        if obj.kind == OrganisationKind.REGIO:
            return gettext("%(name)s (regio: gemeenten samen)") % {"name": obj.name}
        if obj.kind == OrganisationKind.UITVOERDER:
            return gettext("%(name)s (uitvoeringsorganisatie)") % {"name": obj.name}
        return obj.name


MEASURES = [
    ("lasten", _("Lasten")),
    ("baten", _("Baten")),
    ("saldo", _("Saldo (baten − lasten)")),
]


class OverviewForm(forms.Form):
    organisatie = OwnerChoiceField(
        label=_("Gemeente, regio of uitvoerder"),
        queryset=Organisation.objects.none(),
        to_field_name="code",
        empty_label=None,
    )
    jaar = forms.IntegerField(label=_("Begrotingsjaar"), required=False, **YEAR_BOUNDS)
    peildatum = forms.DateField(
        label=_("Stand per (optioneel)"),
        required=False,
        widget=DateInput(),
        help_text=_("Leeg: alle goedgekeurde versies. Met een datum: wat op die dag bekend was."),
    )
    eenheid = forms.ChoiceField(
        label=_("Bedragen"), choices=Eenheid.choices, initial=Eenheid.DUIZEND, required=False
    )
    bedrag = forms.ChoiceField(
        label=_("Per taakveld"), choices=MEASURES, initial="lasten", required=False
    )
    alles = forms.BooleanField(
        label=_("Alle hoofdtaakvelden tonen (niet alleen het sociaal domein)"), required=False
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisatie"].queryset = owner_choices(user)

    def values(self) -> dict:
        """The cleaned choices; the first organisation when none (or an invalid one) is chosen,
        ``jaar`` None when not chosen (the view picks the latest year with figures)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        organisation = data.get("organisatie") or self.fields["organisatie"].queryset.first()
        return {
            "organisatie": organisation,
            "jaar": data.get("jaar"),
            "peildatum": data.get("peildatum"),
            "eenheid": data.get("eenheid") or Eenheid.DUIZEND,
            "bedrag": data.get("bedrag") or "lasten",
            "alles": bool(data.get("alles")),
        }


class SeriesForm(OverviewForm):
    jaar = None
    peildatum = None
    van = forms.IntegerField(label=_("Van jaar"), required=False, **YEAR_BOUNDS)
    tot = forms.IntegerField(label=_("Tot en met jaar"), required=False, **YEAR_BOUNDS)

    field_order = ["organisatie", "van", "tot", "bedrag", "eenheid", "alles"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bedrag"].label = _("Bedrag")

    def clean(self):
        data = super().clean()
        van, tot = data.get("van"), data.get("tot")
        if van and tot and van > tot:
            self.add_error("van", _("Het beginjaar ligt na het eindjaar."))
        if van and tot and tot - van > 14:
            self.add_error("tot", _("Kies hoogstens vijftien jaar."))
        return data

    def values(self) -> dict:
        """``years``: van..tot when both are valid; tot-4..tot or van..van+4 with one; else []
        (the view then shows the five years up to the latest year with figures)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        organisation = data.get("organisatie") or self.fields["organisatie"].queryset.first()
        van, tot = data.get("van"), data.get("tot")
        if van and tot:
            years = list(range(van, tot + 1))
        elif tot:
            years = list(range(tot - 4, tot + 1))
        elif van:
            years = list(range(van, van + 5))
        else:
            years = []
        return {
            "organisatie": organisation,
            "years": years,
            "eenheid": data.get("eenheid") or Eenheid.DUIZEND,
            "bedrag": data.get("bedrag") or "lasten",
            "alles": bool(data.get("alles")),
        }


class VersionForm(forms.Form):
    """A new version: whose, which year, which soort, and its name and date."""

    owner = forms.ModelChoiceField(
        label=_("Gemeente of uitvoerder"), queryset=Organisation.objects.none(), empty_label=None
    )
    year = forms.IntegerField(label=_("Begrotingsjaar"), **YEAR_BOUNDS)
    soort = forms.ChoiceField(label=_("Soort"), choices=Soort.choices)
    name = forms.CharField(
        label=_("Naam"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"list": "naam-suggesties"}),
        help_text=_(
            "Bijvoorbeeld Voorjaarsnota, 1e bestuursrapportage, 2e bestuursrapportage of "
            "Najaarsnota. Leeg: een naam volgens de soort en het jaar."
        ),
    )
    datum = forms.DateField(
        label=_("Datum"),
        required=False,
        widget=DateInput(),
        help_text=_(
            "Verplicht voor een begrotingswijziging (datum van het besluit: vanaf die datum telt "
            "zij mee in de actuele begroting), een prognose en een realisatie tot en met peildatum "
            "(de peildatum)."
        ),
    )
    toelichting = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=TOELICHTING_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        access = Access.for_user(user)
        ids = set(access.beleid_gemeente_ids) | set(access.uitvoerder_ids)
        self.fields["owner"].queryset = Organisation.objects.filter(pk__in=ids).order_by(
            "kind", "name"
        )
        self.fields["year"].initial = timezone.now().year
        self.name_suggestions = [str(name) for name in WIJZIGING_NAMES]


class VersionMetaForm(forms.Form):
    """Name, date and toelichting of an editable version (above the grid)."""

    name = forms.CharField(label=_("Naam"), max_length=200)
    datum = forms.DateField(label=_("Datum"), required=False, widget=DateInput())
    toelichting = forms.CharField(
        label=_("Toelichting bij de versie"),
        required=False,
        max_length=TOELICHTING_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class VersionFilterForm(forms.Form):
    organisatie = OwnerChoiceField(
        label=_("Gemeente of uitvoerder"),
        required=False,
        queryset=Organisation.objects.none(),
        to_field_name="code",
        empty_label=_("Alle"),
    )
    jaar = forms.IntegerField(label=_("Jaar"), required=False, **YEAR_BOUNDS)
    soort = forms.ChoiceField(
        label=_("Soort"), required=False, choices=[("", _("Alle soorten")), *Soort.choices]
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Alle statussen")), *BudgetStatus.choices],
    )

    def __init__(self, *args, versions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisatie"].queryset = Organisation.objects.filter(
            pk__in=versions.values("owner_id")
        ).order_by("kind", "name")

    def filter(self, versions):
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        if data.get("organisatie"):
            versions = versions.filter(owner=data["organisatie"])
        if data.get("jaar"):
            versions = versions.filter(year=data["jaar"])
        if data.get("soort"):
            versions = versions.filter(soort=data["soort"])
        if data.get("status"):
            versions = versions.filter(status=data["status"])
        return versions


# ── the grid ─────────────────────────────────────────────────────────────────────────────────
@dataclass
class GridRow:
    """One taakveld: what is stored (or was posted) and the names of its inputs."""

    taakveld: Taakveld
    year: int
    lasten: str = ""
    baten: str = ""
    toelichting: str = ""
    thema_id: int | None = None
    uitvoerder_id: int | None = None
    errors: dict[str, str] = field(default_factory=dict)
    stored: object = None  # the BudgetLine as stored (kept for a part that was typed wrong)

    @property
    def prefix(self) -> str:
        return f"tv-{self.taakveld.pk}"

    @property
    def label(self) -> str:
        return self.taakveld.label_in(self.year)

    def name(self, part: str) -> str:
        return f"{self.prefix}-{part}"

    @property
    def lasten_name(self):
        return self.name("lasten")

    @property
    def baten_name(self):
        return self.name("baten")

    @property
    def toelichting_name(self):
        return self.name("toelichting")

    @property
    def thema_name(self):
        return self.name("thema")

    @property
    def uitvoerder_name(self):
        return self.name("uitvoerder")

    @property
    def details_open(self) -> bool:
        return bool(self.toelichting or self.thema_id or self.uitvoerder_id or self.errors)


@dataclass
class GridGroup:
    hoofdtaakveld: Taakveld
    rows: list[GridRow]


def _amount_text(value) -> str:
    """A stored amount as the user would type it: 1.234.567 or 1.234.567,89."""
    if value is None:
        return ""
    return dutch_number(value, 0 if value == value.to_integral_value() else 2)


class BudgetGridForm:
    """Rows = taakvelden valid in the version's year; columns = lasten, baten (+ toelichting and
    links in a fold-out). Shows the sociaal domein unless ``show_all``; a taakveld with a stored
    line always shows. Lines with a programma or product are edited by import or API."""

    def __init__(self, version: BudgetVersion, data=None, show_all=False):
        self.version = version
        self.data = data
        self.errors: list[tuple[GridRow, str, str]] = []
        stored = {
            line.taakveld_id: line
            for line in version.lines.filter(programma__isnull=True, product__isnull=True)
        }
        taakvelden = [
            t
            for t in Taakveld.objects.select_related("parent").order_by("order")
            if not t.is_hoofdtaakveld and t.is_valid_in(version.year)
        ]
        heads = {t.pk: t for t in Taakveld.objects.filter(parent__isnull=True)}
        self.groups: list[GridGroup] = []
        self.rows: list[GridRow] = []
        for taakveld in taakvelden:
            if not (
                show_all or taakveld.hoofdtaakveld_code == SOCIAAL_DOMEIN or taakveld.pk in stored
            ):
                continue
            line = stored.get(taakveld.pk)
            row = GridRow(taakveld=taakveld, year=version.year)
            row.stored = line
            if line is not None:
                row.lasten = _amount_text(line.lasten)
                row.baten = _amount_text(line.baten)
                row.toelichting = line.toelichting
                row.thema_id = line.thema_id
                row.uitvoerder_id = line.uitvoerder_id
            if not self.groups or self.groups[-1].hoofdtaakveld.pk != taakveld.parent_id:
                self.groups.append(GridGroup(hoofdtaakveld=heads[taakveld.parent_id], rows=[]))
            self.groups[-1].rows.append(row)
            self.rows.append(row)
        self.themas = list(Thema.objects.order_by("order", "name"))
        self.uitvoerders = list(Organisation.objects.uitvoerders().order_by("name"))
        if data is not None:
            self._read(data)

    def _read(self, data):
        thema_ids = {t.pk for t in self.themas}
        uitvoerder_ids = {u.pk for u in self.uitvoerders}
        for row in self.rows:
            if row.lasten_name not in data:
                continue  # absent from the post: left alone
            row.lasten = data.get(row.lasten_name, "").strip()
            row.baten = data.get(row.baten_name, "").strip()
            row.toelichting = data.get(row.toelichting_name, "").strip()
            row.thema_id = _int(data.get(row.thema_name), thema_ids)
            row.uitvoerder_id = _int(data.get(row.uitvoerder_name), uitvoerder_ids)
            for part in ("lasten", "baten"):
                _number, error = parse_amount(getattr(row, part))
                if error:
                    row.errors[part] = error
                    self.errors.append((row, part, error))

    def is_valid(self) -> bool:
        return self.data is not None and not self.errors

    def line_inputs(self) -> list[LineInput]:
        """What to save, as the figures grid does: valid amounts are kept even when another is
        wrong. A wrongly typed amount keeps what was stored (the page shows the typed text with
        its error); a new line with a wrong amount waits until it is right."""
        inputs = []
        for row in self.rows:
            if row.lasten_name not in self.data:
                continue
            if row.errors and row.stored is None:
                continue
            amounts = {}
            for part in ("lasten", "baten"):
                if part in row.errors:
                    amounts[part] = getattr(row.stored, part)
                else:
                    amounts[part] = parse_amount(getattr(row, part))[0]
            inputs.append(
                LineInput(
                    taakveld_id=row.taakveld.pk,
                    thema_id=row.thema_id,
                    uitvoerder_id=row.uitvoerder_id,
                    toelichting=row.toelichting,
                    **amounts,
                )
            )
        return inputs

    def refuse(self, inputs: list[LineInput], errors: dict[int, str]) -> list[LineInput]:
        """Show the lines that :func:`budgets.services.validate_lines` refused (a toelichting
        too long, …) at their row, and return the other inputs."""
        rows = {row.taakveld.pk: row for row in self.rows}
        for position, error in errors.items():
            row = rows[inputs[position].taakveld_id]
            row.errors["toelichting"] = error
            self.errors.append((row, "toelichting", error))
        return [line for position, line in enumerate(inputs) if position not in errors]


def _int(text, allowed: set[int]) -> int | None:
    try:
        number = int(text)
    except (TypeError, ValueError):
        return None
    return number if number in allowed else None


def default_peildatum(year: int) -> date:
    return date(year, 12, 31)
