"""The search-engine backend: OpenSearch 2.x/3.x or Elasticsearch 8.x/9.x.

Mappings, queries and aggregations are built with the Elasticsearch DSL (`elasticsearch.dsl`)
and sent as plain bodies through the client of the engine that answers (`clients.py`). Bodies
use only what both engines share: no `semantic_text`, top-level `knn`, `retriever`,
`runtime_mappings`, `combined_fields` or point-in-time.

One index per kind (`ArticleDocument`, `ThreadDocument`) holds both languages; every text field
is analysed three ways: `title` (folded: lowercase, Arabic normalisation, ASCII digits),
`title.ar` (Arabic stop words, normalisation, stemming) and `title.en` (possessives, English
stop words, stemming). At search time the `.ar` and `.en` fields also expand the staff's
synonyms of their language (a `synonym_graph` filter in the search analysers, so a change of
synonyms needs no reindexing). `roots` holds the Arabic roots of the text (computed in Python by
`arabic.roots`, the same function the database backend uses), so a verb finds its noun.

Indexes are versioned (`dalil-articles-v20261123153000…`) behind an alias (`dalil-articles`);
a rebuild creates a new index, loads it, swaps the alias in one `update_aliases` call and
deletes the old index, so searches keep answering from the old index until the swap.
"""

import re
import time
from datetime import UTC, datetime

from django.conf import settings
from django.utils.html import escape
from django.utils.safestring import mark_safe
from elasticsearch.dsl import (
    SF,
    Boolean,
    Date,
    Document,
    Float,
    Keyword,
    Q,
    Search,
    Text,
    analyzer,
    char_filter,
    token_filter,
)

from ..arabic import query_terms, roots
from ..documents import KIND_BOOST, SearchDocument, SearchHit, SearchResults, clean_filters
from .base import SearchBackend, SearchBackendError
from .clients import client_for
from .vocabulary import unindexed_words

# Raised when the mappings or analysis change: an index of an older version is replaced by the
# next `search_index --rebuild` (docs/operations.md).
MAPPING_VERSION = 3

ARABIC_CHARACTERS = char_filter(
    "dalil_arabic_characters",
    type="mapping",
    mappings=[f"{chr(0x0660 + d)}=>{d}" for d in range(10)]
    + [f"{chr(0x06F0 + d)}=>{d}" for d in range(10)]
    + ["\u0640=>"],
)
ARABIC_STOP = token_filter("dalil_arabic_stop", type="stop", stopwords="_arabic_")
ARABIC_STEMMER = token_filter("dalil_arabic_stemmer", type="stemmer", language="arabic")
ENGLISH_POSSESSIVE = token_filter(
    "dalil_english_possessive", type="stemmer", language="possessive_english"
)
ENGLISH_STOP = token_filter("dalil_english_stop", type="stop", stopwords="_english_")
ENGLISH_STEMMER = token_filter("dalil_english_stemmer", type="stemmer", language="english")
# The staff's synonyms (website.search.models.SearchSynonym), filled in when an index is created
# and replaced in place when they change. They come last in the search analysers, so the rules
# are read through the same stemming as the query ("الخدمة" meets a rule written "خدمة").
# "lenient" skips a rule the analyser empties.
SYNONYM_FILTERS = {
    language: token_filter(
        f"dalil_synonyms_{language}",
        type="synonym_graph",
        synonyms=[],
        lenient=True,
    )
    for language in ("ar", "en")
}

