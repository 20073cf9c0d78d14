"""Editing posts: a question, an answer or a comment changes, screened again like a new post.

Questions and answers keep a revision per edit and refuse an edit based on an older version
(`EditConflict`); comments keep what they said before in the audit entry. Callers reach these
through `forum.services` (`services.edit_answer(...)`), the forum's one door for writes.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from moderation.posting import check_not_suspended

from . import rules, steps
from .models import Answer, Comment, PostStatus, Question, Revision, make_slug
from .rules import can_edit
from .search import notify_thread_changed

if TYPE_CHECKING:
    from moderation.rules import Actor, User


class EditConflict(Exception):
    """Someone saved the post after the editor opened it; `current` is what they saved."""

    def __init__(self, current):
        super().__init__("The post changed while it was being edited.")
        self.current = current


def _check_edit(actor: Actor, post, reason: str) -> tuple[User, str]:
    """The editor, if they may edit ``post`` now, and their cleaned reason for the edit."""
    if not can_edit(actor, post):
        raise PermissionDenied(_("You cannot edit this post."))
    check_not_suspended(user=actor)
    try:
        return actor, rules.clean_reason(reason, required=post.author_id != actor.pk)
    except ValidationError as error:
        raise ValidationError({"reason": error.messages})


def _edited_status(post, screening) -> str:
    """An edit that fails the screening a new post gets sends the post back to review."""
    return PostStatus.PENDING if screening.needs_review else post.status


def edit_question(
    *,
    actor: Actor,
    question: Question,
    title: str,
    body: str,
    language: str,
    category=None,
    tags: Iterable[str] | str = (),
    reason: str = "",
    base_version: int,
) -> Question:
    """Change a question, keeping a revision. Refused if someone saved since `base_version`.

    Suspended members cannot edit. The edit is screened exactly like a new question (links,
    watched words, new-member limits): when screening holds it, the question goes back to
    pending and into the review queue, and `question.review_reasons` says why.
    """
    actor, reason = _check_edit(actor, question, reason)
    tag_list = rules.parse_tags(tags)
    candidate = Question(
        pk=question.pk,
        author_id=question.author_id,
        title=title,
        body=body,
        language=language,
        category=category,
        status=question.status,
    )
    candidate.full_clean(exclude=["author", "submission_token"], validate_unique=False)
    screening = steps.screen(
        actor,
        kind="question",
        post=candidate,
        text=candidate.moderation_text(),
        posted_after_seconds=None,
    )
    now = timezone.now()
    with transaction.atomic():
        updated = Question.objects.filter(pk=question.pk, version=base_version).update(
            title=candidate.title,
            slug=make_slug(candidate.title),
            body=candidate.body,
            body_html=candidate.body_html,
            language=language,
            category=category,
            status=_edited_status(question, screening),
            version=F("version") + 1,
            updated_at=now,
            last_activity_at=now,
        )
        if not updated:
            raise EditConflict(Question.objects.get(pk=question.pk))
        question.refresh_from_db()
        question.tags.set(tag_list)
        Revision.objects.create(
            question=question,
            number=question.version,
            title=question.title,
            body=question.body,
            tags=", ".join(tag_list),
            editor=actor,
            reason=reason,
        )
        if actor.pk != question.author_id:
            steps.audit(question, "edit", actor=actor, reason=reason)
        steps.queue_if_pending(question, screening, actor=actor)
        notify_thread_changed(question.pk)
        steps.notify_duplicates(question.pk)
    return question


def edit_answer(
    *, actor: Actor, answer: Answer, body: str, reason: str = "", base_version: int
) -> Answer:
    """Change an answer, keeping a revision. Refused if someone saved since `base_version`.

    Suspended members cannot edit; the edit is screened like a new answer and, when held,
    the answer goes back to pending and into the review queue (`answer.review_reasons`).
    """
    actor, reason = _check_edit(actor, answer, reason)
    candidate = Answer(question=answer.question, author_id=answer.author_id, body=body)
    candidate.full_clean(exclude=["author", "question", "submission_token"], validate_unique=False)
    screening = steps.screen(
        actor, kind="answer", post=candidate, text=candidate.body, posted_after_seconds=None
    )
    now = timezone.now()
    with transaction.atomic():
        updated = Answer.objects.filter(pk=answer.pk, version=base_version).update(
            body=candidate.body,
            body_html=candidate.body_html,
            status=_edited_status(answer, screening),
            version=F("version") + 1,
            updated_at=now,
        )
        if not updated:
            raise EditConflict(Answer.objects.get(pk=answer.pk))
        answer.refresh_from_db()
        Question.objects.filter(pk=answer.question_id).update(last_activity_at=now)
        Revision.objects.create(
            answer=answer, number=answer.version, body=answer.body, editor=actor, reason=reason
        )
        if actor.pk != answer.author_id:
            steps.audit(answer, "edit", actor=actor, reason=reason)
        steps.queue_if_pending(answer, screening, actor=actor)
        if screening.needs_review:
            steps.refresh_question_counts(answer.question_id)
        notify_thread_changed(answer.question_id)
    return answer


def edit_comment(*, actor: Actor, comment: Comment, body: str, reason: str = "") -> Comment:
    """Change a comment, keeping what it said before in the audit entry.

    The same people may edit a comment as an answer (`rules.can_edit`: its author outside a
    locked thread, or a moderator, who gives a reason), suspended members cannot, and the new
    text is screened like a new comment: when screening holds it, the comment goes back to
    pending and into the review queue, and `comment.review_reasons` says why. Comments are
    short and have no revision history; the audit entry (`dalil.forum.comment_edit`) keeps
    the earlier status and text (`before`, as moderation's entries do) and who replaced it.
    Saving the same text changes nothing.
    """
    actor, reason = _check_edit(actor, comment, reason)
    candidate = Comment(
        question=comment.question, answer=comment.answer, author_id=comment.author_id, body=body
    )
    candidate.full_clean(
        exclude=["author", "question", "answer", "submission_token"], validate_unique=False
    )
    comment.review_reasons = []  # type: ignore[attr-defined]  # for the view, as create does
    if candidate.body == comment.body:
        return comment
    screening = steps.screen(
        actor, kind="comment", post=candidate, text=candidate.body, posted_after_seconds=None
    )
    with transaction.atomic():
        earlier = Comment.objects.select_for_update().values("status", "body").get(pk=comment.pk)
        Comment.objects.filter(pk=comment.pk).update(
            body=candidate.body,
            body_html=candidate.body_html,
            status=_edited_status(comment, screening),
            updated_at=timezone.now(),
        )
        comment.refresh_from_db()
        before = {"status": earlier["status"], "text": earlier["body"]}
        steps.audit(comment, "comment_edit", actor=actor, reason=reason, before=before)
        steps.queue_if_pending(comment, screening, actor=actor)
        notify_thread_changed(comment.question_id, searchable=False)
    return comment
