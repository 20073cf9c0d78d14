"""The forum's rules: who may do what, and the limits on what people write.

Who may do what: every forum service asks these predicates before it writes (and raises
`PermissionDenied`), and views and templates ask the same ones to decide what to offer, so a
page never offers what the service would refuse. They ask `user.has_perm(...)`, never a group.

What people write: forms call the text rules to show errors next to the field; services call them
again through the models' `clean`, so a management command or another app cannot post what a
form would refuse.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, TypeGuard

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from moderation.rules import HIDE_FLAGGED, MODERATE, is_person
from moderation.text import clean_visible_text
from moderation.trust import BASIC, has_verified_email, trust_level

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from moderation.rules import Actor, User

MODERATE_PERMISSION = "forum.moderate_posts"
VIEW_DELETED_PERMISSION = "forum.view_deleted_posts"
SUPPORT_TEAM_PERMISSION = "forum.answer_for_support_team"
CAN_FLAG_KEY = "dalil:forum:can-flag:{}"
CAN_FLAG_SECONDS = 300

TITLE_MIN, TITLE_MAX = 15, 150
BODY_MIN, BODY_MAX = 30, 30_000
COMMENT_MIN, COMMENT_MAX = 2, 600
REASON_MAX = 300
MAX_TAGS = 5
TAG_MAX_LENGTH = 40
_TAG_SEPARATORS = re.compile(r"[\s,،]+")


def _visible(value: str, *, min_length: int, max_length: int) -> str:
    """The shared visible-text rule (its messages are translated in moderation's catalogue)."""
    return clean_visible_text(value, min_length=min_length, max_length=max_length)


def clean_title(value: str) -> str:
    return _visible(value, min_length=TITLE_MIN, max_length=TITLE_MAX)


def clean_body(value: str) -> str:
    return _visible(value, min_length=BODY_MIN, max_length=BODY_MAX)


def clean_comment(value: str) -> str:
    return _visible(value, min_length=COMMENT_MIN, max_length=COMMENT_MAX)


def clean_reason(value: str, *, required: bool) -> str:
    if not required and not (value or "").strip():
        return ""
    return _visible(value, min_length=3 if required else 0, max_length=REASON_MAX)


def _is_tag_character(character: str) -> bool:
    return character == "-" or character.isalnum()


def parse_tags(value) -> list[str]:
    """Split typed tags on spaces or commas (Latin or Arabic) and check each one.

    Tags are letters (Arabic letters too), digits and hyphens, lower-cased, at most five.
    """
    raw = _TAG_SEPARATORS.split(value) if isinstance(value, str) else list(value)
    tags = []
    for tag in raw:
        tag = tag.strip().lower()
        if tag and tag not in tags:
            tags.append(tag)
    for tag in tags:
        if not all(_is_tag_character(ch) for ch in tag) or tag.strip("-") == "":
            raise ValidationError(
                _("“%(tag)s” is not a valid tag: use letters, digits and hyphens only.")
                % {"tag": tag},
                code="invalid_tag",
            )
        if len(tag) > TAG_MAX_LENGTH:
            raise ValidationError(
                ngettext(
                    "Each tag may be at most %(count)d character long.",
                    "Each tag may be at most %(count)d characters long.",
                    TAG_MAX_LENGTH,
                )
                % {"count": TAG_MAX_LENGTH},
                code="tag_too_long",
            )
    if len(tags) > MAX_TAGS:
        raise ValidationError(
            ngettext(
                "Use at most %(count)d tag.",
                "Use at most %(count)d tags.",
                MAX_TAGS,
            )
            % {"count": MAX_TAGS},
            code="too_many_tags",
        )
    return tags


# Who may do what -------------------------------------------------------------------------------


def _is_question(post) -> bool:
    from .models import Question

    return isinstance(post, Question)


def _thread(post):
    return post if _is_question(post) else post.question


def can_moderate_posts(user: Actor) -> TypeGuard[User]:
    """Moderator actions on forum posts need the `forum.moderate_posts` permission, never a group
    name (moderation's own `moderation.moderate` right is a different one)."""
    return is_person(user) and user.has_perm(MODERATE_PERMISSION)


def can_post(user: Actor) -> TypeGuard[User]:
    """Posting, voting and editing need a confirmed email address (moderation's rule), so every
    author can be reached and held to it. Remembered on the user object for the request."""
    if not is_person(user):
        return False
    cached = getattr(user, "_forum_verified_email", None)
    if cached is None:
        cached = has_verified_email(user)
        user._forum_verified_email = cached  # type: ignore[attr-defined]  # a memo for the request
    return cached


def can_edit(user: Actor, post) -> TypeGuard[User]:
    """Authors edit their own posts outside locked threads; moderators edit any live post."""
    if not is_person(user) or post.status == "deleted":
        return False
    if can_moderate_posts(user):
        return True
    return post.author_id == user.pk and not _thread(post).locked and can_post(user)


def can_accept(user: Actor, question) -> TypeGuard[User]:
    """The asker (while the thread is not locked) or a moderator chooses the accepted answer."""
    if not is_person(user):
        return False
    if can_moderate_posts(user):
        return True
    return question.author_id == user.pk and not question.locked and question.is_published


def can_delete(user: Actor, post) -> bool:
    """Authors may delete their own posts, except a question that already has answers."""
    if not is_person(user) or post.status == "deleted":
        return False
    if can_moderate_posts(user):
        return True
    if post.author_id != user.pk:
        return False
    if _is_question(post):
        return not post.answers.exclude(status="deleted").exists()
    return True


def offers_delete(user: Actor, post) -> bool:
    """Whether a thread page offers "Delete" on the post: `can_delete`, except that a question's
    already loaded count of published answers spares a query when it has some."""
    own_question = _is_question(post) and post.author_id == getattr(user, "pk", None)
    if own_question and post.answer_count and not can_moderate_posts(user):
        return False
    return can_delete(user, post)


def can_accept_answer(user: Actor, answer) -> bool:
    """Accepting this answer: `can_accept` on its thread, and only a published answer."""
    return answer.is_published and can_accept(user, answer.question)


def can_answer_for_support_team(user: Actor) -> TypeGuard[User]:
    """Support staff: their answers carry the "Support team" badge."""
    return is_person(user) and user.has_perm(SUPPORT_TEAM_PERMISSION)


def can_mark_official(user: Actor, answer) -> TypeGuard[User]:
    """Support staff mark a published answer in a published thread as the official one."""
    return (
        can_answer_for_support_team(user) and answer.is_published and answer.question.is_published
    )


def can_restore(user: Actor, post) -> bool:
    """Bringing back a deleted or hidden post is for moderators."""
    return post.status in ("deleted", "hidden") and can_moderate_posts(user)


def can_vote(user: Actor, post) -> bool:
    """Members who may post vote on someone else's published post in a published, unlocked
    thread."""
    thread = _thread(post)
    if not can_post(user) or post.author_id == user.pk:
        return False
    return post.is_published and thread.is_published and not thread.locked


def can_comment(user: Actor, post) -> bool:
    """Members who may post comment on a published question or answer of a published thread
    that is not locked (closed threads still take comments)."""
    thread = _thread(post)
    return can_post(user) and post.is_published and thread.is_published and not thread.locked


def can_flag(user: Actor) -> bool:
    """Whether to offer "Flag" at all: moderation decides the rest when the flag is sent
    (`moderation.rules.require_flagger`). Only for offering, so it is remembered for a few
    minutes (counting a prolific member's posts on every page view cost more than rendering
    the posts) and on the user object for the request."""
    if not can_post(user):
        return False
    shown = getattr(user, "_forum_can_flag", None)
    if shown is None:
        key = CAN_FLAG_KEY.format(user.pk)
        shown = cache.get(key)
        if shown is None:
            shown = trust_level(user) >= BASIC
            cache.set(key, shown, CAN_FLAG_SECONDS)
        user._forum_can_flag = shown  # type: ignore[attr-defined]  # a memo for the request
    return shown


def offers_flag(user: User | AnonymousUser, post) -> bool:
    """Whether a thread page offers "Flag" on the post: someone else's published post."""
    return post.is_published and post.author_id != user.pk and can_flag(user)


def can_anonymise(actor: Actor, user: User) -> TypeGuard[User]:
    """Signing a member's posts "Deleted user": the account holder, or a moderator."""
    return is_person(actor) and (actor.pk == user.pk or actor.has_perm(MODERATE))


def status_refusal(actor: Actor, post, new_status: str) -> str:
    """Why `actor` may not move `post` to `new_status` ("" when they may).

    Moderators may set any status; an author may delete their own post (not a question that has
    answers); the flag-threshold system actor (moderation's `HIDE_FLAGGED`) may only hide.
    Nobody else, and no missing actor, changes a status.
    """
    if can_moderate_posts(actor):
        return ""
    if new_status == "hidden" and actor is not None and actor.has_perm(HIDE_FLAGGED):
        return ""
    if new_status != "deleted" or not is_person(actor) or post.author_id != actor.pk:
        return _("Only moderators can do this.")
    if not can_delete(actor, post):
        return _("A question with answers cannot be deleted by its author; ask a moderator.")
    return ""
