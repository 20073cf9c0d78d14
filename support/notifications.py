"""Telling people about their support case: the asker hears when the team takes it, changes its
state or writes to them; the assignee hears when the asker writes or reopens it. A notice on the
site, and an email in the recipient's language when their choice for "Support case update" is
"at once" (digests pick up the others). Sent after commit as a background task; the event key
makes a task run twice tell nobody twice."""

from django.contrib.auth import get_user_model
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

from forum.notifications import deliver_email
from moderation.actions.notifications import mark_emailed, notify_about_content
from moderation.links import absolute_url
from moderation.models import Delivery, Notification
from moderation.rules import SystemActor
from moderation.tasks import email_off_url

from .models import Case

KIND = Notification.Kind.CASE_UPDATE
# Events the asker hears about, and those the case's assignee hears about.
TO_ASKER = {"open", "reopen", "state", "team_note", "solved"}
TO_ASSIGNEE = {"customer_note", "reopen"}
SYSTEM = SystemActor(name="support-desk", label="Support desk")


def _recipients(case: Case, event: str, actor_id: int | None) -> list:
    people = []
    if event in TO_ASKER and case.question.author_id:
        people.append(case.question.author)
    if event in TO_ASSIGNEE and case.assignee_id:
        people.append(case.assignee)
    return [person for person in people if person.pk != actor_id]


@task()
def case_changed(case_id: int, event: str, actor_id: int | None, event_id: str) -> int:
    """Tell whoever should hear about ``event`` on the case; returns how many were told."""
    case = Case.objects.select_related("question__author", "assignee").filter(pk=case_id).first()
    if case is None:
        return 0
    actor = get_user_model().objects.filter(pk=actor_id).first() if actor_id else None
    told = 0
    for recipient in _recipients(case, event, actor_id):
        with translation.override(recipient.language):
            notification = notify_about_content(
                recipient=recipient,
                kind=KIND,
                target_label=case.question.title,
                target_url=f"{case.question.get_absolute_url()}#support",
                actor=actor or SYSTEM,
                event_key=f"case:{case.pk}:{event_id}",
            )
        if notification is None:
            continue
        told += 1
        if notification.delivery == Delivery.AT_ONCE and mark_emailed(notification):
            _email(recipient, case, event)
    return told


def _email(recipient, case: Case, event: str) -> None:
    with translation.override(recipient.language):
        context = {
            "recipient": recipient,
            "case": case,
            "event": event,
            "thread_url": absolute_url(f"{case.question.get_absolute_url()}#support"),
            "email_off_url": email_off_url(user_id=recipient.pk, kind=KIND),
        }
        subject = render_to_string("support/email/case_update_subject.txt", context)
        body = render_to_string("support/email/case_update.txt", context)
    deliver_email(subject=" ".join(subject.split()), body=body, address=recipient.email)
