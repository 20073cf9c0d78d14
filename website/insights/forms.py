"""The survey's form: a rating from 1 to 5 and an optional plain-text comment."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models.surveys import COMMENT_MAX_LENGTH


class SurveyForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("Did this solve your problem?"),
        choices=[(str(value), str(value)) for value in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a rating from 1 to 5.")},
    )
    comment = forms.CharField(
        label=_("Anything to add? (optional)"),
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
    )
