"""Writes of the knowledge base: reader feedback, promoting community answers into articles,
review bookkeeping and archiving."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.contrib.redirects.models import Redirect
from wagtail.coreutils import find_available_slug
from wagtail.models import Locale, Revision

from forum.models import Answer, PostStatus, Question
from forum.search import notify_thread_changed
from moderation import limits
from moderation.audit import record
from moderation.stale import resolve_signals
from moderation.text import clean_visible_text

from . import drift, rules
from .conversion import markdown_to_blocks, summary_from_markdown
from .models import (
    ArticleFeedback,
    ArticlePage,
    CategoryPage,
    FeedbackReason,
    Nomination,
    Provenance,
)
from .models.feedback import COMMENT_MAX_LENGTH
from .rules import NOMINATE_PERMISSION, PROMOTE_PERMISSION  # noqa: F401 - used by views

if TYPE_CHECKING:
    from moderation.rules import Actor, User

TITLE_MAX_LENGTH = 255
SUMMARY_MAX_LENGTH = 300
PROMOTED_SUMMARY_LENGTH = 160
NOTE_MAX_LENGTH = 500

FEEDBACK_RATE_LIMIT = 20
FEEDBACK_RATE_WINDOW_SECONDS = 10 * 60


class FeedbackRateLimited(Exception):
    """Too many feedback votes from one address or session in a short time."""


def _check_rate(scopes: list[str]) -> None:
    for scope in scopes:
        if limits.take(scope, [(FEEDBACK_RATE_LIMIT, FEEDBACK_RATE_WINDOW_SECONDS)]):
            raise FeedbackRateLimited(_("You have sent a lot of feedback. Please try again later."))


def record_feedback(
    *,
    article: ArticlePage,
    actor: Actor,
    helpful: bool,
    reason: str = "",
    comment: str = "",
    session_key: str = "",
    client_ip: str = "",
) -> ArticleFeedback:
    """Record (or change) one visitor's "was this helpful?" answer for a live article.

    A signed-in actor has one vote per article; an anonymous visitor has one per session. A "No"
    must say why (a reason; "other" also needs a comment). Votes are rate-limited per address
    and per voter so a script cannot flood the counts.
    """
    actor = actor or AnonymousUser()
    if not article.live:
        raise ValidationError(_("This article is not published."))
    if not actor.is_authenticated and not session_key:
        raise ValidationError(_("Your browser did not keep a session; enable cookies to vote."))
    reason = reason if not helpful else ""
    comment = (comment or "").strip()
    if comment:
        comment = clean_visible_text(comment, min_length=1, max_length=COMMENT_MAX_LENGTH)
    if not helpful and reason not in FeedbackReason.values:
        raise ValidationError({"reason": _("Tell us what was wrong.")})
    if reason == FeedbackReason.OTHER and not comment:
        raise ValidationError({"comment": _("Tell us in a few words what was wrong.")})

    voter = f"user:{actor.pk}" if actor.is_authenticated else f"session:{session_key}"
    address = limits.address_scope(client_ip)
    _check_rate([f"kb:feedback-rate:{voter}", f"kb:feedback-rate:ip:{address}"])

    lookup: dict[str, Any] = (
        {"article": article, "user": actor}
        if actor.is_authenticated
        else {"article": article, "user": None, "session_key": session_key}
    )
    values = {"helpful": helpful, "reason": reason, "comment": comment}
    try:
        with transaction.atomic():
            feedback = ArticleFeedback.objects.select_for_update().filter(**lookup).first()
            if feedback is None:
                feedback = ArticleFeedback(**lookup)
            for field, value in values.items():
                setattr(feedback, field, value)
            feedback.full_clean(validate_constraints=False)
            feedback.save()
    except IntegrityError:
        # Two requests from the same voter raced to create the row: update the winner's row.
        with transaction.atomic():
            ArticleFeedback.objects.filter(**lookup).update(updated_at=timezone.now(), **values)
            feedback = ArticleFeedback.objects.get(**lookup)
    return feedback


# Promoting community answers ---------------------------------------------------------------


def promotion_refusal(answer: Answer | None, question: Question) -> str:
    """Why this thread's answer cannot become an article now ("" when it can).

    Only a published thread's published, accepted answer is promoted: the knowledge base must
    never publish what moderators held back or the community has not settled on.
    """
    if question.status != PostStatus.PUBLISHED:
        return _("This thread is awaiting review, hidden or deleted; it cannot be promoted.")
    if answer is None or question.accepted_answer_id is None:
        return _("This thread has no accepted answer to promote.")
    if question.accepted_answer_id != answer.pk:
        return _("Only the thread's accepted answer can be promoted.")
    if answer.status != PostStatus.PUBLISHED:
        return _(
            "The accepted answer is awaiting review, hidden or deleted; it cannot be promoted."
        )
    return ""


def source_thread_changed(instance, **kwargs) -> None:
    """A promoted article went live, went off or is being deleted: the community thread it came
    from shows "now a knowledge-base article" (or stops), so the thread counts as changed."""
    page = getattr(instance, "specific_deferred", instance)
    question_ids = Provenance.objects.filter(article_id=page.pk).values_list(
        "question_id", flat=True
    )
    for question_id in question_ids:
        notify_thread_changed(question_id, searchable=False)


def existing_promotion(answer: Answer) -> Provenance | None:
    """The article an answer already became, if any."""
    return Provenance.objects.select_related("article").filter(answer=answer).first()


def _article_body(answer: Answer) -> list[dict]:
    return markdown_to_blocks(answer.body)


def _summary(question: Question, answer: Answer) -> str:
    return summary_from_markdown(answer.body, max_length=PROMOTED_SUMMARY_LENGTH) or question.title


def promote_answer(
    *, answer: Answer, category: CategoryPage, locale: Locale, title: str, actor: Actor
) -> ArticlePage:
    """Turn a thread's accepted answer into a draft article submitted to "Review and publish".

    The draft reads as an article, not a transcript: the answer's content is the body, its
    opening sentences the summary, and the thread's tags the article's tags. It is written in
    the thread's language, so the category must be one of that language's.
    Idempotent per answer: promoting an answer that already became an article returns that
    article. The draft is a revision by the promoting staff member, so another staff member must
    approve it (the workflow's four-eyes rule); nothing goes live here. The provenance (thread,
    answer, revision used, author, promoter) and an audit entry are written in the same
    transaction.
    """
    actor = rules.require_promoter(actor)
    existing = existing_promotion(answer)
    if existing is not None:
        return existing.article
    question = Question.objects.select_related("author").get(pk=answer.question_id)
    answer = Answer.objects.select_related("author").get(pk=answer.pk)
    refusal = promotion_refusal(answer, question)
    if refusal:
        raise ValidationError(refusal)
    if category.locale_id != locale.pk or locale.language_code != question.language:
        raise ValidationError({"category": _("Choose a category in the thread's language.")})
    try:
        title = clean_visible_text(title, min_length=3, max_length=TITLE_MAX_LENGTH)
    except ValidationError as error:
        raise ValidationError({"title": error.messages})
    try:
        with transaction.atomic():
            article = _create_article(question, answer, category, locale, title, actor)
    except IntegrityError:
        # Two staff members promoted the same answer at once: the first article wins.
        existing = existing_promotion(answer)
        if existing is None:
            raise
        return existing.article
    return article


def _create_article(question, answer, category, locale, title, actor: User) -> ArticlePage:
    slug = find_available_slug(category, slugify(title, allow_unicode=True)[:80] or "article")
    article = ArticlePage(
        title=title,
        slug=slug,
        summary=_summary(question, answer),
        body=json.dumps(_article_body(answer)),
        locale=locale,
        live=False,
        owner=actor,
        content_owner=actor,
    )
    article.tags.set(list(question.tags.values_list("name", flat=True)))
    category.add_child(instance=article)
    revision = article.save_revision(user=actor, log_action=True)
    Provenance.objects.create(
        article=article,
        question=question,
        answer=answer,
        answer_revision=answer.revisions.filter(number=answer.version).first(),
        answer_version=answer.version,
        answer_author=answer.author,
        answer_author_name=answer.author.public_name,
        promoted_by=actor,
        promoted_by_name=actor.public_name,
        reviewed_answer_status=answer.status,
        reviewed_accepted_answer_id=question.accepted_answer_id,
    )
    record(
        article,
        "dalil.kb.promote",
        actor=actor,
        revision=revision,
        data={
            "question": question.pk,
            "answer": answer.pk,
            "answer_version": answer.version,
            "answer_author_name": answer.author.public_name,
        },
    )
    workflow = article.get_workflow()
    if workflow is not None:
        workflow.start(article, actor)
    return article


def nominate_answer(*, answer: Answer, note: str, actor: Actor) -> Nomination:
    """A moderator suggests promoting a thread's accepted answer, saying why.

    One nomination per person per answer (nominating again replaces the note). Answers that
    cannot be promoted, or already were, cannot be nominated.
    """
    actor = rules.require_nominator(actor)
    question = Question.objects.get(pk=answer.question_id)
    answer = Answer.objects.get(pk=answer.pk)
    refusal = promotion_refusal(answer, question)
    if refusal:
        raise ValidationError(refusal)
    if Provenance.objects.filter(answer=answer).exists():
        raise ValidationError(_("This answer is already a knowledge-base article."))
    try:
        note = clean_visible_text(note, min_length=3, max_length=NOTE_MAX_LENGTH)
    except ValidationError as error:
        raise ValidationError({"note": error.messages})
    with transaction.atomic():
        nomination, _created = Nomination.objects.update_or_create(
            answer=answer,
            nominated_by=actor,
            defaults={
                "note": note,
                "nominated_by_name": actor.public_name,
                "created_at": timezone.now(),
            },
        )
        record(
            answer,
            "dalil.kb.nominate",
            actor=actor,
            data={"note": note, "question": question.pk},
        )
    return nomination


# Source drift ----------------------------------------------------------------------------------


def acknowledge_source_changes(*, article: ArticlePage, actor: Actor) -> Provenance:
    """Staff confirm the article now reflects its source thread as it is.

    The provenance moves to the answer's current version and the thread's current state, and
    the article's open drift signals resolve (``kb.drift``); later changes raise new ones.
    """
    actor = rules.require_promoter(actor)
    provenance = Provenance.objects.select_related("answer").get(article=article)
    with transaction.atomic():
        drift.acknowledge(provenance)
        resolve_signals(article, codes=list(drift.LABELS))
        record(
            article,
            "dalil.kb.source_reviewed",
            actor=actor,
            data={"answer_version": provenance.answer_version},
        )
    return provenance


def set_article_review_fields(*, article: ArticlePage, actor: Actor, **values) -> ArticlePage:
    """Change an article's review bookkeeping (``last_reviewed_at``, ``content_owner``) without
    publishing anything.

    Wagtail publishes from revisions, so writing only the live row would be undone by the next
    publish. The values go to the live row and into the stored content of the live and latest
    revisions, so a draft waiting for review keeps its text and still carries the new values.
    """
    actor = rules.require_reviewer(actor)
    allowed = {"last_reviewed_at", "content_owner"}
    if not values or set(values) - allowed:
        raise ValueError(f"only {sorted(allowed)} can be set here")
    with transaction.atomic():
        page = ArticlePage.objects.select_for_update().get(pk=article.pk)
        for name, value in values.items():
            setattr(page, name, value)
        page.clean_fields(
            exclude=[f.name for f in ArticlePage._meta.fields if f.name not in values]
        )
        ArticlePage.objects.filter(pk=page.pk).update(**values)
        stored = {
            name: (value.pk if name == "content_owner" and value else value)
            for name, value in values.items()
        }
        stored = {
            name: DjangoJSONEncoder().default(value) if hasattr(value, "isoformat") else value
            for name, value in stored.items()
        }
        revisions = {page.latest_revision_id, page.live_revision_id} - {None}
        for revision in Revision.objects.filter(pk__in=revisions):
            content = dict(revision.content)
            content.update(stored)
            revision.content = content
            revision.save(update_fields=["content"])
    for name, value in values.items():
        setattr(article, name, value)
    return article


def archive_article(*, article: ArticlePage, actor: Actor) -> Redirect:
    """Unpublish an article and send its old address to its category, so links keep working."""
    actor = rules.require_archiver(actor, article)
    category = article.get_parent()
    old_path = Redirect.normalise_path(article.get_url())
    with transaction.atomic():
        article.unpublish(user=actor, log_action=True)
        redirect, _created = Redirect.objects.update_or_create(
            old_path=old_path,
            site=None,
            defaults={"redirect_page": category, "is_permanent": False},
        )
    return redirect
