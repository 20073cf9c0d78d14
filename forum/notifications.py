"""News about threads people follow, sent as background tasks in the recipient's language: an
on-site notification (moderation's generic ``Notification``, listed on /notifications/ and
counted in the header) and an email.

Only followers of a thread hear about it (askers and answerers follow automatically), and every
email carries a link that stops news about that thread: the same choice stops both.
"""

import logging
from datetime import timedelta
from smtplib import SMTPException

from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from moderation.actions.notifications import notify_about_content
from moderation.links import absolute_url
from moderation.models import Notification

from .conf import setting
from .models import Answer, Comment

UNSUBSCRIBE_SALT = "forum.unsubscribe"
EMAIL_ATTEMPTS = 5
logger = logging.getLogger(__name__)


def unsubscribe_token(*, user_id: int, question_id: int) -> str:
    return signing.dumps({"u": user_id, "q": question_id}, salt=UNSUBSCRIBE_SALT)


def read_unsubscribe_token(token: str) -> tuple[int, int]:
    """The (user id, question id) in a link from an email; raises signing.BadSignature."""
    data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    return int(data["u"]), int(data["q"])


def _tell(*, recipient, question, template: str, context: dict, kind: str, post, actor) -> None:
    """The one place forum tells a person something: a notice on the site, then the email."""
    with translation.override(recipient.language):
        notify_about_content(
            recipient=recipient,
            kind=kind,
            target_label=question.title,
            target_url=post.get_absolute_url(),
            actor=actor,
        )
    _send(recipient=recipient, question=question, template=template, context=context)


def _send(*, recipient, question, template: str, context: dict) -> None:
    with translation.override(recipient.language):
        context = {
            **context,
            "recipient": recipient,
            "question": question,
            "thread_url": absolute_url(question.get_absolute_url()),
            "unsubscribe_url": absolute_url(
                reverse(
                    "forum:unsubscribe",
                    kwargs={
                        "token": unsubscribe_token(user_id=recipient.pk, question_id=question.pk)
                    },
                )
            ),
        }
        subject = render_to_string(f"forum/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"forum/email/{template}.txt", context)
    deliver_email(subject=" ".join(subject.split()), body=body, address=recipient.email)


def deliver_email(*, subject: str, body: str, address: str, attempt: int = 1) -> None:
    """Send one email; when the mail server fails, log it and try again later (5 attempts).

    The post that caused the email is already saved; a mail outage only delays the email.
    The wait doubles each time (DALIL_EMAIL_RETRY_SECONDS, 2 minutes by default).
    """
    try:
        send_mail(subject, body, None, [address])
    except (SMTPException, OSError):
        logger.exception("Email %r failed (attempt %d of %d)", subject, attempt, EMAIL_ATTEMPTS)
        if attempt >= EMAIL_ATTEMPTS:
            return
        retry = retry_email
        delay = setting("DALIL_EMAIL_RETRY_SECONDS") * 2 ** (attempt - 1)
        if delay and retry.get_backend().supports_defer:
            retry = retry.using(run_after=timezone.now() + timedelta(seconds=delay))
        retry.enqueue(subject=subject, body=body, address=address, attempt=attempt + 1)


@task()
def retry_email(*, subject: str, body: str, address: str, attempt: int) -> None:
    """A later attempt at an email the mail server refused."""
    deliver_email(subject=subject, body=body, address=address, attempt=attempt)


def _followers(question, *, exclude_user_id: int):
    return (
        get_user_model()
        .objects.filter(forum_subscriptions__question=question, is_active=True)
        .exclude(pk=exclude_user_id)
    )


@task()
def new_answer(answer_id: int) -> None:
    """Tell a thread's followers that someone answered."""
    answer = Answer.objects.published().select_related("question", "author").get(pk=answer_id)
    for recipient in _followers(answer.question, exclude_user_id=answer.author_id):
        _tell(
            recipient=recipient,
            question=answer.question,
            template="new_answer",
            context={"answer": answer},
            kind=Notification.Kind.NEW_ANSWER,
            post=answer,
            actor=answer.author,
        )


@task()
def answer_accepted(answer_id: int) -> None:
    """Tell an answer's author that the asker accepted it (if they still follow the thread)."""

    answer = Answer.objects.select_related("question", "author").get(pk=answer_id)
    if answer.question.accepted_answer_id != answer.pk:
        return
    if not answer.question.subscriptions.filter(user_id=answer.author_id).exists():
        return
    _tell(
        recipient=answer.author,
        question=answer.question,
        template="answer_accepted",
        context={"answer": answer},
        kind=Notification.Kind.ANSWER_ACCEPTED,
        post=answer,
        actor=answer.question.author,
    )


@task()
def new_comment(comment_id: int) -> None:
    """Tell the author of the post commented on (if they follow the thread)."""
    comment = (
        Comment.objects.published()
        .select_related("question__author", "answer__author", "author")
        .get(pk=comment_id)
    )
    post = comment.answer or comment.question
    if post.author_id == comment.author_id:
        return
    if not comment.question.subscriptions.filter(user_id=post.author_id).exists():
        return
    _tell(
        recipient=post.author,
        question=comment.question,
        template="new_comment",
        context={"comment": comment, "post": post},
        kind=Notification.Kind.NEW_COMMENT,
        post=comment,
        actor=comment.author,
    )
