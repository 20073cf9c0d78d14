"""The Wagtail admin report "Search terms": top queries and content gaps."""

from functools import cached_property

import django_filters
from django.utils.decorators import method_decorator
from django.utils.translation import get_language_info, gettext_lazy, ngettext
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
    return [
        (str(d), ngettext("Last %(period)s day", "Last %(period)s days", d) % {"period": d})
        for d in REPORT_PERIODS
    ]


NO_RESULTS = "no_results"


class SearchTermsFilterSet(WagtailFilterSet):
    """The period and which queries to list (all, or only those that found nothing: what the
    download then holds); ``analytics`` counts within them."""

    days = django_filters.ChoiceFilter(
        label=gettext_lazy("Period"), choices=period_choices, method="within_period"
    )
    show = django_filters.ChoiceFilter(
        label=gettext_lazy("Queries"),
        choices=[(NO_RESULTS, gettext_lazy("Only those with no results (content gaps)"))],
        empty_label=gettext_lazy("Top queries"),
        method="within_period",
    )

    class Meta:
        model = SearchQueryLog
        fields = []

    def within_period(self, queryset, name, value):
        return queryset


@method_decorator(permission_required("website.view_search_report"), name="dispatch")
class SearchTermsReportView(AdminReport):
    """The most frequent queries of the period and the ones that found nothing; the download
    holds the list the filter shows (top queries, or only those with no results)."""

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

    @cached_property
    def only_no_results(self) -> bool:
        return bool(
            self.filters
            and self.filters.is_valid()
            and self.filters.form.cleaned_data["show"] == NO_RESULTS
        )

    def get_queryset(self):
        if self.only_no_results:
            rows = _named(zero_result_queries(days=self.days))
            for row in rows:
                row.update(results=0, average_results=0, clicks=row.get("clicks", 0))
            return rows
        rows = _named(top_queries(days=self.days))
        for row in rows:
            row["average_results"] = round(row["results"] or 0, 1)
        return rows

    def filter_queryset(self, queryset):
        return queryset  # the rows are counted within the period already

    def zero_result_rows(self, listed):
        if self.only_no_results:
            return listed
        return [] if self.is_export else _named(zero_result_queries(days=self.days))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            days=self.days,
            periods=REPORT_PERIODS,
            only_no_results=self.only_no_results,
            top_queries=[] if self.only_no_results else context["object_list"],
            zero_result_queries=self.zero_result_rows(context["object_list"]),
        )
        return context
