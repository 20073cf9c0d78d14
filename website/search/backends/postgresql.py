"""The database backend on PostgreSQL: full-text search over a weighted tsvector.

Each entry's `search_vector` holds its analysed title (weight A), tags (B) and body (C), built
with the `arabic` configuration for Arabic rows and `english` for the others; matches are ranked
with `ts_rank` (reading every match's positions for `ts_rank_cd`'s cover density cost twice as
much for no better results on the relevance suites). `pg_trgm` proposes the vocabulary words
close to a misspelt query word.
"""

from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING, TypedDict

from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    TrigramSimilarity,
)
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Case, F, FloatField, Q, QuerySet, Value, When
from django.db.models.functions import Ln

from ..models import SearchEntry, SearchTerm
from .database import FACETS, DatabaseBackend, Groups, MatchedRow, RankedPage, top_facets

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

TAG_FACET_SAMPLE = 1000
ROW_COLUMNS = ("kind", "category", "tags", "solved", "locale", "pk", "popularity", "score")
# The matches are ranked once into a materialised CTE; one grouped pass counts them per
# (language, kind, category, solved) for the facets and the total, and sorted slices give the
# page and the rows whose tags are counted. Rows: (part, locale, kind, category, solved, count,
# tags, id, score).
MATCHES_SQL = """
WITH matches (kind, category, tags, solved, locale, id, popularity, score) AS MATERIALIZED (
    {matches}
)
SELECT 'group', locale, kind, category, solved, count(*), NULL::text, NULL::bigint, NULL::float8
    FROM matches GROUP BY locale, kind, category, solved
{slices}
"""
SLICE_SQL = """
UNION ALL
(SELECT %s, NULL, NULL, NULL, NULL, NULL, tags, id, score FROM matches WHERE {where}
    ORDER BY score DESC, popularity DESC, id LIMIT %s)
"""
COUNT_SQL = """
UNION ALL
SELECT 'total', NULL, NULL, NULL, NULL, count(*), NULL, NULL, NULL FROM matches WHERE {where}
"""
CONFIGURATIONS = (("arabic", Q(locale="ar")), ("english", ~Q(locale="ar")))


class Scored(TypedDict):
    score: float


