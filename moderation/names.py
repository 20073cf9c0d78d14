"""Rules for the names people show on the site, so nobody can pass for staff.

A display name is refused when it holds characters that change how text around it is drawn
(bidi controls such as U+202E, zero-width and other invisible format characters), when one of
its words looks like a reserved word ("admin", "support", "مشرف"...), or when it looks like the
name of a member of staff. "Looks like" is decided on Unicode confusable skeletons (UTS #39):
the Cyrillic "Ѕаmі" and the Latin "Sami" have the same skeleton. The mapping is Unicode's own
`confusables.txt` (moderation/data/, see docs/decisions.md, "Confusable names").
"""

import re
import unicodedata
from functools import cache
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _

from .conf import setting
from .text import _INVISIBLE

CONFUSABLES_FILE = Path(__file__).with_name("data") / "confusables.txt"
# Permissions that make someone staff in the eyes of readers: they moderate or use the admin.
STAFF_PERMISSIONS = (
    ("moderation", "moderate"),
    ("forum", "moderate_posts"),
    ("wagtailadmin", "access_admin"),
)
_CAMEL_CASE = re.compile(r"(?<=[a-z])(?=[A-Z])")


@cache
def _prototypes() -> dict[str, str]:
    """Each confusable character and the prototype it looks like (confusables.txt, field 2)."""
    table = {}
    for line in CONFUSABLES_FILE.read_text(encoding="utf-8-sig").splitlines():
        data = line.split("#", 1)[0].strip()
        if not data:
            continue
        source, target, *_rest = (part.strip() for part in data.split(";"))
        table[chr(int(source, 16))] = "".join(chr(int(code, 16)) for code in target.split())
    return table


def skeleton(text: str) -> str:
    """UTS #39 skeleton: NFD, every character replaced by its prototype, NFD again."""
    prototypes = _prototypes()
    mapped = "".join(prototypes.get(ch, ch) for ch in unicodedata.normalize("NFD", text))
    return unicodedata.normalize("NFD", mapped)


def name_words(name: str) -> list[str]:
    """The words of a name as a reader would compare them: compatibility-normalised, split at
    spaces, punctuation and camel case ("DalilAdmin"), then reduced to confusable skeletons,
    case-folded (so "0", "O" and "o" or "I", "l" and "1" count as the same letter)."""
    text = _CAMEL_CASE.sub(" ", unicodedata.normalize("NFKC", name))
    folded = skeleton(skeleton(text).casefold())
    words, current = [], []
    for ch in folded:
        if unicodedata.category(ch)[0] in "LNM":
            if unicodedata.category(ch)[0] != "M":
                current.append(ch)
        elif current:
            words.append("".join(current))
            current = []
    if current:
        words.append("".join(current))
    return words


def _has_hidden_characters(name: str) -> bool:
    return bool(_INVISIBLE.search(name)) or any(unicodedata.category(ch) == "Cf" for ch in name)


def without_hidden_characters(name: str) -> str:
    """The name as it may be shown: direction controls and invisible characters taken out, for
    names saved before `check_display_name` refused them."""
    if not _has_hidden_characters(name):
        return name
    return "".join(
        ch for ch in _INVISIBLE.sub("", name) if unicodedata.category(ch) != "Cf"
    ).strip()


def is_staff_member(user) -> bool:
    """Whether readers would take `user` for staff: they moderate or may open the admin."""
    if user is None or not getattr(user, "pk", None):
        return False
    return bool(
        user.is_staff
        or user.is_superuser
        or any(user.has_perm(f"{app}.{codename}") for app, codename in STAFF_PERMISSIONS)
    )


def _staff_names(exclude_pk) -> list[str]:
    permission = Q()
    for app, codename in STAFF_PERMISSIONS:
        permission |= Q(
            groups__permissions__content_type__app_label=app,
            groups__permissions__codename=codename,
        ) | Q(
            user_permissions__content_type__app_label=app,
            user_permissions__codename=codename,
        )
    staff = (
        get_user_model()
        .objects.filter(Q(is_staff=True) | Q(is_superuser=True) | permission, is_active=True)
        .exclude(pk=exclude_pk)
        .distinct()
    )
    names = []
    for display_name, username in staff.values_list("display_name", "username"):
        names.append(display_name or username)
    return names


def check_display_name(name: str, *, user=None) -> str:
    """Refuse a display name that could pass for staff or hide how it is drawn; return it.

    `user` is the person taking the name (None while signing up): their own current name never
    counts against them, and staff may use reserved words ("Sami, moderator").
    """
    if _has_hidden_characters(name):
        raise ValidationError(
            _(
                "Names cannot contain invisible characters or characters that change the "
                "direction of text."
            ),
            code="hidden_characters",
        )
    words = name_words(name)
    if not is_staff_member(user):
        reserved = {
            word for entry in setting("DALIL_RESERVED_NAME_WORDS") for word in name_words(entry)
        }
        if reserved.intersection(words):
            raise ValidationError(
                _(
                    "This name contains a word kept for the site and its staff (such as "
                    "“admin”, “support” or “moderator”). Choose another name."
                ),
                code="reserved_name",
            )
    for staff_name in _staff_names(getattr(user, "pk", None)):
        if words and name_words(staff_name) == words:
            raise ValidationError(
                _("This name looks like the name of a member of staff. Choose another name."),
                code="staff_name",
            )
    return name
