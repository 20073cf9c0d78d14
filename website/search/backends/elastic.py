"""The Elasticsearch backend, written with the Elasticsearch DSL (`elasticsearch.dsl`, part of
the `elasticsearch` 9.x client since the separate `elasticsearch-dsl` package was folded in).

One index per kind (`ArticleDocument`, `ThreadDocument`) holds both languages; every text
field is analysed three ways: `title` (folded: lowercase, Arabic normalisation, ASCII digits),
`title.ar` (Arabic stop words, normalisation, stemming) and `title.en` (possessives, English
stop words, stemming). Queries run over all of them with fuzziness AUTO, so the language of a
document never has to be guessed at query time.

Indexes are versioned (`dalil-articles-v20261123153000`) behind an alias (`dalil-articles`);
a rebuild creates a new index, loads it, swaps the alias in one `update_aliases` call and
deletes the old index.
"""

from datetime import UTC, datetime
from functools import lru_cache

from django.conf import settings
from django.utils.html import escape
from django.utils.safestring import mark_safe
from elastic_transport import TransportError
from elasticsearch import Elasticsearch, helpers
from elasticsearch import exceptions as es_exceptions
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

from ..documents import KIND_BOOST, SearchDocument, SearchHit, SearchResults, clean_filters
from .base import SearchBackend, SearchBackendError

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
ENGLISH = analyzer(
    "dalil_english",
    tokenizer="standard",
    char_filter=[ARABIC_CHARACTERS],
    filter=[ENGLISH_POSSESSIVE, "lowercase", "decimal_digit", ENGLISH_STOP, ENGLISH_STEMMER],
)