FOLDED = analyzer(
    "dalil_folded",
    tokenizer="standard",
    char_filter=[ARABIC_CHARACTERS],
    filter=["lowercase", "decimal_digit", "arabic_normalization"],
)
ARABIC = analyzer(
    "dalil_arabic",
    tokenizer="standard",
    char_filter=[ARABIC_CHARACTERS],
    filter=["lowercase", "decimal_digit", ARABIC_STOP, "arabic_normalization", ARABIC_STEMMER],
)
ARABIC_SEARCH = analyzer(
    "dalil_arabic_search",
    tokenizer="standard",
    char_filter=[ARABIC_CHARACTERS],
    filter=[
        "lowercase",
        "decimal_digit",
        ARABIC_STOP,
        "arabic_normalization",
        ARABIC_STEMMER,
        SYNONYM_FILTERS["ar"],
    ],
)
ENGLISH = analyzer(
    "dalil_english",
    tokenizer="standard",
    char_filter=[ARABIC_CHARACTERS],
    filter=[ENGLISH_POSSESSIVE, "lowercase", "decimal_digit", ENGLISH_STOP, ENGLISH_STEMMER],
)
ENGLISH_SEARCH = analyzer(
    "dalil_english_search",
    tokenizer="standard",
    char_filter=[ARABIC_CHARACTERS],
    filter=[
        ENGLISH_POSSESSIVE,
        "lowercase",
        "decimal_digit",
        ENGLISH_STOP,
        ENGLISH_STEMMER,
        SYNONYM_FILTERS["en"],
    ],
)
ROOTS = analyzer("dalil_roots", tokenizer="whitespace")


def analysed_text(**kwargs):
    return Text(
        analyzer=FOLDED,
        fields={
            "ar": Text(analyzer=ARABIC, search_analyzer=ARABIC_SEARCH),
            "en": Text(analyzer=ENGLISH, search_analyzer=ENGLISH_SEARCH),
        },
        copy_to="spelling",
        **kwargs,
    )


class SearchableDocument(Document):
    """Fields shared by articles and threads."""

    kind = Keyword()
    object_id = Keyword()
    locale = Keyword()
    title = analysed_text()
    body = analysed_text()
    replies = analysed_text()
    roots = Text(analyzer=ROOTS)
    tags = Keyword(fields={"text": Text(analyzer=FOLDED)}, copy_to="spelling")
    category = Keyword()
    solved = Boolean()
    url = Keyword(index=False)
    updated_at = Date()
    popularity = Float()
    spelling = Text(analyzer=FOLDED)

    @classmethod
    def from_document(cls, document: SearchDocument):
        return cls(
            meta={"id": document.object_id},
            kind=document.kind,
            object_id=document.object_id,
            locale=document.locale,
            title=document.title,
            body=document.body,
            replies=document.replies,
            roots=" ".join(roots(f"{document.title} {document.full_text}")),
            tags=list(document.tags),
            category=document.category,
            solved=document.solved,
            url=document.url,
            updated_at=document.updated_at,
            popularity=document.popularity,
        )


INDEX_SETTINGS = {"number_of_shards": 1, "number_of_replicas": 0}


class ArticleDocument(SearchableDocument):
    """A live knowledge-base article."""

    class Index:
        name = "dalil-articles"
        settings = INDEX_SETTINGS


class ThreadDocument(SearchableDocument):
    """A published, non-hidden community thread with its published answers."""

    class Index:
        name = "dalil-threads"
        settings = INDEX_SETTINGS


DOCUMENT_CLASSES = {"article": ArticleDocument, "thread": ThreadDocument}
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
REBUILD_GRACE_SECONDS = 2
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


def alias_name(kind: str) -> str:
    return f"{settings.DALIL_SEARCH_INDEX_PREFIX}-{kind}s"


def synonym_rules(language: str) -> list[str]:
    """The staff's synonyms of `language` in the engines' format: "a, b, c" per group."""
    from ..synonyms import synonym_groups

    return [", ".join(group) for group in synonym_groups(language)]


def analysis_with_synonyms(analysis: dict) -> dict:
    for language, token in SYNONYM_FILTERS.items():
        analysis["filter"][token._name]["synonyms"] = synonym_rules(language)
    return analysis


