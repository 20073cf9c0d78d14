"""The search-engine mappings and request bodies, checked without a server (test_engine_live.py
checks what the live node makes of them)."""

import pytest

from website.search.backends.mapping import ArticleDocument, ThreadDocument, alias_name
from website.search.backends.queries import search_body, similar_body


@pytest.fixture
def index_prefix(settings):
    settings.DALIL_SEARCH_INDEX_PREFIX = "dalil"


def test_articles_and_threads_have_their_own_aliased_indexes(settings):
    settings.DALIL_SEARCH_INDEX_PREFIX = "help"
    assert alias_name("article") == "help-articles"
    assert alias_name("thread") == "help-threads"
    assert ArticleDocument._index.to_dict() == ThreadDocument._index.to_dict()


def test_arabic_analysis_normalises_removes_stop_words_stems_and_maps_digits():
    analysis = ArticleDocument._index.to_dict()["settings"]["analysis"]
    arabic = analysis["analyzer"]["dalil_arabic"]
    assert arabic["filter"] == [
        "lowercase",
        "decimal_digit",
        "dalil_arabic_stop",
        "arabic_normalization",
        "dalil_arabic_stemmer",
    ]
    assert arabic["char_filter"] == ["dalil_arabic_characters"]
    mappings = analysis["char_filter"]["dalil_arabic_characters"]["mappings"]
    assert "٣=>3" in mappings and "۳=>3" in mappings and "ـ=>" in mappings
    assert analysis["filter"]["dalil_arabic_stop"] == {"stopwords": "_arabic_", "type": "stop"}
    assert analysis["filter"]["dalil_arabic_stemmer"]["language"] == "arabic"


def test_english_analysis_strips_possessives_and_stems():
    analysis = ArticleDocument._index.to_dict()["settings"]["analysis"]
    english = analysis["analyzer"]["dalil_english"]
    assert english["filter"][0] == "dalil_english_possessive"
    assert analysis["filter"]["dalil_english_possessive"]["language"] == "possessive_english"
    assert analysis["filter"]["dalil_english_stemmer"]["language"] == "english"


def test_text_fields_are_analysed_in_both_languages_and_facets_are_keywords():
    properties = ArticleDocument._doc_type.mapping.to_dict()["properties"]
    for name in ("title", "body"):
        assert properties[name]["analyzer"] == "dalil_folded"
        assert properties[name]["fields"]["ar"]["analyzer"] == "dalil_arabic"
        assert properties[name]["fields"]["en"]["analyzer"] == "dalil_english"
        assert properties[name]["copy_to"] == "spelling"
    for name in ("kind", "locale", "category", "tags"):
        assert properties[name]["type"] == "keyword"
    assert properties["solved"]["type"] == "boolean"
    assert properties["url"] == {"type": "keyword", "index": False}


def test_the_search_request_is_fuzzy_boosted_filtered_faceted_highlighted_and_suggests(
    index_prefix,
):
    body = search_body(
        "recieve sms",
        locale="en",
        filters={"kind": ["thread"], "tag": ["sms"], "solved": "true"},
        page=2,
        per_page=10,
    )
    scored = body["query"]["function_score"]
    fuzzy = scored["query"]["bool"]["should"][0]["multi_match"]
    assert fuzzy["fuzziness"] == "AUTO"
    assert "title.ar^2" in fuzzy["fields"] and "body.en" in fuzzy["fields"]
    # A thread's answers are searched, weighed below the question itself.
    assert "replies.en^0.3" in fuzzy["fields"]
    assert {"filter": {"term": {"kind": "article"}}, "weight": 1.5} in scored["functions"]
    assert body["post_filter"]["bool"]["filter"] == [
        {"terms": {"locale": ["en"]}},
        {"terms": {"kind": ["thread"]}},
        {"term": {"tags": "sms"}},
        {"terms": {"solved": [True]}},
    ]
    assert set(body["aggs"]["scoped"]["aggs"]) == {"kind", "category", "tag", "solved"}
    assert body["aggs"]["locale"] == {"terms": {"field": "locale", "size": 10}}
    assert body["highlight"]["encoder"] == "html"
    assert body["highlight"]["pre_tags"] == ["<mark>"]
    assert body["suggest"]["spelling"]["term"]["field"] == "spelling"
    assert (body["from"], body["size"]) == (10, 10)


def test_all_languages_drops_the_locale_filter(index_prefix):
    body = search_body("sms", locale="ar", all_languages=True)
    assert "post_filter" not in body
    assert body["aggs"]["scoped"]["filter"] == {"match_all": {}}


def test_the_similar_request_is_more_like_this_in_the_visitors_language(index_prefix):
    body = similar_body("my sms arrive late", locale="ar", limit=5)
    like = body["query"]["bool"]["should"][0]["more_like_this"]
    assert like["like"] == "my sms arrive late"
    assert "title.ar" in like["fields"]
    assert body["query"]["bool"]["filter"] == [{"term": {"locale": "ar"}}]
    assert body["size"] == 5
