"""Screening: whether a new or edited post waits for a moderator, and why. Reads only."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from . import adapters
from . import reasons as R
from .conf import setting
from .models import UserUnderReview, WatchedWord
from .rules import can_moderate_content
from .text import visible_length
from .trust import NEW, trust_level

if TYPE_CHECKING:
    from .rules import User

# Screening reads at most this much text, so a huge post cannot make matching slow.
SCREEN_TEXT_LIMIT = 50_000
_LINK = re.compile(r"https?://|\bwww\.", re.IGNORECASE)
# The alt text is bounded so a text of "![" without "]" costs linear time, not quadratic.
_IMAGE = re.compile(r"!\[[^\]]{0,300}\]\(|<img\b", re.IGNORECASE)


@dataclass(frozen=True)
class Reason:
    """Why a post needs review: a stable ``code`` and an optional ``detail`` (which word...)."""

    code: str
    detail: str = ""

    @property
    def text(self) -> str:
        """The reason as a sentence in the active language."""
        return R.reason_label(self.code, self.detail)

    def __iter__(self) -> Iterator[str]:
        return iter((self.code, self.detail))


@dataclass
class Screening:
    """The result of ``screen_post``: whether the post waits for review, and every reason."""

    needs_review: bool
    reasons: list[Reason] = field(default_factory=list)


def screen_post(
    *,
    author: User,
    text: str,
    kind: str,
    posted_after_seconds: float | None = None,
    links: int | None = None,
) -> Screening:
    """Decide whether a new or edited post goes to the review queue. Reads only; writes nothing.

    Reasons: trust level 0 (in the kinds the adapters name, ``new_member_review_kinds``: the
    forum's questions and answers), more than DALIL_NEW_USER_MAX_LINKS links or
    any image from a new user, a watched word, typing faster than DALIL_MAX_CHARS_PER_SECOND
    (members up to DALIL_FAST_TYPING_MAX_TRUST_LEVEL only), an author under review. People who
    moderate are never queued. ``links`` is the number of links the content app's renderer made
    of the text (the forum counts them in the rendered
    HTML, so every markdown form of a link counts); without it the addresses in the plain text
    are counted.
    """
    if kind not in adapters.post_kinds():
        raise ValueError(f"Unknown post kind {kind!r}")
    if can_moderate_content(author):
        return Screening(needs_review=False)
    text = (text or "")[:SCREEN_TEXT_LIMIT]
    found: list[Reason] = []
    level = trust_level(author)
    if level == NEW:
        if kind in adapters.new_member_review_kinds():
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
