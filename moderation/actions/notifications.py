"""On-site notifications: sent about decisions and other apps' news, opened and read."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import adapters, rules
from ..models import Delivery, EmailPreference, Notification, default_delivery
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
        delivery=email_delivery(recipient, kind),
    )
    if notification.delivery == Delivery.AT_ONCE:
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
    event_key: str = "",
) -> Notification | None:
    """An on-site notice another app sends about its own content (a new answer, an accepted
    answer, a comment, a mention, a support case), next to the email that app sends itself:
    moderation stores the kind, the label and the address, and renders the sentence in the
    reader's language. Nobody hears about their own action, and a deactivated account gets
    nothing.

    ``event_key`` names what happened ("new_answer:answer:42"): the same key for the same person
    stores one notice, whether a task runs twice or two workers race (a unique constraint
    decides), and the caller gets None the second time, so it sends no second email. The
    returned notice's ``delivery`` says whether the caller emails now (``at_once``), a digest
    will, or nobody."""
    if kind not in Notification.Kind.values:
        raise ValueError(f"Unknown notification kind {kind!r}")
    if recipient is None or not recipient.is_active or recipient.pk == actor.pk:
        return None
    notification = Notification(
        recipient=recipient,
        kind=kind,
        target_label=target_label[:200],
        target_url=target_url[:500],
        event_key=event_key[:120],
        delivery=email_delivery(recipient, kind),
    )
    notification.full_clean(validate_constraints=False)
    if not event_key:
        notification.save()
        return notification
    try:
        with transaction.atomic():
            notification.save()
    except IntegrityError:
        return None  # someone already told this person about this event
    return notification


def mark_emailed(notification: Notification) -> bool:
    """Claim the email of a notice sent at once: True for exactly one caller."""
    return (
        Notification.objects.filter(pk=notification.pk, emailed_at__isnull=True).update(
            emailed_at=timezone.now()
        )
        == 1
    )


def mark_one_read(*, notification: Notification, actor: Actor) -> None:
    """Mark one notification read; only its recipient may."""
    rules.require_self(actor, notification.recipient)
    Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
        read_at=timezone.now()
    )


# Email preferences ---------------------------------------------------------------------------

EMAIL_OFF_SALT = "moderation.email-off"


def email_delivery(user: User, kind: str) -> str:
    """How ``user`` wants notices of ``kind`` by email: their choice, else the kind's default."""
    chosen = (
        EmailPreference.objects.filter(user=user, kind=kind)
        .values_list("delivery", flat=True)
        .first()
    )
    return chosen or default_delivery(kind)


def email_preferences(user: User) -> dict[str, str]:
    """Every kind with how ``user`` gets it by email (one query)."""
    chosen = dict(EmailPreference.objects.filter(user=user).values_list("kind", "delivery"))
    return {kind: chosen.get(kind, default_delivery(kind)) for kind in Notification.Kind.values}


def set_email_preferences(*, user: User, actor: Actor, choices: dict[str, str]) -> None:
    """Store how ``user`` gets each kind by email; only they may. Unknown kinds or deliveries
    are refused (``ValidationError``) and nothing is stored."""
    rules.require_self(actor, user)
    for kind, delivery in choices.items():
        if kind not in Notification.Kind.values or delivery not in Delivery.values:
            raise ValidationError(_("Choose one of the offered email options."), code="invalid")
    with transaction.atomic():
        for kind, delivery in choices.items():
            EmailPreference.objects.update_or_create(
                user=user, kind=kind, defaults={"delivery": delivery}
            )


def email_off_token(*, user_id: int, kind: str) -> str:
    """The signed part of an email's "stop these emails" link (no login needed)."""
    return signing.dumps({"u": user_id, "k": kind}, salt=EMAIL_OFF_SALT)


def read_email_off_token(token: str) -> tuple[int, str]:
    """The (user id, kind) of a link from an email; raises ``signing.BadSignature``."""
    data = signing.loads(token, salt=EMAIL_OFF_SALT)
    kind = str(data["k"])
    if kind not in Notification.Kind.values:
        raise signing.BadSignature("unknown kind")
    return int(data["u"]), kind


def turn_email_off(*, token: str) -> tuple[User, str]:
    """Apply a signed link: the person it names gets no more email of its kind. The signature
    is the right (the link was mailed to them); raises ``signing.BadSignature``."""
    from django.contrib.auth import get_user_model

    user_id, kind = read_email_off_token(token)
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        raise signing.BadSignature("no such person")
    EmailPreference.objects.update_or_create(
        user=user, kind=kind, defaults={"delivery": Delivery.OFF}
    )
    return user, kind


def open_notification(*, notification: Notification, actor: Actor) -> str:
    """Mark one notification read as its recipient opens it; returns where it points (the
    notifications page when it points nowhere, as for a rejected post)."""
    rules.require_self(actor, notification.recipient)
    if notification.read_at is None:
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=timezone.now()
        )
    return notification.target_url if notification.links_to_target else ""
