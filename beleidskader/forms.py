from django import forms
from django.utils.translation import gettext_lazy as _

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
