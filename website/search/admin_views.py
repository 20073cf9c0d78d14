"""The Wagtail admin report "Search terms": top queries and content gaps."""

from functools import cached_property

import django_filters
from django.utils.decorators import method_decorator
from django.utils.translation import get_language_info, gettext_lazy
from django.utils.translation import gettext as _
from wagtail.admin.auth import permission_required
from wagtail.admin.filters import WagtailFilterSet

from moderation.reports import AdminReport

from .analytics import REPORT_PERIODS, top_queries, zero_result_queries
from .models import SearchQueryLog

DEFAULT_PERIOD = 30


def _named(rows: list[dict]) -> list[dict]:
    """Each row's language by name in the interface language ("Arabic", "العربيّة")."""
    for row in rows:
        try:
            row["language"] = str(get_language_info(row["locale"])["name_translated"])
        except KeyError:
            row["language"] = row["locale"]
    return rows


def period_choices():
    return [(str(days), _("Last %(period)s days") % {"period": days}) for days in REPORT_PERIODS]


class SearchTermsFilterSet(WagtailFilterSet):
    """The period is the report's one filter; ``analytics`` counts within it."""

    days = django_filters.ChoiceFilter(
        label=gettext_lazy("Period"), choices=period_choices, method="within_period"
    )

    class Meta:
        model = SearchQueryLog
        fields = []

    def within_period(self, queryset, name, value):
        return queryset


@method_decorator(permission_required("website.view_search_report"), name="dispatch")
class SearchTermsReportView(AdminReport):
    """The most frequent queries of the period (downloadable) and the ones that found nothing."""

    page_title = gettext_lazy("Search terms")
    header_icon = "search"
    results_template_name = "search/admin/search_terms_results.html"
    index_url_name = "search_terms_report"
    index_results_url_name = "search_terms_report_results"
    filterset_class = SearchTermsFilterSet
    export_filename = "search-terms"
    list_export = ["shown", "language", "searches", "average_results", "clicks", "last"]
    export_headings = {
        "shown": gettext_lazy("Query"),
        "language": gettext_lazy("Language"),
        "searches": gettext_lazy("Searches"),
        "average_results": gettext_lazy("Average results"),
        "clicks": gettext_lazy("Clicks"),
        "last": gettext_lazy("Last searched"),
    }

    @cached_property
    def days(self) -> int:
        if self.filters and self.filters.is_valid() and self.filters.form.cleaned_data["days"]:
            return int(self.filters.form.cleaned_data["days"])
        return DEFAULT_PERIOD

    def get_queryset(self):
        rows = _named(top_queries(days=self.days))
        for row in rows:
            row["average_results"] = round(row["results"] or 0, 1)
        return rows

    def filter_queryset(self, queryset):
        return queryset  # the rows are counted within the period already

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            days=self.days,
            periods=REPORT_PERIODS,
            top_queries=context["object_list"],
            zero_result_queries=[]
            if self.is_export
            else _named(zero_result_queries(days=self.days)),
        )
        return context
