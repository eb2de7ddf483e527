"""Forms of the report screens: start a report, write its texts (the duiding and the narrative
per thema and supplier), give a reason."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.text import DUIDING_MAX_LENGTH, REASON_MAX_LENGTH
from indicators.models import Period, Thema
from organisations.access import Access
from organisations.models import Organisation

from .adoption import Besluit
from .models import Bestuursorgaan
from .texts import SUPPLIER_FIELDS, THEMA_FIELDS, Narrative


class DutchForm(forms.Form):
    """Labels without Django's trailing colon, as elsewhere on the site."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class PeriodChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.label} ({obj.identifier})"


class NewReportForm(DutchForm):
    gemeente = forms.ModelChoiceField(
        label=_("Gemeente"),
        queryset=Organisation.objects.none(),
        empty_label=_("Kies een gemeente"),
    )
    period = PeriodChoiceField(
        label=_("Periode"),
        queryset=Period.objects.order_by("-start", "type"),
        empty_label=_("Kies een periode"),
        help_text=_("De rapportage bevat de goedgekeurde cijfers tot en met deze periode."),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        access = Access.for_user(user)
        gemeenten = Organisation.objects.gemeenten().order_by("name")
        if not access.is_beheerder:
            gemeenten = gemeenten.filter(pk__in=access.beleid_gemeente_ids)
        self.fields["gemeente"].queryset = gemeenten
        if len(access.beleid_gemeente_ids) == 1 and not access.is_beheerder:
            self.fields["gemeente"].initial = next(iter(access.beleid_gemeente_ids))


class ReportTextsForm(DutchForm):
    """The introduction and a "Wat zien we?" text per thema (fields ``thema_<pk>``)."""

    introduction = forms.CharField(
        label=_("Inleiding"),
        required=False,
        max_length=DUIDING_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Verschijnt vooraan in de rapportage. Laat leeg om geen inleiding op te nemen."
        ),
    )

    def __init__(self, *args, report, themas=None, **kwargs):
        self.themas = list(
            themas if themas is not None else Thema.objects.order_by("order", "name")
        )
        texts = {t.thema_id: t.wat_zien_we for t in report.texts.all()}
        initial = {"introduction": report.introduction}
        initial.update({self.field_name(t): texts.get(t.pk, "") for t in self.themas})
        super().__init__(*args, initial=initial, **kwargs)
        for thema in self.themas:
            self.fields[self.field_name(thema)] = forms.CharField(
                label=_("Wat zien we? – %(thema)s") % {"thema": thema.name},
                required=False,
                max_length=DUIDING_MAX_LENGTH,
                widget=forms.Textarea(attrs={"rows": 5}),
            )

    @staticmethod
    def field_name(thema) -> str:
        return f"thema_{thema.pk}"

    def thema_fields(self):
        return [self[self.field_name(t)] for t in self.themas]

    def texts(self) -> dict[int, str]:
        return {t.pk: self.cleaned_data[self.field_name(t)] for t in self.themas}


class ReasonForm(DutchForm):
    reden = forms.CharField(
        label=_("Reden"),
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Geef een reden op.")},
    )

    def __init__(self, *args, label=None, help_text=None, **kwargs):
        super().__init__(*args, **kwargs)
        if label:
            self.fields["reden"].label = label
        if help_text:
            self.fields["reden"].help_text = help_text


