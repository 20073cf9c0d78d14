"""Background work: emails to authors about moderation decisions."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

from .models import Notification


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
            "site_url": settings.WAGTAILADMIN_BASE_URL,
        }
        subject = render_to_string("moderation/email/notification_subject.txt", context)
        body = render_to_string("moderation/email/notification_body.txt", context)
    send_mail(
        " ".join(subject.split()),
        body,
        settings.DEFAULT_FROM_EMAIL,
        [recipient.email],
    )
