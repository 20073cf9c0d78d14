"""Rules for text that people type, shared by every form on the site."""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

# Characters that take no visible space: zero-width marks, direction controls, BOM, soft hyphen.
_INVISIBLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\u3164\ufeff\uffa0]"
)


def visible_length(text: str) -> int:
    """How many characters of `text` a reader can actually see."""
    stripped = _INVISIBLE.sub("", text)
    return sum(1 for ch in stripped if not ch.isspace() and unicodedata.category(ch) != "Cc")


def clean_visible_text(text: str, *, min_length: int, max_length: int | None = None) -> str:
    """Strip, drop NUL and control characters, and refuse text that is blank to the eye.

    Whitespace-only or invisible-character-only input is the commonest way to post nothing, so
    every free-text field runs through here before its own rules.
    """
    text = (text or "").replace("\x00", "")
    text = "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch) != "Cc")
    text = text.strip()
    seen = visible_length(text)
    if min_length and seen == 0:
        raise ValidationError(
            _("This field cannot be blank or only invisible characters."), code="blank"
        )
    if seen < min_length:
        raise ValidationError(
            ngettext(
                "Write at least %(count)d visible character.",
                "Write at least %(count)d visible characters.",
                min_length,
            )
            % {"count": min_length},
            code="min_length",
        )
    if max_length is not None and len(text) > max_length:
        raise ValidationError(
            ngettext(
                "Write at most %(count)d character.",
                "Write at most %(count)d characters.",
                max_length,
            )
            % {"count": max_length},
            code="max_length",
        )
    return text
