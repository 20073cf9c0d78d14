"""The vocabulary of the database index (`SearchTerm`): every indexed word per language with
the number of documents holding it, its stem and its Arabic root.

Both database backends keep it up to date and read it to correct a misspelt query word and to
reach the other indexed words of an Arabic root; the engine backend reads it to know which query
words the index does not hold (the database index is written whatever the backend).
"""

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

from django.db.models import Q

from ..arabic import is_arabic, stem, word_roots, words
from ..models import SearchEntry, SearchTerm

VOCABULARY_WORD = (3, 40)
# Other indexed words of the same Arabic root that a query word also matches (the commonest).
ROOT_RELATIVES = 6
# In slices, to stay far below SQLite's limit on query parameters.
SLICE = 900


def unindexed_words(terms: Iterable[str], locales: Sequence[str] | None = None) -> list[str]:
    """The Arabic words of `terms` that no indexed document holds as they are, nor by their
    stem (the vocabulary of the database index, which is written whatever the backend)."""
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


def vocabulary_words(entry: SearchEntry) -> set[str]:
    """The distinct words of an entry that go into the "did you mean" vocabulary."""
    text = " ".join([entry.title, entry.tags.replace("|", " "), entry.body])
    low, high = VOCABULARY_WORD
    return {word for word in words(text) if low <= len(word) <= high and not word.isdigit()}


def count_vocabulary(entries: Iterable[SearchEntry], sign: int) -> None:
    """Add (`sign` +1) or take away (-1) the words of `entries` from the vocabulary; a word no
    document holds any more leaves it."""
    counts: Counter[tuple[str, str]] = Counter()
    for entry in entries:
        for word in vocabulary_words(entry):
            counts[(word, entry.locale)] += 1
    if not counts:
        return
    words_seen = sorted({word for word, _ in counts})
    existing: dict[tuple[str, str], SearchTerm] = {}
    for start in range(0, len(words_seen), SLICE):
        for known in SearchTerm.objects.filter(term__in=words_seen[start : start + SLICE]):
            existing[(known.term, known.locale)] = known
    changed: list[SearchTerm] = []
    created: list[SearchTerm] = []
    emptied: list[SearchTerm] = []
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
    for start in range(0, len(emptied_pks), SLICE):
        SearchTerm.objects.filter(pk__in=emptied_pks[start : start + SLICE]).delete()


def root_relatives(terms: Iterable[str], locales: Sequence[str] | None) -> dict[str, list[str]]:
    """For each Arabic query word that the index does not hold as it is (a verb where the
    articles have the noun), the commonest indexed words that share its root. A word the index
    holds is matched as itself only: its relatives would outweigh it."""
    wanted = {term: word_roots(term) for term in terms if is_arabic(term)}
    all_roots = {r for found in wanted.values() for r in found}
    if not all_roots:
        return {}
    vocabulary = SearchTerm.objects.filter(root__in=all_roots)
    if locales:
        vocabulary = vocabulary.filter(locale__in=locales)
    by_root: defaultdict[str, list[str]] = defaultdict(list)
    known: set[str] = set()
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


def closest_word(term: str, candidates: Iterable[tuple[str, int]]) -> str | None:
    """The known word closest to a misspelt `term` among `candidates` ((word, frequency)
    pairs): fewest edits, then the commonest; none beyond the edits a word of its length
    allows."""
    scored = [
        (damerau_levenshtein(term, word), -frequency, word)
        for word, frequency in candidates
        if is_arabic(word) == is_arabic(term)
    ]
    scored = [item for item in scored if item[0] <= allowed_edits(term)]
    return min(scored)[2] if scored else None
