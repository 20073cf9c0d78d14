"""Moderation's place in Wagtail: the "Moderation" admin menu and pages, audit log actions,
snippets for watched words and rejection reasons, the "Needs review" report of stale content
with its dashboard panel, the dashboard's queue counts, the demo seed and the periodic
stale-content jobs."""

from datetime import timedelta

from django import forms
from django.templatetags.static import static
from django.urls import include, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import admin_urls, dashboard, tasks
from .conf import setting
from .demo import seed_demo
from .log_actions import LOG_ACTIONS
from .models import RejectionTemplate, StaleItem, WatchedWord
from .scheduler import STALE_SWEEP, ScheduledJob


@hooks.register("register_log_actions")
def register_moderation_log_actions(actions):
    for action, (label, message) in LOG_ACTIONS.items():
        actions.register_action(action, label, message)


@hooks.register("insert_global_admin_css")
def moderation_admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("moderation/admin.css"))


@hooks.register("dalil_scheduled_jobs")
def stale_content_jobs():
    return [
        ScheduledJob(
            name=STALE_SWEEP,
            every=timedelta(minutes=setting("DALIL_SCHEDULE_STALE_SWEEP_MINUTES")),
            task=tasks.run_stale_sweep,
        ),
        ScheduledJob(
            name="stale_digests",
            every=timedelta(days=setting("DALIL_SCHEDULE_STALE_DIGEST_DAYS")),
            task=tasks.send_stale_digests,
        ),
    ]


@hooks.register("dalil_scheduled_jobs")
def notification_digest_jobs():
    return [
        ScheduledJob(
            name="notification_digest_daily", every=timedelta(days=1), task=tasks.send_daily_digests
        ),
        ScheduledJob(
            name="notification_digest_weekly",
            every=timedelta(days=7),
            task=tasks.send_weekly_digests,
        ),
    ]


@hooks.register("register_admin_urls")
def register_moderation_admin_urls():
    return [path("moderation/", include(admin_urls, namespace="moderation_admin"))]


class WatchedWordViewSet(SnippetViewSet):
    model = WatchedWord
    icon = "warning"
    # A pattern's direction follows its own first letter, so a regex stays readable in Arabic.
    panels = [
        FieldPanel("pattern", widget=forms.TextInput(attrs={"dir": "auto"})),
        FieldPanel("is_regex"),
        FieldPanel("note", widget=forms.TextInput(attrs={"dir": "auto"})),
    ]
    list_display = ["pattern", "is_regex", "note", "created_at"]
    search_fields = ["pattern", "note"]


class RejectionTemplateViewSet(SnippetViewSet):
    model = RejectionTemplate
    icon = "comment"
    list_display = ["title_en", "title_ar"]


register_snippet(WatchedWordViewSet)
register_snippet(RejectionTemplateViewSet)


class ModeratorMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("moderation.moderate")


class LazyUrlMenuItem(ModeratorMenuItem):
    """A menu item whose URL is reversed when shown (snippet URLs exist only after startup)."""

    def __init__(self, label, url_name, **kwargs):
        self.url_name = url_name
        super().__init__(label, "", **kwargs)

    def render_component(self, request):
        self.url = reverse(self.url_name)
        return super().render_component(request)


@hooks.register("register_admin_menu_item")
def register_moderation_menu():
    menu = Menu(
        items=[
            ModeratorMenuItem(
                _("Review queue"), reverse("moderation_admin:queue"), icon_name="tasks", order=10
            ),
            ModeratorMenuItem(
                _("Audit log"), reverse("moderation_admin:audit"), icon_name="history", order=20
            ),
            ModeratorMenuItem(
                _("Suspensions"),
                reverse("moderation_admin:suspensions"),
                icon_name="lock",
                order=30,
            ),
            LazyUrlMenuItem(
                _("Watched words"),
                "wagtailsnippets_moderation_watchedword:list",
                icon_name="warning",
                order=40,
            ),
            LazyUrlMenuItem(
                _("Rejection reasons"),
                "wagtailsnippets_moderation_rejectiontemplate:list",
                icon_name="comment",
                order=50,
            ),
        ]
    )
    return SubmenuMenuItem(_("Moderation"), menu, icon_name="flag", order=250)


@hooks.register("dalil_seed_demo", order=30)
def seed_moderation_demo(command):
    seed_demo(command)


class StaleReviewMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("moderation.review_stale")


@hooks.register("register_reports_menu_item")
def register_stale_report_menu_item():
    return StaleReviewMenuItem(
        _("Needs review"),
        reverse("moderation_admin:stale"),
        name="needs-review",
        icon_name="time",
        order=900,
    )


class StaleContentPanel(Component):
    """The dashboard panel: the stale items the signed-in staff member owns."""

    name = "stale_content"
    template_name = "moderation/admin/stale_panel.html"
    order = 110
    limit = 10

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        context = super().get_context_data(parent_context)
        items = StaleItem.objects.needing_review().owned_by(request.user)
        context.update(request=request, items=list(items[: self.limit]), total=items.count())
        return context


@hooks.register("construct_homepage_panels")
def add_stale_content_panel(request, panels):
    if request.user.has_perm("moderation.review_stale"):
        panels.append(StaleContentPanel())


hooks.register(dashboard.HOOK, dashboard.moderation_counts, order=10)


@hooks.register("construct_homepage_panels")
def add_queue_counts_panel(request, panels):
    rows = dashboard.queue_counts(request)
    if rows:
        panels.append(dashboard.QueueCountsPanel(rows))