class PostgreSQLBackend(DatabaseBackend):
    """The database backend on PostgreSQL (see the module docstring)."""

    # Writing ---------------------------------------------------------------------------------

    def _index_text(self, entries: list[SearchEntry]) -> None:
        for config, locale_filter in CONFIGURATIONS:
            SearchEntry.objects.filter(locale_filter, pk__in=[e.pk for e in entries]).update(
                search_vector=SearchVector("title_terms", weight="A", config=config)
                + SearchVector("tags_terms", weight="B", config=config)
                + SearchVector("body_terms", weight="C", config=config)
            )

    def _unindex_text(self, entries: list[SearchEntry]) -> None:
        """Nothing: the vector is a column of the entry and goes with it."""

    def _clear_text_index(self) -> None:
        """Nothing: the vectors go with the entries."""

    def _after_rebuild(self) -> None:
        # Every row is new: without fresh statistics the planner guesses one match per query.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE website_searchentry")
            cursor.execute("ANALYZE website_searchterm")

    # Reading ---------------------------------------------------------------------------------

    def _matching(
        self, entries: QuerySet[SearchEntry], groups: Groups, *, prefix: bool
    ) -> "QuerySet[WithAnnotations[SearchEntry, Scored]]":
        """The entries matching the query, annotated with `score`."""
        text = self._query_text(
            groups,
            prefix=prefix,
            word=lambda part, last: part + (":*" if last else ""),
            either=" | ",
        )
        if not text:
            return entries.none().annotate(score=Value(0.0, output_field=FloatField()))
        # One constant tsquery per configuration, so the GIN index serves both languages.
        arabic, english = (
            SearchQuery(text, config=config, search_type="raw") for config in ("arabic", "english")
        )
        rank = Case(
            When(locale="ar", then=SearchRank(F("search_vector"), arabic)),
            default=SearchRank(F("search_vector"), english),
            output_field=FloatField(),
        )
        boost = F("boost") * (Value(1.0) + Value(0.1) * Ln(Value(1.0) + F("popularity")))
        return entries.filter(
            Q(locale="ar", search_vector=arabic) | (~Q(locale="ar") & Q(search_vector=english))
        ).annotate(score=rank * boost)

    def _ranked_page(
        self,
        groups: Groups,
        locales: list[str] | None,
        filters: dict[str, list[str]],
        page: int,
        per_page: int,
    ) -> RankedPage:
        """One page of results, the total and the facets, in one statement.

        Facets are counted over the matches in the visitor's languages (the language facet over
        all of them) and are not narrowed by the other filters; tags over the best
        TAG_FACET_SAMPLE of those (splitting every match's tags cost more than the search
        itself on broad queries). Carrying every match into Python, as SQLite must, cost more
        than the search itself on 50,000 threads.
        """
        matched = self._matching(SearchEntry.objects.all(), groups, prefix=True)
        try:
            match_sql, match_params = (
                matched.order_by().values_list(*ROW_COLUMNS).query.sql_with_params()
            )
        except EmptyResultSet:  # no word left to match
            return [], 0, top_facets({name: Counter() for name in FACETS}), 1
        params: list = list(match_params)
        shown, shown_params = ("locale = ANY(%s)", [list(locales)]) if locales else ("TRUE", [])
        kept, kept_params = self._filter_sql(filters)
        narrowed = bool(kept_params)
        offset = (page - 1) * per_page
        # Without filters the page's slice doubles as the tag sample.
        slices = SLICE_SQL.format(where=f"{shown} AND {kept}")
        params += ["hit", *shown_params, *kept_params]
        params.append(offset + per_page if narrowed else max(TAG_FACET_SAMPLE, offset + per_page))
        if narrowed:
            slices += SLICE_SQL.format(where=shown)
            params += ["sample", *shown_params, TAG_FACET_SAMPLE]
        if filters.get("tag"):  # the grouped counts cannot tell tags apart
            slices += COUNT_SQL.format(where=f"{shown} AND {kept}")
            params += [*shown_params, *kept_params]
        with connection.cursor() as cursor:
            cursor.execute(MATCHES_SQL.format(matches=match_sql, slices=slices), params)
            rows = cursor.fetchall()
        counted: dict[str, Counter[str]] = {name: Counter() for name in FACETS}
        total = 0
        ranked: list[tuple[str, int, float]] = []
        sample: list[tuple[str, int, float]] = []
        for part, locale, kind, category, solved, count, tags, pk, score in rows:
            if part == "group":
                counted["locale"][locale] += count
                if locales and locale not in locales:
                    continue
                counted["kind"][kind] += count
                if category:
                    counted["category"][category] += count
                if solved is not None:
                    counted["solved"]["true" if solved else "false"] += count
                row = MatchedRow(kind, category, "", solved, locale, 0, 0.0, 0.0)
                if self._row_passes(row, locales, {**filters, "tag": []}):
                    total += count
            elif part == "total":
                total = count
            else:
                (ranked if part == "hit" else sample).append((tags, pk, score))
        for tags, _pk, _score in (sample if narrowed else ranked)[:TAG_FACET_SAMPLE]:
            counted["tag"].update(tag for tag in tags.split("|") if tag)
        last_page = max(1, -(-total // per_page))
        if page > last_page:  # beyond the end: the last page instead
            return self._ranked_page(groups, locales, filters, last_page, per_page)
        page_rows = [(pk, score) for _tags, pk, score in ranked[offset : offset + per_page]]
        return page_rows, total, top_facets(counted), page

    @staticmethod
    def _filter_sql(filters: dict[str, list[str]]) -> tuple[str, list]:
        """The visitor's filters (beyond language) as SQL over the matches' narrow rows."""
        clauses: list[str] = ["TRUE"]
        params: list[list[str] | list[bool] | str] = []
        for name in ("kind", "category"):
            if name in filters:
                clauses.append(f"{name} = ANY(%s)")
                params.append(list(filters[name]))
        for tag in filters.get("tag", []):
            clauses.append("position(%s in tags) > 0")
            params.append(f"|{tag}|")
        if "solved" in filters:
            clauses.append("solved = ANY(%s)")
            params.append([value == "true" for value in filters["solved"]])
        return " AND ".join(clauses), params

    def _similar_rows(self, groups: Groups, locale: str, limit: int) -> list[tuple[int, float]]:
        matched = self._matching(SearchEntry.objects.filter(locale=locale), groups, prefix=False)
        best = matched.order_by("-score", "-popularity", "pk").values_list("pk", "score")
        return list(best[:limit])

    def _spelling_candidates(
        self, vocabulary: QuerySet[SearchTerm], term: str
    ) -> Iterable[tuple[str, int]]:
        """The ten words most like `term` by trigrams (`pg_trgm`), at least 0.2 alike."""
        return (
            vocabulary.annotate(similarity=TrigramSimilarity("term", term))
            .filter(similarity__gt=0.2)
            .order_by("-similarity", "-frequency")
            .values_list("term", "frequency")[:10]
        )
