"""Moderation's write services and the checks content apps call before posting.

Every service is keyword-only, takes ``actor=``, checks first that the actor may do it (the rules
in ``moderation.rules``; ``PermissionDenied`` otherwise, before anything is read or written),
validates, runs in one transaction, writes its audit entry (Wagtail's log,
``dalil.moderation.*`` actions) in that transaction and sends notifications after commit.
Decisions lock the review item row (``select_for_update``) and check it is still open, so when
two moderators decide the same item exactly one decision applies and the other gets
``AlreadyHandled``.

Rate limits are counted in the cache (Redis in production) by ``moderation.limits``, whose
check-and-count is one atomic step, so simultaneous requests cannot all slip under a limit.
"""

import math
import re
from dataclasses import dataclass, field
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from wagtail.log_actions import log

from . import adapters, limits, rules
from . import reasons as R
from .adapters import category_of, is_public, supports_edit, supports_lock
from .conf import setting
from .models import (
    Flag,
    Notification,
    PostStatus,
    RejectionTemplate,
    ReviewItem,
    StaleItem,
    StaleReview,
    StaleSignal,
    Suspension,
    UserUnderReview,
    WatchedWord,
)
from .rules import FLAG_THRESHOLD, can_moderate
from .text import clean_visible_text, visible_length
from .trust import NEW, trust_level

# Screening reads at most this much text, so a huge post cannot make matching slow.
SCREEN_TEXT_LIMIT = 50_000
_LINK = re.compile(r"https?://|\bwww\.", re.IGNORECASE)
# The alt text is bounded so a text of "![" without "]" costs linear time, not quadratic.
_IMAGE = re.compile(r"!\[[^\]]{0,300}\]\(|<img\b", re.IGNORECASE)


class AlreadyHandled(Exception):
    """Another moderator decided this item first."""

    def __init__(self, item=None):
        self.item = item
        super().__init__(str(self.message))

    message = gettext_lazy("Another moderator already handled this item.")


class RateLimited(Exception):
    """The person did this too often; ``retry_after`` is how many seconds to wait."""

    def __init__(self, *, action: str, retry_after: int):
        self.action = action
        self.retry_after = max(1, int(retry_after))
        super().__init__(self.message)

    @property
    def message(self) -> str:
        return _("You are doing that too often. You may try again in %(wait)s.") % {
            "wait": format_wait(self.retry_after)
        }


class Suspended(PermissionDenied):
    """The person is suspended and may only read (a ``PermissionDenied``: views that let it
    through answer 403)."""

    def __init__(self, *, until):
        self.until = until
        super().__init__(self.message)

    @property
    def message(self) -> str:
        return _("Your account is suspended until %(until)s. You can still read the site.") % {
            "until": timezone.localtime(self.until).strftime("%Y-%m-%d %H:%M")
        }


def format_wait(seconds: int) -> str:
    """A translated duration: "3 minutes", "2 hours"."""
    if seconds < 60:
        return ngettext("%(n)d second", "%(n)d seconds", seconds) % {"n": seconds}
    if seconds < 3600:
        minutes = math.ceil(seconds / 60)
        return ngettext("%(n)d minute", "%(n)d minutes", minutes) % {"n": minutes}
    hours = math.ceil(seconds / 3600)
    return ngettext("%(n)d hour", "%(n)d hours", hours) % {"n": hours}


# --- Checks content apps call ---------------------------------------------------------------


def is_suspended(user) -> bool:
    """Whether the person is suspended right now."""
    return bool(user and user.is_authenticated and active_suspension(user) is not None)


def active_suspension(user) -> Suspension | None:
    """The suspension in force with the latest end, if any."""
    return Suspension.objects.active().filter(user=user).order_by("-until").first()


