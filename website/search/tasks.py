"""Background tasks (django-tasks): index updates never run inside a visitor's request."""

from django_tasks import task

from .indexing import apply_update, retry_pending


@task()
def update_document(kind: str, object_id: str) -> bool:
    """Index or remove one document (see `indexing.apply_update`)."""
    return apply_update(kind, object_id)


@task()
def retry_pending_updates() -> int:
    """Retry every pending index update; run it on a schedule (see docs/operations.md)."""
    _applied, still_pending = retry_pending()
    return still_pending
