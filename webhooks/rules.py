"""Who may manage webhooks: superusers and holders of ``webhooks.manage_endpoints``."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeGuard

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from moderation.rules import is_person

if TYPE_CHECKING:
    from moderation.rules import Actor, User

MANAGE_ENDPOINTS = "webhooks.manage_endpoints"


def can_manage_endpoints(user: Actor) -> TypeGuard[User]:
    """Creating, editing and replaying: an endpoint receives the site's events (trusted ones
    private data too), so this is an administrator's right."""
    return is_person(user) and user.has_perm(MANAGE_ENDPOINTS)


def require_manager(actor: Actor) -> User:
    if not can_manage_endpoints(actor):
        raise PermissionDenied(_("You do not have permission to do this."))
    return actor
