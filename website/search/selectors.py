"""Searching for visitors: the configured backend, falling back to the database backend."""

import logging

from django.core.cache import cache

from . import get_backend, get_database_backend
from .backends.base import SearchBackendError
from .documents import SearchResults

logger = logging.getLogger("dalil.search")

# After a failure, visitors are answered by the database for a while instead of each waiting
# for Elasticsearch to time out again.
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


def search(
    query: str,
    *,
    locale: str,
    filters: dict | None = None,
    page: int = 1,
    per_page: int = 10,
    all_languages: bool = False,
) -> SearchResults:
    """Visible documents matching `query`; never fails because Elasticsearch is down."""
    arguments = {
        "locale": locale,
        "filters": filters,
        "page": page,
        "per_page": per_page,
        "all_languages": all_languages,
    }
    try:
        return _backend().search(query, **arguments)
    except SearchBackendError as error:
        return _engine_failed("Search", error).search(query, **arguments)


def similar(text: str, *, locale: str, limit: int = 5) -> list:
    """Up to `limit` documents like `text` (the ask form shows them before a question is
    posted)."""
    try:
        return _backend().similar(text, locale=locale, limit=limit)
    except SearchBackendError as error:
        return _engine_failed("Similar search", error).similar(text, locale=locale, limit=limit)
