"""Search analytics: what people look for, what they find, and what they click.

Only the normalised query, the language, the result count and the clicked document are kept:
no user, no IP address, no session."""

from datetime import timedelta

from django.db.models import Avg, Count, Max
from django.utils import timezone

from .arabic import normalise
from .models import SearchClick, SearchEntry, SearchQueryLog

REPORT_PERIODS = (7, 30, 90)


def normalised_query(query: str) -> str:
    """The form a query is stored in: normalised, single-spaced, at most 200 characters."""
    return " ".join(normalise(query).split())[:200]


def record_search(*, query: str, locale: str, result_count: int) -> None:
    """Count one search (page one of a query, before any filter)."""
    text = normalised_query(query)
    if text:
        SearchQueryLog.objects.create(query=text, locale=locale, result_count=result_count)


def record_click(*, query: str, kind: str, object_id: str, position: int) -> str | None:
    """Count a click on a result and return the document's URL; None (nothing recorded) when
    the document is not in the index, so the click-through can never redirect elsewhere."""
    entry = SearchEntry.objects.filter(kind=kind, object_id=object_id).only("url", "locale")
    entry = entry.first()
    if entry is None:
        return None
    SearchClick.objects.create(
        query=normalised_query(query),
        locale=entry.locale,
        kind=kind,
        object_id=object_id,
        position=max(0, min(position, 10_000)),
    )
    return entry.url


def top_queries(*, days: int, limit: int = 50):
    """The most frequent queries of the last `days` days, with average results and clicks."""
    since = timezone.now() - timedelta(days=days)
    rows = (
        SearchQueryLog.objects.filter(created_at__gte=since)
        .values("query", "locale")
        .annotate(searches=Count("id"), results=Avg("result_count"), last=Max("created_at"))
        .order_by("-searches", "query")[:limit]
    )
    clicks = dict(
        SearchClick.objects.filter(created_at__gte=since)
        .values_list("query")
        .annotate(count=Count("id"))
        .values_list("query", "count")
    )
    return [{**row, "clicks": clicks.get(row["query"], 0)} for row in rows]


def zero_result_queries(*, days: int, limit: int = 50):
    """Queries that found nothing in the last `days` days: the content gaps."""
    since = timezone.now() - timedelta(days=days)
    return list(
        SearchQueryLog.objects.filter(created_at__gte=since, result_count=0)
        .values("query", "locale")
        .annotate(searches=Count("id"), last=Max("created_at"))
        .order_by("-searches", "query")[:limit]
    )
