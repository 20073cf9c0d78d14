"""The search-engine backend: OpenSearch 2.x/3.x or Elasticsearch 8.x/9.x.

The indexes' analysis and mappings are in `mapping.py`, the request bodies in `queries.py`
(both built with the Elasticsearch DSL, `elasticsearch.dsl`); they are sent as plain bodies
through the client of the engine that answers (`clients.py`), and the answers read here.

Indexes are versioned (`dalil-articles-v20261123153000…`) behind an alias (`dalil-articles`);
a rebuild creates a new index, loads it, swaps the alias in one `update_aliases` call and
deletes the old index, so searches keep answering from the old index until the swap.
"""

import time
from datetime import UTC, datetime

from django.conf import settings
from django.utils.html import escape
from django.utils.safestring import mark_safe

from ..documents import SearchDocument, SearchHit, SearchResults
from .base import SearchBackend, SearchBackendError
from .clients import EngineClient, client_for
from .mapping import (
    DOCUMENT_CLASSES,
    MAPPING_VERSION,
    SYNONYM_FILTERS,
    alias_name,
    analysis_with_synonyms,
    index_body,
)
from .queries import FACET_FIELDS, bounded_query, search_body, similar_body

REBUILD_GRACE_SECONDS = 2


class SearchEngineBackend(SearchBackend):
    """Search through OpenSearch or Elasticsearch (see the module docstring)."""

    name = "engine"

    def __init__(self, url: str, *, engine: str = ""):
        self.url = url
        self._engine = engine
        self._client: EngineClient | None = None
        self._known_aliases: set[str] = set()

    @property
    def client(self) -> EngineClient:
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
        response = self.client.search(self.indexes(), search_body(query, page=page, **arguments))
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
            self.indexes(), similar_body(text, locale=locale, limit=limit)
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
        self.client.create_index(name, index_body(kind))
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
                analysis = analysis_with_synonyms(index_body(kind)["settings"]["analysis"])
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
