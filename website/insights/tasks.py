"""Background work of the insights, run by the worker on the scheduler's jobs."""

from django_tasks import task

from moderation.scheduler import record_finished

from . import counting, rollup

FLUSH_JOB = "insights_flush"
ROLLUP_JOB = "insights_rollup"
RETENTION_JOB = "insights_retention"
SUMMARY_JOB = "insights_summary"


@task()
def flush_counts() -> int:
    """Fold the buffered reads and visits into the database."""
    folded = counting.flush()
    record_finished(FLUSH_JOB, f"{folded} event(s) folded")
    return folded


@task()
def fold_days() -> int:
    """Turn each finished day's visits into sessions and search outcomes."""
    folded = rollup.fold_finished_days()
    record_finished(ROLLUP_JOB, f"{folded} day(s) folded")
    return folded


@task()
def sweep_retention() -> dict:
    """Delete insights older than the retention period."""
    deleted = rollup.sweep_retention()
    record_finished(RETENTION_JOB, ", ".join(f"{name}: {count}" for name, count in deleted.items()))
    return deleted


@task()
def send_summaries() -> int:
    """Email this week's summary to the support leads who asked for it (once a week)."""
    from . import summary

    sent = summary.send_weekly(today=counting.today())
    record_finished(SUMMARY_JOB, f"{sent} summary email(s) sent")
    return sent
