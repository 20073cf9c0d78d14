"""Every change to the forum goes through these functions.

Views, management commands, other apps and tests call the same services, so the rules (who may
post, limits, one vote each, edit conflicts, moderator-only actions) cannot be skipped by one
door. Side effects such as emails are scheduled with `transaction.on_commit`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from moderation.audit import record
from moderation.posting import check_can_post
from moderation.rules import is_person

from . import rules, steps
from .editing import EditConflict, edit_answer, edit_comment, edit_question  # noqa: F401
from .models import (
    Answer,
    Category,
    CategoryFollow,
    Comment,
    Question,
    QuestionTag,
    Revision,
    Subscription,
    TagFollow,
    Vote,
)
from .search import notify_thread_changed
from .selectors import (  # noqa: F401 - callers that read them from services
    published_posts_by_user_ids,
    published_posts_of,
)
from .thread_actions import (  # noqa: F401 - the forum's one door re-exports them
    accept_answer,
    close_question,
    delete_post,
    mark_duplicate,
    mark_official_answer,
    reopen_question,
    restore_post,
    set_locked,
    set_post_status,
    unaccept_answer,
    unmark_official_answer,
)

if TYPE_CHECKING:
    from moderation.rules import Actor, User

# Who may do what (the predicates live in `forum.rules`) and moderation's screening ------------


# Creating posts --------------------------------------------------------------------------------

NewPost = TypeVar("NewPost", Question, Answer, Comment)


def _already_submitted(model, *, actor: Actor, submission_token: str):
    if not submission_token:
        return None
    return model.objects.filter(author=actor, submission_token=submission_token).first()


def _clean_new(post, *, actor: Actor, submission_token: str):
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


def _save_once(post, *, actor: Actor, submission_token: str, after_save):
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


def _subscribe(user: User, question) -> None:
    Subscription.objects.get_or_create(user=user, question=question)


def _create_post(
    model: type[NewPost],
    *,
    actor: Actor,
    kind: str,
    submission_token: str,
    posted_after_seconds,
    prepare,
) -> NewPost:
    """The steps every new post takes, in this order:

    1. only members who may post (`rules.can_post`), and a repeated submission (a double
       click, a retry) gets the post it already made;
    2. `prepare(author)` checks the target (an open thread...) and returns the unsaved post and the
       kind's own steps after saving (revision, counts, following);
    3. moderation's refusals (`Suspended`, `RateLimited`) before any costly work;
    4. validation (`full_clean` renders the markdown), then screening, which picks the status;
    5. in one transaction: the save, the kind's own steps, followers told of a published post
       after commit, and a held post queued for review (`post.review_reasons` says why).
    """
    actor = steps.require_poster(actor)
    existing = _already_submitted(model, actor=actor, submission_token=submission_token)
    if existing is not None:
        return existing
    post, after_save = prepare(actor)
    steps.check_allowed(actor, kind=kind)
    winner = _clean_new(post, actor=actor, submission_token=submission_token)
    if winner is not None:
        return winner
    text = post.moderation_text()
    screening = steps.screen(
        actor, kind=kind, post=post, text=text, posted_after_seconds=posted_after_seconds
    )
    post.status = steps.initial_status(screening)

    def after_saving(saved):
        after_save(saved)
        if saved.is_published:
            steps.announce(saved)
        steps.queue_if_pending(saved, screening, actor=actor)

    saved, _created = _save_once(
        post, actor=actor, submission_token=submission_token, after_save=after_saving
    )
    return saved


def create_question(
    *,
    actor: Actor,
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

    def prepare(author: User):
        tag_list = rules.parse_tags(tags)
        now = timezone.now()
        question = Question(
            author=author,
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

        def after_save(saved):
            saved.tags.set(tag_list)
            Revision.objects.create(
                question=saved,
                number=1,
                title=saved.title,
                body=saved.body,
                tags=", ".join(tag_list),
                editor=author,
            )
            _subscribe(author, saved)
            notify_thread_changed(saved.pk)

        return question, after_save

    return _create_post(
        Question,
        actor=actor,
        kind="question",
        submission_token=submission_token,
        posted_after_seconds=posted_after_seconds,
        prepare=prepare,
    )


def create_answer(
    *,
    actor: Actor,
    question: Question,
    body: str,
    submission_token: str = "",
    posted_after_seconds: float | None = None,
) -> Answer:
    """Answer a question that is open. The answerer follows the thread; followers hear of it
    (once it is published: moderation screens it like a question)."""

    def prepare(author: User):
        if not question.is_published:
            raise PermissionDenied(_("This question is not open for answers."))
        if question.locked or question.is_closed:
            raise ValidationError(_("This question is closed to new answers."), code="closed")
        now = timezone.now()
        answer = Answer(
            question=question,
            author=author,
            by_support_team=rules.can_answer_for_support_team(author),
            body=body,
            submission_token=submission_token,
            created_at=now,
            updated_at=now,
        )

        def after_save(saved):
            Revision.objects.create(answer=saved, number=1, body=saved.body, editor=author)
            _subscribe(author, question)
            steps.refresh_question_counts(question.pk)
            Question.objects.filter(pk=question.pk).update(last_activity_at=now)

        return answer, after_save

    return _create_post(
        Answer,
        actor=actor,
        kind="answer",
        submission_token=submission_token,
        posted_after_seconds=posted_after_seconds,
        prepare=prepare,
    )


def create_comment(
    *,
    actor: Actor,
    question: Question,
    body: str,
    answer: Answer | None = None,
    submission_token: str = "",
    posted_after_seconds: float | None = None,
) -> Comment:
    """Comment on a question or one of its answers. Closed threads take comments; locked do not.
    Rate limits apply; links, watched words or typing too fast send it to review."""

    def prepare(author: User):
        if not rules.can_comment(author, answer or question):
            if question.locked:
                raise ValidationError(_("This thread is locked."), code="locked")
            raise PermissionDenied(_("You cannot comment on this post."))
        comment = Comment(
            question=question,
            answer=answer,
            author=author,
            body=body,
            submission_token=submission_token,
        )

        def after_save(saved):
            Question.objects.filter(pk=question.pk).update(last_activity_at=saved.created_at)
            notify_thread_changed(question.pk, searchable=False)

        return comment, after_save

    return _create_post(
        Comment,
        actor=actor,
        kind="comment",
        submission_token=submission_token,
        posted_after_seconds=posted_after_seconds,
        prepare=prepare,
    )


# Votes --------------------------------------------------------------------------------------


def vote(*, actor: Actor, post: Question | Answer, value: int) -> int:
    """Vote +1 or −1 on someone else's published post, or 0 to withdraw. Returns the new score.

    One vote per person per post is kept by a unique constraint; the score moves by an atomic
    `F()` update, so concurrent votes never double-count.
    """
    if value not in (1, -1, 0):
        raise ValidationError(_("A vote is +1, −1 or withdrawn."), code="invalid_vote")
    actor = steps.require_poster(actor)
    if post.author_id == actor.pk:
        raise PermissionDenied(_("You cannot vote on your own post."))
    question = post if isinstance(post, Question) else post.question
    if not rules.can_vote(actor, post):
        raise PermissionDenied(_("Voting is not possible on this post."))
    check_can_post(user=actor, action="vote")
    target: dict[str, Question | Answer] = (
        {"question": post} if isinstance(post, Question) else {"answer": post}
    )
    for attempt in range(3):
        try:
            with transaction.atomic():
                existing = Vote.objects.select_for_update().filter(user=actor, **target).first()
                old = existing.value if existing else 0
                if value != old:
                    if value == 0:
                        assert existing is not None  # withdrawing: there was a vote (old ≠ 0)
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


# Following --------------------------------------------------------------------------------


def subscribe(*, actor: Actor, question: Question) -> None:
    """Follow a thread to get an email about new answers and comments."""
    if not is_person(actor):
        raise PermissionDenied(_("Log in to follow a thread."))
    _subscribe(actor, question)


def unsubscribe(*, actor: Actor, question: Question) -> None:
    """Stop following a thread; no more emails about it."""
    if not is_person(actor):
        raise PermissionDenied(_("Log in to follow a thread."))
    Subscription.objects.filter(user=actor, question=question).delete()


def _require_person(actor: Actor, message: str) -> User:
    if not is_person(actor):
        raise PermissionDenied(message)
    return actor


def follow_tag(*, actor: Actor, name: str) -> TagFollow:
    """Follow a tag that exists: each new published question with it tells the follower."""
    person = _require_person(actor, _("Log in to follow a tag."))
    tag = QuestionTag.tag_model().objects.filter(name=name.strip().lower()).first()
    if tag is None:
        raise ValidationError(_("There is no such tag."), code="unknown_tag")
    follow, _created = TagFollow.objects.get_or_create(user=person, tag=tag)
    return follow


def unfollow_tag(*, actor: Actor, name: str) -> None:
    """Stop following a tag (nothing happens if they did not follow it)."""
    person = _require_person(actor, _("Log in to follow a tag."))
    TagFollow.objects.filter(user=person, tag__name=name.strip().lower()).delete()


def follow_category(*, actor: Actor, category: Category) -> CategoryFollow:
    """Follow a category: each new published question filed under it tells the follower."""
    person = _require_person(actor, _("Log in to follow a category."))
    follow, _created = CategoryFollow.objects.get_or_create(user=person, category=category)
    return follow


def unfollow_category(*, actor: Actor, category: Category) -> None:
    """Stop following a category."""
    person = _require_person(actor, _("Log in to follow a category."))
    CategoryFollow.objects.filter(user=person, category=category).delete()


# Accounts ---------------------------------------------------------------------------------------


def anonymise_author(*, user: User, actor: Actor) -> int:
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
        TagFollow.objects.filter(user=user).delete()
        CategoryFollow.objects.filter(user=user).delete()
        record(
            user, "dalil.forum.anonymise", actor=actor, data={"author_id": user.pk, "posts": count}
        )
    return count
