from django import forms
from django.utils.translation import gettext_lazy as _

from budgets.figures import owners_of as owners_for_lines
from budgets.models import Product, Programma, Taakveld
from budgets.services import parse_amount
from indicators.models import Indicator, Uitvraag, Vergelijking
from organisations.models import Doelgroep, Organisation

from .models import ALLOWED_PARENTS, Beleidskader, Doel, Niveau
from .tree import DECISION_FIELDS, owner_choices, parent_choices

YEAR_BOUNDS = {"min_value": 2000, "max_value": 2100}


class DateInput(forms.DateInput):
    input_type = "date"


class YearForm(forms.Form):
    jaar = forms.IntegerField(label=_("Jaar"), required=False, **YEAR_BOUNDS)


class DuidingForm(forms.Form):
    jaar = forms.IntegerField(**YEAR_BOUNDS)
    duiding = forms.CharField(label=_("Duiding"), required=False, widget=forms.Textarea)


class ReactieForm(forms.Form):
    indiener = forms.CharField(label=_("Indiener"), max_length=200)
    received_on = forms.DateField(label=_("Ontvangen op"), widget=DateInput())
    text = forms.CharField(label=_("Reactie"), widget=forms.Textarea(attrs={"rows": 4}))


# ── entering the tree on the website (``beleidskader.tree``) ─────────────────────────────────
class AmountField(forms.CharField):
    """An amount as people type it: 4.486.000 or 4486000,50 (the budgets' own parser)."""

    def clean(self, value):
        amount, error = parse_amount(super().clean(value) or None)
        if error:
            raise forms.ValidationError(error)
        return amount


