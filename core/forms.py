"""Forms of the workflow core."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .text import REASON_MAX_LENGTH


class ReasonForm(forms.Form):
    """The reason of a workflow step (terugsturen, heropenen): mandatory where the step needs one,
    and kept in the history."""

    reden = forms.CharField(
        label=_("Reden"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=REASON_MAX_LENGTH,
        required=False,
    )

    def __init__(self, *args, required=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.reason_required = required

    def clean_reden(self):
        reason = self.cleaned_data["reden"].strip()
        if self.reason_required and not reason:
            raise forms.ValidationError(_("Geef een reden op."))
        return reason
