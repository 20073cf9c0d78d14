"""The one interface every search backend implements."""

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable

from ..documents import SearchDocument, SearchResults


class SearchBackendError(Exception):
    """The search engine could not be reached or refused the request."""


class SearchBackend(ABC):
    """Index, remove, search, find similar documents and rebuild the whole index."""

    name = "base"

    @abstractmethod
    def index(self, documents: Iterable[SearchDocument]) -> int:
        """Add or replace `documents`; returns how many were indexed."""

    @abstractmethod
    def remove(self, kind: str, object_ids: Iterable[str]) -> None:
        """Take documents out of the index (missing ones are ignored)."""

    @abstractmethod
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
        """One page of hits with highlights, facet counts, total and a suggestion."""

    @abstractmethod
    def similar(self, text: str, *, locale: str, limit: int = 5) -> list:
        """Up to `limit` documents like `text` (for the ask form)."""

    @abstractmethod
    def rebuild(self, providers: list, progress: Callable[[int], None] | None = None) -> dict:
        """Replace the whole index with every visible document; returns {kind: count}."""