class SearchEngineBackend(SearchBackend):
    """Search through OpenSearch or Elasticsearch (see the module docstring)."""

    name = "engine"

    def __init__(self, url: str, *, engine: str = ""):
        self.url = url
        self._engine = engine
        self._client = None
        self._known_aliases = set()

    @property
    def client(self):
        """The engine's client; the first use asks the engine what it is (SEARCH_ENGINE unset)."""
        if self._client is None:
            self._client = client_for(
                self.url,
                engine=self._engine,
                timeout=settings.DALIL_SEARCH_TIMEOUT,
                write_timeout=settings.DALIL_SEARCH_WRITE_TIMEOUT,
            )
        return self._client

    @property
    def engine(self) -> str:
        return self.client.engine

    def indexes(self) -> list[str]:
        return [alias_name(kind) for kind in DOCUMENT_CLASSES]

    # Requests --------------------------------------------------------------------------------

    def index_body(self, kind: str) -> dict:
        """Settings and mappings of a new index of `kind`, with today's synonyms."""
        body = DOCUMENT_CLASSES[kind]._index.to_dict()
        analysis_with_synonyms(body["settings"]["analysis"])
        body["mappings"]["_meta"] = {"dalil_mapping_version": MAPPING_VERSION}
        return body

    def _matching(self, query: str):
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

    def build_search(
        self, query, *, locale, filters=None, page=1, per_page=10, all_languages=False
    ) -> dict:
        """The body of the search request."""
        query = bounded_query(query)
        filters = clean_filters(filters)
        locales = filters.get("locale") or (None if all_languages else [locale])
        scored = Q(
            "function_score",
            query=self._matching(query),
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

    def build_similar(self, text, *, locale, limit=5) -> dict:
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

    # Reading ---------------------------------------------------------------------------------

    def search(self, query, *, locale, filters=None, page=1, per_page=10, all_languages=False):
        if not bounded_query(query):
            return SearchResults([], 0, {}, None, page, per_page)
        arguments = {
            "locale": locale,
            "filters": filters,
            "per_page": per_page,
            "all_languages": all_languages,
        }
        response = self.client.search(
            self.indexes(), self.build_search(query, page=page, **arguments)
        )
        self._complete(response)
        total = response["hits"]["total"]["value"]
        last_page = max(1, -(-total // per_page))
        if page > last_page:
            return self.search(query, page=last_page, **arguments)
        aggregations = response.get("aggregations", {})
        facets = {"locale": [(b["key"], b["doc_count"]) for b in aggregations["locale"]["buckets"]]}
        for key in FACET_FIELDS:
            facets[key] = [
                (self._facet_value(key, bucket), bucket["doc_count"])
                for bucket in aggregations["scoped"][key]["buckets"]
            ]
        hits = [self._hit(hit) for hit in response["hits"]["hits"]]
        suggestion = self._suggestion(response)
        return SearchResults(hits, total, facets, suggestion, page, per_page)

    def similar(self, text, *, locale, limit=5):
        if not bounded_query(text):
            return []
        response = self.client.search(
            self.indexes(), self.build_similar(text, locale=locale, limit=limit)
        )
        self._complete(response)
        return [self._hit(hit) for hit in response["hits"]["hits"]]

    @staticmethod
    def _complete(response) -> None:
        """A partial answer (a shard failed) is no answer: the database answers instead."""
        shards = response.get("_shards") or {}
        if shards.get("failed"):
            raise SearchBackendError(f"{shards['failed']} shard(s) failed: {shards}")

    @staticmethod
    def _facet_value(key, bucket) -> str:
        if key == "solved":
            return (
                "true" if bucket.get("key_as_string") == "true" or bucket["key"] == 1 else "false"
            )
        return str(bucket["key"])

    @staticmethod
    def _suggestion(response) -> str | None:
        entries = (response.get("suggest") or {}).get("spelling") or []
        words, changed = [], False
        for entry in entries:
            options = entry["options"]
            words.append(options[0]["text"] if options else entry["text"])
            changed = changed or bool(options)
        return " ".join(words) if changed else None

    @staticmethod
    def _hit(hit) -> SearchHit:
        source, highlights = hit["_source"], hit.get("highlight") or {}
        title_parts = highlights.get("title") or []
        # The question's own text unless only an answer matched.
        body_parts = highlights.get("body") or []
        if highlights.get("replies") and not any("<mark>" in part for part in body_parts):
            body_parts = highlights["replies"]
        # The engines' html encoder escapes the text before adding <mark>, so these are safe.
        title_html = mark_safe(title_parts[0]) if title_parts else escape(source["title"])  # noqa: S308
        snippet_html = mark_safe(body_parts[0]) if body_parts else escape("")  # noqa: S308
        return SearchHit(
            kind=source["kind"],
            object_id=source["object_id"],
            locale=source["locale"],
            title=source["title"],
            url=source["url"],
            title_html=title_html,
            snippet_html=snippet_html,
            category=source.get("category") or "",
            tags=list(source.get("tags") or []),
            solved=source.get("solved"),
            score=float(hit.get("_score") or 0),
        )

    # Writing ---------------------------------------------------------------------------------

    def _new_index(self, kind: str, stamp: str | None = None) -> str:
        stamp = stamp or datetime.now(UTC).strftime("%Y%m%d%H%M%S%f")
        name = f"{alias_name(kind)}-v{stamp}"
        self.client.create_index(name, self.index_body(kind))
        return name

    def _ensure_alias(self, kind: str) -> None:
        """Before the first rebuild, create an empty versioned index behind the alias, so an
        update never makes the engine invent an index with guessed mappings."""
        alias = alias_name(kind)
        if alias in self._known_aliases:
            return
        if not self.client.alias_targets(alias):
            new_index = self._new_index(kind)
            self.client.update_aliases([{"add": {"index": new_index, "alias": alias}}])
        self._known_aliases.add(alias)

    @staticmethod
    def _action(document: SearchDocument, index: str) -> dict:
        action = DOCUMENT_CLASSES[document.kind].from_document(document).to_dict(include_meta=True)
        return {**action, "_index": index}

    def index(self, documents) -> int:
        documents = list(documents)
        for kind in {document.kind for document in documents}:
            self._ensure_alias(kind)
        return self.client.bulk(
            [self._action(document, alias_name(document.kind)) for document in documents]
        )

    def remove(self, kind, object_ids) -> None:
        self._ensure_alias(kind)
        self.client.bulk(
            [
                {"_op_type": "delete", "_index": alias_name(kind), "_id": str(object_id)}
                for object_id in object_ids
            ]
        )

    def refresh(self) -> None:
        self.client.refresh(self.indexes())

    def rebuild(self, providers, progress=None) -> dict:
        counts = {}
        stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S%f")
        for provider in providers:
            new_index = self._new_index(provider.kind, stamp)
            counts[provider.kind] = 0
            try:
                for indexed in self._bulk_load(new_index, provider):
                    counts[provider.kind] += indexed
                    if progress:
                        progress(indexed)
            except SearchBackendError:
                self.client.delete_index(new_index)  # the old index keeps answering
                raise
            self._swap_alias(alias_name(provider.kind), new_index)
        return counts

    def _bulk_load(self, index_name, provider):
        batch = []
        for document in provider.iter_documents():
            batch.append(self._action(document, index_name))
            if len(batch) >= 500:
                yield self.client.bulk(batch)
                batch = []
        if batch:
            yield self.client.bulk(batch)

    def _swap_alias(self, alias, new_index) -> None:
        self.client.refresh([new_index])
        old_indexes = [name for name in self.client.alias_targets(alias) if name != new_index]
        actions = [{"remove": {"index": name, "alias": alias}} for name in old_indexes]
        actions.append({"add": {"index": new_index, "alias": alias}})
        self.client.update_aliases(actions)
        self._known_aliases.add(alias)
        if old_indexes:
            # Searches that resolved the alias just before the swap finish on the old index.
            time.sleep(REBUILD_GRACE_SECONDS)
        for name in old_indexes:
            self.client.delete_index(name)

    # Upkeep ----------------------------------------------------------------------------------

    def apply_synonyms(self) -> list[str]:
        """Put today's synonyms into every index behind the aliases, in place (no reindexing);
        returns the indexes changed."""
        changed = []
        for kind in DOCUMENT_CLASSES:
            for index in self.client.alias_targets(alias_name(kind)):
                analysis = analysis_with_synonyms(self.index_body(kind)["settings"]["analysis"])
                filters = {
                    token._name: analysis["filter"][token._name]
                    for token in SYNONYM_FILTERS.values()
                }
                self.client.replace_analysis(index, {"filter": filters})
                changed.append(index)
        return changed

    def outdated_indexes(self) -> list[str]:
        """Indexes behind the aliases whose mappings are older than MAPPING_VERSION."""
        outdated = []
        for kind in DOCUMENT_CLASSES:
            for index in self.client.alias_targets(alias_name(kind)):
                meta = self.client.get_mapping(index)[index]["mappings"].get("_meta") or {}
                if meta.get("dalil_mapping_version") != MAPPING_VERSION:
                    outdated.append(index)
        return outdated
