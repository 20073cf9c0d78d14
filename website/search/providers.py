"""Where searchable content comes from: providers registered by the content apps.

A content app registers a function on the `dalil_search_providers` Wagtail hook that returns
one provider (or a list). A provider has:

- ``kind``: "article" or "thread";
- ``iter_documents()``: every visible document of that kind (used by a rebuild);
- ``document_for(object_id) -> SearchDocument | None``: the document as visitors may see it
  now, or None when it is not visible any more (unpublished, hidden, deleted);
- optionally ``visible_ids(object_ids) -> set[str]``: which of these visitors may see now, in
  one query (searches check every hit against it, so the index being behind never shows what
  the page refuses; without it `document_for` is asked for each).

After a change commits, the content app calls every function on the `dalil_content_changed`
hook with ``(kind, object_id)``; search registers `indexing.content_changed` there.

Apps never import `website`, so a provider may return any object with the attributes of
`SearchDocument`; `as_search_document` turns it into one.
"""

from django.utils import timezone
from wagtail import hooks

from .documents import SearchDocument


def as_search_document(item, kind: str) -> SearchDocument:
    """A `SearchDocument` from any object with its attributes (missing optional ones default)."""
    if isinstance(item, SearchDocument):
        return item
    return SearchDocument(
        kind=getattr(item, "kind", kind),
        object_id=str(item.object_id),
        locale=item.locale,
        title=item.title,
        body=getattr(item, "body", "") or "",
        url=item.url,
        updated_at=getattr(item, "updated_at", None) or timezone.now(),
        tags=list(getattr(item, "tags", None) or []),
        category=getattr(item, "category", "") or "",
        solved=getattr(item, "solved", None),
        popularity=float(getattr(item, "popularity", 0) or 0),
        replies=getattr(item, "replies", "") or "",
    )


class Provider:
    """A registered provider, returning `SearchDocument`s whatever the app hands back."""

    def __init__(self, provider):
        self.provider = provider
        self.kind = provider.kind

    def iter_documents(self):
        for item in self.provider.iter_documents():
            yield as_search_document(item, self.kind)

    def document_for(self, object_id: str) -> SearchDocument | None:
        item = self.provider.document_for(object_id)
        return None if item is None else as_search_document(item, self.kind)

    def visible_ids(self, object_ids) -> set[str]:
        object_ids = [str(object_id) for object_id in object_ids]
        visible = getattr(self.provider, "visible_ids", None)
        if callable(visible):
            return {str(object_id) for object_id in visible(object_ids)}
        return {object_id for object_id in object_ids if self.document_for(object_id)}

    def count(self) -> int | None:
        count = getattr(self.provider, "count", None)
        return count() if callable(count) else None


def get_providers() -> list[Provider]:
    """Every registered provider, in hook order."""
    providers = []
    for function in hooks.get_hooks("dalil_search_providers"):
        result = function()
        if result is None:
            continue
        for provider in result if isinstance(result, list | tuple) else [result]:
            providers.append(Provider(provider))
    return providers


def provider_for(kind: str):
    """The provider of `kind`, or None when no app provides it."""
    return next((p for p in get_providers() if p.kind == kind), None)
