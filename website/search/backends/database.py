"""The database backends: search in the project's own database, with no extra service.

`DatabaseBackend` holds what both databases share: the entries (`SearchEntry`, with the analysed
text of `arabic.analyse`, so a query matches the same documents on both), the vocabulary
(`vocabulary.py`), the query's word groups, the filters, the hits. Its two subclasses differ only
in how matching and ranking run:

- `postgresql.PostgreSQLBackend`: a weighted tsvector (title A, tags B, body C) ranked with
  `ts_rank`; `pg_trgm` proposes the vocabulary words close to a misspelt query word.
- `sqlite.SQLiteBackend`: an FTS5 table mirrors the entries, ranked with `bm25` (title 10,
  tags 5, body 1); the vocabulary words of about the same length are proposed.

`website.search.get_database_backend()` picks one by the connection's vendor.

score = text rank × kind boost (articles 1.5, threads 1.0) × (1 + 0.1 × ln(1 + popularity))
"""

from abc import abstractmethod
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import NamedTuple

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet

from ..arabic import analyse, query_terms, stem, words
from ..documents import SearchDocument, SearchHit, SearchResults, clean_filters
from ..highlight import highlight, snippet
from ..models import SearchEntry, SearchTerm
from ..synonyms import expansions
from .base import SearchBackend
from .vocabulary import closest_word, count_vocabulary, root_relatives

FACETS = ("kind", "category", "tag", "solved", "locale")
BATCH_SIZE = 200

# One group of words per query word (any word of a group matches it).
Groups = list[list[str]]
Facets = dict[str, list[tuple[str, int]]]
# The page's (entry pk, score) pairs, the total, the facets and the page number shown.
RankedPage = tuple[list[tuple[int, float]], int, Facets, int]


class MatchedRow(NamedTuple):
    """The narrow columns of one matching entry: enough to filter, count and rank it."""

    kind: str
    category: str
    tags: str
    solved: bool | None
    locale: str
    pk: int
    popularity: float
    score: float


def top_facets(counted: dict[str, Counter[str]]) -> Facets:
    """The 20 commonest values of each facet, most frequent first."""
    return {
        name: sorted(counter.items(), key=lambda item: (-item[1], item[0]))[:20]
        for name, counter in counted.items()
    }


