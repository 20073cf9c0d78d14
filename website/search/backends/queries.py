"""The search engine's requests: what a visitor's query becomes (`search_body`) and what the
ask form's text becomes (`similar_body`), built with the Elasticsearch DSL.

Bodies use only what OpenSearch and Elasticsearch share: no `semantic_text`, top-level `knn`,
`retriever`, `runtime_mappings`, `combined_fields` or point-in-time.
"""

import re

from elasticsearch.dsl import SF, Q, Search
from elasticsearch.dsl.query import Query

from ..arabic import query_terms, roots
from ..documents import KIND_BOOST, clean_filters
from .vocabulary import unindexed_words

# A title counts twice its body: at three times, a question sharing one word with a title ("how
# long", "service") ranked a thread titled so above the article that answers it. A thread's
# answers count for less than its question: long discussions collect BM25 weight that an article
# answering the same question in a few lines cannot. (Demo natural-language questions, MRR@5:
# 0.727 with titles at 3 and answers in the body, 0.760 now; titles and paraphrases 0.989 both.)
REPLIES_WEIGHT = 0.3
TEXT_FIELDS = [
    "title^2",
    "title.ar^2",
    "title.en^2",
    "tags.text^2",
    "body",
    "body.ar",
    "body.en",
    *(f"{field}^{REPLIES_WEIGHT}" for field in ("replies", "replies.ar", "replies.en")),
]
ALL_WORDS_BOOST = 1.0
HIGHLIGHT_TAGS = {"pre_tags": ["<mark>"], "post_tags": ["</mark>"], "encoder": "html"}
FACET_FIELDS = {"kind": "kind", "category": "category", "tag": "tags", "solved": "solved"}
# A root is matched only for query words the index does not hold (see `unindexed_roots`), so it
# is often the only link between the question and its answer.
ROOT_BOOST = 2.0
# What reaches the engine of a query: enough for any real question, and a bounded number of
# clauses (every word is a fuzzy term in seven fields) whatever a visitor pastes.
QUERY_CHARACTERS = 200
FUZZY_WORDS = 3
QUERY_WORDS = 24
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def bounded_query(text: str) -> str:
    """The query as the engine sees it: control characters out, whitespace collapsed, at most
    QUERY_WORDS words and QUERY_CHARACTERS characters."""
    return " ".join(CONTROL.sub(" ", text or "").split()[:QUERY_WORDS])[:QUERY_CHARACTERS]


def unindexed_roots(text: str, locales=None) -> list[str]:
    """The roots of the Arabic words of `text` that the index does not hold as they are (a
    verb where the articles have the noun): as on the database backend, a word the index holds
    is matched as itself, and its root would only add noise."""
    return roots(" ".join(unindexed_words(query_terms(text), locales)))


def matching(query: str) -> Query:
    """What a visitor's query matches, before the kind and popularity boosts."""
    # The words that carry meaning (as the database backend reads them): the folded fields
    # keep stop words, and "how do I" would otherwise rank every "How do I …" title first.
    terms = query_terms(query)
    # Typos are forgiven in short queries; in a question of many words, fuzzy variants of
    # each word match more unrelated text than they rescue.
    fuzzy = {"fuzziness": "AUTO", "prefix_length": 1, "max_expansions": 20}
    should = [
        Q(
            "multi_match",
            query=" ".join(terms),
            fields=TEXT_FIELDS,
            tie_breaker=0.3,
            **(fuzzy if len(terms) <= FUZZY_WORDS else {}),
        ),
        Q("multi_match", query=query, type="phrase", fields=TEXT_FIELDS[:4], boost=2),
        # A document holding every meaningful word somewhere (title, tags, body) beats one
        # that repeats a single word in several fields: "portal english" wants the thread
        # about the portal in English, not the portal's own article.
        Q(
            "multi_match",
            query=" ".join(terms),
            type="cross_fields",
            operator="and",
            fields=TEXT_FIELDS,
            boost=ALL_WORDS_BOOST,
        ),
    ]
    query_roots = unindexed_roots(query)
    if query_roots:
        should.append(Q("match", roots={"query": " ".join(query_roots), "boost": ROOT_BOOST}))
    return Q("bool", should=should, minimum_should_match=1)


def search_body(
    query: str,
    *,
    locale: str,
    filters: dict | None = None,
    page: int = 1,
    per_page: int = 10,
    all_languages: bool = False,
) -> dict:
    """The body of the search request."""
    query = bounded_query(query)
    filters = clean_filters(filters)
    locales = filters.get("locale") or (None if all_languages else [locale])
    scored = Q(
        "function_score",
        query=matching(query),
        functions=[
            SF({"filter": Q("term", kind="article"), "weight": KIND_BOOST["article"]}),
            SF("field_value_factor", field="popularity", modifier="ln2p", missing=0),
        ],
        score_mode="multiply",
        boost_mode="multiply",
    )
    search = Search().query(scored).extra(track_total_hits=True)
    post_filters = [Q("terms", locale=locales)] if locales else []
    for key, field in FACET_FIELDS.items():
        if key in filters:
            values = [v == "true" for v in filters[key]] if key == "solved" else filters[key]
            post_filters += (
                [Q("term", **{field: v}) for v in values]
                if key == "tag"
                else [Q("terms", **{field: values})]
            )
    if post_filters:
        search = search.post_filter(Q("bool", filter=post_filters))
    search.aggs.bucket("locale", "terms", field="locale", size=10)
    scope = search.aggs.bucket(
        "scoped", "filter", filter=Q("terms", locale=locales) if locales else Q("match_all")
    )
    for key, field in FACET_FIELDS.items():
        scope.bucket(key, "terms", field=field, size=20)
    search = search.highlight_options(**HIGHLIGHT_TAGS)
    search = search.highlight(
        "title", matched_fields=["title", "title.ar", "title.en"], number_of_fragments=0
    )
    search = search.highlight(
        "body",
        matched_fields=["body", "body.ar", "body.en"],
        fragment_size=200,
        number_of_fragments=1,
        no_match_size=200,
    )
    search = search.highlight(
        "replies",
        matched_fields=["replies", "replies.ar", "replies.en"],
        fragment_size=200,
        number_of_fragments=1,
    )
    search = search.suggest(
        "spelling",
        query,
        term={"field": "spelling", "suggest_mode": "missing", "min_word_length": 4},
    )
    search = search.source(excludes=["body", "replies", "roots", "spelling"])
    offset = (max(1, page) - 1) * per_page
    return search[offset : offset + per_page].to_dict()


def similar_body(text: str, *, locale: str, limit: int = 5) -> dict:
    """The body of the request for documents like `text` (the ask form)."""
    text = bounded_query(text)
    should = [
        Q(
            "more_like_this",
            fields=["title", "title.ar", "title.en", "body.ar", "body.en"],
            like=text,
            min_term_freq=1,
            min_doc_freq=1,
            max_query_terms=25,
            minimum_should_match="30%",
        )
    ]
    text_roots = unindexed_roots(text, [locale])
    if text_roots:
        should.append(
            Q(
                "match",
                roots={
                    "query": " ".join(text_roots),
                    "boost": ROOT_BOOST,
                    "minimum_should_match": "50%",
                },
            )
        )
    search = Search().query(
        Q("bool", should=should, minimum_should_match=1, filter=[Q("term", locale=locale)])
    )
    return search.source(excludes=["body", "replies", "roots", "spelling"])[:limit].to_dict()
