"""The "Support cases" report's filters (django-filter, in Wagtail's frame)."""

import django_filters
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet

from forum.models import Category

from .models import Case
from .rules import WORK_CASES


def team():
    app_label, codename = WORK_CASES.split(".")
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(
            groups__permissions__codename=codename,
            groups__permissions__content_type__app_label=app_label,
        )
        .distinct()
        .order_by("display_name", "pk")
    )


class CaseFilterSet(WagtailFilterSet):
    state = django_filters.MultipleChoiceFilter(label=_("State"), choices=Case.State.choices)
    assignee = django_filters.ModelChoiceFilter(
        label=_("Assignee"), queryset=get_user_model().objects.none(), empty_label=_("Anyone")
    )
    unassigned = django_filters.BooleanFilter(
        label=_("Unassigned"), field_name="assignee", lookup_expr="isnull"
    )
    category = django_filters.ModelChoiceFilter(
        label=_("Category"), queryset=Category.objects.order_by("position"), empty_label=_("Any")
    )
    language = django_filters.ChoiceFilter(
        label=_("Language"), choices=settings.LANGUAGES, empty_label=_("Any")
    )
    overdue = django_filters.BooleanFilter(label=_("Overdue"), method="filter_overdue")

    class Meta:
        model = Case
        fields = []

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.filters["assignee"].queryset = team()

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        late = Case.objects.overdue(timezone.now()).values("pk")
        return queryset.filter(pk__in=late) if value else queryset.exclude(pk__in=late)