def check_rate_limit(*, user, action: str) -> None:
    """Raise ``RateLimited`` if ``user`` reached a limit for ``action``; otherwise count one use.

    Limits come from DALIL_RATE_LIMITS by trust level; people who moderate are exempt. Checking
    and counting are one atomic step (``moderation.limits.take``): of many simultaneous
    requests, exactly as many as the limit allows get through. A refused attempt is not
    counted. Call it right before the write it guards.
    """
    if action not in adapters.rate_limited_actions():
        raise ValueError(f"Unknown rate-limited action {action!r}")
    if can_moderate(user):
        return
    allowed = adapters.rate_limits().get(trust_level(user), {}).get(action, [])
    if not allowed:
        return
    wait = limits.take(f"dalil:moderation:rate:{user.pk}:{action}", allowed)
    if wait > 0:
        raise RateLimited(action=action, retry_after=math.ceil(wait))


def check_not_suspended(*, user) -> None:
    """Raise ``Suspended`` if ``user`` is suspended: they may read, not write (posts, edits,
    their public name)."""
    suspension = active_suspension(user)
    if suspension is not None:
        raise Suspended(until=suspension.until)


def check_can_post(*, user, action: str) -> None:
    """Raise ``Suspended`` or ``RateLimited`` if ``user`` may not do ``action`` now."""
    check_not_suspended(user=user)
    check_rate_limit(user=user, action=action)


# --- Screening ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reason:
    """Why a post needs review: a stable ``code`` and an optional ``detail`` (which word...)."""

    code: str
    detail: str = ""

    @property
    def text(self) -> str:
        """The reason as a sentence in the active language."""
        return R.reason_label(self.code, self.detail)

    def __iter__(self):
        return iter((self.code, self.detail))


@dataclass
class Screening:
    """The result of ``screen_post``: whether the post waits for review, and every reason."""

    needs_review: bool
    reasons: list[Reason] = field(default_factory=list)


def screen_post(
    *,
    author,
    text: str,
    kind: str,
    posted_after_seconds: float | None = None,
    links: int | None = None,
) -> Screening:
    """Decide whether a new or edited post goes to the review queue. Reads only; writes nothing.

    Reasons: trust level 0 (questions and answers), more than DALIL_NEW_USER_MAX_LINKS links or
    any image from a new user, a watched word, typing faster than DALIL_MAX_CHARS_PER_SECOND
    (members up to DALIL_FAST_TYPING_MAX_TRUST_LEVEL only), an author under review. People who
    moderate are never queued. ``links`` is the number of links the content app's renderer made
    of the text (the forum counts them in the rendered
    HTML, so every markdown form of a link counts); without it the addresses in the plain text
    are counted.
    """
    if kind not in adapters.post_kinds():
        raise ValueError(f"Unknown post kind {kind!r}")
    if can_moderate(author):
        return Screening(needs_review=False)
    text = (text or "")[:SCREEN_TEXT_LIMIT]
    found: list[Reason] = []
    level = trust_level(author)
    if level == NEW:
        if kind != "comment":
            found.append(Reason(R.TRUST_LEVEL_0))
        if links is None:
            links = len(_LINK.findall(text))
        if links > setting("DALIL_NEW_USER_MAX_LINKS"):
            found.append(Reason(R.LINKS, str(links)))
        if _IMAGE.search(text):
            found.append(Reason(R.IMAGES))
    found.extend(
        Reason(R.WATCHED_WORD, word.pattern) for word in WatchedWord.objects.matching(text)
    )
    if posted_after_seconds is not None and level <= setting("DALIL_FAST_TYPING_MAX_TRUST_LEVEL"):
        speed = visible_length(text) / max(posted_after_seconds, 0.001)
        if speed > setting("DALIL_MAX_CHARS_PER_SECOND"):
            # The number alone: the queue says it in the moderator's language.
            found.append(Reason(R.TOO_FAST, str(int(speed))))
    if UserUnderReview.objects.filter(user=author).exists():
        found.append(Reason(R.UNDER_REVIEW))
    return Screening(needs_review=bool(found), reasons=found)


# --- Queue items ----------------------------------------------------------------------------


def _content_type(target) -> ContentType:
    return ContentType.objects.get_for_model(target)


