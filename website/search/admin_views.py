"""The Wagtail admin report "Search terms": top queries and content gaps."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import get_language_info

from .analytics import REPORT_PERIODS, top_queries, zero_result_queries


def _named(rows: list[dict]) -> list[dict]:
    """Each row's language by name in the interface language ("Arabic", "العربيّة")."""
    for row in rows:
        try:
            row["language"] = str(get_language_info(row["locale"])["name_translated"])
        except KeyError:
            row["language"] = row["locale"]
    return rows


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
            "top_queries": _named(top_queries(days=days)),
            "zero_result_queries": _named(zero_result_queries(days=days)),
        },
    )
