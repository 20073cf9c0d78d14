"""Stale content: marking it reviewed, dismissing a signal, reassigning, archiving, reporting.

Who may: people who work the "Needs review" queue (``moderation.review_stale``). The content
app's detector (``moderation.stale``) does what only it knows: restart the review clock,
change the owner, unpublish.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import rules, stale
from ..audit import record
from ..models import StaleItem, StaleReview, StaleSignal
from ..text import clean_visible_text

if TYPE_CHECKING:
    from ..rules import Actor, User


def mark_stale_reviewed(*, target: Any, actor: Actor, note: str = "") -> StaleReview:
    """Record that ``actor`` checked ``target`` and it is still right.

    The review restarts the item's review clock (the detector's ``mark_reviewed`` hook, e.g.
    the article's "last reviewed" date) and resolves the signals a review answers; signals
    about things a review cannot fix (a broken link, a retired product) stay until fixed.
    """
    actor = rules.require_stale_reviewer(actor)
    note = clean_visible_text(note, min_length=0, max_length=1000)
    detector = stale.detector_for(target)
    answered = set(detector.answered_by_review if detector else ()) | {stale.REPORTED}
    now = timezone.now()
    with transaction.atomic():
        review = StaleReview(
            content_type=ContentType.objects.get_for_model(target),
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
        codes = stale.resolve_signals(target, codes=answered, now=now)
        record(target, "dalil.stale.reviewed", actor=actor, data={"note": note, "resolved": codes})
    return review


def dismiss_stale_signal(*, signal: StaleSignal, actor: Actor, reason: str) -> StaleSignal:
    """Stop one signal counting, with a reason, until its cause goes away and comes back."""
    actor = rules.require_stale_reviewer(actor)
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
        record(
            target,
            "dalil.stale.dismiss",
            actor=actor,
            data={"signal": signal.code, "reason": reason},
        )
    return signal


def reassign_stale_owner(*, target: Any, actor: Actor, owner: User) -> None:
    """Make ``owner`` answerable for ``target`` (through the content app's detector)."""
    actor = rules.require_stale_reviewer(actor)
    detector = stale.detector_for(target)
    if detector is None or not detector.has_owners:
        raise ValidationError(_("This kind of content has no owner."))
    if not detector.owner_choices().filter(pk=owner.pk).exists():
        raise ValidationError(_("This person cannot own this content."))
    with transaction.atomic():
        detector.reassign(target, owner=owner, actor=actor)
        StaleItem.objects.filter(
            content_type=ContentType.objects.get_for_model(target), object_id=target.pk
        ).update(owner=owner)
        record(
            target,
            "dalil.stale.reassign",
            actor=actor,
            data={"owner_id": owner.pk, "owner_name": owner.public_name},
        )


def archive_stale_item(*, target: Any, actor: Actor) -> None:
    """Take long-overdue content nobody reads off the site (the detector unpublishes it and
    redirects its address); its signals resolve because it is no longer published."""
    actor = rules.require_stale_reviewer(actor)
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
        record(target, "dalil.stale.archive", actor=actor, data={})


def report_outdated(*, target: Any, actor: Actor, note: str) -> StaleSignal:
    """A moderator or staff member reports content as incorrect or outdated.

    The report is a ``reported`` signal that only a review (or dismissing it) clears.
    """
    actor = rules.require_stale_reviewer(actor)
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
                content_type=ContentType.objects.get_for_model(target),
                object_id=target.pk,
                code=stale.REPORTED,
            )
        reports = [*signal.evidence.get("reports", []), {"by": actor.public_name, "note": note}]
        signal.evidence = {"reports": reports}
        signal.dismissed_at, signal.dismissed_by, signal.dismissed_reason = None, None, ""
        signal.save()
        stale.rescore_target(target)
        record(target, "dalil.stale.report", actor=actor, data={"note": note})
    return signal
