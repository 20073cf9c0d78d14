"""The limits on what people write in the forum, shared by forms and services.

Forms call these to show errors next to the field; services call them again through the models'
`clean`, so a management command or another app cannot post what a form would refuse.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from moderation.text import clean_visible_text

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
