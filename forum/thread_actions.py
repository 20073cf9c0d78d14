"""Thread actions and post statuses: accepting, closing, reopening, locking, marking a
duplicate, and moving a post to another status (delete, restore, hide).

Every thread action takes the same steps in the same order, in `_change_thread`: the right is
checked first (`PermissionDenied`), then what was asked for, then one update, the question read
again, the audit entry, and the thread's pages and search told after commit. Callers reach these
through `forum.services` (`services.accept_answer(...)`), the forum's one door for writes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import events, notifications, rules, steps
from .models import Answer, CloseReason, PostStatus, Question
from .rules import can_accept, can_accept_answer
from .search import notify_thread_changed

if TYPE_CHECKING:
    from moderation.rules import Actor, User


def _change_thread(
    question: Question,
    *,
    actor: Actor,
    action: str,
    changes: dict,
    audit: dict | None,
    searchable: bool = False,
    also_changed=(),
) -> Question:
    """The steps every thread action shares, after its right and input were checked: update the
    question, read it again, record `dalil.forum.<action>` with `audit` (None: not recorded, as
    when askers accept on their own thread), and tell the thread (and `also_changed` threads,
    such as a duplicate's original) that it changed once the transaction commits."""
    with transaction.atomic():
        Question.objects.filter(pk=question.pk).update(**changes)
        question.refresh_from_db()
        if audit is not None:
            steps.audit(question, action, actor=actor, **audit)
        notify_thread_changed(question.pk, searchable=searchable)
        for question_id in also_changed:
            notify_thread_changed(question_id, searchable=False)
    return question


def _by_someone_else(actor: User, question, **data) -> dict | None:
    """Accepting on one's own thread is the asker's choice, not moderation: only a moderator's
    accept is audited."""
    return data if actor.pk != question.author_id else None


# Accepting --------------------------------------------------------------------------------


def accept_answer(*, actor: Actor, answer: Answer) -> Question:
    """The asker (or a moderator) marks the answer that solved the question; it can change.
    Only a published answer can be accepted (`rules.can_accept_answer`)."""
    question = answer.question
    if not can_accept(actor, question):
        raise PermissionDenied(_("Only the asker or a moderator can accept an answer."))
    if not can_accept_answer(actor, answer):
        raise ValidationError(_("Only a published answer can be accepted."), code="unpublished")
    now = timezone.now()
    changes = {
        "accepted_answer": answer,
        "accepted_answer_set_aside": None,
        "last_activity_at": now,
        "accepted_at": now if question.accepted_answer_id != answer.pk else question.accepted_at,
    }
    with transaction.atomic():
        audit = _by_someone_else(actor, question, answer=answer.pk)
        _change_thread(
            question, actor=actor, action="accept", changes=changes, audit=audit, searchable=True
        )
        if answer.author_id != actor.pk:
            transaction.on_commit(lambda: notifications.answer_accepted.enqueue(answer.pk))
        events.announce("answer.accepted", question_id=question.pk, actor=actor, answer=answer.pk)
    return question


def mark_official_answer(*, actor: Actor, answer: Answer) -> Question:
    """Support staff show ``answer`` as the team's answer of record, under the question even
    when the asker accepted another or none; marking another replaces it."""
    if not rules.can_mark_official(actor, answer):
        raise PermissionDenied(_("Only support staff can mark a published answer as official."))
    return _change_thread(
        answer.question,
        actor=actor,
        action="official",
        changes={"official_answer": answer},
        audit={"answer": answer.pk},
    )


def unmark_official_answer(*, actor: Actor, question: Question) -> Question:
    """The thread has no official answer any more."""
    if not rules.can_answer_for_support_team(actor):
        raise PermissionDenied(_("Only support staff can change the official answer."))
    return _change_thread(
        question,
        actor=actor,
        action="unofficial",
        changes={"official_answer": None},
        audit={"answer": question.official_answer_id},
    )


def unaccept_answer(*, actor: Actor, question: Question) -> Question:
    """Remove the accepted mark: the question counts as unsolved again."""
    if not can_accept(actor, question):
        raise PermissionDenied(_("Only the asker or a moderator can accept an answer."))
    changes = {"accepted_answer": None, "accepted_answer_set_aside": None, "accepted_at": None}
    return _change_thread(
        question,
        actor=actor,
        action="unaccept",
        changes=changes,
        audit=_by_someone_else(actor, question),
        searchable=True,
    )


# Closing, locking, duplicates ---------------------------------------------------------------


def close_question(*, actor: Actor, question: Question, reason: str) -> Question:
    """Close a thread to new answers, with a reason readers see. Comments stay open."""
    actor = steps.require_moderator(actor)
    if reason not in CloseReason.values:
        raise ValidationError({"reason": _("Choose a reason for closing.")})
    changes = {"closed_reason": reason, "closed_at": timezone.now()}
    return _change_thread(
        question, actor=actor, action="close", changes=changes, audit={"reason": reason}
    )


def reopen_question(*, actor: Actor, question: Question) -> Question:
    """Open a closed thread again; it stops being marked as a duplicate."""
    actor = steps.require_moderator(actor)
    original_id = question.duplicate_of_id
    changes = {"closed_reason": "", "closed_at": None, "duplicate_of": None}
    return _change_thread(
        question,
        actor=actor,
        action="reopen",
        changes=changes,
        audit={},
        also_changed=[original_id] if original_id is not None else [],
    )


def set_locked(*, actor: Actor, question: Question, locked: bool) -> Question:
    """Lock a thread (no answers, comments, votes or edits by non-moderators) or unlock it.
    Asking for the state a thread is already in changes nothing and logs nothing."""
    actor = steps.require_moderator(actor)
    if question.locked == locked:
        return question
    action = "lock" if locked else "unlock"
    return _change_thread(
        question, actor=actor, action=action, changes={"locked": locked}, audit={}
    )


def mark_duplicate(*, actor: Actor, question: Question, original: Question) -> Question:
    """Close a question as a duplicate of another published one, which then lists it."""
    actor = steps.require_moderator(actor)
    if original.pk == question.pk:
        raise ValidationError({"original": _("A question cannot be a duplicate of itself.")})
    if not original.is_published:
        raise ValidationError({"original": _("The original question must be published.")})
    if original.duplicate_of is not None:
        original = original.duplicate_of
        if original.pk == question.pk:
            raise ValidationError({"original": _("That question is a duplicate of this one.")})
    changes = {
        "duplicate_of": original,
        "closed_reason": CloseReason.DUPLICATE,
        "closed_at": timezone.now(),
    }
    return _change_thread(
        question,
        actor=actor,
        action="duplicate",
        changes=changes,
        audit={"original": original.pk},
        also_changed=[original.pk],
    )


# Post statuses ------------------------------------------------------------------------------


def set_post_status(*, post, new_status: str, actor: Actor):
    """Move a post to another status (the protocol moderation uses).

    Who may is `rules.status_refusal`: moderators any status; an author only deleting their own
    post, and not a question that already has answers (they ask a moderator instead);
    moderation's flag-threshold system actor only hiding. A deleted or hidden answer stops
    being the accepted one. A pending post that gets published tells the thread's followers, as
    a post published straight away does. Votes and revisions are never touched.
    """
    if new_status not in PostStatus.values:
        raise ValidationError(_("Unknown status."), code="invalid_status")
    refusal = rules.status_refusal(actor, post, new_status)
    if refusal:
        raise PermissionDenied(refusal)
    with transaction.atomic():
        old_status = post.status
        type(post).objects.filter(pk=post.pk).update(status=new_status)
        post.status = new_status
        steps.audit(post, "status", actor=actor, old=old_status, new=new_status)
        if isinstance(post, Answer):
            _keep_accepted_mark(post, new_status)
            steps.refresh_question_counts(post.question_id)
        elif isinstance(post, Question):
            notify_thread_changed(post.pk)
            steps.notify_duplicates(post.pk)
        else:
            notify_thread_changed(post.question_id, searchable=False)
        if old_status == PostStatus.PENDING and new_status == PostStatus.PUBLISHED:
            steps.announce(post)
    return post


def _keep_accepted_mark(answer: Answer, new_status: str) -> None:
    """An accepted answer that stops being public stops being the accepted one, but the mark is
    set aside, not lost: when the answer is published again (a moderator overturns the flags
    that hid it, or restores it) it is the accepted answer again, unless the asker accepted or
    un-accepted an answer meanwhile (`accept_answer` and `unaccept_answer` clear what was set
    aside). See docs/decisions.md."""
    thread = Question.objects.filter(pk=answer.question_id)
    if new_status != PostStatus.PUBLISHED:
        thread.filter(accepted_answer=answer).update(
            accepted_answer=None, accepted_answer_set_aside=answer
        )
        return
    thread.filter(accepted_answer_set_aside=answer, accepted_answer__isnull=True).update(
        accepted_answer=answer
    )
    thread.filter(accepted_answer_set_aside=answer).update(accepted_answer_set_aside=None)


def delete_post(*, actor: Actor, post):
    """Soft-delete a post: it disappears for everyone but moderators, and can be restored."""
    return set_post_status(post=post, new_status=PostStatus.DELETED, actor=actor)


def restore_post(*, actor: Actor, post):
    """Bring back a deleted or hidden post (moderators only)."""
    actor = steps.require_moderator(actor)
    return set_post_status(post=post, new_status=PostStatus.PUBLISHED, actor=actor)
