"""Changes the insights' users make: asking for (or stopping) the weekly summary."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from .models import SummarySubscription
from .rules import can_see_insights


def set_summary_subscription(*, actor, subscribed: bool) -> bool:
    """Start or stop the weekly insights summary email for ``actor``; returns the new state."""
    if not can_see_insights(actor):
        raise PermissionDenied(_("Only support staff can receive the insights summary."))
    with transaction.atomic():
        if subscribed:
            SummarySubscription.objects.get_or_create(user=actor)
        else:
            SummarySubscription.objects.filter(user=actor).delete()
    return subscribed
