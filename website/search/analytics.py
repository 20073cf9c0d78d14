"""Search analytics: what people look for, what they find, and what they click.

Only the query (as typed and normalised), the language, the result count and the clicked
document are kept: no user, no IP address, no session. Reports group by the normalised query and
show its most common spelling as typed."""

from datetime import timedelta

from django.core import signing
from django.db.models import Avg, Count, Max
from django.utils import timezone

from .arabic import normalise
from .models import SearchClick, SearchEntry, SearchQueryLog

REPORT_PERIODS = (7, 30, 90)
CLICK_SALT = "dalil.search.click"
CLICK_TOKEN_SECONDS = 24 * 60 * 60  # a results page left open overnight still counts


def normalised_query(query: str) -> str:
    """The form a query is stored in: normalised, single-spaced, at most 200 characters."""
    return " ".join(normalise(query).split())[:200]


def typed_query(query: str) -> str:
    """A query as the person typed it, single-spaced, at most 200 characters."""
    return " ".join(query.split())[:200]


def record_search(*, query: str, locale: str, result_count: int) -> None:
    """Count one search (page one of a query, before any filter)."""
    text = normalised_query(query)
    if text:
        SearchQueryLog.objects.create(
            query=text, typed=typed_query(query), locale=locale, result_count=result_count
        )


def _with_spellings(rows: list[dict], since) -> list[dict]:
    """Give each (normalised query, language) row ``shown``: its most common spelling as typed
    in the period (ties: the first in alphabetical order), in one query for the whole page."""
    if not rows:
        return rows
    spellings = (
        SearchQueryLog.objects.filter(
            created_at__gte=since, query__in={row["query"] for row in rows}
        )
        .exclude(typed="")
        .values("query", "locale", "typed")
        .annotate(count=Count("id"))
        .order_by("query", "locale", "-count", "typed")
    )
    most_common: dict[tuple[str, str], str] = {}
    for spelling in spellings:
        most_common.setdefault((spelling["query"], spelling["locale"]), spelling["typed"])
    for row in rows:
        row["shown"] = most_common.get((row["query"], row["locale"]), row["query"])
    return rows


def click_token(*, query: str, kind: str, object_id: str, position: int) -> str:
    """What a result link on the search page carries so that following it can be counted.

    Signed, so only a result the search page showed (that query, that document, that position)
    can be counted, and only for a day: the counting endpoint takes no query or document of
    its own and never sends anyone anywhere."""
    return signing.dumps(
        [normalised_query(query), kind, object_id, position], salt=CLICK_SALT, compress=True
    )


def record_shown_click(token: str) -> bool:
    """Count a click on a result from the token its link carried; False (nothing recorded)
    for a token that is forged, altered, expired or names a document no longer indexed."""
    try:
        query, kind, object_id, position = signing.loads(
            token, salt=CLICK_SALT, max_age=CLICK_TOKEN_SECONDS
        )
    except (signing.BadSignature, TypeError, ValueError):
        return False
    return record_click(query=query, kind=kind, object_id=object_id, position=position)


def record_click(*, query: str, kind: str, object_id: str, position: int) -> bool:
    """Count a click on a result; False (nothing recorded) when the document is not in the
    index."""
    entry = SearchEntry.objects.filter(kind=kind, object_id=object_id).only("locale").first()
    if entry is None:
        return False
    SearchClick.objects.create(
        query=normalised_query(query),
        locale=entry.locale,
        kind=kind,
        object_id=object_id,
        position=max(0, min(int(position), 10_000)),
    )
    return True


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
    rows = [{**row, "clicks": clicks.get(row["query"], 0)} for row in rows]
    return _with_spellings(rows, since)


def zero_result_queries(*, days: int, limit: int = 50):
    """Queries that found nothing in the last `days` days: the content gaps."""
    since = timezone.now() - timedelta(days=days)
    rows = list(
        SearchQueryLog.objects.filter(created_at__gte=since, result_count=0)
        .values("query", "locale")
        .annotate(searches=Count("id"), last=Max("created_at"))
        .order_by("-searches", "query")[:limit]
    )
    return _with_spellings(rows, since)
