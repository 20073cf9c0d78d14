"""Keeping the index right: change notifications, the outbox of pending updates, rebuilds.

Every update is first recorded in `PendingIndexUpdate` and removed only once the backends
accepted it. The database index is always written (it is the fallback when Elasticsearch is
down); with Elasticsearch configured the update must reach both before the record goes.
"""

import logging

from django.db import transaction
from django.db.models import F

from . import get_backend, get_database_backend
from .backends.base import SearchBackendError
from .models import PendingIndexUpdate
from .providers import get_providers, provider_for

logger = logging.getLogger("dalil.search")


def backends() -> list:
    """The backends every update goes to: the database, then Elasticsearch if configured."""
    configured = get_backend()
    database = get_database_backend()
    return [database] if configured.name == database.name else [database, configured]


def content_changed(kind: str, object_id: str, searchable: bool = True) -> None:
    """Record that `kind`/`object_id` changed and queue the index update after commit.
    Changes that leave the indexed text alone (`searchable=False`: a vote, a comment) are not."""
    from .tasks import update_document

    if not searchable:
        return
    object_id = str(object_id)
    PendingIndexUpdate.objects.get_or_create(kind=kind, object_id=object_id)
    transaction.on_commit(lambda: update_document.enqueue(kind, object_id))


def apply_update(kind: str, object_id: str) -> bool:
    """Bring the index in line with the content now; True once every backend accepted it."""
    object_id = str(object_id)
    provider = provider_for(kind)
    if provider is None:
        logger.warning("No search provider for %r; update of %s kept", kind, object_id)
        return False
    document = provider.document_for(object_id)
    try:
        for backend in backends():
            if document is None:
                backend.remove(kind, [object_id])
            else:
                backend.index([document])
    except SearchBackendError as error:
        logger.warning("Search index update %s:%s kept for retry: %s", kind, object_id, error)
        PendingIndexUpdate.objects.filter(kind=kind, object_id=object_id).update(
            attempts=F("attempts") + 1, last_error=str(error)[:2000]
        )
        return False
    PendingIndexUpdate.objects.filter(kind=kind, object_id=object_id).delete()
    return True


def retry_pending(*, limit: int = 1000) -> tuple[int, int]:
    """Apply the oldest pending updates again; returns (applied, still pending)."""
    pending = list(
        PendingIndexUpdate.objects.order_by("created_at").values_list("kind", "object_id")[:limit]
    )
    applied = sum(1 for kind, object_id in pending if apply_update(kind, object_id))
    return applied, PendingIndexUpdate.objects.count()


def rebuild_index(*, progress=None) -> dict:
    """Rebuild every backend from the providers; returns {backend: {kind: count}}. Pending
    updates are cleared only when every backend was rebuilt (a rebuild supersedes them)."""
    providers = get_providers()
    summary = {}
    for backend in backends():
        summary[backend.name] = backend.rebuild(providers, progress)
    PendingIndexUpdate.objects.all().delete()
    return summary
