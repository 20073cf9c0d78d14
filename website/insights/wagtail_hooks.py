"""The insights' parts in Wagtail: scheduled jobs, the admin area, the demo, and the
satisfaction survey (asked when an answer is accepted — the forum's thread events — or a support
case is solved — support's case events — with its panel on the thread)."""

from datetime import timedelta

from django.urls import include, path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from moderation.scheduler import ScheduledJob

from . import admin_urls, surveys, tasks
from .forms import SurveyForm
from .models import Survey
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


@hooks.register("dalil_thread_event")
def ask_when_answer_accepted(event, *, question_id, actor, **data):
    if event == "answer.accepted":
        surveys.ask_after_accepted_answer(question_id=question_id, answer_id=data["answer"])


@hooks.register("dalil_case_event")
def ask_when_case_solved(event, *, case_id, actor, **data):
    if event == "case.state_changed" and data.get("state") == "solved":
        surveys.ask_after_solved_case(case_id=case_id)


@hooks.register("dalil_thread_panels")
def survey_thread_panel(request, question):
    """To the asker only: the survey's form while it is open, then a thank-you line. No query
    for anyone else, one for the asker (their newest survey about this thread)."""
    user = request.user
    if not user.is_authenticated or not question.pk or question.author_id != user.pk:
        return None
    survey = (
        Survey.objects.filter(question_id=question.pk, asker_id=user.pk).order_by("-pk").first()
    )
    if survey is None or not (survey.is_answered or survey.is_open(timezone.now())):
        return None
    return {
        "template": "insights/thread_panel.html",
        "survey": survey,
        "form": SurveyForm(),
        "action": reverse("insights:survey", kwargs={"token": surveys.survey_token(survey)}),
    }
