"""The "was this helpful?" form and the staff forms that promote or nominate answers."""

from django import forms
from django.conf import settings
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


class CategoryChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.title} ({obj.locale.get_display_name()})"


class PromoteForm(forms.Form):
    """What staff choose when promoting an answer: the article's title, language and category."""

    title = forms.CharField(label=_("Article title"), max_length=255)
    language = forms.ChoiceField(
        label=_("Language"),
        choices=settings.LANGUAGES,
        help_text=_("The article is created in this language's knowledge base."),
    )
    category = CategoryChoiceField(
        label=_("Category"),
        queryset=CategoryPage.objects.select_related("locale").order_by(
            "locale__language_code", "sort_order", "title"
        ),
        help_text=_("Choose a category in the same language."),
    )

    def clean(self):
        cleaned = super().clean()
        category, language = cleaned.get("category"), cleaned.get("language")
        if category is not None and language and category.locale.language_code != language:
            self.add_error("category", _("Choose a category in the article's language."))
        return cleaned


class NominateForm(forms.Form):
    """A moderator's reason for suggesting an answer as an article."""

    note = forms.CharField(
        label=_("Why should this answer become an article?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
