"""Measures about people: suspending them, and sending all their new posts to review."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import rules
from ..audit import record
from ..decisions import ANY_STATUS, DECISIONS, AlreadyHandled
from ..models import Suspension, UserUnderReview
from ..rules import can_moderate_content
from ..text import clean_visible_text
from .notifications import notify_decision

if TYPE_CHECKING:
    from ..rules import Actor, User


def suspend_user(*, user: User, actor: Actor, days: int, reason: str) -> Suspension:
    """Stop ``user`` posting, voting and flagging for ``days`` days; they can still read.
    Moderators only, and never another moderator."""
    actor = rules.require_moderator(actor)
    reason = clean_visible_text(reason, min_length=1, max_length=1000)
    if not 1 <= int(days) <= 3650:
        raise ValidationError({"days": _("Choose between 1 and 3650 days.")})
    if can_moderate_content(user):
        raise ValidationError(_("Moderators cannot be suspended here."))
    decision = DECISIONS["suspend"]
    with transaction.atomic():
        suspension = Suspension(
            user=user, until=timezone.now() + timedelta(days=int(days)), reason=reason, actor=actor
        )
        suspension.full_clean()
        suspension.save()
        record(
            user,
            decision.log_action,
            actor=actor,
            data={
                "author_id": user.pk,
                "reason": reason,
                "days": int(days),
                "until": suspension.until,
            },
        )
        notify_decision(
            recipient=user,
            kind=decision.notifies[ANY_STATUS],
            note=reason,
            until=suspension.until,
        )
    return suspension


def lift_suspension(*, suspension: Suspension, actor: Actor) -> Suspension:
    """End a suspension early (moderators only); ``AlreadyHandled`` if it was lifted."""
    actor = rules.require_moderator(actor)
    with transaction.atomic():
        suspension = Suspension.objects.select_for_update().get(pk=suspension.pk)
        if suspension.lifted_at is not None:
            raise AlreadyHandled()
        suspension.lifted_at = timezone.now()
        suspension.save()
        record(
            suspension.user,
            "dalil.moderation.unsuspend",
            actor=actor,
            data={"author_id": suspension.user_id, "suspension": suspension.pk},
        )
    return suspension


def put_under_review(*, user: User, actor: Actor, reason: str) -> UserUnderReview:
    """Send every new post by ``user`` to the review queue until released (moderators only)."""
    actor = rules.require_moderator(actor)
    reason = clean_visible_text(reason, min_length=1, max_length=1000)
    with transaction.atomic():
        watch, _created = UserUnderReview.objects.update_or_create(
            user=user, defaults={"reason": reason, "actor": actor}
        )
        record(
            user,
            "dalil.moderation.watch",
            actor=actor,
            data={"author_id": user.pk, "reason": reason},
        )
    return watch


def release_from_review(*, user: User, actor: Actor) -> None:
    """Stop queueing ``user``'s posts for the "under review" reason (moderators only)."""
    actor = rules.require_moderator(actor)
    with transaction.atomic():
        UserUnderReview.objects.filter(user=user).delete()
        record(user, "dalil.moderation.unwatch", actor=actor, data={"author_id": user.pk})
