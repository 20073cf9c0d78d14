"""What every backend indexes and returns: plain data, independent of Django models."""

from dataclasses import dataclass, field
from datetime import datetime

KINDS = ("article", "thread")
# Articles are curated answers; at equal relevance they rank above community threads.
KIND_BOOST = {"article": 1.5, "thread": 1.0}
FILTER_KEYS = ("kind", "category", "tag", "solved", "locale")


@dataclass
class SearchDocument:
    """One visible piece of content (a live article or a published, non-hidden thread)."""

    kind: str
    object_id: str
    locale: str
    title: str
    body: str
    url: str
    updated_at: datetime
    tags: list[str] = field(default_factory=list)
    category: str = ""
    solved: bool | None = None
    popularity: float = 0.0
    # Text under the main one (a thread's answers): searched, weighed below the body by the
    # engine, so a thread's long discussion does not outweigh an article on the same topic.
    replies: str = ""

    @property
    def full_text(self) -> str:
        return "\n\n".join(part for part in (self.body, self.replies) if part)

    @property
    def boost(self) -> float:
        return KIND_BOOST.get(self.kind, 1.0)


@dataclass
class SearchHit:
    """One result: `title_html` and `snippet_html` are escaped, with matches in <mark>."""

    kind: str
    object_id: str
    locale: str
    title: str
    url: str
    title_html: str
    snippet_html: str
    category: str = ""
    tags: list[str] = field(default_factory=list)
    solved: bool | None = None
    score: float = 0.0


@dataclass
class SearchResults:
    """A page of hits with the total, facet counts ({facet: [(value, count), ...]}) and a
    "did you mean" suggestion (None when the query looks right)."""

    hits: list[SearchHit]
    total: int
    facets: dict[str, list[tuple[str, int]]]
    suggestion: str | None = None
    page: int = 1
    per_page: int = 10

    @property
    def page_count(self) -> int:
        return max(1, -(-self.total // self.per_page))


def clean_filters(filters: dict | None) -> dict:
    """Keep only the filters the backends understand, as lists of strings."""
    cleaned = {}
    for key in FILTER_KEYS:
        values = (filters or {}).get(key)
        if values in (None, "", []):
            continue
        if isinstance(values, str | bool):
            values = [values]
        cleaned[key] = [str(value) for value in values if str(value)]
    return {key: values for key, values in cleaned.items() if values}
