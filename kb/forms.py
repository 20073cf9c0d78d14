"""The "was this helpful?" form and the staff forms that promote or nominate answers."""

from django import forms
from django.utils.translation import get_language_info, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from .models import CategoryPage, FeedbackReason
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


class PromoteForm(forms.Form):
    """What staff choose when promoting an answer: the article's title and category.

    The article is written in the thread's language, so only that language's categories are
    offered; a category of the other language posted by hand is refused as an invalid choice.
    """

    title = forms.CharField(label=_("Article title"), max_length=255)
    category = forms.ModelChoiceField(
        label=pgettext_lazy("knowledge base", "Category"),
        queryset=CategoryPage.objects.none(),
        error_messages={"invalid_choice": _("Choose a category in the thread's language.")},
    )

    def __init__(self, *args, language: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = CategoryPage.objects.filter(
            locale__language_code=language
        ).in_order()
        self.fields["category"].help_text = _(
            "Only categories in %(language)s are offered: the article is written in the "
            "thread's language."
        ) % {"language": get_language_info(language)["name_translated"]}

    @property
    def has_categories(self) -> bool:
        return self.fields["category"].queryset.exists()


class NominateForm(forms.Form):
    """A moderator's reason for suggesting an answer as an article."""

    note = forms.CharField(
        label=_("Why should this answer become an article?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
