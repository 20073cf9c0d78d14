"""Moderators' decisions on review items, each read from its row in ``moderation.decisions``.

Every decision locks the review item row (``select_for_update``) and checks it is still open,
so when two moderators decide the same item exactly one decision applies and the other gets
``AlreadyHandled``. What a decision does to the item, the post, the flags, the audit log and
the author's notifications is the decision's row; ``_decide`` applies a row, and the public
functions below are the typed entry points that add what one decision alone needs (a reason,
an edit, the author's other posts).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import adapters, rules
from ..adapters import category_of, supports_edit, supports_lock
from ..audit import record
from ..conf import setting
from ..decisions import DECISIONS, AlreadyHandled, Decision, TargetGone, Verdict
from ..models import Flag, PostStatus, RejectionTemplate, ReviewItem
from ..posting import is_suspended
from ..rules import can_moderate_content
from ..screening import Reason
from ..text import clean_visible_text, visible_length
from .notifications import notify_decision
from .people import suspend_user

if TYPE_CHECKING:
    from ..rules import Actor, User

__all__ = [
    "AlreadyHandled",
    "BulkResult",
    "approve_item",
    "bulk_decide",
    "edit_and_approve_item",
    "hide_item",
    "lock_thread",
    "mark_spam",
    "open_item_for",
    "reject_item",
    "rejection_note",
    "restore_item",
    "submit_for_review",
    "take_decision",
]

_FLAG_OUTCOMES = {Verdict.AGREED: Flag.Outcome.AGREED, Verdict.DISAGREED: Flag.Outcome.DISAGREED}


def open_item_for(target: Any, *, kind: str) -> ReviewItem:
    """The open item about ``target``, locked, or a new one (saved). Call inside a
    transaction."""
    existing = ReviewItem.objects.open().for_target(target).select_for_update().first()
    if existing is not None:
        return existing
    item = ReviewItem(
        content_type=ContentType.objects.get_for_model(target),
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


def snapshot(target: Any) -> dict:
    """The post as it was before a change, for the audit entry."""
    return {"status": target.status, "text": adapters.text_of(target)}


def submit_for_review(
    *, target: Any, reasons: Iterable[Reason | tuple[str, str]], actor: Actor
) -> ReviewItem:
    """Queue a post the content app created as pending, recording every reason that applied.
    Only the post's author (whose new post was screened) or a moderator may queue it."""
    actor = rules.require_author_or_moderator(actor, target)
    with transaction.atomic():
        item = open_item_for(target, kind=ReviewItem.Kind.PENDING)
        item.add_reasons([tuple(reason) for reason in reasons])
        item.full_clean()
        item.save()
        record(
            target,
            "dalil.moderation.queue",
            actor=actor,
            data={"item": item.pk, "author_id": item.author_id, "reasons": item.reasons},
        )
    return item


def rejection_note(*, template: RejectionTemplate | None, note: str, language: str) -> str:
    """The reason the author reads: the template's message in their language, then the note."""
    parts = [template.body(language)] if template else []
    if note:
        parts.append(note)
    return "\n\n".join(parts)


def _require_reason(template: RejectionTemplate | None, note: str) -> str:
    """A removal tells the author why: a rejection reason, a visible note, or both."""
    note = clean_visible_text(note, min_length=0, max_length=1000)
    if template is None and not visible_length(note):
        raise ValidationError({"note": _("Choose a reason or write one.")})
    return note


def _lock_open(item: ReviewItem) -> ReviewItem:
    locked = ReviewItem.objects.select_for_update().filter(pk=item.pk).first()
    if locked is None or locked.status != ReviewItem.Status.OPEN:
        raise AlreadyHandled(locked)
    return locked


def _decision_data(item: ReviewItem, *, before: dict, note: str, **extra: Any) -> dict:
    return {"item": item.pk, "author_id": item.author_id, "reason": note, "before": before, **extra}