def _open_item_for(target, *, kind: str) -> ReviewItem:
    """The open item about ``target``, locked, or a new one (saved)."""
    existing = ReviewItem.objects.open().for_target(target).select_for_update().first()
    if existing is not None:
        return existing
    item = ReviewItem(
        content_type=_content_type(target),
        object_id=target.pk,
        kind=kind,
        author=target.author,
        category=category_of(target)[:100],
    )
    item.add_reasons([])
    item.full_clean()
    try:
        with transaction.atomic():
            item.save()
    except IntegrityError:
        # Someone opened an item for this target at the same moment; use theirs.
        return ReviewItem.objects.open().for_target(target).select_for_update().get()
    return item


def _audit(instance, action: str, *, actor, data: dict) -> None:
    """One audit entry in Wagtail's log, with the actor's name copied so it survives deletion
    (a system actor is stored as no user, under its own name)."""
    data = {**data, "actor_name": actor.public_name if actor else ""}
    log(instance=instance, action=action, user=rules.audit_user(actor), data=data)


def _snapshot(target) -> dict:
    return {"status": target.status, "text": adapters.text_of(target)}


def submit_for_review(*, target, reasons, actor) -> ReviewItem:
    """Queue a post the content app created as pending, recording every reason that applied.
    Only the post's author (whose new post was screened) or a moderator may queue it."""
    rules.require_author_or_moderator(actor, target)
    with transaction.atomic():
        item = _open_item_for(target, kind=ReviewItem.Kind.PENDING)
        item.add_reasons([tuple(reason) for reason in reasons])
        item.full_clean()
        item.save()
        _audit(
            target,
            "dalil.moderation.queue",
            actor=actor,
            data={"item": item.pk, "author_id": item.author_id, "reasons": item.reasons},
        )
    return item


# --- Flags ----------------------------------------------------------------------------------


def flag_accuracy_bonus(user) -> int:
    """Extra weight for people whose past flags moderators agreed with.

    round(MAX_BONUS × agreed ÷ decided), and nothing until DALIL_FLAG_ACCURACY_MIN_FLAGS of their
    flags were decided.
    """
    decided = Flag.objects.filter(flagger=user).exclude(outcome=Flag.Outcome.OPEN)
    total = decided.count()
    if total < setting("DALIL_FLAG_ACCURACY_MIN_FLAGS"):
        return 0
    agreed = decided.filter(outcome=Flag.Outcome.AGREED).count()
    return round(setting("DALIL_FLAG_ACCURACY_MAX_BONUS") * agreed / total)


def flag_score(user) -> int:
    """1 + trust level (moderators count DALIL_FLAG_MODERATOR_SCORE), plus the accuracy bonus."""
    base = setting("DALIL_FLAG_MODERATOR_SCORE") if can_moderate(user) else 1 + trust_level(user)
    return base + flag_accuracy_bonus(user)


