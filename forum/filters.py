"""The question list's filters and sorts, as a django-filter `FilterSet`.

The parameters are `ListFilterForm`'s (`show`, `sort`, `tag`, `category`, `language`; the page
cache keys pages by the same form). A list always has a language and an order: without one, the
visitor's language and recent activity. Any invalid parameter drops them all, so a mistyped or
hostile address shows the default list (never an error) and the view marks it as not the page
asked for.
"""

import django_filters
from django.utils.functional import cached_property
from django.utils.translation import get_language

from .forms import ListFilterForm
from .models import Question

SHOWS = ("unanswered", "unsolved", "solved")


class QuestionFilter(django_filters.FilterSet):
    """Filter and sort a queryset of questions by the list's parameters; `params` says what the
    list shows (the template and the page links read it)."""

    show = django_filters.CharFilter(method="filter_show")
    tag = django_filters.CharFilter(method="filter_tag")
    category = django_filters.CharFilter(field_name="category__slug")
    language = django_filters.CharFilter(method="filter_language")
    sort = django_filters.CharFilter(method="filter_sort")

    class Meta:
        model = Question
        fields = ["show", "tag", "category", "language", "sort"]

    def get_form_class(self):
        return ListFilterForm

    @cached_property
    def params(self) -> dict:
        """What the list shows: the valid parameters, with the defaults filled in."""
        given = self.form.cleaned_data if self.is_valid() else {}
        return {
            "show": given.get("show") or "all",
            "tag": given.get("tag") or "",
            "category": given.get("category") or "",
            "language": given.get("language") or get_language(),
            "sort": given.get("sort") or "activity",
        }

    def filter_queryset(self, queryset):
        for name, value in self.params.items():
            queryset = self.filters[name].filter(queryset, value)
        return queryset

    def filter_show(self, queryset, name, value):
        return getattr(queryset, value)() if value in SHOWS else queryset

    def filter_tag(self, queryset, name, value):
        return queryset.filter(tags__name=value.lower())

    def filter_language(self, queryset, name, value):
        return queryset if value == "all" else queryset.in_language(value)

    def filter_sort(self, queryset, name, value):
        return queryset.sorted_by(value)