def _decide(
    item: ReviewItem,
    decision: Decision,
    *,
    actor: User,
    note: str = "",
    template: RejectionTemplate | None = None,
) -> ReviewItem:
    """Apply ``decision``'s row to a locked item: the post's status, the item's status and
    decision, the flags' verdict, the audit entry and the author's notification."""
    target = _target_of(item)
    before = snapshot(target)
    if decision.post_status and target.status != decision.post_status:
        adapters.set_status(target, decision.post_status, actor=actor)
    extra = {}
    if decision.requires_reason:
        language = item.author.language if item.author else "en"
        note = rejection_note(template=template, note=note, language=language)
        extra["template"] = template.pk if template else None
    if decision.item_status:
        item.status = decision.item_status
        item.decided_by = actor
        item.decided_at = timezone.now()
        item.decision_note = note
        item.full_clean()
        item.save()
    if decision.flags in _FLAG_OUTCOMES:
        item.flags.filter(outcome=Flag.Outcome.OPEN).update(outcome=_FLAG_OUTCOMES[decision.flags])
    record(
        target,
        decision.log_action,
        actor=actor,
        data=_decision_data(item, before=before, note=note, **extra),
    )
    kind = decision.notification_for(before["status"])
    if kind is not None:
        notify_decision(recipient=item.author, kind=kind, target=target, note=note)
    return item


def approve_item(*, item: ReviewItem, actor: Actor, note: str = "") -> ReviewItem:
    """Publish the post; flags on it are judged wrong. The author hears if it was pending,
    hidden or deleted."""
    actor = rules.require_moderator(actor)
    with transaction.atomic():
        return _decide(_lock_open(item), DECISIONS["approve"], actor=actor, note=note)


def edit_and_approve_item(
    *, item: ReviewItem, actor: Actor, text_fields: dict[str, str], note: str = ""
) -> ReviewItem:
    """Apply a moderator's edit through the content app, then approve."""
    actor = rules.require_moderator(actor)
    with transaction.atomic():
        locked = _lock_open(item)
        target = _target_of(locked)
        if not supports_edit(target):
            raise ValidationError(_("This kind of post cannot be edited here."))
        before = snapshot(target)
        adapters.edit(target, text_fields, actor=actor)
        record(
            target,
            DECISIONS["edit"].log_action,
            actor=actor,
            data=_decision_data(locked, before=before, note=note),
        )
        return _decide(locked, DECISIONS["approve"], actor=actor, note=note)


def reject_item(
    *,
    item: ReviewItem,
    actor: Actor,
    template: RejectionTemplate | None = None,
    note: str = "",
) -> ReviewItem:
    """Remove the post (status "deleted", restorable) and send the author the reason."""
    actor = rules.require_moderator(actor)
    note = _require_reason(template, note)
    with transaction.atomic():
        return _decide(
            _lock_open(item), DECISIONS["reject"], actor=actor, note=note, template=template
        )


def hide_item(
    *,
    item: ReviewItem,
    actor: Actor,
    template: RejectionTemplate | None = None,
    note: str = "",
) -> ReviewItem:
    """Hide the post from everyone but its author and moderators; flags were right."""
    actor = rules.require_moderator(actor)
    note = _require_reason(template, note)
    with transaction.atomic():
        return _decide(
            _lock_open(item), DECISIONS["hide"], actor=actor, note=note, template=template
        )


def restore_item(*, item: ReviewItem, actor: Actor, note: str = "") -> ReviewItem:
    """Publish a hidden or deleted post again, votes and revisions intact (the content app
    keeps them). Works on open and decided items; a post already published is "handled"."""
    actor = rules.require_moderator(actor)
    with transaction.atomic():
        item = ReviewItem.objects.select_for_update().get(pk=item.pk)
        target = _target_of(item)
        if target.status not in (PostStatus.HIDDEN, PostStatus.DELETED):
            raise AlreadyHandled(item)
        return _decide(item, DECISIONS["restore"], actor=actor, note=note)


def lock_thread(*, item: ReviewItem, actor: Actor, locked: bool = True, note: str = "") -> None:
    """Lock (or unlock) the thread the post belongs to; the item itself stays as it is."""
    actor = rules.require_moderator(actor)
    target = _target_of(item)
    if not supports_lock(target):
        raise ValidationError(_("This kind of post has no thread to lock."))
    decision = DECISIONS["lock" if locked else "unlock"]
    with transaction.atomic():
        adapters.set_thread_locked(target, locked, actor=actor)
        record(
            target,
            decision.log_action,
            actor=actor,
            data=_decision_data(item, before=snapshot(target), note=note),
        )