class DatabaseBackend(SearchBackend):
    """Search in the project's own database (see the module docstring); a subclass per
    database says how its text index is written and read."""

    name = "database"

    # Writing ---------------------------------------------------------------------------------

    def index(self, documents: Iterable[SearchDocument]) -> int:
        documents = list(documents)
        if not documents:
            return 0
        with transaction.atomic():
            for kind in {document.kind for document in documents}:
                self.remove(kind, [d.object_id for d in documents if d.kind == kind])
            entries = SearchEntry.objects.bulk_create(
                [self._entry(document) for document in documents]
            )
            if not entries or entries[0].pk is None:
                entries = list(
                    SearchEntry.objects.filter(
                        Q(kind__in={d.kind for d in documents}),
                        Q(object_id__in=[d.object_id for d in documents]),
                    )
                )
            self._index_text(entries)
            count_vocabulary(entries, +1)
        return len(entries)

    def remove(self, kind: str, object_ids: Iterable[str]) -> None:
        entries = list(SearchEntry.objects.filter(kind=kind, object_id__in=list(object_ids)))
        if not entries:
            return
        with transaction.atomic():
            count_vocabulary(entries, -1)
            self._unindex_text(entries)
            SearchEntry.objects.filter(pk__in=[entry.pk for entry in entries]).delete()

    def rebuild(
        self, providers: list, progress: Callable[[int], None] | None = None
    ) -> dict[str, int]:
        counts = {}
        # One transaction: on PostgreSQL visitors keep the old index until the new one commits.
        with transaction.atomic():
            self._clear_text_index()
            SearchEntry.objects.all().delete()
            SearchTerm.objects.all().delete()
            for provider in providers:
                counts[provider.kind] = 0
                batch = []
                for document in provider.iter_documents():
                    batch.append(document)
                    if len(batch) >= BATCH_SIZE:
                        counts[provider.kind] += self.index(batch)
                        batch = []
                        if progress:
                            progress(BATCH_SIZE)
                if batch:
                    counts[provider.kind] += self.index(batch)
                    if progress:
                        progress(len(batch))
        self._after_rebuild()
        return counts

    @staticmethod
    def _entry(document: SearchDocument) -> SearchEntry:
        tags = [tag.replace("|", "/") for tag in document.tags]
        return SearchEntry(
            kind=document.kind,
            object_id=str(document.object_id),
            locale=document.locale,
            title=document.title[:400],
            body=document.full_text,
            tags="|" + "|".join(tags) + "|" if tags else "",
            category=document.category[:200],
            solved=document.solved,
            url=document.url,
            updated_at=document.updated_at,
            popularity=document.popularity,
            boost=document.boost,
            title_terms=analyse(document.title),
            tags_terms=analyse(" ".join(document.tags)),
            body_terms=analyse(document.full_text),
        )

    @abstractmethod
    def _index_text(self, entries: list[SearchEntry]) -> None:
        """Write the text index of `entries`, just created."""

    @abstractmethod
    def _unindex_text(self, entries: list[SearchEntry]) -> None:
        """Take `entries`, about to be deleted, out of the text index."""

    @abstractmethod
    def _clear_text_index(self) -> None:
        """Empty the text index before a rebuild."""

    def _after_rebuild(self) -> None:
        """Anything the database needs once every entry is new."""

    # Reading ---------------------------------------------------------------------------------

    def search(
        self,
        query: str,
        *,
        locale: str,
        filters: dict | None = None,
        page: int = 1,
        per_page: int = 10,
        all_languages: bool = False,
    ) -> SearchResults:
        filters = clean_filters(filters)
        terms = query_terms(query)
        if not terms:
            return SearchResults([], 0, {}, None, page, per_page)
        locales = self._locales(locale, filters, all_languages)
        corrections = self._corrections(terms, locales)
        groups = self._groups(terms, corrections, locales)
        expanded = list(dict.fromkeys(word for group in groups for word in group))
        page_rows, total, facets, page = self._ranked_page(groups, locales, filters, page, per_page)
        hits = [self._hit(entry, expanded) for entry in self._entries(page_rows)]
        suggestion = None
        if corrections:
            suggestion = " ".join(corrections.get(word, word) for word in words(query))
        return SearchResults(hits, total, facets, suggestion, page, per_page)

    def similar(self, text: str, *, locale: str, limit: int = 5) -> list[SearchHit]:
        terms = query_terms(text)
        if not terms:
            return []
        groups = self._groups(terms, {}, [locale])
        entries = self._entries(self._similar_rows(groups, locale, limit))
        return [self._hit(entry, terms) for entry in entries]

    @abstractmethod
    def _ranked_page(
        self,
        groups: Groups,
        locales: list[str] | None,
        filters: dict[str, list[str]],
        page: int,
        per_page: int,
    ) -> RankedPage:
        """One page of the entries matching `groups` that pass the filters, best first, with
        the total and the facets (counted over every match in the visitor's languages, not
        narrowed by the other filters, so a visitor can see and widen the alternatives). A page
        past the last is the last."""

    @abstractmethod
    def _similar_rows(self, groups: Groups, locale: str, limit: int) -> list[tuple[int, float]]:
        """The (pk, score) of the best `limit` entries of `locale` matching any word, with no
        prefix matching (the ask form sends whole sentences)."""

    @abstractmethod
    def _spelling_candidates(
        self, vocabulary: QuerySet[SearchTerm], term: str
    ) -> Iterable[tuple[str, int]]:
        """(word, frequency) pairs of `vocabulary` that may be what a misspelt `term` meant."""

    def _groups(
        self, terms: list[str], corrections: dict[str, str], locales: Sequence[str] | None
    ) -> Groups:
        """The words the query matches, one group per query word: the word, the word the
        vocabulary suggests instead of a misspelt one, and other indexed words of its Arabic
        root; before them, the words of the staff's synonyms of what the query says."""
        relatives = root_relatives(terms, locales)
        groups = [
            [term, *([corrections[term]] if term in corrections else []), *relatives.get(term, [])]
            for term in terms
        ]
        languages = list(locales or [code for code, _name in settings.LANGUAGES])
        return [[word] for word in expansions(terms, languages)] + groups

    @staticmethod
    def _locales(
        locale: str, filters: dict[str, list[str]], all_languages: bool
    ) -> list[str] | None:
        if filters.get("locale"):
            return filters["locale"]
        return None if all_languages else [locale]

    @staticmethod
    def _query_text(
        groups: Groups, *, prefix: bool, word: Callable[[str, bool], str], either: str
    ) -> str:
        """The database's query: any word of any group (`word(stem, is_prefix)` each, joined by
        `either`); the last query word also matches as a prefix (results as you type)."""
        parts: list[str] = []
        for number, group in enumerate(groups):
            last = prefix and number == len(groups) - 1
            parts.extend(word(part, last) for part in dict.fromkeys(stem(t) for t in group) if part)
        return either.join(parts)

    @staticmethod
    def _row_passes(
        row: MatchedRow, locales: Sequence[str] | None, filters: dict[str, list[str]]
    ) -> bool:
        """Whether a matched row passes the visitor's filters (language, kind, category, tags,
        solved)."""
        if locales and row.locale not in locales:
            return False
        if "kind" in filters and row.kind not in filters["kind"]:
            return False
        if "category" in filters and row.category not in filters["category"]:
            return False
        if any(f"|{tag}|" not in row.tags for tag in filters.get("tag", [])):
            return False
        wanted = [value == "true" for value in filters.get("solved", [])]
        return not wanted or row.solved in wanted

    @staticmethod
    def _entries(ranked: Iterable[tuple[int, float]]) -> list[SearchEntry]:
        """The entries of `(pk, score)` pairs, in that order, each with its score."""
        ranked = list(ranked)
        by_pk = SearchEntry.objects.in_bulk([pk for pk, _score in ranked])
        entries = []
        for pk, score in ranked:
            entry = by_pk[pk]
            entry.score = score  # type: ignore[attr-defined]
            entries.append(entry)
        return entries

    def _corrections(self, terms: list[str], locales: Sequence[str] | None) -> dict[str, str]:
        """For each query word the index has never seen, the closest known word (if any)."""
        vocabulary = SearchTerm.objects.all()
        if locales:
            vocabulary = vocabulary.filter(locale__in=locales)
        stems = {term: stem(term) for term in terms}
        known = set(
            vocabulary.filter(Q(term__in=terms) | Q(stem__in=stems.values())).values_list(
                "term", "stem"
            )
        )
        known_words = {word for pair in known for word in pair}
        corrections = {}
        for term in terms:
            if term in known_words or stems[term] in known_words or len(term) < 4:
                continue
            if term.isdigit():
                continue
            best = closest_word(term, self._spelling_candidates(vocabulary, term))
            if best:
                corrections[term] = best
        return corrections

    @staticmethod
    def _hit(entry: SearchEntry, terms: list[str]) -> SearchHit:
        return SearchHit(
            kind=entry.kind,
            object_id=entry.object_id,
            locale=entry.locale,
            title=entry.title,
            url=entry.url,
            title_html=highlight(entry.title, terms),
            snippet_html=snippet(entry.body, terms),
            category=entry.category,
            tags=entry.tag_list,
            solved=entry.solved,
            score=float(getattr(entry, "score", 0) or 0),
        )
