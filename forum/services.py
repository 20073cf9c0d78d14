"""Every change to the forum goes through these functions.

Views, management commands, other apps and tests call the same services, so the rules (who may
post, limits, one vote each, edit conflicts, moderator-only actions) cannot be skipped by one
door. Side effects such as emails are scheduled with `transaction.on_commit`.
"""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, F, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from moderation.reasons import reason_label
from moderation.rules import audit_user
from moderation.services import (
    check_can_post,
    check_not_suspended,
    screen_post,
    submit_for_review,
)

from . import notifications, rules
from .markdown import count_links
from .models import (
    Answer,
    CloseReason,
    Comment,
    PostStatus,
    Question,
    Revision,
    Subscription,
    Vote,
    make_slug,
)
from .rules import (  # noqa: F401 - part of this module's public surface
    can_accept,
    can_accept_answer,
    can_delete,
    can_edit,
    can_moderate_posts,
    can_post,
    offers_delete,
)
from .search import notify_thread_changed


class EditConflict(Exception):
    """Someone saved the post after the editor opened it; `current` is what they saved."""

    def __init__(self, current):
        super().__init__("The post changed while it was being edited.")
        self.current = current


# Who may do what (the predicates live in `forum.rules`) and moderation's screening ------------


def _check_allowed(actor, *, kind: str) -> None:
    """Moderation's refusals before any costly work (rendering the markdown): suspended or
    too-busy people (`Suspended`, `RateLimited`) are stopped first."""
    check_can_post(user=actor, action=kind)


def _screen(actor, *, kind: str, post, text: str, posted_after_seconds: float | None):
    """Whether the validated post waits for review. The links counted are the ones the
    renderer produced for it (`count_links`), whatever form they were typed in."""
    return screen_post(
        author=actor,
        text=text,
        kind=kind,
        posted_after_seconds=posted_after_seconds,
        links=count_links(post.body_html),
    )


def _initial_status(screening) -> str:
    """The one place a new post's status is chosen: pending when moderation wants a look."""
    return PostStatus.PENDING if screening.needs_review else PostStatus.PUBLISHED


def _queue_if_pending(post, screening, *, actor) -> None:
    """Queue a new or edited post that screening held, and tell the caller why
    (`post.review_reasons`, without naming the watched word, which would teach a spammer the
    list)."""
    post.review_reasons = []
    if screening.needs_review:
        submit_for_review(target=post, reasons=screening.reasons, actor=actor)
        post.review_reasons = [reason_label(reason.code) for reason in screening.reasons]


def _require_poster(actor) -> None:
    if not can_post(actor):
        raise PermissionDenied(_("Confirm your email address before posting."))


def _require_moderator(actor) -> None:
    if not can_moderate_posts(actor):
        raise PermissionDenied(_("Only moderators can do this."))


def _audit(post, action: str, *, actor, **data) -> None:
    """Record a moderation-relevant action in Wagtail's log, with the actor's name copied on.
    A system actor (flags hiding a post) is stored as no user, under its own name."""
    log(
        instance=post,
        action=f"dalil.forum.{action}",
        user=audit_user(actor),
        data={"actor_name": actor.public_name if actor else "", **data},
    )


# Creating posts --------------------------------------------------------------------------------


def _already_submitted(model, *, actor, submission_token: str):
    if not submission_token:
        return None
    return model.objects.filter(author=actor, submission_token=submission_token).first()


def _clean_new(post, *, actor, submission_token: str):
    """Validate a new post; when a simultaneous identical submission won the race, return its
    post instead of reporting the one-post-per-submission constraint to the person."""
    try:
        post.full_clean()
    except ValidationError:
        existing = _already_submitted(type(post), actor=actor, submission_token=submission_token)
        if existing is None:
            raise
        return existing
    return None


def _save_once(post, *, actor, submission_token: str, after_save):
    """Save a new post, or return the one an identical earlier submission already made."""
    try:
        with transaction.atomic():
            post.save()
            after_save(post)
    except IntegrityError:
        existing = _already_submitted(type(post), actor=actor, submission_token=submission_token)
        if existing is None:
            raise
        return existing, False
    return post, True


def _subscribe(user, question) -> None:
    Subscription.objects.get_or_create(user=user, question=question)