def analysed_text(**kwargs):
    return Text(
        analyzer=FOLDED,
        fields={"ar": Text(analyzer=ARABIC), "en": Text(analyzer=ENGLISH)},
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
TEXT_FIELDS = ["title^3", "title.ar^3", "title.en^3", "tags.text^2", "body", "body.ar", "body.en"]
HIGHLIGHT_TAGS = {"pre_tags": ["<mark>"], "post_tags": ["</mark>"], "encoder": "html"}
FACET_FIELDS = {"kind": "kind", "category": "category", "tag": "tags", "solved": "solved"}
ENGINE_ERRORS = (TransportError, es_exceptions.ApiError, ConnectionError)


@lru_cache(maxsize=4)
def client_for(url: str, timeout: float) -> Elasticsearch:
    """One client (and connection pool) per URL for the life of the process."""
    return Elasticsearch(url, request_timeout=timeout, max_retries=0, retry_on_timeout=False)


def alias_name(kind: str) -> str:
    return f"{settings.DALIL_SEARCH_INDEX_PREFIX}-{kind}s"


class ElasticsearchBackend(SearchBackend):
    """Search through Elasticsearch (see the module docstring)."""

    name = "elasticsearch"

    def __init__(self, url: str):
        self.client = client_for(url, settings.DALIL_SEARCH_TIMEOUT)
        self._known_aliases = set()

    def _call(self, function, *args, **kwargs):
        try:
            return function(*args, **kwargs)
        except ENGINE_ERRORS as error:
            raise SearchBackendError(str(error)) from error

    # Requests --------------------------------------------------------------------------------

    def build_search(
        self, query, *, locale, filters=None, page=1, per_page=10, all_languages=False
    ) -> Search:
        """The search request (a `Search` whose `to_dict()` is the body sent)."""
        filters = clean_filters(filters)
        locales = filters.get("locale") or (None if all_languages else [locale])
        matching = Q(
            "bool",
            should=[
                Q(
                    "multi_match",
                    query=query,
                    fields=TEXT_FIELDS,
                    fuzziness="AUTO",
                    prefix_length=1,
                    max_expansions=20,
                ),
                Q("multi_match", query=query, type="phrase", fields=TEXT_FIELDS[:4], boost=2),
            ],
            minimum_should_match=1,
        )
        scored = Q(
            "function_score",
            query=matching,
            functions=[
                SF({"filter": Q("term", kind="article"), "weight": KIND_BOOST["article"]}),
                SF("field_value_factor", field="popularity", modifier="ln2p", missing=0),
            ],
            score_mode="multiply",
            boost_mode="multiply",
        )
        search = Search(using=self.client, index=[alias_name(k) for k in DOCUMENT_CLASSES])
        search = search.query(scored).extra(track_total_hits=True)
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
        search = search.suggest(
            "spelling",
            query,
            term={"field": "spelling", "suggest_mode": "missing", "min_word_length": 4},
        )
        offset = (max(1, page) - 1) * per_page
        return search[offset : offset + per_page]

    def build_similar(self, text, *, locale, limit=5) -> Search:
        like = Q(
            "more_like_this",
            fields=["title", "title.ar", "title.en", "body.ar", "body.en"],
            like=text,
            min_term_freq=1,
            min_doc_freq=1,
            max_query_terms=25,
            minimum_should_match="30%",
        )
        search = Search(using=self.client, index=[alias_name(k) for k in DOCUMENT_CLASSES])
        search = search.query(Q("bool", must=[like], filter=[Q("term", locale=locale)]))
        return search.source(excludes=["body"])[:limit]

    # Reading ---------------------------------------------------------------------------------

    def search(self, query, *, locale, filters=None, page=1, per_page=10, all_languages=False):
        if not query.strip():
            return SearchResults([], 0, {}, None, page, per_page)
        request = self.build_search(
            query,
            locale=locale,
            filters=filters,
            page=page,
            per_page=per_page,
            all_languages=all_languages,
        )
        response = self._call(request.execute)
        last_page = max(1, -(-response.hits.total.value // per_page))
        if page > last_page:
            return self.search(
                query,
                locale=locale,
                filters=filters,
                page=last_page,
                per_page=per_page,
                all_languages=all_languages,
            )
        aggregations = response.aggregations.to_dict()
        facets = {"locale": [(b["key"], b["doc_count"]) for b in aggregations["locale"]["buckets"]]}
        for key in FACET_FIELDS:
            facets[key] = [
                (self._facet_value(key, bucket), bucket["doc_count"])
                for bucket in aggregations["scoped"][key]["buckets"]
            ]
        hits = [self._hit(hit) for hit in response.hits]
        total = response.hits.total.value
        return SearchResults(hits, total, facets, self._suggestion(query, response), page, per_page)

    def similar(self, text, *, locale, limit=5):
        response = self._call(self.build_similar(text, locale=locale, limit=limit).execute)
        return [self._hit(hit) for hit in response.hits]

    @staticmethod
    def _facet_value(key, bucket) -> str:
        if key == "solved":
            return (
                "true" if bucket.get("key_as_string") == "true" or bucket["key"] == 1 else "false"
            )
        return str(bucket["key"])

    @staticmethod
    def _suggestion(query, response) -> str | None:
        suggest = getattr(response, "suggest", None)
        if not suggest or "spelling" not in suggest:
            return None
        words, changed = [], False
        for entry in suggest["spelling"]:
            options = entry["options"]
            words.append(options[0]["text"] if options else entry["text"])
            changed = changed or bool(options)
        return " ".join(words) if changed else None

    @staticmethod
    def _hit(hit) -> SearchHit:
        highlights = getattr(hit.meta, "highlight", None)
        title_parts = list(getattr(highlights, "title", []) or []) if highlights else []
        body_parts = list(getattr(highlights, "body", []) or []) if highlights else []
        # Elasticsearch's html encoder escapes the text before adding <mark>, so these are safe.
        title_html = mark_safe(title_parts[0]) if title_parts else escape(hit.title)  # noqa: S308
        snippet_html = mark_safe(body_parts[0]) if body_parts else escape("")  # noqa: S308
        return SearchHit(
            kind=hit.kind,
            object_id=hit.object_id,
            locale=hit.locale,
            title=hit.title,
            url=hit.url,
            title_html=title_html,
            snippet_html=snippet_html,
            category=getattr(hit, "category", "") or "",
            tags=list(getattr(hit, "tags", []) or []),
            solved=getattr(hit, "solved", None),
            score=hit.meta.score or 0.0,
        )

    # Writing ---------------------------------------------------------------------------------

    def _ensure_alias(self, kind: str) -> None:
        """Before the first rebuild, create an empty versioned index behind the alias, so an
        update never makes Elasticsearch invent an index with guessed mappings."""
        alias = alias_name(kind)
        if alias in self._known_aliases:
            return
        if not self._call(self.client.indices.exists_alias, name=alias):
            new_index = f"{alias}-v{datetime.now(UTC).strftime('%Y%m%d%H%M%S%f')}"
            self._call(
                DOCUMENT_CLASSES[kind]._index.clone(name=new_index).create, using=self.client
            )
            self._call(
                self.client.indices.update_aliases,
                actions=[{"add": {"index": new_index, "alias": alias}}],
            )
        self._known_aliases.add(alias)

    def index(self, documents) -> int:
        documents = list(documents)
        for kind in {document.kind for document in documents}:
            self._ensure_alias(kind)
        actions = [
            {
                **DOCUMENT_CLASSES[document.kind]
                .from_document(document)
                .to_dict(include_meta=True),
                "_index": alias_name(document.kind),
            }
            for document in documents
        ]
        if not actions:
            return 0
        indexed, _errors = self._call(helpers.bulk, self.client, actions)
        return indexed

    def remove(self, kind, object_ids) -> None:
        self._ensure_alias(kind)
        client = self.client.options(ignore_status=404)
        for object_id in object_ids:
            self._call(client.delete, index=alias_name(kind), id=str(object_id))

    def refresh(self) -> None:
        self._call(self.client.indices.refresh, index=[alias_name(k) for k in DOCUMENT_CLASSES])

    def rebuild(self, providers, progress=None) -> dict:
        counts = {}
        stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S%f")
        for provider in providers:
            document_class = DOCUMENT_CLASSES[provider.kind]
            alias, new_index = alias_name(provider.kind), f"{alias_name(provider.kind)}-v{stamp}"
            self._call(document_class._index.clone(name=new_index).create, using=self.client)
            counts[provider.kind] = 0
            for indexed in self._bulk_load(new_index, document_class, provider):
                counts[provider.kind] += indexed
                if progress:
                    progress(indexed)
            self._swap_alias(alias, new_index)
        return counts

    def _bulk_load(self, index_name, document_class, provider):
        batch = []
        for document in provider.iter_documents():
            action = document_class.from_document(document).to_dict(include_meta=True)
            batch.append({**action, "_index": index_name})
            if len(batch) >= 500:
                yield self._call(helpers.bulk, self.client, batch)[0]
                batch = []
        if batch:
            yield self._call(helpers.bulk, self.client, batch)[0]

    def _swap_alias(self, alias, new_index) -> None:
        current = self._call(self.client.options(ignore_status=404).indices.get_alias, name=alias)
        found = current.meta.status == 200
        old_indexes = [name for name in current.body if name != new_index] if found else []
        actions = [{"remove": {"index": name, "alias": alias}} for name in old_indexes]
        actions.append({"add": {"index": new_index, "alias": alias}})
        self._call(self.client.indices.update_aliases, actions=actions)
        for name in old_indexes:
            self._call(self.client.options(ignore_status=404).indices.delete, index=name)
        self._call(self.client.indices.refresh, index=new_index)
