"""On-site notifications: sent about decisions and other apps' news, opened and read."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from .. import adapters, rules
from ..models import Notification
from ..tasks import send_notification_email

if TYPE_CHECKING:
    from ..rules import Actor, SystemActor, User


def notify_decision(
    *,
    recipient: User | None,
    kind: str,
    target: Any = None,
    note: str = "",
    until: datetime | None = None,
) -> Notification | None:
    """Tell a person about a moderation decision: on the site now, by email after commit.
    Called inside the decision's transaction by an action that already checked its actor; a
    deleted or deactivated account gets nothing."""
    if recipient is None or not recipient.is_active:
        return None
    notification = Notification.objects.create(
        recipient=recipient,
        kind=kind,
        target_label=adapters.preview(target)[:200] if target is not None else "",
        target_url=target.get_absolute_url() if target is not None else "",
        note=note,
        until=until,
    )
    transaction.on_commit(lambda: send_notification_email.enqueue(notification.pk))
    return notification


def mark_notifications_read(*, user: User, actor: Actor) -> int:
    """Mark every unread notification of ``user`` as read; only they may."""
    rules.require_self(actor, user)
    return Notification.objects.for_user(user).unread().update(read_at=timezone.now())


def notify_about_content(
    *,
    recipient: User | None,
    kind: str,
    target_label: str,
    target_url: str,
    actor: User | SystemActor,
) -> Notification | None:
    """An on-site notice another app sends about its own content (a new answer, an accepted
    answer, a comment), next to the email that app sends itself: moderation stores the kind, the
    label and the address, and renders the sentence in the reader's language. Nobody hears about
    their own action, and a deactivated account gets nothing."""
    if kind not in Notification.Kind.values:
        raise ValueError(f"Unknown notification kind {kind!r}")
    if recipient is None or not recipient.is_active or recipient.pk == actor.pk:
        return None
    notification = Notification(
        recipient=recipient,
        kind=kind,
        target_label=target_label[:200],
        target_url=target_url[:500],
    )
    notification.full_clean()
    notification.save()
    return notification


def open_notification(*, notification: Notification, actor: Actor) -> str:
    """Mark one notification read as its recipient opens it; returns where it points (the
    notifications page when it points nowhere, as for a rejected post)."""
    rules.require_self(actor, notification.recipient)
    if notification.read_at is None:
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=timezone.now()
        )
    return notification.target_url if notification.links_to_target else ""
