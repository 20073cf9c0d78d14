"""Forms validate what people type with the forum's rules; services do the saving."""

import time
import uuid

from django import forms
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from . import rules
from .models import Category, CloseReason, Question


def _rule(cleaner, value):
    try:
        return cleaner(value)
    except ValidationError as error:
        raise forms.ValidationError(error.messages)


RENDERED_AT_SALT = "forum.form-rendered-at"


def rendered_at_stamp() -> str:
    """A signed "the form was shown now", so the server knows how long the person typed."""
    return signing.dumps(time.time(), salt=RENDERED_AT_SALT)


def seconds_since(stamp: str) -> float | None:
    """Seconds since `rendered_at_stamp()` made `stamp`. A missing or forged stamp counts as
    zero (a post that skipped the form is as suspicious as one typed impossibly fast); a form
    left open for over a week is simply slow (None: no speed check)."""
    try:
        rendered = float(signing.loads(stamp or "", salt=RENDERED_AT_SALT, max_age=86400 * 7))
    except signing.SignatureExpired:
        return None
    except (signing.BadSignature, TypeError, ValueError):
        return 0.0
    return max(0.0, time.time() - rendered)


def edit_reason_field() -> forms.CharField:
    """Why someone edits a post or comment: optional for its author, required of a moderator
    editing another person's (the service checks; this is the field every edit form shows)."""
    return forms.CharField(
        label=_("Reason for the edit"),
        required=False,
        max_length=rules.REASON_MAX,
        help_text=_("Required when you edit someone else's post."),
    )


class SubmissionTokenMixin(forms.Form):
    """A random token rendered with the form: posting the same form twice makes one post.
    It also carries when the form was shown; `cleaned_data["posted_after_seconds"]` is how
    long the person had it open (moderation's "typed too fast" check)."""

    submission_token = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)
    rendered_at = forms.CharField(widget=forms.HiddenInput, required=False, max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("submission_token", uuid.uuid4().hex)
            self.initial.setdefault("rendered_at", rendered_at_stamp())

    def clean(self):
        cleaned = super().clean()
        cleaned["posted_after_seconds"] = seconds_since(cleaned.pop("rendered_at", ""))
        return cleaned


class QuestionFieldsMixin(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=rules.TITLE_MAX + 50,
        widget=forms.TextInput(attrs={"dir": "auto"}),
        help_text=_("Say what you need in one sentence (15 to 150 characters)."),
    )
    body = forms.CharField(
        label=_("Details"),
        widget=forms.Textarea(
            attrs={"rows": 10, "dir": "auto", "data-preview": "question-preview"}
        ),
        help_text=_("Markdown: **bold**, lists, links and ``` code blocks. 30 characters or more."),
    )
    # Optional (an asker may not know where a problem belongs; moderators sort it later), so
    # the empty choice is a prompt rather than Django's dashes.
    category = forms.ModelChoiceField(
        label=_("Category"),
        queryset=Category.objects.all(),
        required=False,
        empty_label=_("Choose a category"),
        error_messages={
            "invalid_choice": _("That category does not exist any more: choose another one.")
        },
    )
    tags = forms.CharField(
        label=_("Tags"),
        required=False,
        help_text=_("Up to 5, separated by spaces or commas: letters, digits and hyphens."),
    )
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)

    def clean_title(self):
        return _rule(rules.clean_title, self.cleaned_data["title"])

    def clean_body(self):
        return _rule(rules.clean_body, self.cleaned_data["body"])

    def clean_tags(self):
        return _rule(rules.parse_tags, self.cleaned_data["tags"])


class AskForm(SubmissionTokenMixin, QuestionFieldsMixin):
    field_order = ["title", "body", "category", "tags", "language"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The site search suggests similar threads and articles while the title is typed.
        self.fields["title"].widget.attrs.update(
            {
                "data-similar-url": reverse("search:similar"),
                "data-similar-target": "similar-questions",
                "autocomplete": "off",
            }
        )


class EditQuestionForm(QuestionFieldsMixin):
    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = edit_reason_field()

    @classmethod
    def for_question(cls, question: Question, data=None):
        initial = {
            "title": question.title,
            "body": question.body,
            "category": question.category_id,
            "tags": " ".join(t.name for t in question.tags.all()),
            "language": question.language,
            "version": question.version,
        }
        return cls(data, initial=initial)


class AnswerForm(SubmissionTokenMixin):
    body = forms.CharField(
        label=_("Your answer"),
        widget=forms.Textarea(attrs={"rows": 8, "dir": "auto", "data-preview": "answer-preview"}),
        help_text=_("Markdown is supported. 30 characters or more."),
    )

    def clean_body(self):
        return _rule(rules.clean_body, self.cleaned_data["body"])


class EditAnswerForm(forms.Form):
    body = forms.CharField(
        label=_("Answer"),
        widget=forms.Textarea(attrs={"rows": 10, "dir": "auto", "data-preview": "answer-preview"}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = edit_reason_field()

    def clean_body(self):
        return _rule(rules.clean_body, self.cleaned_data["body"])


class CommentForm(SubmissionTokenMixin):
    body = forms.CharField(
        label=_("Comment"),
        max_length=rules.COMMENT_MAX + 100,
        widget=forms.Textarea(attrs={"rows": 2, "dir": "auto"}),
    )
    answer = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def clean_body(self):
        return _rule(rules.clean_comment, self.cleaned_data["body"])


class EditCommentForm(forms.Form):
    body = forms.CharField(
        label=_("Comment"),
        max_length=rules.COMMENT_MAX + 100,
        widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
        help_text=_("2 to 600 characters."),
    )
    reason = edit_reason_field()

    def clean_body(self):
        return _rule(rules.clean_comment, self.cleaned_data["body"])


class CloseForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Reason"),
        choices=[(value, label) for value, label in CloseReason.choices if value != "duplicate"],
    )


class DuplicateForm(forms.Form):
    original = forms.IntegerField(
        label=_("Number of the original question"),
        min_value=1,
        help_text=_("The number in the original question's address, after /questions/."),
    )


class ListFilterForm(forms.Form):
    """The filters and sorts of the questions list; unknown values fall back to defaults."""

    FILTERS = [
        ("all", _("All")),
        ("unanswered", _("Unanswered")),
        ("unsolved", _("Unsolved")),
        ("solved", _("Solved")),
    ]
    SORTS = [
        ("activity", _("Recent activity")),
        ("newest", _("Newest")),
        ("votes", _("Most votes")),
    ]

    show = forms.ChoiceField(choices=FILTERS, required=False)
    sort = forms.ChoiceField(choices=SORTS, required=False)
    tag = forms.CharField(required=False, max_length=rules.TAG_MAX_LENGTH)
    category = forms.SlugField(required=False)
    language = forms.ChoiceField(
        choices=[("all", _("All languages"))] + settings.LANGUAGES, required=False
    )
