"""Where searchable content comes from: providers registered by the content apps.

A content app registers a function on the `dalil_search_providers` Wagtail hook that returns
one provider (or a list). A provider has:

- ``kind``: "article" or "thread";
- ``iter_documents()``: every visible document of that kind (used by a rebuild);
- ``document_for(object_id) -> SearchDocument | None``: the document as visitors may see it
  now, or None when it is not visible any more (unpublished, hidden, deleted).

After a change commits, the content app calls every function on the `dalil_content_changed`
hook with ``(kind, object_id)``; search registers `indexing.content_changed` there.
"""

from wagtail import hooks


def get_providers() -> list:
    """Every registered provider, in hook order."""
    providers = []
    for function in hooks.get_hooks("dalil_search_providers"):
        result = function()
        if result is None:
            continue
        providers.extend(result if isinstance(result, list | tuple) else [result])
    return providers


def provider_for(kind: str):
    """The provider of `kind`, or None when no app provides it."""
    return next((p for p in get_providers() if p.kind == kind), None)