def create_question(
    *,
    actor,
    title: str,
    body: str,
    language: str,
    category=None,
    tags: Iterable[str] | str = (),
    source_page=None,
    submission_token: str = "",
    posted_after_seconds: float | None = None,
) -> Question:
    """Ask a question. The asker follows the thread from the start.

    Moderation screens it first: suspended or rate-limited people are refused, and a question
    that needs review (new member, links, watched word, typed too fast) starts as pending and
    goes to the review queue. `posted_after_seconds` is how long the form was open.
    """
    _require_poster(actor)
    existing = _already_submitted(Question, actor=actor, submission_token=submission_token)
    if existing is not None:
        return existing
    tag_list = rules.parse_tags(tags)
    now = timezone.now()
    question = Question(
        author=actor,
        title=title,
        body=body,
        language=language,
        category=category,
        source_page=source_page,
        submission_token=submission_token,
        created_at=now,
        updated_at=now,
        last_activity_at=now,
    )
    _check_allowed(actor, kind="question")
    winner = _clean_new(question, actor=actor, submission_token=submission_token)
    if winner is not None:
        return winner
    screening = _screen(
        actor,
        kind="question",
        post=question,
        text=question.moderation_text(),
        posted_after_seconds=posted_after_seconds,
    )
    question.status = _initial_status(screening)

    def after_save(saved):
        saved.tags.set(tag_list)
        Revision.objects.create(
            question=saved,
            number=1,
            title=saved.title,
            body=saved.body,
            tags=", ".join(tag_list),
            editor=actor,
        )
        _subscribe(actor, saved)
        _queue_if_pending(saved, screening, actor=actor)
        notify_thread_changed(saved.pk)

    question, _created = _save_once(
        question, actor=actor, submission_token=submission_token, after_save=after_save
    )
    return question


def _refresh_question_counts(question_id: int) -> None:
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


def create_answer(
    *,
    actor,
    question: Question,
    body: str,
    submission_token: str = "",
    posted_after_seconds: float | None = None,
) -> Answer:
    """Answer a question that is open. The answerer follows the thread; followers hear of it
    (once it is published: moderation screens it like a question)."""
    _require_poster(actor)
    existing = _already_submitted(Answer, actor=actor, submission_token=submission_token)
    if existing is not None:
        return existing
    if not question.is_published:
        raise PermissionDenied(_("This question is not open for answers."))
    if question.locked or question.is_closed:
        raise ValidationError(_("This question is closed to new answers."), code="closed")
    now = timezone.now()
    answer = Answer(
        question=question,
        author=actor,
        body=body,
        submission_token=submission_token,
        created_at=now,
        updated_at=now,
    )
    _check_allowed(actor, kind="answer")
    winner = _clean_new(answer, actor=actor, submission_token=submission_token)
    if winner is not None:
        return winner
    screening = _screen(
        actor,
        kind="answer",
        post=answer,
        text=answer.body,
        posted_after_seconds=posted_after_seconds,
    )
    answer.status = _initial_status(screening)

    def after_save(saved):
        Revision.objects.create(answer=saved, number=1, body=saved.body, editor=actor)
        _subscribe(actor, question)
        _refresh_question_counts(question.pk)
        Question.objects.filter(pk=question.pk).update(last_activity_at=now)
        if saved.is_published:
            transaction.on_commit(lambda: notifications.new_answer.enqueue(saved.pk))
        _queue_if_pending(saved, screening, actor=actor)

    answer, _created = _save_once(
        answer, actor=actor, submission_token=submission_token, after_save=after_save
    )
    return answer


def create_comment(
    *,
    actor,
    question: Question,
    body: str,
    answer: Answer | None = None,
    submission_token: str = "",
    posted_after_seconds: float | None = None,
) -> Comment:
    """Comment on a question or one of its answers. Closed threads take comments; locked do not.
    Rate limits apply; links, watched words or typing too fast send it to review."""
    _require_poster(actor)
    existing = _already_submitted(Comment, actor=actor, submission_token=submission_token)
    if existing is not None:
        return existing
    if not rules.can_comment(actor, answer or question):
        if question.locked:
            raise ValidationError(_("This thread is locked."), code="locked")
        raise PermissionDenied(_("You cannot comment on this post."))
    comment = Comment(
        question=question,
        answer=answer,
        author=actor,
        body=body,
        submission_token=submission_token,
    )
    _check_allowed(actor, kind="comment")
    winner = _clean_new(comment, actor=actor, submission_token=submission_token)
    if winner is not None:
        return winner
    screening = _screen(
        actor,
        kind="comment",
        post=comment,
        text=comment.body,
        posted_after_seconds=posted_after_seconds,
    )
    comment.status = _initial_status(screening)

    def after_save(saved):
        Question.objects.filter(pk=question.pk).update(last_activity_at=saved.created_at)
        notify_thread_changed(question.pk, searchable=False)
        if saved.is_published:
            transaction.on_commit(lambda: notifications.new_comment.enqueue(saved.pk))
        _queue_if_pending(saved, screening, actor=actor)

    comment, _created = _save_once(
        comment, actor=actor, submission_token=submission_token, after_save=after_save
    )
    return comment


