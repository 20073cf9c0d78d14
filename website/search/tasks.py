"""Background tasks (django-tasks): index updates never run inside a visitor's request."""

import logging

from django_tasks import task

from .indexing import apply_update, retry_pending
from .models import PendingIndexUpdate

BACKLOG_PER_RUN = 100
logger = logging.getLogger("dalil.search")


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


@task()
def apply_synonyms() -> int:
    """Put the staff's current synonyms into the search engine's indexes (no reindexing); when
    the engine is down they reach it with the next rebuild or the next change."""
    from .backends.base import SearchBackendError
    from .synonyms import apply_to_engine

    try:
        return len(apply_to_engine())
    except SearchBackendError as error:
        logger.warning("Search synonyms not applied to the engine now: %s", error)
        return 0
