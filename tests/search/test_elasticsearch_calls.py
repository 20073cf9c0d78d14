"""The search-engine backend through the `elasticsearch` client (the path an Elasticsearch 8/9
cluster takes): its calls and response handling, against a recording stand-in server. The same
behaviour runs live against OpenSearch in test_contract.py and test_engine_live.py."""

import json

import pytest

from tests.search.corpus import document
from tests.search.fake_elasticsearch import FakeElasticsearch
from website.search.backends.engine import SearchEngineBackend

SOURCE = {
    "kind": "article",
    "object_id": "en-sms",
    "locale": "en",
    "title": "Why <b>didn't</b> I receive my SMS code?",
    "url": "/en/articles/en-sms/",
    "category": "Messages",
    "tags": ["sms"],
    "solved": None,
}
SEARCH_RESPONSE = {
    "took": 1,
    "timed_out": False,
    "_shards": {"total": 1, "successful": 1, "skipped": 0, "failed": 0},
    "hits": {
        "total": {"value": 1, "relation": "eq"},
        "max_score": 2.0,
        "hits": [
            {
                "_index": "dalil-articles-v1",
                "_id": "en-sms",
                "_score": 2.0,
                "_source": SOURCE,
                "highlight": {
                    "body": ["Codes are sent by <mark>SMS</mark> &lt;script&gt;"],
                },
            }
        ],
    },
    "aggregations": {
        "locale": {"buckets": [{"key": "en", "doc_count": 1}, {"key": "ar", "doc_count": 2}]},
        "scoped": {
            "doc_count": 1,
            "kind": {"buckets": [{"key": "article", "doc_count": 1}]},
            "category": {"buckets": [{"key": "Messages", "doc_count": 1}]},
            "tag": {"buckets": [{"key": "sms", "doc_count": 1}]},
            "solved": {"buckets": [{"key": 0, "key_as_string": "false", "doc_count": 1}]},
        },
    },
    "suggest": {
        "spelling": [
            {"text": "recieve", "offset": 0, "length": 7, "options": [{"text": "receive"}]},
            {"text": "sms", "offset": 8, "length": 3, "options": []},
        ]
    },
}


@pytest.fixture
def fake(db, settings):
    settings.DALIL_SEARCH_INDEX_PREFIX = "dalil"
    with FakeElasticsearch() as server:
        yield server


def test_search_results_are_read_with_safe_highlights_facets_and_a_suggestion(fake):
    fake.responses[("POST", "/dalil-articles,dalil-threads/_search")] = (200, SEARCH_RESPONSE)
    results = SearchEngineBackend(fake.url, engine="elasticsearch").search(
        "recieve sms", locale="en"
    )
    assert results.total == 1
    hit = results.hits[0]
    assert (hit.kind, hit.object_id, hit.url) == ("article", "en-sms", "/en/articles/en-sms/")
    assert str(hit.title_html) == "Why &lt;b&gt;didn&#x27;t&lt;/b&gt; I receive my SMS code?"
    assert str(hit.snippet_html) == "Codes are sent by <mark>SMS</mark> &lt;script&gt;"
    assert results.facets["locale"] == [("en", 1), ("ar", 2)]
    assert results.facets["solved"] == [("false", 1)]
    assert results.facets["kind"] == [("article", 1)]
    assert results.suggestion == "receive sms"


def test_updates_before_the_first_rebuild_create_a_versioned_index_behind_the_alias(fake):
    fake.responses[("GET", "/_alias/dalil-threads")] = (404, {"error": "missing", "status": 404})
    backend = SearchEngineBackend(fake.url, engine="elasticsearch")
    backend.index([document("thread", ("t1", "en", "Roaming", "", [], False, "Abroad"))])
    created = [p for p in fake.paths("PUT") if p.startswith("/dalil-threads-v")]
    assert len(created) == 1
    alias_actions = json.loads(fake.bodies("POST", "/_aliases")[0])["actions"]
    assert alias_actions == [{"add": {"index": created[0].lstrip("/"), "alias": "dalil-threads"}}]
    bulk = fake.bodies("PUT", "/_bulk") + fake.bodies("POST", "/_bulk")
    assert '"_index":"dalil-threads"' in bulk[0].replace(" ", "")


def test_a_rebuild_swaps_the_alias_in_one_call_and_deletes_the_old_index(fake, providers):
    fake.responses[("GET", "/_alias/dalil-articles")] = (
        200,
        {"dalil-articles-v1": {"aliases": {"dalil-articles": {}}}},
    )
    fake.responses[("GET", "/_alias/dalil-threads")] = (404, {"error": "missing", "status": 404})
    counts = SearchEngineBackend(fake.url, engine="elasticsearch").rebuild(list(providers.values()))
    assert set(counts) == {"article", "thread"}
    swaps = [json.loads(body)["actions"] for body in fake.bodies("POST", "/_aliases")]
    article_swap = next(
        actions for actions in swaps if actions[-1]["add"]["alias"].endswith("articles")
    )
    assert article_swap[0] == {"remove": {"index": "dalil-articles-v1", "alias": "dalil-articles"}}
    assert article_swap[1]["add"]["index"].startswith("dalil-articles-v2")
    assert "/dalil-articles-v1" in fake.paths("DELETE")
    thread_swap = next(
        actions for actions in swaps if actions[-1]["add"]["alias"].endswith("threads")
    )
    assert len(thread_swap) == 1


def test_an_error_answer_becomes_a_backend_error_and_search_falls_back(
    fake, database_search, settings
):
    from website.search import selectors

    fake.responses[("POST", "/dalil-articles,dalil-threads/_search")] = (
        503,
        {"error": {"type": "cluster_block_exception", "reason": "blocked"}, "status": 503},
    )
    settings.SEARCH_URL = fake.url
    settings.DALIL_SEARCH_ENGINE = "elasticsearch"
    settings.DALIL_SEARCH_BACKEND = "engine"
    results = selectors.search("password", locale="en")
    assert [hit.title for hit in results.hits] == ["Reset your account password"]


def test_a_page_beyond_the_last_shows_the_last_page(fake):
    fake.responses[("POST", "/dalil-articles,dalil-threads/_search")] = (200, SEARCH_RESPONSE)
    results = SearchEngineBackend(fake.url, engine="elasticsearch").search(
        "sms", locale="en", page=7
    )
    assert results.page == 1
    first_requests = [json.loads(body) for body in fake.bodies("POST", "/dalil-articles")]
    assert [body["from"] for body in first_requests] == [60, 0]


def test_after_a_failure_searches_skip_elasticsearch_for_a_while(fake, database_search, settings):
    from django.core.cache import cache

    from website.search import selectors

    fake.responses[("POST", "/dalil-articles,dalil-threads/_search")] = (
        503,
        {"error": {"type": "unavailable", "reason": "down"}, "status": 503},
    )
    settings.SEARCH_URL = fake.url
    settings.DALIL_SEARCH_ENGINE = "elasticsearch"
    settings.DALIL_SEARCH_BACKEND = "engine"
    selectors.search("password", locale="en")
    selectors.search("chat", locale="en")
    selectors.similar("chat window", locale="en")
    assert len(fake.bodies("POST", "/dalil-articles")) == 1
    cache.delete(selectors.ENGINE_DOWN_KEY)
    fake.responses[("POST", "/dalil-articles,dalil-threads/_search")] = (200, SEARCH_RESPONSE)
    assert selectors.search("sms", locale="en").suggestion == "receive sms"
