"""The audit log actions webhooks writes to Wagtail's log: action -> (label, message)."""

from django.utils.translation import gettext_lazy as _

LOG_ACTIONS = {
    "dalil.webhooks.endpoint_create": (
        _("Webhook endpoint created"),
        _("Webhook endpoint created"),
    ),
    "dalil.webhooks.endpoint_edit": (_("Webhook endpoint edited"), _("Webhook endpoint edited")),
    "dalil.webhooks.replay": (_("Webhook delivery replayed"), _("Webhook delivery replayed")),
}
