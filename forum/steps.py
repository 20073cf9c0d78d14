"""The steps the forum's writes share: moderation's refusals and screening before a post is
saved, the audit entry, the thread's stored counts, and telling followers and pages afterwards.

`forum.services` (new posts, votes), `forum.editing` and `forum.thread_actions` take these steps;
none of them is a door of its own (each is called by a service that checked the actor's right).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from moderation.actions.decisions import submit_for_review
from moderation.audit import record
from moderation.posting import check_can_post
from moderation.reasons import reason_label
from moderation.screening import screen_post

from . import notifications
from .markdown import count_links
from .models import Answer, Comment, PostStatus, Question
from .rules import can_moderate_posts, can_post
from .search import notify_thread_changed

if TYPE_CHECKING:
    from moderation.rules import Actor, User


def check_allowed(actor: Actor, *, kind: str) -> None:
    """Moderation's refusals before any costly work (rendering the markdown): suspended or
    too-busy people (`Suspended`, `RateLimited`) are stopped first."""
    check_can_post(user=actor, action=kind)


def screen(actor: Actor, *, kind: str, post, text: str, posted_after_seconds: float | None):
    """Whether the validated post waits for review. The links counted are the ones the
    renderer produced for it (`count_links`), whatever form they were typed in."""
    return screen_post(
        author=actor,
        text=text,
        kind=kind,
        posted_after_seconds=posted_after_seconds,
        links=count_links(post.body_html),
    )


def initial_status(screening) -> str:
    """The one place a new post's status is chosen: pending when moderation wants a look."""
    return PostStatus.PENDING if screening.needs_review else PostStatus.PUBLISHED


def queue_if_pending(post, screening, *, actor: Actor) -> None:
    """Queue a new or edited post that screening held, and tell the caller why
    (`post.review_reasons`, without naming the watched word, which would teach a spammer the
    list)."""
    post.review_reasons = []
    if screening.needs_review:
        submit_for_review(target=post, reasons=screening.reasons, actor=actor)
        post.review_reasons = [reason_label(reason.code) for reason in screening.reasons]


def require_poster(actor: Actor) -> User:
    """``actor`` if they may post (a member with a confirmed email)."""
    if not can_post(actor):
        raise PermissionDenied(_("Confirm your email address before posting."))
    return actor


def require_moderator(actor: Actor) -> User:
    """``actor`` if they moderate forum posts."""
    if not can_moderate_posts(actor):
        raise PermissionDenied(_("Only moderators can do this."))
    return actor


def audit(post, action: str, *, actor: Actor, **data) -> None:
    """Record a moderation-relevant action in Wagtail's log, with the actor's name copied on.
    A system actor (flags hiding a post) is stored as no user, under its own name."""
    record(post, f"dalil.forum.{action}", actor=actor, data=data)


def refresh_question_counts(question_id: int) -> None:
    """Store the thread's count of published answers (lists and sorting read it)."""
    published_answers = (
        Answer.objects.filter(question=OuterRef("pk"), status=PostStatus.PUBLISHED)
        .order_by()
        .values("question")
        .annotate(total=Count("pk"))
        .values("total")
    )
    Question.objects.filter(pk=question_id).update(
        answer_count=Coalesce(Subquery(published_answers), 0)
    )
    notify_thread_changed(question_id)


def notify_duplicates(question_id: int) -> None:
    """Threads closed as duplicates of this question show its title and link (or not, once it
    is gone): they change with it."""
    for duplicate_id in Question.objects.filter(duplicate_of_id=question_id).values_list(
        "pk", flat=True
    ):
        notify_thread_changed(duplicate_id, searchable=False)


def announce(post) -> None:
    """Tell followers about a post that was just published (straight away or after review): a
    question to its tags' and category's followers, an answer or comment to the thread's, and
    any post to the people it names with @username. Never for a pending post: approving it
    publishes it, and calls this then."""
    if isinstance(post, Question):
        transaction.on_commit(lambda: notifications.new_question.enqueue(post.pk))
    elif isinstance(post, Answer):
        transaction.on_commit(lambda: notifications.new_answer.enqueue(post.pk))
    elif isinstance(post, Comment):
        transaction.on_commit(lambda: notifications.new_comment.enqueue(post.pk))
    if notifications.mentioned_names(post.body):  # bounded; most posts name nobody
        kind = post._meta.model_name
        transaction.on_commit(lambda: notifications.mentions.enqueue(kind, post.pk))