def mark_spam(*, item: ReviewItem, actor: Actor, note: str = "") -> list[ReviewItem]:
    """Hide this post and every other post of its author still in the queue, and suspend the
    author for DALIL_SPAM_SUSPENSION_DAYS. Returns the items closed."""
    actor = rules.require_moderator(actor)
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
            _decide(each, DECISIONS["spam"], actor=actor, note=note)
        if author is not None and not is_suspended(author) and not can_moderate_content(author):
            suspend_user(
                user=author,
                actor=actor,
                days=setting("DALIL_SPAM_SUSPENSION_DAYS"),
                reason=note or _("Spam"),
            )
    return items


def _suspend_author(*, item: ReviewItem, actor: Actor, data: dict) -> None:
    actor = rules.require_moderator(actor)
    if item.author is None:
        raise ValidationError(_("This post has no author any more."))
    reason = rejection_note(
        template=data["template"], note=data["note"], language=item.author.language
    )
    suspend_user(user=item.author, actor=actor, days=data["days"], reason=reason)


# A decision's name -> its entry point, called with the item, the actor and the cleaned data of
# the decision's form (``tests/moderation/test_decision_table.py``: one per row).
ENTRY_POINTS = {
    "approve": lambda *, item, actor, data: approve_item(
        item=item, actor=actor, note=data.get("note", "")
    ),
    "reject": lambda *, item, actor, data: reject_item(
        item=item, actor=actor, template=data.get("template"), note=data.get("note", "")
    ),
    "hide": lambda *, item, actor, data: hide_item(
        item=item, actor=actor, template=data.get("template"), note=data.get("note", "")
    ),
    "spam": lambda *, item, actor, data: mark_spam(item=item, actor=actor, note=data["note"]),
    "restore": lambda *, item, actor, data: restore_item(item=item, actor=actor),
    "lock": lambda *, item, actor, data: lock_thread(item=item, actor=actor),
    "unlock": lambda *, item, actor, data: lock_thread(item=item, actor=actor, locked=False),
    "suspend": _suspend_author,
    "edit": lambda *, item, actor, data: edit_and_approve_item(
        item=item,
        actor=actor,
        text_fields={k: v for k, v in data.items() if k != "note"},
        note=data.get("note", ""),
    ),
}


def take_decision(*, decision: str, item: ReviewItem, actor: Actor, data: dict) -> None:
    """Apply the decision named ``decision`` with its form's cleaned ``data`` (the item page's
    one door); the entry point checks the actor."""
    if decision not in DECISIONS:
        raise ValueError(f"Unknown decision {decision!r}")
    ENTRY_POINTS[decision](item=item, actor=actor, data=data)


@dataclass
class BulkResult:
    """What a bulk decision did: items decided, and items another moderator had handled."""

    decided: list[ReviewItem] = field(default_factory=list)
    already_handled: list[ReviewItem] = field(default_factory=list)


def _target_of(item: ReviewItem):
    """The item's post; ``TargetGone`` (a kind of "already handled") when it no longer exists,
    which a bulk decision counts with the items others handled."""
    target = item.target
    if target is None:
        raise TargetGone(item)
    return target


def bulk_decide(
    *,
    items: Iterable[ReviewItem],
    action: str,
    actor: Actor,
    template: RejectionTemplate | None = None,
    note: str = "",
) -> BulkResult:
    """Take one of the decisions offered in bulk (``Decision.bulk``) on many items; each in its
    own transaction, so one already handled item does not undo the others."""
    actor = rules.require_moderator(actor)
    decision = DECISIONS.get(action)
    if decision is None or not decision.bulk:
        raise ValueError(f"Unknown bulk action {action!r}")
    if decision.requires_reason:
        note = _require_reason(template, note)
    result = BulkResult()
    for item in items:
        try:
            take_decision(
                decision=action, item=item, actor=actor, data={"template": template, "note": note}
            )
        except AlreadyHandled:
            result.already_handled.append(item)
        else:
            result.decided.append(item)
    return result