def flag_post(*, target, actor, reason: str, text: str = "") -> Flag:
    """Record ``actor``'s flag on a public post; hide the post when its score is high enough.

    Only signed-in, unsuspended people with a verified email and trust level 1 or more may flag
    (``PermissionDenied`` otherwise), once per post, never their own posts, never a post whose
    thread readers cannot see, within the flag rate limit. When the open flags' total score
    reaches DALIL_FLAG_HIDE_THRESHOLD the post is hidden pending review, by the
    ``FLAG_THRESHOLD`` system actor.
    """
    rules.require_flagger(actor)
    if reason not in Flag.Reason.values:
        raise ValidationError({"reason": _("Choose a reason.")})
    text = clean_visible_text(
        text, min_length=1 if reason == Flag.Reason.OTHER else 0, max_length=1000
    )
    if target.author_id == actor.pk:
        raise ValidationError(_("You cannot flag your own post."))
    if target.status != PostStatus.PUBLISHED:
        raise ValidationError(_("This post is already waiting for a moderator."))
    if not is_public(target):
        raise ValidationError(_("This post is not public, so it cannot be flagged."))
    if Flag.objects.for_target(target).filter(flagger=actor).exists():
        raise ValidationError(_("You already flagged this post."))
    check_rate_limit(user=actor, action="flag")
    with transaction.atomic():
        item = _open_item_for(target, kind=ReviewItem.Kind.FLAGGED)
        flag = Flag(
            content_type=_content_type(target),
            object_id=target.pk,
            flagger=actor,
            reason=reason,
            text=text,
            score=flag_score(actor),
            review_item=item,
        )
        flag.full_clean(validate_constraints=False)
        try:
            with transaction.atomic():
                flag.save()
        except IntegrityError:
            raise ValidationError(_("You already flagged this post."))
        item.add_reasons([(R.FLAGGED, "")])
        item.score = item.flags.filter(outcome=Flag.Outcome.OPEN).aggregate(s=Sum("score"))["s"]
        item.save()
        _audit(
            target,
            "dalil.moderation.flag",
            actor=actor,
            data={"item": item.pk, "reason": reason, "text": text, "score": flag.score},
        )
        if item.score >= setting("DALIL_FLAG_HIDE_THRESHOLD"):
            before = _snapshot(target)
            adapters.set_status(target, PostStatus.HIDDEN, actor=FLAG_THRESHOLD)
            _audit(
                target,
                "dalil.moderation.auto_hide",
                actor=FLAG_THRESHOLD,
                data={
                    "item": item.pk,
                    "author_id": item.author_id,
                    "score": item.score,
                    "before": before,
                },
            )
    return flag


# --- Decisions ------------------------------------------------------------------------------


def _lock_open(item: ReviewItem) -> ReviewItem:
    locked = ReviewItem.objects.select_for_update().filter(pk=item.pk).first()
    if locked is None or locked.status != ReviewItem.Status.OPEN:
        raise AlreadyHandled(locked)
    return locked


def _close(item, *, status: str, actor, note: str, flags_agreed: bool) -> None:
    item.status = status
    item.decided_by = actor
    item.decided_at = timezone.now()
    item.decision_note = note
    item.full_clean()
    item.save()
    outcome = Flag.Outcome.AGREED if flags_agreed else Flag.Outcome.DISAGREED
    item.flags.filter(outcome=Flag.Outcome.OPEN).update(outcome=outcome)


def _decision_data(item, *, before, note: str, **extra) -> dict:
    return {
        "item": item.pk,
        "author_id": item.author_id,
        "reason": note,
        "before": before,
        **extra,
    }


def _notify(*, recipient, kind: str, target=None, note: str = "", until=None) -> None:
    """Tell a person about a decision: on the site now, by email after commit."""
    if recipient is None or not recipient.is_active:
        return
    notification = Notification.objects.create(
        recipient=recipient,
        kind=kind,
        target_label=adapters.preview(target)[:200] if target is not None else "",
        target_url=target.get_absolute_url() if target is not None else "",
        note=note,
        until=until,
    )
    from .tasks import send_notification_email

    transaction.on_commit(lambda: send_notification_email.enqueue(notification.pk))


def approve_item(*, item: ReviewItem, actor, note: str = "") -> ReviewItem:
    """Publish the post; flags on it are judged wrong. The author hears if it was pending."""
    rules.require_moderator(actor)
    with transaction.atomic():
        item = _lock_open(item)
        target = item.target
        before = _snapshot(target)
        if target.status != PostStatus.PUBLISHED:
            adapters.set_status(target, PostStatus.PUBLISHED, actor=actor)
        _close(item, status=ReviewItem.Status.APPROVED, actor=actor, note=note, flags_agreed=False)
        _audit(
            target,
            "dalil.moderation.approve",
            actor=actor,
            data=_decision_data(item, before=before, note=note),
        )
        if before["status"] == PostStatus.PENDING:
            _notify(recipient=item.author, kind=Notification.Kind.APPROVED, target=target)
        elif before["status"] != PostStatus.PUBLISHED:
            _notify(recipient=item.author, kind=Notification.Kind.RESTORED, target=target)
    return item


