"""Dalil's site-wide search: one interface over articles and threads, two backends.

`get_backend()` returns the search-engine backend (OpenSearch or Elasticsearch) when SEARCH_URL
is set (``DALIL_SEARCH_BACKEND = "engine"``; ELASTICSEARCH_URL, the older name, still works) and
the database backend otherwise. Content apps plug in through the `dalil_search_providers` and
`dalil_content_changed` Wagtail hooks (see website/search/providers.py and docs/search.md).
"""

from django.conf import settings

ENGINE_BACKENDS = ("engine", "elasticsearch", "opensearch")  # the last two: older names


def get_backend():
    """The configured search backend."""
    if getattr(settings, "DALIL_SEARCH_BACKEND", "database") in ENGINE_BACKENDS:
        from .backends.engine import SearchEngineBackend

        return SearchEngineBackend(search_url(), engine=settings.DALIL_SEARCH_ENGINE)
    return get_database_backend()


def search_url() -> str:
    return getattr(settings, "SEARCH_URL", "") or getattr(settings, "ELASTICSEARCH_URL", "")


def get_database_backend():
    """The database backend: the default, and the fallback when the engine is down. One class
    per database, chosen here by the connection's vendor (PostgreSQL or SQLite)."""
    # Imported here: the backends read the search models, and this package is imported while
    # Django loads them (website/models.py imports website.search.models).
    from django.db import connection

    if connection.vendor == "postgresql":
        from .backends.postgresql import PostgreSQLBackend

        return PostgreSQLBackend()
    from .backends.sqlite import SQLiteBackend

    return SQLiteBackend()
