"""Background work: one delivery attempt, and the periodic look for deliveries that are due."""

from django_tasks import task


@task()
def send_delivery(delivery_id: int) -> str:
    """Attempt delivery ``delivery_id`` if it is still due (a duplicate run sends nothing)."""
    from .services import attempt_delivery

    return attempt_delivery(delivery_id)


@task()
def send_due_deliveries() -> int:
    """The scheduler's job: queue every delivery whose attempt is due, so a retry or a first
    send survives a worker that died or a backend that cannot run a task later."""
    from .services import enqueue_due_deliveries

    return enqueue_due_deliveries()