def edit_and_approve_item(
    *, item: ReviewItem, actor, text_fields: dict, note: str = ""
) -> ReviewItem:
    """Apply a moderator's edit through the content app, then approve."""
    rules.require_moderator(actor)
    with transaction.atomic():
        locked = _lock_open(item)
        target = locked.target
        if not supports_edit(target):
            raise ValidationError(_("This kind of post cannot be edited here."))
        before = _snapshot(target)
        adapters.edit(target, text_fields, actor=actor)
        _audit(
            target,
            "dalil.moderation.edit",
            actor=actor,
            data=_decision_data(locked, before=before, note=note),
        )
        return approve_item(item=locked, actor=actor, note=note)


def rejection_note(*, template: RejectionTemplate | None, note: str, language: str) -> str:
    """The reason the author reads: the template's message in their language, then the note."""
    parts = [template.body(language)] if template else []
    if note:
        parts.append(note)
    return "\n\n".join(parts)


def _remove(item, *, actor, status: str, post_status: str, action: str, kind: str, template, note):
    target = item.target
    before = _snapshot(target)
    if target.status != post_status:
        adapters.set_status(target, post_status, actor=actor)
    language = item.author.language if item.author else "en"
    message = rejection_note(template=template, note=note, language=language)
    _close(item, status=status, actor=actor, note=message, flags_agreed=True)
    _audit(
        target,
        action,
        actor=actor,
        data=_decision_data(
            item, before=before, note=message, template=template.pk if template else None
        ),
    )
    _notify(recipient=item.author, kind=kind, target=target, note=message)


def _require_reason(template, note: str) -> str:
    """A removal tells the author why: a rejection reason, a visible note, or both."""
    note = clean_visible_text(note, min_length=0, max_length=1000)
    if template is None and not visible_length(note):
        raise ValidationError({"note": _("Choose a reason or write one.")})
    return note


def reject_item(
    *, item: ReviewItem, actor, template: RejectionTemplate | None = None, note: str = ""
) -> ReviewItem:
    """Remove the post (status "deleted", restorable) and send the author the reason."""
    rules.require_moderator(actor)
    note = _require_reason(template, note)
    with transaction.atomic():
        item = _lock_open(item)
        _remove(
            item,
            actor=actor,
            status=ReviewItem.Status.REJECTED,
            post_status=PostStatus.DELETED,
            action="dalil.moderation.reject",
            kind=Notification.Kind.REJECTED,
            template=template,
            note=note,
        )
    return item


def hide_item(
    *, item: ReviewItem, actor, template: RejectionTemplate | None = None, note: str = ""
) -> ReviewItem:
    """Hide the post from everyone but its author and moderators; flags were right."""
    rules.require_moderator(actor)
    note = _require_reason(template, note)
    with transaction.atomic():
        item = _lock_open(item)
        _remove(
            item,
            actor=actor,
            status=ReviewItem.Status.HIDDEN,
            post_status=PostStatus.HIDDEN,
            action="dalil.moderation.hide",
            kind=Notification.Kind.HIDDEN,
            template=template,
            note=note,
        )
    return item


def restore_item(*, item: ReviewItem, actor, note: str = "") -> ReviewItem:
    """Publish a hidden or deleted post again, votes and revisions intact (the content app
    keeps them). Works on open and decided items; a post already published is "handled"."""
    rules.require_moderator(actor)
    with transaction.atomic():
        item = ReviewItem.objects.select_for_update().get(pk=item.pk)
        target = item.target
        if target.status not in (PostStatus.HIDDEN, PostStatus.DELETED):
            raise AlreadyHandled(item)
        before = _snapshot(target)
        adapters.set_status(target, PostStatus.PUBLISHED, actor=actor)
        was_open = item.status == ReviewItem.Status.OPEN
        item.status = ReviewItem.Status.RESTORED
        item.decided_by = actor
        item.decided_at = timezone.now()
        item.decision_note = note
        item.save()
        if was_open:
            item.flags.filter(outcome=Flag.Outcome.OPEN).update(outcome=Flag.Outcome.DISAGREED)
        _audit(
            target,
            "dalil.moderation.restore",
            actor=actor,
            data=_decision_data(item, before=before, note=note),
        )
        _notify(recipient=item.author, kind=Notification.Kind.RESTORED, target=target)
    return item


