"""Periodic jobs: the registry, the database claim and one pass over the due jobs.

``manage.py scheduler`` calls ``run_due_jobs`` in a loop (or once, with ``--once``). A job
enqueues an existing django-tasks task, so the worker does the work; with the immediate backend
of development and tests the task runs inline. Apps add their jobs through the
``dalil_scheduled_jobs`` Wagtail hook, a function returning ``ScheduledJob``s::

    @hooks.register("dalil_scheduled_jobs")
    def article_jobs():
        return [ScheduledJob(name="kb_link_check", every=timedelta(hours=6), task=check_links)]

Each job has a ``ScheduledRun`` row. ``claim`` moves its ``last_started_at`` to now with one
``UPDATE ... WHERE last_started_at IS NULL OR last_started_at <= now - every``: the database
lets one process win, so several schedulers (one per machine) never start a job twice in one
period. A job that fails is logged and recorded; the pass goes on with the next job.
"""

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Q
from django.utils import timezone
from django_tasks import TaskResultStatus
from wagtail import hooks

from .models import ScheduledRun

logger = logging.getLogger("dalil.scheduler")

HOOK = "dalil_scheduled_jobs"
STALE_SWEEP = "stale_sweep"
RESULT_LENGTH = ScheduledRun._meta.get_field("last_result").max_length


@dataclass(frozen=True)
class ScheduledJob:
    """A task to enqueue every ``every``; ``name`` keys its ``ScheduledRun`` row."""

    name: str
    every: timedelta
    task: object


@dataclass(frozen=True)
class JobOutcome:
    """What one pass did with a due job: ``ok`` False when enqueueing or the task failed."""

    name: str
    ok: bool
    result: str


def jobs() -> list[ScheduledJob]:
    """Every job the apps register through the ``dalil_scheduled_jobs`` hook, in hook order."""
    found: list[ScheduledJob] = []
    for function in hooks.get_hooks(HOOK):
        found.extend(function())
    return found


def claim(job: ScheduledJob, *, now: datetime) -> bool:
    """Take ``job`` for this period if it is due; True for exactly one of several callers."""
    ScheduledRun.objects.bulk_create([ScheduledRun(name=job.name)], ignore_conflicts=True)
    due = Q(last_started_at__isnull=True) | Q(last_started_at__lte=now - job.every)
    return ScheduledRun.objects.filter(due, name=job.name).update(last_started_at=now) == 1


def record_finished(name: str, result: str, *, at: datetime | None = None) -> None:
    """Note that job ``name`` finished with ``result`` (the sweep task calls this itself, so the
    report knows when the content was last checked, whichever process ran it)."""
    ScheduledRun.objects.update_or_create(
        name=name,
        defaults={"last_finished_at": at or timezone.now(), "last_result": result[:RESULT_LENGTH]},
    )


def last_run(name: str) -> ScheduledRun | None:
    """Job ``name``'s record if it ever finished, else None."""
    return ScheduledRun.objects.filter(name=name, last_finished_at__isnull=False).first()


def run_job(job: ScheduledJob, *, started_at: datetime) -> JobOutcome:
    """Enqueue ``job``'s task and record the outcome; never raises for the job's own failure.

    ``last_finished_at`` is written when the work ended here (the immediate backend, or a
    failure to enqueue). A task only queued for the worker leaves it alone: the task records its
    own end if it matters (``record_finished``), so "finished" never means "queued".
    """
    finished = True
    try:
        task_result = job.task.enqueue()
    except Exception as error:
        logger.exception("Scheduled job %s could not be enqueued", job.name)
        outcome = JobOutcome(job.name, False, f"failed: {type(error).__name__}: {error}")
    else:
        if task_result.status == TaskResultStatus.FAILED:
            error = task_result.errors[-1].exception_class_path if task_result.errors else ""
            logger.error("Scheduled job %s failed: %s", job.name, error)
            outcome = JobOutcome(job.name, False, f"failed: {error}")
        elif task_result.status == TaskResultStatus.SUCCESSFUL:
            outcome = JobOutcome(job.name, True, f"done: {task_result.return_value}")
        else:
            finished = False
            outcome = JobOutcome(job.name, True, f"queued as task {task_result.id}")
    result = outcome.result[:RESULT_LENGTH]
    if finished:
        ScheduledRun.objects.filter(name=job.name).update(
            last_finished_at=timezone.now(), last_result=result
        )
    else:
        # A fast worker may already have recorded the task's end: keep that result.
        ScheduledRun.objects.filter(name=job.name).filter(
            Q(last_finished_at__isnull=True) | Q(last_finished_at__lt=started_at)
        ).update(last_result=result)
    return outcome


def run_due_jobs(*, now: datetime | None = None, only: Iterable[ScheduledJob] | None = None):
    """Run every due job this process can claim; returns one ``JobOutcome`` per job it ran."""
    now = now or timezone.now()
    due = jobs() if only is None else only
    return [run_job(job, started_at=now) for job in due if claim(job, now=now)]
