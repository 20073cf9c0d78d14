"""Writes of the knowledge base: reader feedback, review bookkeeping and archiving."""

from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Revision

from moderation.text import clean_visible_text

from .models import ArticleFeedback, ArticlePage, FeedbackReason
from .models.feedback import COMMENT_MAX_LENGTH

FEEDBACK_RATE_LIMIT = 20
FEEDBACK_RATE_WINDOW_SECONDS = 10 * 60


class FeedbackRateLimited(Exception):
    """Too many feedback votes from one address or session in a short time."""


def _check_rate(keys: list[str]) -> None:
    for key in keys:
        cache.add(key, 0, FEEDBACK_RATE_WINDOW_SECONDS)
        try:
            count = cache.incr(key)
        except ValueError:  # the key expired between add() and incr()
            cache.set(key, 1, FEEDBACK_RATE_WINDOW_SECONDS)
            count = 1
        if count > FEEDBACK_RATE_LIMIT:
            raise FeedbackRateLimited(_("You have sent a lot of feedback. Please try again later."))


def record_feedback(
    *,
    article: ArticlePage,
    actor,
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
    _check_rate([f"kb:feedback-rate:{voter}", f"kb:feedback-rate:ip:{client_ip or 'unknown'}"])

    lookup = (
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


def set_article_review_fields(*, article: ArticlePage, actor, **values) -> ArticlePage:
    """Change an article's review bookkeeping (``last_reviewed_at``, ``content_owner``) without
    publishing anything.

    Wagtail publishes from revisions, so writing only the live row would be undone by the next
    publish. The values go to the live row and into the stored content of the live and latest
    revisions, so a draft waiting for review keeps its text and still carries the new values.
    """
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


def archive_article(*, article: ArticlePage, actor) -> Redirect:
    """Unpublish an article and send its old address to its category, so links keep working."""
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
