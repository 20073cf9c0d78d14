"""Searching for visitors: the configured backend, falling back to the database backend."""

import logging

from . import get_backend, get_database_backend
from .backends.base import SearchBackendError
from .documents import SearchResults

logger = logging.getLogger("dalil.search")


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
    backend = get_backend()
    try:
        return backend.search(query, **arguments)
    except SearchBackendError as error:
        logger.warning("Search fell back to the database backend: %s", error)
        return get_database_backend().search(query, **arguments)


def similar(text: str, *, locale: str, limit: int = 5) -> list:
    """Up to `limit` documents like `text` (the ask form shows them before a question is
    posted)."""
    backend = get_backend()
    try:
        return backend.similar(text, locale=locale, limit=limit)
    except SearchBackendError as error:
        logger.warning("Similar search fell back to the database backend: %s", error)
        return get_database_backend().similar(text, locale=locale, limit=limit)
