"""Searching for visitors: the configured backend, falling back to the database backend, and
only ever showing what visitors may see now."""

import logging
from collections import defaultdict
from dataclasses import replace

from django.core.cache import cache
from django.db.models import Q

from . import get_backend, get_database_backend
from .arabic import query_terms
from .backends.base import SearchBackendError
from .documents import SearchResults
from .highlight import highlight, snippet
from .models import PendingIndexUpdate
from .providers import get_providers

logger = logging.getLogger("dalil.search")

# After a failure, visitors are answered by the database for a while instead of each waiting
# for the engine to time out again.
ENGINE_DOWN_KEY = "dalil:search:engine-down"
ENGINE_DOWN_SECONDS = 30


def _backend():
    backend = get_backend()
    if backend.name != "database" and cache.get(ENGINE_DOWN_KEY):
        return get_database_backend()
    return backend


def _engine_failed(what: str, error: Exception):
    logger.warning("%s fell back to the database backend: %s", what, error)
    cache.set(ENGINE_DOWN_KEY, True, ENGINE_DOWN_SECONDS)
    return get_database_backend()


def visible_now(hits: list, query: str) -> list:
    """`hits` without those visitors may no longer see, and with the text of those changed since
    they were indexed taken from the content as it is now.

    The index follows the content through the outbox and a task, so it can be behind: a thread
    hidden by flags a moment ago, or while the worker is down, must not be listed (nor an answer
    hidden inside a visible thread shown in its snippet). One query per kind asks the content
    app which hits are visible; one more finds the hits with an update still pending, whose
    title and snippet are made again from the current document."""
    if not hits:
        return hits
    providers = {}
    for provider in get_providers():
        providers.setdefault(provider.kind, provider)  # the first of a kind, as indexing does
    ids_by_kind = defaultdict(list)
    for hit in hits:
        ids_by_kind[hit.kind].append(hit.object_id)
    visible = {
        (kind, object_id)
        for kind, ids in ids_by_kind.items()
        if kind in providers
        for object_id in providers[kind].visible_ids(ids)
    }
    wanted = Q()
    for kind, ids in ids_by_kind.items():
        wanted |= Q(kind=kind, object_id__in=ids)
    pending = set(PendingIndexUpdate.objects.filter(wanted).values_list("kind", "object_id"))
    terms = query_terms(query)
    kept = []
    for hit in hits:
        key = (hit.kind, hit.object_id)
        if key not in visible:
            continue
        if key in pending:
            document = providers[hit.kind].document_for(hit.object_id)
            if document is None:
                continue
            hit = replace(
                hit,
                title=document.title,
                url=document.url,
                title_html=highlight(document.title, terms),
                snippet_html=snippet(document.full_text, terms),
            )
        kept.append(hit)
    return kept


def search(
    query: str,
    *,
    locale: str,
    filters: dict | None = None,
    page: int = 1,
    per_page: int = 10,
    all_languages: bool = False,
) -> SearchResults:
    """Visible documents matching `query`; never fails because the search engine is down."""
    arguments = {
        "locale": locale,
        "filters": filters,
        "page": page,
        "per_page": per_page,
        "all_languages": all_languages,
    }
    try:
        results = _backend().search(query, **arguments)
    except SearchBackendError as error:
        results = _engine_failed("Search", error).search(query, **arguments)
    shown = visible_now(results.hits, query)
    return replace(results, hits=shown, total=results.total - (len(results.hits) - len(shown)))


def similar(text: str, *, locale: str, limit: int = 5) -> list:
    """Up to `limit` documents like `text` (the ask form shows them before a question is
    posted), only those visitors may see now."""
    try:
        hits = _backend().similar(text, locale=locale, limit=limit)
    except SearchBackendError as error:
        hits = _engine_failed("Similar search", error).similar(text, locale=locale, limit=limit)
    return visible_now(hits, text)