# Editing --------------------------------------------------------------------------------------


def _check_edit(actor, post, reason: str) -> str:
    if not can_edit(actor, post):
        raise PermissionDenied(_("You cannot edit this post."))
    check_not_suspended(user=actor)
    try:
        return rules.clean_reason(reason, required=post.author_id != actor.pk)
    except ValidationError as error:
        raise ValidationError({"reason": error.messages})


def _edited_status(post, screening) -> str:
    """An edit that fails the screening a new post gets sends the post back to review."""
    return PostStatus.PENDING if screening.needs_review else post.status


def edit_question(
    *,
    actor,
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
    reason = _check_edit(actor, question, reason)
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
    screening = _screen(
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
            _audit(question, "edit", actor=actor, reason=reason)
        _queue_if_pending(question, screening, actor=actor)
        notify_thread_changed(question.pk)
        _notify_duplicates(question.pk)
    return question


def edit_answer(*, actor, answer: Answer, body: str, reason: str = "", base_version: int) -> Answer:
    """Change an answer, keeping a revision. Refused if someone saved since `base_version`.

    Suspended members cannot edit; the edit is screened like a new answer and, when held,
    the answer goes back to pending and into the review queue (`answer.review_reasons`).
    """
    reason = _check_edit(actor, answer, reason)
    candidate = Answer(question=answer.question, author_id=answer.author_id, body=body)
    candidate.full_clean(exclude=["author", "question", "submission_token"], validate_unique=False)
    screening = _screen(
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
            _audit(answer, "edit", actor=actor, reason=reason)
        _queue_if_pending(answer, screening, actor=actor)
        if screening.needs_review:
            _refresh_question_counts(answer.question_id)
        notify_thread_changed(answer.question_id)
    return answer


def edit_comment(*, actor, comment: Comment, body: str, reason: str = "") -> Comment:
    """Change a comment, keeping what it said before in the audit entry.

    The same people may edit a comment as an answer (`rules.can_edit`: its author outside a
    locked thread, or a moderator, who gives a reason), suspended members cannot, and the new
    text is screened like a new comment: when screening holds it, the comment goes back to
    pending and into the review queue, and `comment.review_reasons` says why. Comments are
    short and have no revision history; the audit entry (`dalil.forum.comment_edit`) keeps
    the earlier status and text (`before`, as moderation's entries do) and who replaced it.
    Saving the same text changes nothing.
    """
    reason = _check_edit(actor, comment, reason)
    candidate = Comment(
        question=comment.question, answer=comment.answer, author_id=comment.author_id, body=body
    )
    candidate.full_clean(
        exclude=["author", "question", "answer", "submission_token"], validate_unique=False
    )
    comment.review_reasons = []
    if candidate.body == comment.body:
        return comment
    screening = _screen(
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
        _audit(comment, "comment_edit", actor=actor, reason=reason, before=before)
        _queue_if_pending(comment, screening, actor=actor)
        notify_thread_changed(comment.question_id, searchable=False)
    return comment


# Votes --------------------------------------------------------------------------------------


def vote(*, actor, post: Question | Answer, value: int) -> int:
    """Vote +1 or −1 on someone else's published post, or 0 to withdraw. Returns the new score.

    One vote per person per post is kept by a unique constraint; the score moves by an atomic
    `F()` update, so concurrent votes never double-count.
    """
    if value not in (1, -1, 0):
        raise ValidationError(_("A vote is +1, −1 or withdrawn."), code="invalid_vote")
    _require_poster(actor)
    if post.author_id == actor.pk:
        raise PermissionDenied(_("You cannot vote on your own post."))
    question = post if isinstance(post, Question) else post.question
    if not rules.can_vote(actor, post):
        raise PermissionDenied(_("Voting is not possible on this post."))
    check_can_post(user=actor, action="vote")
    target = {"question": post} if isinstance(post, Question) else {"answer": post}
    for attempt in range(3):
        try:
            with transaction.atomic():
                existing = Vote.objects.select_for_update().filter(user=actor, **target).first()
                old = existing.value if existing else 0
                if value != old:
                    if value == 0:
                        existing.delete()
                    elif existing is not None:
                        existing.value = value
                        existing.save(update_fields=["value"])
                    else:
                        Vote.objects.create(user=actor, value=value, **target)
                    type(post).objects.filter(pk=post.pk).update(score=F("score") + value - old)
                    notify_thread_changed(question.pk, searchable=False)
            break
        except IntegrityError:
            # Another request by the same person inserted the vote first: read it and retry.
            if attempt == 2:
                raise
    return type(post).objects.values_list("score", flat=True).get(pk=post.pk)


# Accepting --------------------------------------------------------------------------------


def accept_answer(*, actor, answer: Answer) -> Question:
    """The asker (or a moderator) marks the answer that solved the question; it can change."""
    question = answer.question
    if not can_accept(actor, question):
        raise PermissionDenied(_("Only the asker or a moderator can accept an answer."))
    if not can_accept_answer(actor, answer):
        raise ValidationError(_("Only a published answer can be accepted."), code="unpublished")
    with transaction.atomic():
        Question.objects.filter(pk=question.pk).update(
            accepted_answer=answer, accepted_answer_set_aside=None, last_activity_at=timezone.now()
        )
        question.refresh_from_db()
        if actor.pk != question.author_id:
            _audit(question, "accept", actor=actor, answer=answer.pk)
        notify_thread_changed(question.pk)
        if answer.author_id != actor.pk:
            transaction.on_commit(lambda: notifications.answer_accepted.enqueue(answer.pk))
    return question


def unaccept_answer(*, actor, question: Question) -> Question:
    """Remove the accepted mark: the question counts as unsolved again."""
    if not can_accept(actor, question):
        raise PermissionDenied(_("Only the asker or a moderator can accept an answer."))
    with transaction.atomic():
        Question.objects.filter(pk=question.pk).update(
            accepted_answer=None, accepted_answer_set_aside=None
        )
        question.refresh_from_db()
        if actor.pk != question.author_id:
            _audit(question, "unaccept", actor=actor)
        notify_thread_changed(question.pk)
    return question


# Status and moderation ----------------------------------------------------------------------


def set_post_status(*, post, new_status: str, actor):
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
        _audit(post, "status", actor=actor, old=old_status, new=new_status)
        if isinstance(post, Answer):
            _keep_accepted_mark(post, new_status)
            _refresh_question_counts(post.question_id)
        elif isinstance(post, Question):
            notify_thread_changed(post.pk)
            _notify_duplicates(post.pk)
        else:
            notify_thread_changed(post.question_id, searchable=False)
        if old_status == PostStatus.PENDING and new_status == PostStatus.PUBLISHED:
            _announce(post)
    return post


def _notify_duplicates(question_id: int) -> None:
    """Threads closed as duplicates of this question show its title and link (or not, once it
    is gone): they change with it."""
    for duplicate_id in Question.objects.filter(duplicate_of_id=question_id).values_list(
        "pk", flat=True
    ):
        notify_thread_changed(duplicate_id, searchable=False)


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


def _announce(post) -> None:
    """Tell followers about a post that was just published after review."""
    if isinstance(post, Answer):
        transaction.on_commit(lambda: notifications.new_answer.enqueue(post.pk))
    elif isinstance(post, Comment):
        transaction.on_commit(lambda: notifications.new_comment.enqueue(post.pk))


def delete_post(*, actor, post):
    """Soft-delete a post: it disappears for everyone but moderators, and can be restored."""
    return set_post_status(post=post, new_status=PostStatus.DELETED, actor=actor)


def restore_post(*, actor, post):
    """Bring back a deleted or hidden post (moderators only)."""
    _require_moderator(actor)
    return set_post_status(post=post, new_status=PostStatus.PUBLISHED, actor=actor)


def close_question(*, actor, question: Question, reason: str) -> Question:
    """Close a thread to new answers, with a reason readers see. Comments stay open."""
    _require_moderator(actor)
    if reason not in CloseReason.values:
        raise ValidationError({"reason": _("Choose a reason for closing.")})
    with transaction.atomic():
        Question.objects.filter(pk=question.pk).update(
            closed_reason=reason, closed_at=timezone.now()
        )
        question.refresh_from_db()
        _audit(question, "close", actor=actor, reason=reason)
        notify_thread_changed(question.pk, searchable=False)
    return question


def reopen_question(*, actor, question: Question) -> Question:
    """Open a closed thread again; it stops being marked as a duplicate."""
    _require_moderator(actor)
    original_id = question.duplicate_of_id
    with transaction.atomic():
        Question.objects.filter(pk=question.pk).update(
            closed_reason="", closed_at=None, duplicate_of=None
        )
        question.refresh_from_db()
        _audit(question, "reopen", actor=actor)
        notify_thread_changed(question.pk, searchable=False)
        if original_id is not None:
            notify_thread_changed(original_id, searchable=False)
    return question


def set_locked(*, actor, question: Question, locked: bool) -> Question:
    """Lock a thread (no answers, comments, votes or edits by non-moderators) or unlock it.
    Asking for the state a thread is already in changes nothing and logs nothing."""
    _require_moderator(actor)
    if question.locked == locked:
        return question
    with transaction.atomic():
        Question.objects.filter(pk=question.pk).update(locked=locked)
        question.refresh_from_db()
        _audit(question, "lock" if locked else "unlock", actor=actor)
        notify_thread_changed(question.pk, searchable=False)
    return question


def mark_duplicate(*, actor, question: Question, original: Question) -> Question:
    """Close a question as a duplicate of another published one, which then lists it."""
    _require_moderator(actor)
    if original.pk == question.pk:
        raise ValidationError({"original": _("A question cannot be a duplicate of itself.")})
    if not original.is_published:
        raise ValidationError({"original": _("The original question must be published.")})
    if original.duplicate_of_id is not None:
        original = original.duplicate_of
        if original.pk == question.pk:
            raise ValidationError({"original": _("That question is a duplicate of this one.")})
    with transaction.atomic():
        Question.objects.filter(pk=question.pk).update(
            duplicate_of=original, closed_reason=CloseReason.DUPLICATE, closed_at=timezone.now()
        )
        question.refresh_from_db()
        _audit(question, "duplicate", actor=actor, original=original.pk)
        notify_thread_changed(question.pk, searchable=False)
        notify_thread_changed(original.pk, searchable=False)
    return question


# Following and views --------------------------------------------------------------------------


def subscribe(*, actor, question: Question) -> None:
    """Follow a thread to get an email about new answers and comments."""
    if not getattr(actor, "is_authenticated", False):
        raise PermissionDenied(_("Log in to follow a thread."))
    _subscribe(actor, question)


def unsubscribe(*, actor, question: Question) -> None:
    """Stop following a thread; no more emails about it."""
    if not getattr(actor, "is_authenticated", False):
        raise PermissionDenied(_("Log in to follow a thread."))
    Subscription.objects.filter(user=actor, question=question).delete()


def record_view(*, question_id: int) -> None:
    """Count a page view with a single atomic update (also for pages served from the cache)."""
    Question.objects.filter(pk=question_id).update(view_count=F("view_count") + 1)


# Accounts ---------------------------------------------------------------------------------------


def anonymise_author(*, user, actor) -> int:
    """Keep a leaving member's posts but sign them "Deleted user": answers others rely on stay.

    Clears the author of every question, answer and comment and the editor of every revision,
    and drops their follows. Returns how many posts were anonymised. The account itself is
    deleted by the website; the foreign keys are SET_NULL, so deleting it also keeps the posts.
    """
    if not rules.can_anonymise(actor, user):
        raise PermissionDenied(_("Only the account holder or a moderator can do this."))
    with transaction.atomic():
        count = sum(
            model.objects.filter(author=user).update(author=None)
            for model in (Question, Answer, Comment)
        )
        Revision.objects.filter(editor=user).update(editor=None)
        Subscription.objects.filter(user=user).delete()
        log(
            instance=user,
            action="dalil.forum.anonymise",
            user=actor,
            data={"actor_name": actor.public_name, "author_id": user.pk, "posts": count},
        )
    return count


def published_posts_of(user) -> int:
    """A person's published questions and answers, for moderation's trust levels."""
    return sum(published_posts_by_user_ids([user.pk]).values())


def published_posts_by_user_ids(user_ids) -> dict[int, int]:
    """Published questions plus answers per author, for many people in two queries."""
    totals: dict[int, int] = {}
    for model in (Question, Answer):
        rows = (
            model.objects.published()
            .filter(author_id__in=list(user_ids))
            .values("author_id")
            .annotate(total=Count("pk"))
            .order_by()
        )
        for row in rows:
            totals[row["author_id"]] = totals.get(row["author_id"], 0) + row["total"]
    return totals
