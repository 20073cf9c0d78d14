"""Background work: emails about moderation decisions, the stale-content sweep and digests."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from .links import absolute_url
from .models import DIGESTS, Delivery, Notification, StaleItem

# A digest lists at most this many notices (the rest say "and N more" and wait for the next).
DIGEST_LIMIT = 50


def email_off_url(*, user_id: int, kind: str) -> str:
    """The full "stop these emails" link every notification email carries (no login needed)."""
    from .actions.notifications import email_off_token

    token = email_off_token(user_id=user_id, kind=kind)
    return absolute_url(reverse("moderation:email_off", kwargs={"token": token}))


@task()
def send_notification_email(notification_id: int) -> None:
    """Email a notification to its recipient, in the recipient's language."""
    notification = (
        Notification.objects.select_related("recipient").filter(pk=notification_id).first()
    )
    if notification is None or not notification.recipient.email:
        return
    updated = Notification.objects.filter(pk=notification.pk, emailed_at__isnull=True).update(
        emailed_at=timezone.now()
    )
    if not updated:
        return  # a second run of this task: the email already went
    recipient = notification.recipient
    with translation.override(recipient.language):
        context = {
            "notification": notification,
            "recipient": recipient,
            "message": notification.message(),
            "email_off_url": email_off_url(user_id=recipient.pk, kind=notification.kind),
        }
        subject = render_to_string("moderation/email/notification_subject.txt", context)
        body = render_to_string("moderation/email/notification_body.txt", context)
    send_mail(
        " ".join(subject.split()),
        body,
        settings.DEFAULT_FROM_EMAIL,
        [recipient.email],
    )


@task()
def run_stale_sweep() -> dict:
    """The scheduled stale-content sweep (the same work as ``manage.py detect_stale``); records
    its end so the "Needs review" report can say when content was last checked."""
    from .scheduler import STALE_SWEEP, record_finished
    from .stale import run_sweep

    result = run_sweep()
    summary = {"created": result.created, "resolved": result.resolved, "items": result.open_items}
    record_finished(STALE_SWEEP, f"done: {summary}")
    return summary


@task()
def send_stale_digests() -> int:
    """Queue one digest per owner of stale content; returns how many were queued."""
    owners = (
        StaleItem.objects.needing_review()
        .filter(owner__isnull=False, owner__is_active=True)
        .values_list("owner_id", flat=True)
        .distinct()
    )
    owner_ids = sorted(set(owners))
    for owner_id in owner_ids:
        send_stale_digest.enqueue(owner_id)
    return len(owner_ids)


@task()
def send_stale_digest(owner_id: int) -> None:
    """Email one owner the stale items they own, highest score first, in their language."""
    from django.contrib.auth import get_user_model

    from .selectors import stale_rows

    owner = get_user_model().objects.filter(pk=owner_id, is_active=True).first()
    if owner is None or not owner.email:
        return
    items = StaleItem.objects.needing_review().owned_by(owner)
    if not items.exists():
        return
    with translation.override(owner.language):
        context = {
            "owner": owner,
            "rows": stale_rows(items[:50]),
            "total": items.count(),
            "queue_url": absolute_url(f"{reverse('moderation_admin:stale')}?owner={owner.pk}"),
        }
        subject = render_to_string("moderation/email/stale_digest_subject.txt", context)
        body = render_to_string("moderation/email/stale_digest_body.txt", context)
    send_mail(" ".join(subject.split()), body, settings.DEFAULT_FROM_EMAIL, [owner.email])


@task()
def send_daily_digests() -> int:
    """The scheduler's daily job: queue one digest per person with notices waiting for it."""
    return _queue_digests(Delivery.DAILY)


@task()
def send_weekly_digests() -> int:
    """The scheduler's weekly job: queue one digest per person with notices waiting for it."""
    return _queue_digests(Delivery.WEEKLY)


def _queue_digests(period: str) -> int:
    recipients = sorted(
        set(
            Notification.objects.awaiting_digest(period)
            .filter(recipient__is_active=True)
            .values_list("recipient_id", flat=True)
        )
    )
    for recipient_id in recipients:
        send_notification_digest.enqueue(recipient_id, period)
    return len(recipients)


@task()
def send_notification_digest(recipient_id: int, period: str) -> int:
    """Email one person the notices that waited for their ``period`` digest, in their language,
    and mark them sent in the same transaction. The rows are locked with ``SKIP LOCKED``: two
    workers given the same person send one digest (the second finds nothing left), and a mail
    server failure rolls the marks back so the next run sends them. Returns how many it listed."""
    from django.contrib.auth import get_user_model

    if period not in DIGESTS:
        raise ValueError(f"Unknown digest period {period!r}")
    recipient = get_user_model().objects.filter(pk=recipient_id, is_active=True).first()
    if recipient is None:
        return 0
    with transaction.atomic():
        waiting = Notification.objects.awaiting_digest(period).filter(recipient=recipient)
        notices = list(
            waiting.select_for_update(skip_locked=True).order_by("created_at", "pk")[:DIGEST_LIMIT]
        )
        if not notices:
            return 0
        claimed = Notification.objects.filter(
            pk__in=[notice.pk for notice in notices], emailed_at__isnull=True
        ).update(emailed_at=timezone.now())
        if claimed != len(notices):
            transaction.set_rollback(True)  # another run took some of them: it sends them
            return 0
        if not recipient.email:
            return claimed
        with translation.override(recipient.language):
            context = {
                "recipient": recipient,
                "period": period,
                "rows": [
                    {
                        "notification": notice,
                        "message": notice.message(),
                        "url": absolute_url(notice.target_url) if notice.links_to_target else "",
                        "email_off_url": email_off_url(user_id=recipient.pk, kind=notice.kind),
                    }
                    for notice in notices
                ],
                "total": len(notices),
                "notifications_url": absolute_url(reverse("moderation:notifications")),
                "preferences_url": absolute_url(reverse("moderation:email_preferences")),
            }
            subject = render_to_string("moderation/email/digest_subject.txt", context)
            body = render_to_string("moderation/email/digest_body.txt", context)
        send_mail(" ".join(subject.split()), body, settings.DEFAULT_FROM_EMAIL, [recipient.email])
    return len(notices)
