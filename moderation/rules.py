"""Who may do what in moderation: the one home of its permission rules.

Every moderation action that changes state calls one of the ``require_*`` functions below
before it writes, so a new view, task or API that forgets its own check is still refused with
``PermissionDenied``. Rules ask ``user.has_perm(...)``, never a group name, so any role built
from the same permissions works (and a staff member whose permissions are withheld, for
example until they set up two-factor authentication, is refused here too).

Dalil itself acts in a few places: when open flags reach the hiding threshold, moderation hides
the post. It does so as a ``SystemActor``: an object with a name and exactly the permissions
that job needs. It is not a user, so no request can carry one, and because it answers
``has_perm`` like a user it passes through the same rules instead of around them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeAlias, TypeGuard

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, _User
    from django.utils.functional import Promise
    from typing_extensions import TypeIs

    # The types at moderation's boundaries (import them under TYPE_CHECKING): a person's
    # account, and whoever acts (a person, a visitor, Dalil itself, or nobody; the rules refuse
    # those who may not). Moderation cannot import the project's user model; django-stubs'
    # ``_User`` is the model AUTH_USER_MODEL names, the type of every foreign key to it.
    User: TypeAlias = _User
    Actor: TypeAlias = "User | AnonymousUser | SystemActor | None"

MODERATE = "moderation.moderate"
REVIEW_STALE = "moderation.review_stale"
# Held only by the flag-threshold system actor: no Permission row exists, so no account can be
# given it (superusers pass every has_perm, as everywhere in Django).
HIDE_FLAGGED = "moderation.hide_flagged_posts"


@dataclass(frozen=True)
class SystemActor:
    """Dalil acting on its own (a threshold, a scheduled job), with only ``permissions``.

    Services record it in the audit log as "no user" with ``public_name`` as the actor's name.
    """

    name: str
    label: str | Promise
    permissions: frozenset[str] = field(default_factory=frozenset)

    pk = None
    id = None
    is_active = True
    is_superuser = False
    is_staff = False
    # Rules written for people ("is this someone signed in?") treat the system as nobody; only
    # rules that ask for one of its permissions let it through.
    is_authenticated = False
    is_anonymous = False

    @property
    def public_name(self) -> str:
        return str(self.label)

    def has_perm(self, permission: str, obj: Any = None) -> bool:
        return permission in self.permissions

    def __str__(self) -> str:
        return self.public_name


FLAG_THRESHOLD = SystemActor(
    name="flag-threshold",
    label=gettext_lazy("Community flags"),
    permissions=frozenset({HIDE_FLAGGED}),
)


def is_system(actor: object) -> TypeIs[SystemActor]:
    return isinstance(actor, SystemActor)


def audit_user(actor: User | SystemActor | None) -> User | None:
    """The user to store on an audit entry: ``None`` for the system and for nobody."""
    return None if actor is None or is_system(actor) else actor


def is_person(user: Actor) -> TypeGuard[User]:
    """A signed-in, active account (not a visitor, not the system)."""
    return bool(
        user is not None
        and not is_system(user)
        and getattr(user, "is_authenticated", False)
        and user.is_active
    )


def can_moderate_content(user: Actor) -> TypeGuard[User]:
    """Whether the person holds the moderation permission."""
    return is_person(user) and user.has_perm(MODERATE)


def can_review_stale(user: Actor) -> TypeGuard[User]:
    """Whether the person works the "Needs review" queue of stale content."""
    return is_person(user) and user.has_perm(REVIEW_STALE)


def require_moderator(actor: Actor) -> User:
    """``actor`` if they moderate; ``PermissionDenied`` otherwise."""
    if not can_moderate_content(actor):
        raise PermissionDenied(_("Only moderators can do this."))
    return actor


def require_stale_reviewer(actor: Actor) -> User:
    """``actor`` if they review stale content; ``PermissionDenied`` otherwise."""
    if not can_review_stale(actor):
        raise PermissionDenied(_("You cannot review stale content."))
    return actor


def require_flagger(actor: Actor) -> User:
    """``actor`` if they may flag: flags come from signed-in members with a confirmed email who
    are trusted (level 1+) and not suspended (``Suspended`` is a ``PermissionDenied``)."""
    from .posting import Suspended, active_suspension  # posting asks these rules
    from .trust import NEW, has_verified_email, trust_level

    if not is_person(actor):
        raise PermissionDenied(_("Log in to flag posts."))
    if not has_verified_email(actor):
        raise PermissionDenied(_("Confirm your email address before flagging posts."))
    suspension = active_suspension(actor)
    if suspension is not None:
        raise Suspended(until=suspension.until)
    if trust_level(actor) == NEW:
        raise PermissionDenied(_("New members cannot flag posts yet. Keep contributing!"))
    return actor


def require_author_or_moderator(actor: Actor, target: Any) -> User:
    """Queueing a post for review: its author (screening their own post) or a moderator."""
    if can_moderate_content(actor):
        return actor
    if not is_person(actor) or target.author_id != actor.pk:
        raise PermissionDenied(_("Only the author or a moderator can send this post for review."))
    return actor


def require_self(actor: Actor, user: User) -> User:
    """``actor`` if they are ``user``; ``PermissionDenied`` otherwise."""
    if not is_person(actor) or actor.pk != user.pk:
        raise PermissionDenied(_("You can only read your own notifications."))
    return actor
