"""Forms of the report screens: start a report, write the duiding, give a reason."""

from django import forms
from django.utils.translation import gettext_lazy as _

from indicators.models import Period, Thema
from organisations.access import Access
from organisations.models import Organisation


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
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Geef een reden op.")},
    )

    def __init__(self, *args, label=None, help_text=None, **kwargs):
        super().__init__(*args, **kwargs)
        if label:
            self.fields["reden"].label = label
        if help_text:
            self.fields["reden"].help_text = help_text
