"""Background work of the support desk, run by django-tasks workers and the scheduler."""

from django_tasks import task

from moderation.scheduler import record_finished

from . import actions

ESCALATION_JOB = "support_escalation"


@task()
def escalate_unanswered() -> int:
    """Hand questions nobody answered within their category's target to the team."""
    opened = actions.escalate_unanswered()
    record_finished(ESCALATION_JOB, f"{opened} case(s) opened")
    return opened
