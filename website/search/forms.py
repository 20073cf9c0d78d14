"""Validating what visitors type into the search box and the ask form."""

from django import forms
from django.utils.translation import gettext_lazy as _

MAX_QUERY_LENGTH = 200


class SearchForm(forms.Form):
    """The search page's query string: the words, the page and the facet filters."""

    q = forms.CharField(max_length=MAX_QUERY_LENGTH, required=False, strip=True)
    page = forms.IntegerField(min_value=1, max_value=1000, required=False)
    kind = forms.MultipleChoiceField(
        required=False, choices=[("article", "article"), ("thread", "thread")]
    )
    category = forms.MultipleChoiceField(required=False)
    tag = forms.MultipleChoiceField(required=False)
    solved = forms.ChoiceField(
        required=False, choices=[("", ""), ("true", "true"), ("false", "false")]
    )
    locale = forms.MultipleChoiceField(required=False)
    all = forms.BooleanField(required=False)

    def __init__(self, *args, languages=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["locale"].choices = list(languages)
        # Categories and tags are free values from the index; any short string is acceptable.
        for name in ("category", "tag"):
            self.fields[name].valid_value = lambda value: 0 < len(value) <= 100

    @classmethod
    def for_request(cls, data, *, languages) -> tuple["SearchForm", bool]:
        """The form for a query string, and whether invalid options had to be dropped: a bad
        page number or filter never loses the visitor's words."""
        form = cls(data, languages=languages)
        if form.is_valid() or "q" in form.errors:
            return form, bool(form.errors)
        form = cls({"q": data.get("q", "")}, languages=languages)
        form.is_valid()
        return form, True

    def clean(self):
        cleaned = super().clean()
        for name in ("category", "tag", "locale"):
            cleaned[name] = list(dict.fromkeys(cleaned.get(name) or []))[:10]
        return cleaned

    def clean_q(self):
        return " ".join(self.cleaned_data["q"].replace("\x00", "").split())

    @property
    def filters(self) -> dict:
        data = self.cleaned_data
        return {key: data[key] for key in ("kind", "category", "tag", "solved", "locale")}


class SimilarForm(forms.Form):
    """The title typed so far in the ask form."""

    q = forms.CharField(
        min_length=3,
        max_length=MAX_QUERY_LENGTH,
        error_messages={
            "required": _("Type a few words to look for similar questions."),
            "min_length": _("Type at least %(limit_value)d characters."),
            "max_length": _("Use at most %(limit_value)d characters."),
        },
    )
