"""The Wagtail admin report "Search terms": top queries and content gaps."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from .analytics import REPORT_PERIODS, top_queries, zero_result_queries


def search_terms(request):
    if not request.user.has_perm("website.view_search_report"):
        raise PermissionDenied
    try:
        days = int(request.GET.get("days", 30))
    except ValueError:
        days = 30
    days = days if days in REPORT_PERIODS else 30
    return render(
        request,
        "search/admin/search_terms.html",
        {
            "days": days,
            "periods": REPORT_PERIODS,
            "top_queries": top_queries(days=days),
            "zero_result_queries": zero_result_queries(days=days),
        },
    )
