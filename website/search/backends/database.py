"""The database backend: PostgreSQL full-text search, or SQLite FTS5, with no extra service.

Both vendors index the same analysed text (see `arabic.analyse`), so a query matches the same
documents; they differ only in how matching and ranking run:

- PostgreSQL: a weighted tsvector (title A, tags B, body C) built with the `arabic`
  configuration for Arabic rows and `english` for the others, ranked with `ts_rank` (reading
  every match's positions for `ts_rank_cd`'s cover density cost twice as much for no better
  results on the relevance suites);
  `pg_trgm` finds the closest vocabulary word for a misspelt query word.
- SQLite: an FTS5 table (porter + unicode61 tokenizer) mirrors the entries, ranked with
  `bm25` (title 10, tags 5, body 1); the closest vocabulary word is found by edit distance.

score = text rank × kind boost (articles 1.5, threads 1.0) × (1 + 0.1 × ln(1 + popularity))
"""

from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import NamedTuple

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Case, F, FloatField, Q, Value, When
from django.db.models.functions import Length, Ln

from ..arabic import analyse, is_arabic, query_terms, stem, word_roots, words
from ..documents import SearchDocument, SearchHit, SearchResults, clean_filters
from ..highlight import highlight, snippet
from .base import SearchBackend

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
ROW_COLUMNS = ("kind", "category", "tags", "solved", "locale", "pk", "popularity", "score")
FACETS = ("kind", "category", "tag", "solved", "locale")
TAG_FACET_SAMPLE = 1000
# PostgreSQL: the matches are ranked once into a materialised CTE; one grouped pass counts them
# per (language, kind, category, solved) for the facets and the total, and sorted slices give
# the page and the rows whose tags are counted. Rows: (part, locale, kind, category, solved,
# count, tags, id, score).
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
BATCH_SIZE = 200
VOCABULARY_WORD = (3, 40)
# Other indexed words of the same Arabic root that a query word also matches (the commonest).
ROOT_RELATIVES = 6


def unindexed_words(terms, locales=None) -> list[str]:
    """The Arabic words of `terms` that no indexed document holds as they are, nor by their
    stem (the vocabulary of the database index, which is written whatever the backend)."""
    from ..models import SearchTerm

    arabic = [term for term in terms if is_arabic(term)]
    if not arabic:
        return []
    vocabulary = SearchTerm.objects.filter(
        Q(term__in=arabic) | Q(stem__in=[stem(term) for term in arabic])
    )
    if locales:
        vocabulary = vocabulary.filter(locale__in=locales)
    known = {word for pair in vocabulary.values_list("term", "stem") for word in pair}
    return [term for term in arabic if term not in known and stem(term) not in known]


class MatchedRow(NamedTuple):
    kind: str
    category: str
    tags: str
    solved: bool | None
    locale: str
    pk: int
    popularity: float
    score: float