class KaderForm(forms.ModelForm):
    class Meta:
        model = Beleidskader
        fields = [
            "owner",
            "name",
            "description",
            "source",
            "source_note",
            "year_from",
            "year_to",
            "inspraak_start",
            "inspraak_end",
            "programma",
            "exploitatie_toelichting",
        ]
        widgets = {
            "inspraak_start": DateInput(),
            "inspraak_end": DateInput(),
            "description": forms.Textarea(attrs={"rows": 3}),
            "exploitatie_toelichting": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owner_choices(user)
        owner_ids = list(self.fields["owner"].queryset.values_list("pk", flat=True))
        self.fields["programma"].queryset = Programma.objects.filter(
            owner_id__in=owner_ids
        ).select_related("owner")
        if self.instance.pk:
            # The kader stays with its gemeente or regio.
            del self.fields["owner"]

    def clean(self):
        data = super().clean()
        owner = data.get("owner") or getattr(self.instance, "owner", None)
        programma = data.get("programma")
        if programma and owner and programma.owner_id != owner.pk:
            self.add_error("programma", _("Dit programma hoort bij een andere gemeente."))
        return data


class DecisionForm(forms.Form):
    collegebesluit_date = forms.DateField(
        label=_("Datum collegebesluit"), required=False, widget=DateInput()
    )
    raadsbesluit_date = forms.DateField(
        label=_("Datum raadsbesluit"), required=False, widget=DateInput()
    )
    raadsbesluit = forms.CharField(label=_("Kenmerk raadsbesluit"), required=False, max_length=200)

    def __init__(self, *args, status, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = DECISION_FIELDS.get(status, ())
        for name in list(self.fields):
            if name not in allowed:
                del self.fields[name]


class NodeForm(forms.ModelForm):
    class Meta:
        model = Doel
        fields = [
            "parent",
            "niveau",
            "level_label",
            "nummer",
            "title",
            "text",
            "eigenaar",
            "year_from",
            "year_to",
            "maatschappelijk_resultaat",
            "order",
        ]
        widgets = {
            "title": forms.Textarea(attrs={"rows": 2}),
            "text": forms.Textarea(attrs={"rows": 4}),
            "maatschappelijk_resultaat": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "order": _("Leeg: achteraan. Onderdelen staan op volgorde van dit getal."),
            "parent": _("Leeg: bovenaan (een visie, ambitie of doelstelling)."),
        }

    def __init__(self, *args, kader, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            self.instance.kader = kader
        choices = parent_choices(kader)
        if self.instance.pk:
            choices = choices.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = choices
        self.fields["parent"].label_from_instance = lambda d: f"{d.label} {d}".strip()
        self.fields["order"].required = False

    def clean(self):
        data = super().clean()
        parent, niveau = data.get("parent"), data.get("niveau")
        if niveau and (parent.niveau if parent else None) not in ALLOWED_PARENTS.get(niveau, set()):
            self.add_error(
                "parent",
                _("Een %(niveau)s kan hier niet onder hangen.")
                % {"niveau": Niveau(niveau).label.lower()},
            )
        year_from, year_to = data.get("year_from"), data.get("year_to")
        if year_from and year_to and year_to < year_from:
            self.add_error("year_to", _("Het eindjaar ligt voor het beginjaar."))
        return data


class IndicatorLinkForm(forms.Form):
    indicator = forms.ModelChoiceField(
        label=_("Indicator"), queryset=Indicator.objects.order_by("name")
    )
    doelgroep = forms.ModelChoiceField(
        label=_("Doelgroep (optioneel)"),
        queryset=Doelgroep.objects.select_related("uitvoerder").order_by("name"),
        required=False,
    )
    note = forms.CharField(label=_("Toelichting"), max_length=255, required=False)


class StreefwaardeForm(forms.Form):
    year_from = forms.IntegerField(label=_("Vanaf jaar"), **YEAR_BOUNDS)
    year_to = forms.IntegerField(label=_("Tot en met jaar"), required=False, **YEAR_BOUNDS)
    comparison = forms.ChoiceField(label=_("Vergelijking"), choices=Vergelijking.choices)
    value = forms.DecimalField(label=_("Streefwaarde"), max_digits=20, decimal_places=6)
    note = forms.CharField(label=_("Toelichting"), max_length=255, required=False)

    def clean(self):
        data = super().clean()
        if data.get("year_to") and data.get("year_from") and data["year_to"] < data["year_from"]:
            self.add_error("year_to", _("Het eindjaar ligt voor het beginjaar."))
        return data


class BudgetForm(forms.Form):
    year = forms.IntegerField(label=_("Jaar"), **YEAR_BOUNDS)
    amount = AmountField(label=_("Begroot bedrag (euro)"), required=False)
    label = forms.CharField(label=_("Omschrijving"), max_length=200, required=False)
    programma = forms.ModelChoiceField(
        label=_("Programma"), queryset=Programma.objects.none(), required=False
    )
    product = forms.ModelChoiceField(
        label=_("Product"), queryset=Product.objects.none(), required=False
    )
    taakveld = forms.ModelChoiceField(
        label=_("Taakveld"),
        queryset=Taakveld.objects.filter(parent__isnull=False).order_by("order"),
        required=False,
        help_text=_("Vóór 2017 zijn er geen taakvelden: kies dan een programma of product."),
    )
    uitvoerder = forms.ModelChoiceField(
        label=_("Uitvoerder (optioneel)"), queryset=Organisation.objects.none(), required=False
    )
    uitvraag = forms.ModelChoiceField(
        label=_("Uitvraag (optioneel)"),
        queryset=Uitvraag.objects.none(),
        required=False,
        help_text=_("De uitvraag waarin de uitvoerder de cijfers van deze prestatie levert."),
    )

    def __init__(self, *args, kader, **kwargs):
        super().__init__(*args, **kwargs)
        owners = owners_for_lines(kader.owner)
        self.fields["programma"].queryset = Programma.objects.filter(owner_id__in=owners)
        self.fields["product"].queryset = Product.objects.filter(
            programma__owner_id__in=owners
        ).select_related("programma")
        self.fields["taakveld"].label_from_instance = lambda t: t.label_in(None)
        self.fields["uitvoerder"].queryset = Organisation.objects.uitvoerders().order_by("name")
        self.fields["uitvraag"].queryset = Uitvraag.objects.select_related("uitvoerder").order_by(
            "name"
        )
