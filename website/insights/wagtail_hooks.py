"""The insights' scheduled jobs (and, below, the admin area)."""

from datetime import timedelta

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from moderation.scheduler import ScheduledJob

from . import admin_urls, tasks
from .rules import can_see_insights


@hooks.register("dalil_scheduled_jobs")
def insights_jobs():
    return [
        ScheduledJob(name=tasks.FLUSH_JOB, every=timedelta(minutes=1), task=tasks.flush_counts),
        ScheduledJob(name=tasks.ROLLUP_JOB, every=timedelta(hours=1), task=tasks.fold_days),
        ScheduledJob(name=tasks.RETENTION_JOB, every=timedelta(days=1), task=tasks.sweep_retention),
        # Hourly, but each subscriber gets one email a week (summary.send_weekly).
        ScheduledJob(name=tasks.SUMMARY_JOB, every=timedelta(hours=1), task=tasks.send_summaries),
    ]


class InsightsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_see_insights(request.user)


@hooks.register("register_admin_urls")
def register_insights_admin_urls():
    return [path("insights/", include(admin_urls, namespace="insights_admin"))]


@hooks.register("register_admin_menu_item")
def register_insights_menu_item():
    return InsightsMenuItem(
        _("Insights"), reverse("insights_admin:index"), icon_name="table", order=260
    )


@hooks.register("dalil_seed_demo", order=95)
def seed_insights_demo(command):
    from .demo import seed_demo

    seed_demo(command)
