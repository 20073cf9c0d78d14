"""Measuring relevance: mean reciprocal rank over known-answer queries.

Used by the relevance tests (fixture corpus here, the demo content later): each case is
``(query, locale, expected)`` where `expected` is a URL or an exact title of a document that
should be among the first `k` hits.
"""

from dataclasses import dataclass


@dataclass
class RelevanceReport:
    """MRR@k over the cases, with each case's rank (None when not in the first k)."""

    mrr: float
    ranks: list[tuple[str, str, int | None]]
    k: int

    @property
    def misses(self) -> list[tuple[str, str, int | None]]:
        return [row for row in self.ranks if row[2] is None]

    def top(self, n: int) -> list[tuple[str, str, int | None]]:
        """The cases that were not in the first `n` hits."""
        return [row for row in self.ranks if row[2] is None or row[2] > n]

    def summary(self) -> str:
        lines = [f"MRR@{self.k} = {self.mrr:.3f} over {len(self.ranks)} queries"]
        lines += [
            f"  rank {rank}: {q!r} ({locale})"
            for q, locale, rank in self.ranks
            if rank and rank > 1
        ]
        lines += [f"  not in top {self.k}: {q!r} ({locale})" for q, locale, _ in self.misses]
        return "\n".join(lines)


def mean_reciprocal_rank(cases, *, search, k: int = 5) -> RelevanceReport:
    """`search(query, locale)` returns hits (with `url` and `title`), best first."""
    ranks = []
    for query, locale, expected in cases:
        hits = list(search(query, locale))[:k]
        rank = next((i for i, hit in enumerate(hits, 1) if expected in (hit.url, hit.title)), None)
        ranks.append((query, locale, rank))
    mrr = sum(1 / rank for _, _, rank in ranks if rank) / max(1, len(ranks))
    return RelevanceReport(mrr=mrr, ranks=ranks, k=k)
