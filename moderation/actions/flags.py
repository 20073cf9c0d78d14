"""Members' flags: recording one, and how much it weighs."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from .. import adapters, rules
from .. import reasons as R
from ..adapters import is_public
from ..audit import record
from ..conf import setting
from ..models import Flag, PostStatus, ReviewItem
from ..posting import check_rate_limit
from ..rules import FLAG_THRESHOLD, can_moderate_content
from ..text import clean_visible_text
from ..trust import trust_level
from .decisions import open_item_for, snapshot

if TYPE_CHECKING:
    from ..rules import Actor, User


def flag_accuracy_bonus(user: User) -> int:
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


def flag_score(user: User) -> int:
    """1 + trust level (moderators count DALIL_FLAG_MODERATOR_SCORE), plus the accuracy bonus."""
    if can_moderate_content(user):
        base = setting("DALIL_FLAG_MODERATOR_SCORE")
    else:
        base = 1 + trust_level(user)
    return base + flag_accuracy_bonus(user)


def flag_post(*, target: Any, actor: Actor, reason: str, text: str = "") -> Flag:
    """Record ``actor``'s flag on a public post; hide the post when its score is high enough.

    Only signed-in, unsuspended people with a verified email and trust level 1 or more may flag
    (``PermissionDenied`` otherwise), once per post, never their own posts, never a post whose
    thread readers cannot see, within the flag rate limit. When the open flags' total score
    reaches DALIL_FLAG_HIDE_THRESHOLD the post is hidden pending review, by the
    ``FLAG_THRESHOLD`` system actor.
    """
    actor = rules.require_flagger(actor)
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
        item = open_item_for(target, kind=ReviewItem.Kind.FLAGGED)
        flag = Flag(
            content_type=ContentType.objects.get_for_model(target),
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
        record(
            target,
            "dalil.moderation.flag",
            actor=actor,
            data={"item": item.pk, "reason": reason, "text": text, "score": flag.score},
        )
        if item.score >= setting("DALIL_FLAG_HIDE_THRESHOLD"):
            before = snapshot(target)
            adapters.set_status(target, PostStatus.HIDDEN, actor=FLAG_THRESHOLD)
            record(
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
