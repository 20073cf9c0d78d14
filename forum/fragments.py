"""Rendered posts shared between viewers: the thread page's per-post HTML, cached by content.

A 30-answer thread spends most of its time rendering the same posts for everyone. Each post's
block (votes, body, actions, author, comments and comment form) is cached under a key computed
from everything the block shows or decides on: the post and its comments as loaded, the thread
state it reads, the page's language and date, and the viewer's relation to the post (their vote,
authorship, rights). Two viewers in the same relation share the block; any change to what it
shows gives a new key, so a cached block is never out of date and nothing needs invalidating.

The block's per-request values (the CSRF token, the comment form's submission token and its
signed "rendered at" stamp) are filled in for each request, only where the templates put them:
the block is rendered with an unguessable marker in place of each value and stored cut at those
markers. Text inside the block was written before the render and cannot contain them, so a post
that imitates a slot stays exactly as written (a fixed placeholder string would have been
replaced inside user text too).
"""

import hashlib
import re
import secrets

from django.core.cache import cache
from django.utils import timezone, translation

from . import rules
from .conf import setting

KEY = "dalil:post-fragment:{}"
# Bump when a post block's templates (or how blocks are stored) change, so old blocks are not
# served after a deploy.
TEMPLATE_VERSION = 3
PER_REQUEST = ("csrf_token", "comment_token", "rendered_at")


def _person(user) -> tuple:
    return (user.pk, user.public_name) if user is not None else (None, "")


def _comment_state(comment, viewer_id) -> tuple:
    return (
        comment.pk,
        comment.status,
        hashlib.sha256(comment.body_html.encode()).hexdigest(),
        _person(comment.author) if comment.author_id else (None, ""),
        comment.created_at,
        comment.author_id is not None and comment.author_id == viewer_id,
    )


def _held_state(post) -> tuple | None:
    reasons = getattr(post, "held_reasons", None)
    return None if reasons is None else tuple(str(reason) for reason in reasons)


def post_state(context, post, kind: str) -> tuple:
    """Everything a post block depends on (see the module docstring)."""
    user, question = context["user"], context["question"]
    viewer_id = user.pk if user.is_authenticated else None
    comments = context["thread"].question_comments if kind == "question" else post.visible_comments
    return (
        TEMPLATE_VERSION,
        translation.get_language(),
        timezone.get_current_timezone_name(),
        timezone.localdate(),
        kind,
        post.pk,
        post.status,
        post.version,
        post.score,
        hashlib.sha256(post.body_html.encode()).hexdigest(),
        _person(post.author) if post.author_id else (None, ""),
        post.created_at,
        getattr(post, "my_vote", 0),
        tuple(tag.name for tag in question.tags.all()) if kind == "question" else (),
        question.pk,
        question.status,
        question.accepted_answer_id,
        question.official_answer_id,
        getattr(post, "by_support_team", False),
        rules.can_answer_for_support_team(user),
        question.locked,
        question.answer_count,
        question.author_id is not None and question.author_id == viewer_id,
        user.is_authenticated,
        post.author_id is not None and post.author_id == viewer_id,
        bool(context.get("can_post")),
        bool(context.get("can_moderate")),
        bool(context.get("can_flag")),
        rules.can_edit(user, post),
        rules.offers_delete(user, post),
        tuple(context.get("flag_types", {}).items()),
        tuple(_comment_state(comment, viewer_id) for comment in comments),
        getattr(post, "stale_months", None),
        _held_state(post),
        context["thread"].review_wait,
    )


def render_post(context, post, kind: str, render) -> str:
    """The post's block from the cache, or `render()` stored for the next viewer like this one.
    Pages that re-show a form with errors (`comment_form`) are always rendered."""
    seconds = setting("DALIL_POST_FRAGMENT_SECONDS")
    if seconds <= 0 or context.get("comment_form") is not None:
        return render()
    digest = hashlib.sha256(repr(post_state(context, post, kind)).encode()).hexdigest()
    key = KEY.format(digest)
    stored = cache.get(key)
    if stored is None:
        stored = _render_with_slots(context, render)
        cache.set(key, stored, seconds)
    return _fill(stored, context)


def _render_with_slots(context, render) -> tuple[list[str], list[str]]:
    """The block cut at the template's own positions of the per-request values: `(parts,
    slots)`, with `slots[i]` (a context name) between `parts[i]` and `parts[i + 1]`."""
    markers = {f"dalilslot{secrets.token_hex(16)}": name for name in PER_REQUEST}
    with context.push({name: marker for marker, name in markers.items()}):
        html = render()
    pieces = re.split("(" + "|".join(markers) + ")", html)
    return pieces[0::2], [markers[marker] for marker in pieces[1::2]]


def _fill(stored, context) -> str:
    """The block with this request's values in its slots. A value is read only when the block
    has a slot for it: an anonymous page never asks for a CSRF token."""
    parts, slots = stored
    values = {}
    html = [parts[0]]
    for slot, part in zip(slots, parts[1:], strict=True):
        if slot not in values:
            values[slot] = str(context.get(slot) or "")
        html += [values[slot], part]
    return "".join(html)
