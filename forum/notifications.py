"""News about what people follow, sent as background tasks in the recipient's language: an
on-site notification (moderation's generic ``Notification``, listed on /notifications/ and
counted in the header) and, as the person chose for that kind, an email now or in a digest.

Followers of a thread hear of its answers and comments (askers and answerers follow
automatically), followers of a tag or a category hear of its new questions, and a person named
with @username in a published post hears of it. Every notice has an event key, so a task run
twice (or two workers at once) tells each person once. Every email carries a link that turns
that kind of email off; thread emails also carry one that stops news about the thread.
"""

import logging
import re
from datetime import timedelta
from smtplib import SMTPException

from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import send_mail
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from moderation.actions.notifications import mark_emailed, notify_about_content
from moderation.links import absolute_url
from moderation.models import Delivery, Notification
from moderation.tasks import email_off_url

from .conf import setting
from .models import Answer, Comment, Question

# Mentions: only the start of a post is read, and at most this many people are told.
MENTION_SCAN_CHARACTERS = 20_000
MENTION_LIMIT = 10
MENTION = re.compile(r"(?<![\w@])@([\w.+-]{1,150})")
CODE = re.compile(r"```.*?```|`[^`\n]*`", re.DOTALL)
THREAD_KINDS = {
    Notification.Kind.NEW_ANSWER,
    Notification.Kind.ANSWER_ACCEPTED,
    Notification.Kind.NEW_COMMENT,
}

UNSUBSCRIBE_SALT = "forum.unsubscribe"
EMAIL_ATTEMPTS = 5
logger = logging.getLogger(__name__)


def unsubscribe_token(*, user_id: int, question_id: int) -> str:
    return signing.dumps({"u": user_id, "q": question_id}, salt=UNSUBSCRIBE_SALT)


def read_unsubscribe_token(token: str) -> tuple[int, int]:
    """The (user id, question id) in a link from an email; raises signing.BadSignature."""
    data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    return int(data["u"]), int(data["q"])


def event_key(kind: str, post) -> str:
    """What happened, for one person once: ``new_answer:answer:42``."""
    return f"{kind}:{post._meta.model_name}:{post.pk}"


def _tell(*, recipient, question, template: str, context: dict, kind: str, post, actor) -> None:
    """The one place forum tells a person something: a notice on the site, then the email if
    they want it at once. A notice that already exists for this event means someone (another
    run of the task) told them: no second email."""
    with translation.override(recipient.language):
        notification = notify_about_content(
            recipient=recipient,
            kind=kind,
            target_label=question.title,
            target_url=post.get_absolute_url(),
            actor=actor,
            event_key=event_key(kind, post),
        )
    if notification is None or notification.delivery != Delivery.AT_ONCE:
        return
    if mark_emailed(notification):
        _send(recipient=recipient, question=question, template=template, context=context, kind=kind)


def _send(*, recipient, question, template: str, context: dict, kind: str) -> None:
    with translation.override(recipient.language):
        context = {
            **context,
            "recipient": recipient,
            "question": question,
            "thread_url": absolute_url(question.get_absolute_url()),
            "email_off_url": email_off_url(user_id=recipient.pk, kind=kind),
            "unsubscribe_url": absolute_url(
                reverse(
                    "forum:unsubscribe",
                    kwargs={
                        "token": unsubscribe_token(user_id=recipient.pk, question_id=question.pk)
                    },
                )
            )
            if kind in THREAD_KINDS
            else "",
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


def _tag_and_category_followers(question: Question):
    """Everyone following one of the question's tags or its category, once each, but its asker."""
    follows = Q(forum_tag_follows__tag__in=question.tags.all())
    if question.category_id is not None:
        follows |= Q(forum_category_follows__category_id=question.category_id)
    return (
        get_user_model()
        .objects.filter(follows, is_active=True)
        .exclude(pk=question.author_id)
        .distinct()
        .order_by("pk")
    )


@task()
def new_question(question_id: int) -> None:
    """Tell followers of a tag or category about a question just published in it (once each,
    whether they follow the tag, the category or both)."""
    question = Question.objects.published().select_related("author").filter(pk=question_id).first()
    if question is None or question.author is None:
        return
    for recipient in _tag_and_category_followers(question):
        _tell(
            recipient=recipient,
            question=question,
            template="new_question",
            context={},
            kind=Notification.Kind.NEW_QUESTION,
            post=question,
            actor=question.author,
        )


def mentioned_names(text: str) -> list[str]:
    """The @usernames in the start of a post's markdown, in order, once each, at most
    ``MENTION_LIMIT`` (code spans and blocks are skipped: ``@decorator`` is not a person)."""
    text = CODE.sub(" ", text[:MENTION_SCAN_CHARACTERS])
    names: list[str] = []
    for match in MENTION.finditer(text):
        name = match.group(1).rstrip(".-+")
        if name and name.lower() not in (known.lower() for known in names):
            names.append(name)
            if len(names) == MENTION_LIMIT:
                break
    return names


def _mentioned_people(post):
    names = mentioned_names(post.body)
    if not names:
        return get_user_model().objects.none()
    same_name = Q()
    for name in names:
        same_name |= Q(username__iexact=name)
    return (
        get_user_model()
        .objects.filter(same_name, is_active=True)
        .exclude(pk=post.author_id)
        .order_by("pk")[:MENTION_LIMIT]
    )


MENTIONABLE = {"question": Question, "answer": Answer, "comment": Comment}


@task()
def mentions(kind: str, post_id: int) -> None:
    """Tell the people a published post names with @username (never its author, at most ten).
    A held post tells them when a moderator approves it, as it is published then."""
    model = MENTIONABLE[kind]
    post = model.objects.published().filter(pk=post_id).select_related("author").first()
    if post is None or post.author is None:
        return
    question = post if isinstance(post, Question) else post.question
    if not question.is_published:
        return
    for recipient in _mentioned_people(post):
        _tell(
            recipient=recipient,
            question=question,
            template="mention",
            context={"post": post, "post_url": absolute_url(post.get_absolute_url())},
            kind=Notification.Kind.MENTION,
            post=post,
            actor=post.author,
        )
