"""The "was this helpful?" form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import FeedbackReason
from .models.feedback import COMMENT_MAX_LENGTH


class FeedbackForm(forms.Form):
    helpful = forms.TypedChoiceField(
        label=_("Was this article helpful?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
    )
    reason = forms.ChoiceField(
        label=_("What was wrong?"),
        choices=FeedbackReason.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Anything else? (optional)"),
        max_length=COMMENT_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