class NarrativeForm(DutchForm):
    """All texts of a report: the introduction, per thema the texts of Deel 1 (fields
    ``t<thema>-<name>``) and per supplier in a thema those of Deel 2 (``s<thema>-<supplier>-<name>``).
    """

    MAX_LENGTH = DUIDING_MAX_LENGTH

    introduction = forms.CharField(
        label=_("Inleiding"),
        required=False,
        max_length=MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Vooraan in de rapportage: het proces en de methode. Een tussenkop schrijft u als "
            "‘# Methode’."
        ),
    )

    kernboodschappen = forms.CharField(
        label=_("Kernboodschappen"),
        required=False,
        max_length=MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_(
            "De samenvatting op de eerste bladzijde, per thema: het oordeel, de gehaalde en niet "
            "gehaalde streefwaarden en de grootste veranderingen. Het voorstel is gemaakt uit de "
            "cijfers; pas het gerust aan. Leeg: het voorstel uit de cijfers."
        ),
    )

    def __init__(self, *args, themas, slots, initial_narrative, **kwargs):
        self.themas = themas
        self.slots = slots
        initial = {
            "introduction": initial_narrative.introduction,
            "kernboodschappen": initial_narrative.kernboodschappen,
        }
        for thema in themas:
            for name, value in initial_narrative.thema(thema.pk).items():
                initial[self.thema_field(thema.pk, name)] = value
        for slot in slots:
            for name, value in initial_narrative.supplier(slot.key).items():
                initial[self.supplier_field(slot.key, name)] = value
        super().__init__(*args, initial=initial, **kwargs)
        help_texts = {
            "wat_zien_we_positief": _(
                "De maatschappelijke indicatoren met een positieve trend komen er in de rapportage "
                "vanzelf onder te staan."
            ),
            "wat_zien_we_negatief": _(
                "De maatschappelijke indicatoren met een negatieve trend komen er in de "
                "rapportage vanzelf onder te staan."
            ),
            "wat_zien_we": _("Wat verder opvalt en niet positief of negatief is (mag leeg)."),
            "wat_streven_we_na": _("Leeg: de beschrijving van het maatschappelijk resultaat."),
            "waarom_belangrijk": _("Leeg: de beschrijving van het maatschappelijk resultaat."),
        }
        for thema in themas:
            for name, label in THEMA_FIELDS.items():
                self.fields[self.thema_field(thema.pk, name)] = forms.CharField(
                    label=label,
                    required=False,
                    max_length=self.MAX_LENGTH,
                    widget=forms.Textarea(attrs={"rows": 4}),
                    help_text=help_texts.get(name, ""),
                )
        for slot in slots:
            for name in SUPPLIER_FIELDS:
                label = (
                    _("1. Wat is de bijdrage van %(uitvoerder)s aan %(thema)s?")
                    if name == "bijdrage"
                    else _("4. Wat valt op? (%(uitvoerder)s, %(thema)s)")
                ) % {"uitvoerder": slot.uitvoerder.name, "thema": slot.thema.name}
                self.fields[self.supplier_field(slot.key, name)] = forms.CharField(
                    label=label,
                    required=False,
                    max_length=self.MAX_LENGTH,
                    widget=forms.Textarea(attrs={"rows": 4}),
                )

    @staticmethod
    def thema_field(thema_pk: int, name: str) -> str:
        return f"t{thema_pk}-{name}"

    @staticmethod
    def supplier_field(key: tuple[int, int], name: str) -> str:
        return f"s{key[0]}-{key[1]}-{name}"

    def sections(self):
        """Per thema: (thema, its Deel 1 fields, [(slot, its Deel 2 fields)])."""
        result = []
        for thema in self.themas:
            fields = [self[self.thema_field(thema.pk, name)] for name in THEMA_FIELDS]
            suppliers = [
                (slot, [self[self.supplier_field(slot.key, name)] for name in SUPPLIER_FIELDS])
                for slot in self.slots
                if slot.thema.pk == thema.pk
            ]
            result.append((thema, fields, suppliers))
        return result

    def narrative(self) -> Narrative:
        data = self.cleaned_data
        return Narrative(
            introduction=data["introduction"],
            kernboodschappen=data["kernboodschappen"],
            themas={
                thema.pk: {name: data[self.thema_field(thema.pk, name)] for name in THEMA_FIELDS}
                for thema in self.themas
            },
            suppliers={
                slot.key: {
                    name: data[self.supplier_field(slot.key, name)] for name in SUPPLIER_FIELDS
                }
                for slot in self.slots
            },
        )


class BesluitForm(DutchForm):
    """A decision in the vaststelling, printed on the final PDF: its date and number. The
    subclasses say whose decision it is (``ORGAAN``)."""

    ORGAAN = ""
    datum = forms.DateField(
        label=_("Datum van het besluit"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    kenmerk = forms.CharField(max_length=100)

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        for name, message in self.besluit().errors().items():
            self.add_error("kenmerk" if name == "orgaan" else name, message)
        return cleaned

    def besluit(self) -> Besluit:
        data = self.cleaned_data
        return Besluit(orgaan=self.ORGAAN, datum=data.get("datum"), kenmerk=data.get("kenmerk", ""))


class CollegebesluitForm(BesluitForm):
    """*Collegebesluit vastleggen*: the day the college decided to offer the report to the raad."""

    ORGAAN = Bestuursorgaan.COLLEGE
    datum = forms.DateField(
        label=_("Datum van het collegebesluit"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_(
            "De dag waarop het college van B&W besloot de rapportage aan de raad aan te bieden."
        ),
    )
    kenmerk = forms.CharField(
        label=_("Kenmerk van het collegebesluit (niet verplicht)"),
        required=False,
        max_length=100,
        help_text=_("Bijvoorbeeld B&W 2018/7."),
    )


class RaadsbesluitForm(BesluitForm):
    """*Vaststelling door de raad vastleggen*: the raadsbesluit's date and number."""

    ORGAAN = Bestuursorgaan.RAAD
    datum = forms.DateField(
        label=_("Datum van het raadsbesluit"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("De dag waarop de gemeenteraad de rapportage heeft vastgesteld."),
    )
    kenmerk = forms.CharField(
        label=_("Nummer van het raadsbesluit"),
        max_length=100,
        help_text=_("Bijvoorbeeld RB 2018/14."),
    )


# The form of each step that records a decision, and the keyword the workflow takes it as.
DECISION_FORMS = {"collegebesluit": CollegebesluitForm, "vaststellen": RaadsbesluitForm}
DECISION_INPUTS = {"collegebesluit": "collegebesluit", "vaststellen": "besluit"}
