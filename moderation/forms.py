"""Forms for moderators and members. They validate input; the actions do the writing."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Delivery, Flag, Notification, RejectionTemplate, ReviewItem
from .text import clean_visible_text

SUSPENSION_DAYS = [
    (1, _("1 day")),
    (3, _("3 days")),
    (7, _("7 days")),
    (30, _("30 days")),
    (365, _("1 year")),
]


class NothingToAskForm(forms.Form):
    """Approve, restore, lock: pressing the button is the whole decision."""


class ReasonForm(forms.Form):
    """Reject or hide: a rejection reason, a note of one's own, or both."""

    missing_reason = _("Choose a reason or write one.")

    template = forms.ModelChoiceField(
        label=_("Reason"),
        queryset=RejectionTemplate.objects.all(),
        required=False,
        empty_label=_("Write my own reason"),
    )
    note = forms.CharField(
        label=_("Note for the author and the log"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean_note(self):
        return clean_visible_text(self.cleaned_data["note"], min_length=0, max_length=1000)

    def clean(self):
        cleaned = super().clean()
        if "note" in cleaned and not (cleaned.get("template") or cleaned["note"]):
            self.add_error("note", self.missing_reason)
        return cleaned


class SuspendForm(ReasonForm):
    """Suspend the author: how long (no default), and why (the author reads it)."""

    missing_reason = _("Say why the author is suspended.")
    field_order = ["days", "template", "note"]

    days = forms.TypedChoiceField(
        label=_("Suspend for"),
        choices=[("", _("Choose how long"))] + SUSPENSION_DAYS,
        coerce=int,
        error_messages={"required": _("Choose how long.")},
    )


class SpamForm(forms.Form):
    """Mark as spam: a note for the log is optional, spam speaks for itself."""

    note = forms.CharField(
        label=_("Note for the log (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean_note(self):
        return clean_visible_text(self.cleaned_data["note"], min_length=0, max_length=1000)


class EditForm(forms.Form):
    """The moderator's edit of a post's text fields, before approving it."""

    generic_labels = {"title": _("Title"), "body": _("Body"), "text": _("Text")}

    def __init__(self, *args, fields: dict, direction: dict, labels: dict | None = None, **kwargs):
        """``direction``: the post's `lang`/`dir` (``adapters.direction_attrs``), so an Arabic
        post is edited right to left whatever the interface language. ``labels``: the content
        model's own (``adapters.edit_labels``); other fields take a translated generic label."""
        super().__init__(*args, **kwargs)
        labels = labels or {}
        for name, value in fields.items():
            self.fields[name] = forms.CharField(
                label=labels.get(name)
                or self.generic_labels.get(name)
                or name.replace("_", " ").capitalize(),
                initial=value,
                widget=(
                    forms.Textarea(attrs={"rows": 8, **direction})
                    if len(value or "") > 80
                    else forms.TextInput(attrs=direction)
                ),
            )
        self.fields["note"] = forms.CharField(label=_("Note for the log"), required=False)

    def clean(self):
        cleaned = super().clean()
        for name, value in list(cleaned.items()):
            if name != "note":
                try:
                    cleaned[name] = clean_visible_text(value, min_length=1)
                except forms.ValidationError as error:
                    self.add_error(name, error)
        return cleaned

    def text_fields(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "note"}


def _bulk_decisions() -> dict:
    # The table's forms are defined in this module, so the table is read when a form is built.
    from .decisions import DECISIONS

    return {name: decision for name, decision in DECISIONS.items() if decision.bulk}


class BulkForm(forms.Form):
    """Take one decision on several items at once (the decisions marked ``bulk`` in
    ``moderation.decisions``); the pressed button sends the decision's name."""

    items = forms.ModelMultipleChoiceField(
        queryset=ReviewItem.objects.open(), widget=forms.MultipleHiddenInput
    )
    action = forms.ChoiceField(
        choices=lambda: [(name, d.label) for name, d in _bulk_decisions().items()]
    )
    template = forms.ModelChoiceField(
        label=_("Reason"),
        queryset=RejectionTemplate.objects.all(),
        required=False,
        empty_label=_("No template"),
    )
    note = forms.CharField(required=False, max_length=1000)

    def clean(self):
        cleaned = super().clean()
        decision = _bulk_decisions().get(cleaned.get("action"))
        if (
            decision is not None
            and decision.requires_reason
            and not (cleaned.get("template") or (cleaned.get("note") or "").strip())
        ):
            raise forms.ValidationError(_("Choose a reason or write one to reject."))
        return cleaned


class FlagForm(forms.Form):
    """A member's flag on a post."""

    reason = forms.ChoiceField(
        label=_("What is wrong?"), choices=Flag.Reason.choices, widget=forms.RadioSelect
    )
    text = forms.CharField(
        label=_("Details"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required for “Something else”."),
    )


class StaleReviewForm(forms.Form):
    note = forms.CharField(
        label=_("Note (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class StaleDismissForm(forms.Form):
    signal = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Why dismiss this signal?"), max_length=500)


class StaleReassignForm(forms.Form):
    owner = forms.ModelChoiceField(label=_("New owner"), queryset=None)

    def __init__(self, *args, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners


class StaleReportForm(forms.Form):
    note = forms.CharField(label=_("What is wrong or outdated?"), max_length=500)


class EmailPreferencesForm(forms.Form):
    """One choice per kind of notice: email at once, in a daily or weekly digest, or none."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for kind, label in Notification.Kind.choices:
            self.fields[kind] = forms.ChoiceField(
                label=label, choices=Delivery.choices, widget=forms.RadioSelect
            )
