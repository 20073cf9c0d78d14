"""Why a post is in the review queue: stable codes, stored on the item, shown as sentences."""

import re

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

TRUST_LEVEL_0 = "trust_level_0"
LINKS = "links"
IMAGES = "images"
WATCHED_WORD = "watched_word"
TOO_FAST = "too_fast"
UNDER_REVIEW = "under_review"
FLAGGED = "flagged"

LABELS = {
    TRUST_LEVEL_0: _("New user (trust level 0)"),
    LINKS: _("Too many links from a new user"),
    IMAGES: _("Image from a new user"),
    WATCHED_WORD: _("Watched word"),
    TOO_FAST: _("Posted faster than a person types"),
    UNDER_REVIEW: _("Author is under review"),
    FLAGGED: _("Flagged by the community"),
}

CHOICES = list(LABELS.items())


_NUMBER = re.compile(r"^\s*(\d+)")


def _counted_detail(code: str, detail: str) -> str:
    """A number stored as the detail (links, typing speed), said in the active language.
    Items queued before the number was stored alone hold an English sentence that starts with
    it ("31 characters a second"); its number is read the same way."""
    match = _NUMBER.match(detail)
    if match is None:
        return detail
    n = int(match.group(1))
    if code == TOO_FAST:
        return ngettext("%(n)d character a second", "%(n)d characters a second", n) % {"n": n}
    return ngettext("%(n)d link", "%(n)d links", n) % {"n": n}


def reason_label(code: str, detail: str = "") -> str:
    """The reason as a sentence in the active language, with its detail (e.g. which word)."""
    label = str(LABELS.get(code, code))
    if detail and code in (TOO_FAST, LINKS):
        detail = _counted_detail(code, detail)
    return f"{label}: {detail}" if detail else label


# Stale-content signals that moderation records itself (detectors bring their own labels).
STALE_LABELS = {
    "reported": _("Reported as incorrect or outdated by staff"),
}