def lock_thread(*, item: ReviewItem, actor, locked: bool = True, note: str = "") -> None:
    """Lock (or unlock) the thread the post belongs to; the item itself stays as it is."""
    rules.require_moderator(actor)
    target = item.target
    if not supports_lock(target):
        raise ValidationError(_("This kind of post has no thread to lock."))
    with transaction.atomic():
        adapters.set_thread_locked(target, locked, actor=actor)
        _audit(
            target,
            "dalil.moderation.lock" if locked else "dalil.moderation.unlock",
            actor=actor,
            data=_decision_data(item, before=_snapshot(target), note=note),
        )


def suspend_user(*, user, actor, days: int, reason: str) -> Suspension:
    """Stop ``user`` posting, voting and flagging for ``days`` days; they can still read."""
    rules.require_moderator(actor)
    reason = clean_visible_text(reason, min_length=1, max_length=1000)
    if not 1 <= int(days) <= 3650:
        raise ValidationError({"days": _("Choose between 1 and 3650 days.")})
    if can_moderate(user):
        raise ValidationError(_("Moderators cannot be suspended here."))
    with transaction.atomic():
        suspension = Suspension(
            user=user, until=timezone.now() + timedelta(days=int(days)), reason=reason, actor=actor
        )
        suspension.full_clean()
        suspension.save()
        _audit(
            user,
            "dalil.moderation.suspend",
            actor=actor,
            data={
                "author_id": user.pk,
                "reason": reason,
                "days": int(days),
                "until": suspension.until,
            },
        )
        _notify(
            recipient=user, kind=Notification.Kind.SUSPENDED, note=reason, until=suspension.until
        )
    return suspension


def lift_suspension(*, suspension: Suspension, actor) -> Suspension:
    """End a suspension early."""
    rules.require_moderator(actor)
    with transaction.atomic():
        suspension = Suspension.objects.select_for_update().get(pk=suspension.pk)
        if suspension.lifted_at is not None:
            raise AlreadyHandled()
        suspension.lifted_at = timezone.now()
        suspension.save()
        _audit(
            suspension.user,
            "dalil.moderation.unsuspend",
            actor=actor,
            data={"author_id": suspension.user_id, "suspension": suspension.pk},
        )
    return suspension


def put_under_review(*, user, actor, reason: str) -> UserUnderReview:
    """Send every new post by ``user`` to the review queue until released."""
    rules.require_moderator(actor)
    reason = clean_visible_text(reason, min_length=1, max_length=1000)
    with transaction.atomic():
        watch, _created = UserUnderReview.objects.update_or_create(
            user=user, defaults={"reason": reason, "actor": actor}
        )
        _audit(
            user,
            "dalil.moderation.watch",
            actor=actor,
            data={"author_id": user.pk, "reason": reason},
        )
    return watch


def release_from_review(*, user, actor) -> None:
    """Stop queueing ``user``'s posts for the "under review" reason."""
    rules.require_moderator(actor)
    with transaction.atomic():
        UserUnderReview.objects.filter(user=user).delete()
        _audit(user, "dalil.moderation.unwatch", actor=actor, data={"author_id": user.pk})


