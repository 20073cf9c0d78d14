"""Background work of the knowledge base, run by django-tasks workers or a schedule."""

from django_tasks import task

from . import services


@task()
def check_promotions() -> int:
    """Compare every promoted article with its source thread (see `check_source_drift`)."""
    return services.check_all_promotions()
