"""Background tasks (django-tasks): index updates never run inside a visitor's request."""

from django_tasks import task

from .indexing import apply_update, retry_pending
from .models import PendingIndexUpdate

BACKLOG_PER_RUN = 100


@task()
def update_document(kind: str, object_id: str) -> bool:
    """Index or remove one document (see `indexing.apply_update`); when that worked, the
    search engine is up again, so some older pending updates are retried as well."""
    applied = apply_update(kind, object_id)
    if applied and PendingIndexUpdate.objects.exists():
        retry_pending(limit=BACKLOG_PER_RUN)
    return applied


@task()
def retry_pending_updates() -> int:
    """Retry every pending index update; run it on a schedule (see docs/operations.md)."""
    _applied, still_pending = retry_pending()
    return still_pending