def mark_spam(*, item: ReviewItem, actor, note: str = "") -> list[ReviewItem]:
    """Hide this post and every other post of its author still in the queue, and suspend the
    author for DALIL_SPAM_SUSPENSION_DAYS. Returns the items closed."""
    rules.require_moderator(actor)
    with transaction.atomic():
        item = _lock_open(item)
        author = item.author
        items = [item]
        if author is not None:
            items += list(
                ReviewItem.objects.open()
                .filter(author=author)
                .exclude(pk=item.pk)
                .select_for_update()
                .order_by("pk")
            )
        for each in items:
            target = each.target
            before = _snapshot(target)
            if target.status != PostStatus.HIDDEN:
                adapters.set_status(target, PostStatus.HIDDEN, actor=actor)
            _close(each, status=ReviewItem.Status.SPAM, actor=actor, note=note, flags_agreed=True)
            _audit(
                target,
                "dalil.moderation.spam",
                actor=actor,
                data=_decision_data(each, before=before, note=note),
            )
        if author is not None and not is_suspended(author) and not can_moderate(author):
            suspend_user(
                user=author,
                actor=actor,
                days=setting("DALIL_SPAM_SUSPENSION_DAYS"),
                reason=note or _("Spam"),
            )
    return items


@dataclass
class BulkResult:
    """What a bulk decision did: items decided, and items another moderator had handled."""

    decided: list = field(default_factory=list)
    already_handled: list = field(default_factory=list)


def bulk_decide(
    *, items, action: str, actor, template: RejectionTemplate | None = None, note: str = ""
) -> BulkResult:
    """Approve or reject many items; each in its own transaction, so one already handled
    item does not undo the others."""
    rules.require_moderator(actor)
    if action not in ("approve", "reject"):
        raise ValueError(f"Unknown bulk action {action!r}")
    if action == "reject":
        note = _require_reason(template, note)
    result = BulkResult()
    for item in items:
        try:
            if action == "approve":
                approve_item(item=item, actor=actor, note=note)
            else:
                reject_item(item=item, actor=actor, template=template, note=note)
        except AlreadyHandled:
            result.already_handled.append(item)
        else:
            result.decided.append(item)
    return result


def mark_notifications_read(*, user, actor) -> int:
    """Mark every unread notification of ``user`` as read."""
    rules.require_self(actor, user)
    return Notification.objects.for_user(user).unread().update(read_at=timezone.now())


def notify_about_content(
    *, recipient, kind: str, target_label: str, target_url: str, actor
) -> Notification | None:
    """An on-site notice another app sends about its own content (a new answer, an accepted
    answer, a comment), next to the email that app sends itself: moderation stores the kind, the
    label and the address, and renders the sentence in the reader's language. Nobody hears about
    their own action, and a deactivated account gets nothing."""
    if kind not in Notification.Kind.values:
        raise ValueError(f"Unknown notification kind {kind!r}")
    if recipient is None or not recipient.is_active or recipient.pk == actor.pk:
        return None
    notification = Notification(
        recipient=recipient,
        kind=kind,
        target_label=target_label[:200],
        target_url=target_url[:500],
    )
    notification.full_clean()
    notification.save()
    return notification


def open_notification(*, notification: Notification, actor) -> str:
    """Mark one notification read as its recipient opens it; returns where it points (the
    notifications page when it points nowhere, as for a rejected post)."""
    rules.require_self(actor, notification.recipient)
    if notification.read_at is None:
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=timezone.now()
        )
    return notification.target_url if notification.links_to_target else ""


# --- Stale content ----------------------------------------------------------------------------


def mark_stale_reviewed(*, target, actor, note: str = "") -> StaleReview:
    """Record that ``actor`` checked ``target`` and it is still right.

    The review restarts the item's review clock (the detector's ``mark_reviewed`` hook, e.g.
    the article's "last reviewed" date) and resolves the signals a review answers; signals
    about things a review cannot fix (a broken link, a retired product) stay until fixed.
    """
    from . import stale

    rules.require_stale_reviewer(actor)
    note = clean_visible_text(note, min_length=0, max_length=1000)
    detector = stale.detector_for(target)
    answered = set(detector.answered_by_review if detector else ()) | {stale.REPORTED}
    now = timezone.now()
    with transaction.atomic():
        review = StaleReview(
            content_type=_content_type(target),
            object_id=target.pk,
            reviewer=actor,
            reviewer_name=actor.public_name,
            note=note,
            reviewed_at=now,
        )
        review.full_clean()
        review.save()
        if detector is not None:
            detector.mark_reviewed(target, actor=actor, at=now)
        resolved = StaleSignal.objects.for_target(target).filter(
            resolved_at__isnull=True, code__in=answered
        )
        codes = sorted(resolved.values_list("code", flat=True))
        resolved.update(resolved_at=now)
        stale.rescore_target(target)
        _audit(target, "dalil.stale.reviewed", actor=actor, data={"note": note, "resolved": codes})
    return review


