"""The support desk in the admin (the cases area, the dashboard's counts, category policies)
and on the thread page (its panel), with its scheduled job and audit actions."""

from datetime import timedelta

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from moderation.dashboard import QueueCount
from moderation.scheduler import ScheduledJob

from . import actions, admin_urls, selectors, tasks
from .models import Case, CategoryPolicy
from .rules import can_work_cases

LOG_ACTIONS = [
    ("open", _("Open support case"), _("Handed the question to the support team")),
    ("reopen", _("Reopen support case"), _("Opened the support case again")),
    ("claim", _("Claim support case"), _("Claimed the support case")),
    ("assign", _("Assign support case"), _("Assigned the support case")),
    ("state", _("Change support case state"), _("Changed the support case's state")),
    ("note", _("Add private note"), _("Added a private note to the support case")),
    ("priority", _("Change support case priority"), _("Changed the support case's priority")),
    ("solved", _("Solve support case"), _("Solved the support case: an answer was accepted")),
]


@hooks.register("register_log_actions")
def register_support_log_actions(actions_registry):
    for name, label, message in LOG_ACTIONS:
        actions_registry.register_action(f"dalil.support.{name}", label, message)


@hooks.register("register_admin_urls")
def register_support_admin_urls():
    return [path("support/", include(admin_urls, namespace="support_admin"))]


class CasesMenuItem(MenuItem):
    def is_shown(self, request):
        return can_work_cases(request.user)


@hooks.register("register_admin_menu_item")
def register_cases_menu_item():
    return CasesMenuItem(
        _("Support cases"), reverse("support_admin:cases"), icon_name="help", order=250
    )


class CategoryPolicyViewSet(SnippetViewSet):
    model = CategoryPolicy
    icon = "time"
    menu_label = _("Support policies")
    list_display = ["category", "first_response_hours", "asker_wait_hours", "support_first"]


register_snippet(CategoryPolicyViewSet)


@hooks.register("dalil_thread_panels")
def support_thread_panel(request, question):
    return selectors.thread_case_panel(request, question)


@hooks.register("dalil_thread_event")
def solve_case_when_answer_accepted(event, *, question_id, actor, **data):
    if event == "answer.accepted":
        actions.solve_for_accepted_answer(question_id=question_id, actor=actor)


@hooks.register("dalil_dashboard_counts")
def support_counts(request):
    if not can_work_cases(request.user):
        return []
    cases = reverse("support_admin:cases")
    waiting = Case.objects.active().filter(assignee__isnull=True).count()
    overdue = Case.objects.overdue().count()
    mine = Case.objects.active().filter(assignee=request.user).count()
    return [
        QueueCount(
            name="cases_unassigned",
            label=ngettext(
                "%(count)d support case nobody has claimed",
                "%(count)d support cases nobody has claimed",
                waiting,
            )
            % {"count": waiting},
            count=waiting,
            url=f"{cases}?unassigned=true&state=new&state=open&state=waiting",
        ),
        QueueCount(
            name="cases_overdue",
            label=ngettext(
                "%(count)d overdue support case", "%(count)d overdue support cases", overdue
            )
            % {"count": overdue},
            count=overdue,
            url=f"{cases}?overdue=true",
        ),
        QueueCount(
            name="cases_mine",
            label=ngettext(
                "%(count)d support case assigned to you",
                "%(count)d support cases assigned to you",
                mine,
            )
            % {"count": mine},
            count=mine,
            url=f"{cases}?assignee={request.user.pk}&state=new&state=open&state=waiting",
        ),
    ]


@hooks.register("dalil_scheduled_jobs")
def support_jobs():
    return [
        ScheduledJob(
            name=tasks.ESCALATION_JOB, every=timedelta(minutes=15), task=tasks.escalate_unanswered
        )
    ]


@hooks.register("dalil_seed_demo", order=28)
def seed_support_demo(command):
    from .demo import seed_demo

    seed_demo(command)


@hooks.register("dalil_ask_panels")
def support_ask_panel(request):
    return selectors.ask_panel(request)