def damerau_levenshtein(a: str, b: str) -> int:
    """Edit distance counting a swap of two neighbouring letters as one edit."""
    rows = [list(range(len(b) + 1))] + [[i] + [0] * len(b) for i in range(1, len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            rows[i][j] = min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                rows[i][j] = min(rows[i][j], rows[i - 2][j - 2] + 1)
    return rows[len(a)][len(b)]


def allowed_edits(word: str) -> int:
    return 1 if len(word) <= 5 else 2


def vocabulary_words(entry) -> set[str]:
    """The distinct words of an entry that go into the "did you mean" vocabulary."""
    text = " ".join([entry.title, entry.tags.replace("|", " "), entry.body])
    low, high = VOCABULARY_WORD
    return {word for word in words(text) if low <= len(word) <= high and not word.isdigit()}


class DatabaseBackend(SearchBackend):
    """Search in the project's own database (see the module docstring)."""

    name = "database"

    @property
    def is_postgresql(self) -> bool:
        return connection.vendor == "postgresql"

    # Writing ---------------------------------------------------------------------------------

    def index(self, documents: Iterable[SearchDocument]) -> int:
        from ..models import SearchEntry

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
            self._write_engine_index(entries)
            self._count_vocabulary(entries, +1)
        return len(entries)

    def remove(self, kind: str, object_ids: Iterable[str]) -> None:
        from ..models import SearchEntry

        entries = list(SearchEntry.objects.filter(kind=kind, object_id__in=list(object_ids)))
        if not entries:
            return
        with transaction.atomic():
            self._count_vocabulary(entries, -1)
            if not self.is_postgresql:
                with connection.cursor() as cursor:
                    cursor.executemany(
                        "DELETE FROM website_search_fts WHERE rowid = %s",
                        [(entry.pk,) for entry in entries],
                    )
            SearchEntry.objects.filter(pk__in=[entry.pk for entry in entries]).delete()

    def rebuild(self, providers, progress=None) -> dict:
        from ..models import SearchEntry, SearchTerm

        counts = {}
        # One transaction: on PostgreSQL visitors keep the old index until the new one commits.
        with transaction.atomic():
            if not self.is_postgresql:
                with connection.cursor() as cursor:
                    cursor.execute("DELETE FROM website_search_fts")
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
        if self.is_postgresql:
            # Every row is new: without fresh statistics the planner guesses one match per query.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE website_searchentry")
                cursor.execute("ANALYZE website_searchterm")
        return counts

    def _entry(self, document: SearchDocument):
        from ..models import SearchEntry

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

    def _write_engine_index(self, entries) -> None:
        from django.contrib.postgres.search import SearchVector

        from ..models import SearchEntry

        if self.is_postgresql:
            for config, locale_filter in (("arabic", Q(locale="ar")), ("english", ~Q(locale="ar"))):
                SearchEntry.objects.filter(locale_filter, pk__in=[e.pk for e in entries]).update(
                    search_vector=SearchVector("title_terms", weight="A", config=config)
                    + SearchVector("tags_terms", weight="B", config=config)
                    + SearchVector("body_terms", weight="C", config=config)
                )
            return
        with connection.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO website_search_fts (rowid, title, tags, body) VALUES (%s, %s, %s, %s)",
                [(e.pk, e.title_terms, e.tags_terms, e.body_terms) for e in entries],
            )

    def _count_vocabulary(self, entries, sign: int) -> None:
        from ..models import SearchTerm

        counts = Counter()
        for entry in entries:
            for word in vocabulary_words(entry):
                counts[(word, entry.locale)] += 1
        if not counts:
            return
        words_seen = sorted({word for word, _ in counts})
        existing = {}
        # In slices, to stay far below SQLite's limit on query parameters.
        for start in range(0, len(words_seen), 900):
            for term in SearchTerm.objects.filter(term__in=words_seen[start : start + 900]):
                existing[(term.term, term.locale)] = term
        changed, created, emptied = [], [], []
        for (word, locale), count in counts.items():
            term = existing.get((word, locale))
            if term is None:
                if sign > 0:
                    word_root = next(iter(word_roots(word)), "")
                    created.append(
                        SearchTerm(
                            term=word,
                            stem=stem(word),
                            root=word_root,
                            locale=locale,
                            frequency=count,
                        )
                    )
                continue
            term.frequency = max(0, term.frequency + sign * count)
            (changed if term.frequency else emptied).append(term)
        SearchTerm.objects.bulk_create(created, batch_size=500)
        SearchTerm.objects.bulk_update(changed, ["frequency"], batch_size=500)
        emptied_pks = [term.pk for term in emptied]
        for start in range(0, len(emptied_pks), 900):
            SearchTerm.objects.filter(pk__in=emptied_pks[start : start + 900]).delete()

    # Reading ---------------------------------------------------------------------------------

    def search(
        self, query, *, locale, filters=None, page=1, per_page=10, all_languages=False
    ) -> SearchResults:

        filters = clean_filters(filters)
        terms = query_terms(query)
        if not terms:
            return SearchResults([], 0, {}, None, page, per_page)
        locales = self._locales(locale, filters, all_languages)
        corrections = self._corrections(terms, locales)
        groups = self._groups(terms, corrections, locales)
        expanded = list(dict.fromkeys(word for group in groups for word in group))
        if self.is_postgresql:
            page_rows, total, facets, page = self._summarised(
                groups, locales, filters, page, per_page
            )
        else:
            rows = self._fts_rows(groups, prefix=True)
            facets = self._facets(rows, locales)
            kept = [row for row in rows if self._row_passes(row, locales, filters)]
            total = len(kept)
            page = max(1, min(page, -(-total // per_page)))
            page_rows = [
                (row.pk, row.score) for row in kept[(page - 1) * per_page : page * per_page]
            ]
        entries = self._entries(page_rows)
        hits = [self._hit(entry, expanded) for entry in entries]
        suggestion = None
        if corrections:
            suggestion = " ".join(corrections.get(word, word) for word in words(query))
        return SearchResults(hits, total, facets, suggestion, page, per_page)

    def similar(self, text, *, locale, limit=5) -> list[SearchHit]:
        from ..models import SearchEntry

        terms = query_terms(text)
        if not terms:
            return []
        groups = self._groups(terms, {}, [locale])
        if self.is_postgresql:
            matched = self._matching(
                SearchEntry.objects.filter(locale=locale), groups, prefix=False
            )
            best = matched.order_by("-score", "-popularity", "pk").values_list("pk", "score")
            entries = self._entries(list(best[:limit]))
        else:
            rows = [row for row in self._fts_rows(groups, prefix=False) if row.locale == locale]
            entries = self._entries([(row.pk, row.score) for row in rows[:limit]])
        return [self._hit(entry, terms) for entry in entries]

    def _groups(self, terms, corrections, locales) -> list[list[str]]:
        """The words the query matches, one group per query word: the word, the word the
        vocabulary suggests instead of a misspelt one, and other indexed words of its Arabic
        root; before them, the words of the staff's synonyms of what the query says."""
        from ..synonyms import expansions

        relatives = self._root_relatives(terms, locales)
        groups = [
            [term, *([corrections[term]] if term in corrections else []), *relatives.get(term, [])]
            for term in terms
        ]
        languages = locales or [code for code, _name in settings.LANGUAGES]
        return [[word] for word in expansions(terms, languages)] + groups

    def _root_relatives(self, terms, locales) -> dict[str, list[str]]:
        """For each Arabic query word that the index does not hold as it is (a verb where the
        articles have the noun), the commonest indexed words that share its root. A word the
        index holds is matched as itself only: its relatives would outweigh it."""
        from ..models import SearchTerm

        wanted = {term: word_roots(term) for term in terms if is_arabic(term)}
        all_roots = {r for found in wanted.values() for r in found}
        if not all_roots:
            return {}
        vocabulary = SearchTerm.objects.filter(root__in=all_roots)
        if locales:
            vocabulary = vocabulary.filter(locale__in=locales)
        by_root, known = defaultdict(list), set()
        rows = vocabulary.order_by("-frequency", "term").values_list("term", "stem", "root")
        for word, word_stem, word_root in rows[:500]:
            known.update((word, word_stem))
            if len(by_root[word_root]) < ROOT_RELATIVES and word not in by_root[word_root]:
                by_root[word_root].append(word)
        return {
            term: [w for r in found for w in by_root[r] if w != term][:ROOT_RELATIVES]
            for term, found in wanted.items()
            if term not in known and stem(term) not in known
        }

    def _locales(self, locale, filters, all_languages) -> list[str] | None:
        if filters.get("locale"):
            return filters["locale"]
        return None if all_languages else [locale]

    def _facets(self, rows, locales) -> dict:
        """Counts per kind, category, tag, solved and language over every match (the selected
        filters do not narrow them, so a visitor can see and widen the alternatives)."""
        facets = {name: Counter() for name in ("kind", "category", "tag", "solved", "locale")}
        for kind, category, tags, solved, row_locale, *_rest in rows:
            facets["locale"][row_locale] += 1
            if locales and row_locale not in locales:
                continue
            facets["kind"][kind] += 1
            if category:
                facets["category"][category] += 1
            for tag in tags.split("|"):
                if tag:
                    facets["tag"][tag] += 1
            if solved is not None:
                facets["solved"]["true" if solved else "false"] += 1
        return {
            name: sorted(counter.items(), key=lambda item: (-item[1], item[0]))[:20]
            for name, counter in facets.items()
        }

    @staticmethod
    def _query_text(groups, *, prefix: bool, word, either: str) -> str:
        """The engine's query: any word of any group (`word(stem, is_prefix)` each, joined by
        `either`); the last query word also matches as a prefix (results as you type)."""
        parts = []
        for number, group in enumerate(groups):
            last = prefix and number == len(groups) - 1
            parts.extend(word(part, last) for part in dict.fromkeys(stem(t) for t in group) if part)
        return either.join(parts)

    def _matching(self, entries, groups, *, prefix: bool):
        """PostgreSQL: entries matching the query, annotated with `score`."""
        from django.contrib.postgres.search import SearchQuery, SearchRank

        text = self._query_text(
            groups,
            prefix=prefix,
            word=lambda part, last: part + (":*" if last else ""),
            either=" | ",
        )
        if not text:
            return entries.none()
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

    def _summarised(self, groups, locales, filters, page: int, per_page: int):
        """PostgreSQL: one page of results, the total and the facets, in one statement.

        Facets are counted over the matches in the visitor's languages (the language facet over
        all of them) and are not narrowed by the other filters; tags over the best
        TAG_FACET_SAMPLE of those (splitting every match's tags cost more than the search
        itself on broad queries). Carrying every match into Python, as SQLite must, cost more
        than the search itself on 50,000 threads.
        """
        from ..models import SearchEntry

        matched = self._matching(SearchEntry.objects.all(), groups, prefix=True)
        match_sql, params = matched.order_by().values_list(*ROW_COLUMNS).query.sql_with_params()
        params = list(params)
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
        counted = {name: Counter() for name in FACETS}
        total, ranked, sample = 0, [], []
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
            return self._summarised(groups, locales, filters, last_page, per_page)
        facets = {
            name: sorted(counter.items(), key=lambda item: (-item[1], item[0]))[:20]
            for name, counter in counted.items()
        }
        page_rows = [(pk, score) for _tags, pk, score in ranked[offset : offset + per_page]]
        return page_rows, total, facets, page

    @staticmethod
    def _filter_sql(filters) -> tuple[str, list]:
        """The visitor's filters (beyond language) as SQL over the matches' narrow rows."""
        clauses, params = ["TRUE"], []
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

    def _fts_rows(self, groups, *, prefix: bool) -> list[MatchedRow]:
        """SQLite: every entry matching the query, best first, in one query. FTS5's bm25() only
        works in the query that MATCHes the table, so ranking, filtering and paging of the
        matches happen here in Python (the matches are small next to the table)."""
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

    @staticmethod
    def _row_passes(row, locales, filters) -> bool:
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
    def _entries(ranked) -> list:
        """The entries of `(pk, score)` pairs, in that order, each with its score."""
        from ..models import SearchEntry

        by_pk = SearchEntry.objects.in_bulk([pk for pk, _score in ranked])
        entries = []
        for pk, score in ranked:
            entry = by_pk[pk]
            entry.score = score
            entries.append(entry)
        return entries

    def _corrections(self, terms: list[str], locales) -> dict[str, str]:
        """For each query word the index has never seen, the closest known word (if any)."""
        from ..models import SearchTerm

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
            best = self._closest(vocabulary, term)
            if best:
                corrections[term] = best
        return corrections

    def _closest(self, vocabulary, term: str) -> str | None:
        if self.is_postgresql:
            from django.contrib.postgres.search import TrigramSimilarity

            candidates = (
                vocabulary.annotate(similarity=TrigramSimilarity("term", term))
                .filter(similarity__gt=0.2)
                .order_by("-similarity", "-frequency")
                .values_list("term", "frequency")[:10]
            )
        else:
            candidates = (
                vocabulary.annotate(length=Length("term"))
                .filter(
                    length__gte=len(term) - 2, length__lte=len(term) + 2, term__startswith=term[0]
                )
                .order_by("-frequency")
                .values_list("term", "frequency")[:2000]
            )
        scored = [
            (damerau_levenshtein(term, word), -frequency, word)
            for word, frequency in candidates
            if is_arabic(word) == is_arabic(term)
        ]
        scored = [item for item in scored if item[0] <= allowed_edits(term)]
        return min(scored)[2] if scored else None

    def _hit(self, entry, terms) -> SearchHit:
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
