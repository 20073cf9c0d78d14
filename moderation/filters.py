"""The filters of moderation's admin reports, as Wagtail filter sets.

Each set validates what a querystring asks for against the choices in use and hands the cleaned
values to the selector that owns the query (``review_queue``, ``moderation_log``,
``stale_queue``), so a filter's meaning has one home and a value a link adds cannot reach a
query unchecked."""

import django_filters
from django.contrib.contenttypes.models import ContentType
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.models import ModelLogEntry

from . import reasons as R
from . import selectors, stale
from .adapters import category_labels, content_models
from .log_actions import LOG_ACTIONS
from .models import ReviewItem, StaleItem


def _by_label(choices) -> list:
    return sorted(choices, key=lambda choice: choice[1])


def _log_action_choices():
    return [(action, label) for action, (label, _message) in LOG_ACTIONS.items()]


class SelectorFilterSet(WagtailFilterSet):
    """A filter set whose values a selector applies: ``filter_queryset`` asks the selector
    for the filtered rows instead of narrowing the rows it was given."""

    def selector_arguments(self) -> dict:
        raise NotImplementedError

    def filter_queryset(self, queryset):
        return self.select(**self.selector_arguments())

    def cleaned(self, name):
        return self.form.cleaned_data.get(name) if self.is_valid() else None


class QueueFilterSet(SelectorFilterSet):
    """The queue: reason, type, category and kind of content."""

    reason = django_filters.ChoiceFilter(label=_("Reason"), choices=R.CHOICES, empty_label=_("Any"))
    kind = django_filters.ChoiceFilter(
        label=_("Type"), choices=ReviewItem.Kind.choices, empty_label=_("Any")
    )
    category = django_filters.ChoiceFilter(label=_("Category"), empty_label=_("Any"))
    content_type = django_filters.ModelChoiceFilter(
        label=_("Content"), queryset=ContentType.objects.none(), empty_label=_("Any")
    )

    class Meta:
        model = ReviewItem
        fields = []

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        labels = category_labels()
        keep = (data or {}).get("category", "")
        self.filters["category"].extra["choices"] = [
            (c, labels.get(c, c)) for c in selectors.queue_categories(keep=keep)
        ]
        self.filters["content_type"].queryset = ContentType.objects.filter(
            pk__in=[ContentType.objects.get_for_model(m).pk for m in content_models()]
        )

    @staticmethod
    def select(**filters):
        return selectors.review_queue(**filters)

    def selector_arguments(self) -> dict:
        content_type = self.cleaned("content_type")
        return {
            "reason": self.cleaned("reason") or "",
            "kind": self.cleaned("kind") or "",
            "category": self.cleaned("category") or "",
            "content_type_id": content_type.pk if content_type else None,
        }

    def querystring(self) -> str:
        """The valid filters as a querystring, carried from the queue to an item page and on
        to the next item; only the set's own fields survive, so it is safe in a redirect."""
        filters = self.selector_arguments()
        shown = {
            "reason": filters["reason"],
            "kind": filters["kind"],
            "category": filters["category"],
            "content_type": filters["content_type_id"] or "",
        }
        return urlencode({key: value for key, value in shown.items() if value})


class AuditFilterSet(SelectorFilterSet):
    """The audit log; people and kinds of content are those the log mentions."""

    action = django_filters.ChoiceFilter(
        label=_("Action"), choices=_log_action_choices, empty_label=_("Any")
    )
    actor = django_filters.TypedChoiceFilter(label=_("Done by"), coerce=int, empty_value=None)
    person = django_filters.TypedChoiceFilter(label=_("Person"), coerce=int, empty_value=None)
    content_type = django_filters.ModelChoiceFilter(
        label=_("Content"), queryset=ContentType.objects.none(), empty_label=_("Any")
    )
    object_id = django_filters.CharFilter(label=_("Object id"), max_length=40)

    class Meta:
        model = ModelLogEntry
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = selectors.audit_filter_choices()
        anyone = [("", _("Anyone"))]
        self.filters["actor"].extra["choices"] = anyone + choices["actors"]
        self.filters["person"].extra["choices"] = anyone + choices["people"]
        self.filters["content_type"].queryset = choices["content_types"]

    @staticmethod
    def select(**filters):
        return selectors.moderation_log(**filters)

    def selector_arguments(self) -> dict:
        return {
            "action": self.cleaned("action") or "",
            "actor_id": self.cleaned("actor"),
            "person_id": self.cleaned("person"),
            "content_type_id": getattr(self.cleaned("content_type"), "pk", None),
            "object_id": self.cleaned("object_id") or "",
        }


class StaleFilterSet(SelectorFilterSet):
    """The "Needs review" report; choices are the values in use."""

    owner = django_filters.TypedChoiceFilter(label=_("Owner"), coerce=int, empty_value=None)
    category = django_filters.ChoiceFilter(label=_("Category"), empty_label=_("All"))
    locale = django_filters.ChoiceFilter(label=_("Language"), empty_label=_("All"))
    signal = django_filters.ChoiceFilter(label=_("Signal"), empty_label=_("All"))
    kind = django_filters.ChoiceFilter(label=_("Content"), empty_label=_("All"))

    class Meta:
        model = StaleItem
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = selectors.stale_filter_choices()
        self.filters["owner"].extra["choices"] = [("", _("All"))] + choices["owners"]
        self.filters["category"].extra["choices"] = [(c, c) for c in choices["categories"]]
        self.filters["locale"].extra["choices"] = list(choices["locales"])
        self.filters["signal"].extra["choices"] = _by_label(stale.all_signal_codes().items())
        self.filters["kind"].extra["choices"] = _by_label(stale.all_kinds().items())

    @staticmethod
    def select(**filters):
        return selectors.stale_queue(**filters)

    def selector_arguments(self) -> dict:
        return {
            "owner_id": self.cleaned("owner"),
            "category": self.cleaned("category") or "",
            "locale": self.cleaned("locale") or "",
            "signal": self.cleaned("signal") or "",
            "kind": self.cleaned("kind") or "",
        }
