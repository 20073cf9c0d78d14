"""The insights' forms: what the Insights page shows, and the survey's rating."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from forum.models import Category

from .figures import MONTH, WEEK, Scope
from .models.surveys import COMMENT_MAX_LENGTH


class InsightsFilterForm(forms.Form):
    """Which periods, language and category the insights show. Anything else is ignored: a
    bad value falls back to the default instead of an error page."""

    period = forms.ChoiceField(
        label=_("Per"),
        choices=[(WEEK, _("Week")), (MONTH, _("Month"))],
        required=False,
    )
    language = forms.ChoiceField(label=_("Language"), required=False)
    category = forms.ModelChoiceField(
        label=_("Category"),
        queryset=Category.objects.order_by("slug"),
        required=False,
        empty_label=_("All categories"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [("", _("All languages")), *settings.LANGUAGES]

    def choices(self) -> tuple[str, Scope]:
        """(week or month, scope); the defaults for anything invalid."""
        data = self.cleaned_data if self.is_valid() else {}
        category = data.get("category")
        return data.get("period") or WEEK, Scope(
            language=data.get("language") or "", category_id=category.pk if category else None
        )


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