def dismiss_stale_signal(*, signal: StaleSignal, actor, reason: str) -> StaleSignal:
    """Stop one signal counting, with a reason, until its cause goes away and comes back."""
    from . import stale

    rules.require_stale_reviewer(actor)
    reason = clean_visible_text(reason, min_length=3, max_length=500)
    with transaction.atomic():
        signal = StaleSignal.objects.select_for_update().get(pk=signal.pk)
        if signal.resolved_at or signal.dismissed_at:
            raise ValidationError(_("This signal is no longer open."))
        signal.dismissed_at = timezone.now()
        signal.dismissed_by = actor
        signal.dismissed_reason = reason
        signal.full_clean()
        signal.save()
        target = signal.target
        stale.rescore_target(target)
        _audit(
            target,
            "dalil.stale.dismiss",
            actor=actor,
            data={"signal": signal.code, "reason": reason},
        )
    return signal


def reassign_stale_owner(*, target, actor, owner) -> None:
    """Make ``owner`` answerable for ``target`` (through the content app's detector)."""
    from . import stale

    rules.require_stale_reviewer(actor)
    detector = stale.detector_for(target)
    if detector is None or not detector.has_owners:
        raise ValidationError(_("This kind of content has no owner."))
    if not detector.owner_choices().filter(pk=owner.pk).exists():
        raise ValidationError(_("This person cannot own this content."))
    with transaction.atomic():
        detector.reassign(target, owner=owner, actor=actor)
        StaleItem.objects.filter(content_type=_content_type(target), object_id=target.pk).update(
            owner=owner
        )
        _audit(
            target,
            "dalil.stale.reassign",
            actor=actor,
            data={"owner_id": owner.pk, "owner_name": owner.public_name},
        )


def archive_stale_item(*, target, actor) -> None:
    """Take long-overdue content nobody reads off the site (the detector unpublishes it and
    redirects its address); its signals resolve because it is no longer published."""
    from . import stale

    rules.require_stale_reviewer(actor)
    detector = stale.detector_for(target)
    if detector is None or not detector.can_archive(target):
        raise ValidationError(_("Only long-overdue content that nobody has used can be archived."))
    now = timezone.now()
    with transaction.atomic():
        detector.archive(target, actor=actor)
        StaleSignal.objects.for_target(target).filter(resolved_at__isnull=True).update(
            resolved_at=now
        )
        stale.rescore_target(target)
        _audit(target, "dalil.stale.archive", actor=actor, data={})


def report_outdated(*, target, actor, note: str) -> StaleSignal:
    """A moderator or staff member reports content as incorrect or outdated.

    The report is a ``reported`` signal that only a review (or dismissing it) clears.
    """
    from . import stale

    rules.require_stale_reviewer(actor)
    note = clean_visible_text(note, min_length=3, max_length=500)
    with transaction.atomic():
        signal = (
            StaleSignal.objects.for_target(target)
            .filter(code=stale.REPORTED, resolved_at__isnull=True)
            .select_for_update()
            .first()
        )
        if signal is None:
            signal = StaleSignal(
                content_type=_content_type(target), object_id=target.pk, code=stale.REPORTED
            )
        reports = [*signal.evidence.get("reports", []), {"by": actor.public_name, "note": note}]
        signal.evidence = {"reports": reports}
        signal.dismissed_at, signal.dismissed_by, signal.dismissed_reason = None, None, ""
        signal.save()
        stale.rescore_target(target)
        _audit(target, "dalil.stale.report", actor=actor, data={"note": note})
    return signal
