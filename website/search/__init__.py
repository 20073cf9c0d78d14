"""Dalil's site-wide search: one interface over articles and threads, two backends.

`get_backend()` returns the Elasticsearch backend when ELASTICSEARCH_URL is set
(``DALIL_SEARCH_BACKEND = "elasticsearch"``) and the database backend otherwise. Content apps
plug in through the `dalil_search_providers` and `dalil_content_changed` Wagtail hooks (see
website/search/providers.py and docs/search.md).
"""

from django.conf import settings


def get_backend():
    """The configured search backend."""
    if getattr(settings, "DALIL_SEARCH_BACKEND", "database") == "elasticsearch":
        from .backends.elastic import ElasticsearchBackend

        return ElasticsearchBackend(settings.ELASTICSEARCH_URL)
    return get_database_backend()


def get_database_backend():
    """The database backend: the default, and the fallback when Elasticsearch is down."""
    from .backends.database import DatabaseBackend

    return DatabaseBackend()
