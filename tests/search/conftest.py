import os

import pytest
from wagtail import hooks

from tests.search.corpus import ARTICLES, THREADS, FixtureProvider

NO_ELASTICSEARCH = "no Elasticsearch server here (set ELASTICSEARCH_URL)"


@pytest.fixture
def providers(monkeypatch):
    """The fixture corpus stands in for the knowledge base and the forum (their own providers
    are set aside for the test)."""
    articles = FixtureProvider("article", ARTICLES)
    threads = FixtureProvider("thread", THREADS)
    monkeypatch.setitem(hooks._hooks, "dalil_search_providers", [])
    with hooks.register_temporarily("dalil_search_providers", lambda: [articles, threads]):
        yield {"article": articles, "thread": threads}


@pytest.fixture(params=["database", "elasticsearch"])
def backend(request, db, settings, providers):
    """Each backend available here, loaded with the fixture corpus."""
    if request.param == "elasticsearch":
        url = os.environ.get("ELASTICSEARCH_URL")
        if not url:
            pytest.skip(NO_ELASTICSEARCH)
        settings.ELASTICSEARCH_URL = url
        settings.DALIL_SEARCH_BACKEND = "elasticsearch"
        settings.DALIL_SEARCH_INDEX_PREFIX = "dalil-test"
    else:
        settings.ELASTICSEARCH_URL = ""
        settings.DALIL_SEARCH_BACKEND = "database"
    from website.search import get_backend
    from website.search.indexing import rebuild_index

    rebuild_index()
    backend = get_backend()
    if hasattr(backend, "refresh"):
        backend.refresh()
    return backend


@pytest.fixture
def database_search(db, settings, providers):
    """The database backend loaded with the fixture corpus."""
    settings.ELASTICSEARCH_URL = ""
    settings.DALIL_SEARCH_BACKEND = "database"
    from website.search.indexing import rebuild_index

    rebuild_index()
