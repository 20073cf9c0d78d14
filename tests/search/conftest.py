import os

import pytest
from django.conf import settings as django_settings
from wagtail import hooks

from tests.search.corpus import ARTICLES, THREADS, FixtureProvider

ENGINE_PREFIX = "dalil-test"
NO_ENGINE = (
    "no search node here: start one (make search-engine) and set SEARCH_URL, "
    "e.g. SEARCH_URL=http://127.0.0.1:9200 make test"
)


def engine_url() -> str:
    """The live search node the `engine` tests run against. In CI (CI=true) a missing node is a
    failure: the live tests must run there, never skip."""
    url = getattr(django_settings, "DALIL_TEST_SEARCH_URL", "") or os.environ.get("SEARCH_URL", "")
    if not url:
        if os.environ.get("CI") == "true":
            pytest.fail(
                "CI runs the live search tests: start the node first (scripts/services "
                "up opensearch) and pass SEARCH_URL"
            )
        pytest.skip(NO_ENGINE)
    return url


def use_engine(settings) -> None:
    """Point the site's search at the live node, with indexes of the tests' own prefix."""
    settings.SEARCH_URL = settings.ELASTICSEARCH_URL = engine_url()
    settings.DALIL_SEARCH_BACKEND = "engine"
    settings.DALIL_SEARCH_INDEX_PREFIX = ENGINE_PREFIX


def use_database(settings) -> None:
    settings.SEARCH_URL = settings.ELASTICSEARCH_URL = ""
    settings.DALIL_SEARCH_BACKEND = "database"


@pytest.fixture
def providers(monkeypatch):
    """The fixture corpus stands in for the knowledge base and the forum (their own providers
    are set aside for the test)."""
    articles = FixtureProvider("article", ARTICLES)
    threads = FixtureProvider("thread", THREADS)
    monkeypatch.setitem(hooks._hooks, "dalil_search_providers", [])
    with hooks.register_temporarily("dalil_search_providers", lambda: [articles, threads]):
        yield {"article": articles, "thread": threads}


BACKENDS = ["database", pytest.param("engine", marks=pytest.mark.engine)]


@pytest.fixture(params=BACKENDS)
def backend(request, db, settings, providers):
    """Each backend, loaded with the fixture corpus: the database, and the live search node."""
    if request.param == "engine":
        use_engine(settings)
    else:
        use_database(settings)
    from website.search import get_backend
    from website.search.indexing import rebuild_index

    rebuild_index()
    backend = get_backend()
    if hasattr(backend, "refresh"):
        backend.refresh()
    return backend


@pytest.fixture
def engine(db, settings, providers):
    """The live search node's backend, loaded with the fixture corpus."""
    use_engine(settings)
    from website.search import get_backend
    from website.search.indexing import rebuild_index

    rebuild_index()
    backend = get_backend()
    backend.refresh()
    return backend


@pytest.fixture
def database_search(db, settings, providers):
    """The database backend loaded with the fixture corpus."""
    use_database(settings)
    from website.search.indexing import rebuild_index

    rebuild_index()


def backend_label(backend) -> str:
    from django.db import connection

    if backend.name == "database":
        return f"database ({connection.vendor})"
    return f"{backend.engine} ({backend.client.info()['version']['number']})"
