"""The admin dashboard's "Waiting for you" panel: how much each staff queue holds.

Moderation is generic, so the panel collects its rows from the ``dalil_dashboard_counts``
Wagtail hook: a function ``(request) -> list[QueueCount]`` per app, which returns rows only for
the queues the signed-in person may work (moderation counts pending posts and open flags; the
knowledge base counts articles that need review)::

    @hooks.register("dalil_dashboard_counts")
    def article_counts(request):
        return [QueueCount(name=..., label=..., count=..., url=...)] if allowed else []

Each row costs one COUNT query.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.ui.components import Component

from .models import Flag, ReviewItem
from .rules import can_moderate_content

HOOK = "dalil_dashboard_counts"


@dataclass(frozen=True)
class QueueCount:
    """One line of the panel: ``label`` already says the count ("3 open flags")."""

    name: str
    label: str
    count: int
    url: str


def queue_counts(request) -> list[QueueCount]:
    """Every app's rows for this person, in hook order."""
    return [row for function in hooks.get_hooks(HOOK) for row in function(request)]


def moderation_counts(request) -> list[QueueCount]:
    """Posts waiting for a first review and flags nobody has decided on, for moderators."""
    if not can_moderate_content(request.user):
        return []
    queue = reverse("moderation_admin:queue")
    pending = ReviewItem.objects.open().filter(kind=ReviewItem.Kind.PENDING).count()
    flags = Flag.objects.open().count()
    return [
        QueueCount(
            name="pending",
            label=ngettext(
                "%(count)d post awaiting review", "%(count)d posts awaiting review", pending
            )
            % {"count": pending},
            count=pending,
            url=f"{queue}?{urlencode({'kind': ReviewItem.Kind.PENDING})}",
        ),
        QueueCount(
            name="flags",
            label=ngettext("%(count)d open flag", "%(count)d open flags", flags) % {"count": flags},
            count=flags,
            url=f"{queue}?{urlencode({'kind': ReviewItem.Kind.FLAGGED})}",
        ),
    ]


class QueueCountsPanel(Component):
    """The dashboard panel listing each queue's count with a link to it."""

    name = "queue_counts"
    template_name = "moderation/admin/queue_counts_panel.html"
    order = 50

    def __init__(self, rows: list[QueueCount]):
        self.rows = rows

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["rows"] = self.rows
        return context
