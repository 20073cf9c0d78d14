"""The insights' scheduled jobs (and, below, the admin area)."""

from datetime import timedelta

from wagtail import hooks

from moderation.scheduler import ScheduledJob

from . import tasks


@hooks.register("dalil_scheduled_jobs")
def insights_jobs():
    return [
        ScheduledJob(name=tasks.FLUSH_JOB, every=timedelta(minutes=1), task=tasks.flush_counts),
        ScheduledJob(name=tasks.ROLLUP_JOB, every=timedelta(hours=1), task=tasks.fold_days),
        ScheduledJob(name=tasks.RETENTION_JOB, every=timedelta(days=1), task=tasks.sweep_retention),
    ]
