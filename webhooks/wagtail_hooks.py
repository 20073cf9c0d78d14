"""Webhooks in Wagtail: endpoints and the delivery log under Settings, their permission, audit
log actions and the scheduler's job that re-queues due deliveries."""

from datetime import timedelta

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from moderation.scheduler import ScheduledJob

from . import admin_urls, tasks
from .forms import EndpointForm
from .log_actions import LOG_ACTIONS
from .models import Endpoint
from .rules import MANAGE_ENDPOINTS
from .views import EndpointCreateView, EndpointEditView

RETRY_JOB = "webhook_deliveries"


class EndpointPermissionPolicy(ModelPermissionPolicy):
    """One right covers adding, changing and viewing endpoints; nobody deletes one here (switch
    it off instead: its delivery log stays)."""

    def user_has_permission(self, user, action):
        return action != "delete" and user.is_active and user.has_perm(MANAGE_ENDPOINTS)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(Endpoint, EndpointPermissionPolicy(Endpoint))


class EndpointViewSet(ModelViewSet):
    model = Endpoint
    icon = "link"
    menu_label = _("Webhook endpoints")
    add_to_settings_menu = True
    copy_view_enabled = False
    add_view_class = EndpointCreateView
    edit_view_class = EndpointEditView
    list_display = [
        Column("name", label=_("Name"), accessor="name"),
        Column("url", label=_("Target URL"), accessor="url"),
        Column("secret_hint", label=_("Secret"), accessor="secret_hint"),
        BooleanColumn("trusted", label=_("Trusted")),
        BooleanColumn("active", label=_("Active")),
    ]
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel("url"),
            FieldPanel("events"),
            FieldPanel("trusted"),
            FieldPanel("active"),
        ],
        base_form_class=EndpointForm,
    )


@hooks.register("register_admin_viewset")
def register_endpoint_viewset():
    return EndpointViewSet("webhook_endpoints")


@hooks.register("register_admin_urls")
def register_webhook_admin_urls():
    return [path("webhooks/", include(admin_urls, namespace="webhooks_admin"))]


class DeliveryLogMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(MANAGE_ENDPOINTS)


@hooks.register("register_settings_menu_item")
def register_delivery_log_menu_item():
    return DeliveryLogMenuItem(
        _("Webhook deliveries"), reverse("webhooks_admin:deliveries"), icon_name="link", order=910
    )


@hooks.register("register_log_actions")
def register_webhook_log_actions(actions):
    for action, (label, message) in LOG_ACTIONS.items():
        actions.register_action(action, label, message)


@hooks.register("dalil_scheduled_jobs")
def webhook_jobs():
    return [
        ScheduledJob(name=RETRY_JOB, every=timedelta(minutes=1), task=tasks.send_due_deliveries)
    ]
