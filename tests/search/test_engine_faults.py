"""Faults and bad input against a real search node.

The node is stopped in the middle of the test: searches fall back to the database with a logged
warning and no 5xx, updates queue in the outbox, and after a restart the outbox drains into an
index equal to a fresh rebuild. The node is the test's own (port of SEARCH_URL + 1), so the
shared one keeps serving the other tests.
"""

import logging
import os
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache
from wagtail import hooks

from tests.search.conftest import ENGINE_PREFIX, engine_url, use_database, use_engine
from tests.search.corpus import document
from website.search.backends.mapping import alias_name

pytestmark = [pytest.mark.engine, pytest.mark.django_db]

NODE = Path(__file__).resolve().parents[2] / "search-engine" / "node"
HOSTILE_QUERIES = [
    'title:(chat OR "live") AND body:/.*/ ~2 ^3 \\ {a TO z} [* TO *] && || ! ( ) " :',
    "sms " * 2500,  # 10,000 characters
    "اِسْتِطْلاعَـــات الـرِّضَـا",
    "chat 📱💬🙂 الدعم 👍",
    "chat\x00 \x01\x02\x1b[31m sms\x7f",
    "*",
    "?",
    "\\",
    "<script>alert(1)</script>",
]
ENGINE_WORDS = ("opensearch", "exception", "query_shard", "Traceback", "parse_exception")


def node(command: str, port: int) -> None:
    environment = {**os.environ, "SEARCH_PORT": str(port), "SEARCH_HEAP": "512m"}
    subprocess.run([str(NODE), command], env=environment, check=True, timeout=300)


@pytest.fixture
def own_node():
    port = (urlsplit(engine_url()).port or 9200) + 1
    node("start", port)
    try:
        yield f"http://127.0.0.1:{port}", port
    finally:
        node("stop", port)


@pytest.fixture
def notify(django_capture_on_commit_callbacks):
    def notify(kind, object_id):
        with django_capture_on_commit_callbacks(execute=True):
            for function in hooks.get_hooks("dalil_content_changed"):
                function(kind, object_id)

    return notify


def test_a_stopped_node_falls_back_queues_updates_and_drains_to_a_fresh_rebuild(
    own_node, settings, providers, client, caplog, notify
):
    from website.search import get_backend
    from website.search.indexing import rebuild_index, retry_pending
    from website.search.models import PendingIndexUpdate

    url, port = own_node
    use_engine(settings)
    settings.SEARCH_URL = settings.ELASTICSEARCH_URL = url
    settings.DALIL_SEARCH_TIMEOUT = 2
    settings.DALIL_SEARCH_WRITE_TIMEOUT = 5
    rebuild_index()

    node("stop", port)
    with caplog.at_level(logging.WARNING, logger="dalil.search"):
        page = client.get("/en/search/", {"q": "live chat"})
        similar = client.get("/en/search/similar/", {"q": "chat keeps disconnecting"})
        providers["thread"].documents["en-roaming"] = document(
            "thread", ("en-roaming", "en", "Roaming abroad", "", ["roaming"], False, "Abroad.")
        )
        notify("thread", "en-roaming")
        del providers["article"].documents["en-password"]
        notify("article", "en-password")
    assert page.status_code == 200 and similar.status_code == 200
    assert "Start a <mark>live</mark> <mark>chat</mark> with an agent" in page.content.decode()
    assert "fell back to the database backend" in caplog.text
    assert "kept for retry" in caplog.text
    pending = set(PendingIndexUpdate.objects.values_list("kind", "object_id", "attempts"))
    assert pending == {("thread", "en-roaming", 1), ("article", "en-password", 1)}

    node("start", port)
    cache.clear()
    assert retry_pending() == (2, 0)
    drained = get_backend()
    drained.refresh()
    settings.DALIL_SEARCH_INDEX_PREFIX = f"{ENGINE_PREFIX}-fresh"
    fresh = get_backend()
    fresh.rebuild(list_providers(providers))
    for kind in ("article", "thread"):
        settings.DALIL_SEARCH_INDEX_PREFIX = ENGINE_PREFIX
        (drained_index,) = drained.client.alias_targets(alias_name(kind))
        settings.DALIL_SEARCH_INDEX_PREFIX = f"{ENGINE_PREFIX}-fresh"
        (fresh_index,) = fresh.client.alias_targets(alias_name(kind))
        drained_documents = drained.client.scan_sources(drained_index)
        fresh_documents = fresh.client.scan_sources(fresh_index)
        # Same ids, and each the same version of the content (updated_at) with the same text.
        assert drained_documents.keys() == fresh_documents.keys()
        assert drained_documents == fresh_documents
    assert "en-roaming" in drained_documents and "en-password" not in drained_documents


def list_providers(providers):
    from website.search.providers import Provider

    return [Provider(providers["article"]), Provider(providers["thread"])]


@pytest.fixture(params=["database", "engine"])
def site_search(request, settings, providers):
    (use_engine if request.param == "engine" else use_database)(settings)
    from website.search import get_backend
    from website.search.indexing import rebuild_index

    rebuild_index()
    backend = get_backend()
    if hasattr(backend, "refresh"):
        backend.refresh()
    return backend


@pytest.mark.parametrize("query", HOSTILE_QUERIES, ids=range(len(HOSTILE_QUERIES)))
def test_hostile_queries_never_fail_nor_show_an_engine_error(site_search, client, query, caplog):
    with caplog.at_level(logging.WARNING, logger="dalil.search"):
        page = client.get("/en/search/", {"q": query})
        similar = client.get("/en/search/similar/", {"q": query})
        site_search.search(query, locale="en")  # past the form's length limit too
        site_search.similar(query, locale="ar")
    assert page.status_code == 200
    assert similar.status_code in (200, 400)
    text = page.content.decode() + similar.content.decode()
    assert not any(word in text for word in ENGINE_WORDS)
    assert "<script>alert(1)</script>" not in text
    assert "fell back" not in caplog.text  # the engine answered them itself
