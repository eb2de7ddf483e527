from django import forms
from django.utils.translation import gettext_lazy as _


class UploadForm(forms.Form):
    bestand = forms.FileField(
        label=_("Bestand"),
        help_text=_("Een ingevuld sjabloon als Excel (.xlsx), CSV (.csv) of OpenDocument (.ods)."),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,.csv,.ods,application/vnd.openxmlformats-officedocument."
                "spreadsheetml.sheet,text/csv,application/vnd.oasis.opendocument.spreadsheet"
            }
        ),
        error_messages={"required": _("Kies een bestand om in te lezen.")},
    )
