"""The database backend on SQLite: an FTS5 table mirrors the entries.

`website_search_fts` (porter + unicode61 tokenizer, created by the migrations) holds each entry's
analysed title, tags and body under the entry's id; matches are ranked with `bm25` (title 10,
tags 5, body 1). The vocabulary words of about the same length as a misspelt query word, and
with its first letter, are its candidates.
"""

from collections import Counter
from collections.abc import Iterable, Sequence

from django.db import connection
from django.db.models import QuerySet
from django.db.models.functions import Length

from ..models import SearchEntry, SearchTerm
from .database import FACETS, DatabaseBackend, Facets, Groups, MatchedRow, RankedPage, top_facets

FTS_ROWS = (
    "SELECT website_searchentry.kind, website_searchentry.category, website_searchentry.tags,"
    " website_searchentry.solved, website_searchentry.locale, website_searchentry.id,"
    " website_searchentry.popularity,"
    " -bm25(website_search_fts, 10.0, 5.0, 1.0) * website_searchentry.boost"
    " * (1.0 + 0.1 * LN(1.0 + website_searchentry.popularity))"
    " FROM website_search_fts CROSS JOIN website_searchentry"
    " ON website_searchentry.id = website_search_fts.rowid"
    " WHERE website_search_fts MATCH %s"
)


class SQLiteBackend(DatabaseBackend):
    """The database backend on SQLite (see the module docstring)."""

    # Writing ---------------------------------------------------------------------------------

    def _index_text(self, entries: list[SearchEntry]) -> None:
        with connection.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO website_search_fts (rowid, title, tags, body) VALUES (%s, %s, %s, %s)",
                [(e.pk, e.title_terms, e.tags_terms, e.body_terms) for e in entries],
            )

    def _unindex_text(self, entries: list[SearchEntry]) -> None:
        with connection.cursor() as cursor:
            cursor.executemany(
                "DELETE FROM website_search_fts WHERE rowid = %s",
                [(entry.pk,) for entry in entries],
            )

    def _clear_text_index(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM website_search_fts")

    # Reading ---------------------------------------------------------------------------------

    def _fts_rows(self, groups: Groups, *, prefix: bool) -> list[MatchedRow]:
        """Every entry matching the query, best first, in one query. FTS5's bm25() only works
        in the query that MATCHes the table, so ranking, filtering and paging of the matches
        happen here in Python (the matches are small next to the table)."""
        text = self._query_text(
            groups,
            prefix=prefix,
            word=lambda part, last: f'"{part}"' + ("*" if last else ""),
            either=" OR ",
        )
        if not text:
            return []
        with connection.cursor() as cursor:
            cursor.execute(FTS_ROWS, [text])
            rows = [MatchedRow(*row) for row in cursor.fetchall()]
        return sorted(rows, key=lambda row: (-row.score, -row.popularity, row.pk))

    def _ranked_page(
        self,
        groups: Groups,
        locales: list[str] | None,
        filters: dict[str, list[str]],
        page: int,
        per_page: int,
    ) -> RankedPage:
        rows = self._fts_rows(groups, prefix=True)
        facets = self._facets(rows, locales)
        kept = [row for row in rows if self._row_passes(row, locales, filters)]
        total = len(kept)
        page = max(1, min(page, -(-total // per_page)))
        page_rows = [(row.pk, row.score) for row in kept[(page - 1) * per_page : page * per_page]]
        return page_rows, total, facets, page

    @staticmethod
    def _facets(rows: Iterable[MatchedRow], locales: Sequence[str] | None) -> Facets:
        """Counts per kind, category, tag, solved and language over every match."""
        facets: dict[str, Counter[str]] = {name: Counter() for name in FACETS}
        for row in rows:
            facets["locale"][row.locale] += 1
            if locales and row.locale not in locales:
                continue
            facets["kind"][row.kind] += 1
            if row.category:
                facets["category"][row.category] += 1
            for tag in row.tags.split("|"):
                if tag:
                    facets["tag"][tag] += 1
            if row.solved is not None:
                facets["solved"]["true" if row.solved else "false"] += 1
        return top_facets(facets)

    def _similar_rows(self, groups: Groups, locale: str, limit: int) -> list[tuple[int, float]]:
        rows = [row for row in self._fts_rows(groups, prefix=False) if row.locale == locale]
        return [(row.pk, row.score) for row in rows[:limit]]

    def _spelling_candidates(
        self, vocabulary: QuerySet[SearchTerm], term: str
    ) -> Iterable[tuple[str, int]]:
        """The commonest words within two letters of `term`'s length that start as it does."""
        return (
            vocabulary.annotate(length=Length("term"))
            .filter(length__gte=len(term) - 2, length__lte=len(term) + 2, term__startswith=term[0])
            .order_by("-frequency")
            .values_list("term", "frequency")[:2000]
        )
