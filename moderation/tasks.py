"""Background work: emails about moderation decisions, the stale-content sweep and digests."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from .links import absolute_url
from .models import Notification, StaleItem


@task()
def send_notification_email(notification_id: int) -> None:
    """Email a notification to its recipient, in the recipient's language."""
    notification = (
        Notification.objects.select_related("recipient").filter(pk=notification_id).first()
    )
    if notification is None or not notification.recipient.email:
        return
    recipient = notification.recipient
    with translation.override(recipient.language):
        context = {
            "notification": notification,
            "recipient": recipient,
            "message": notification.message(),
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
