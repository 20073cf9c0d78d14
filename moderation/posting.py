"""The checks content apps call before someone posts: not suspended, within the rate limits.

Rate limits are counted in the cache (Redis in production) by ``moderation.limits``, whose
check-and-count is one atomic step, so simultaneous requests cannot all slip under a limit.
"""

from __future__ import annotations

import math
from datetime import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from . import adapters, limits
from .models import Suspension
from .rules import can_moderate_content
from .trust import trust_level

if TYPE_CHECKING:
    from .rules import User


class RateLimited(Exception):
    """The person did this too often; ``retry_after`` is how many seconds to wait."""

    def __init__(self, *, action: str, retry_after: int):
        self.action = action
        self.retry_after = max(1, int(retry_after))
        super().__init__(self.message)

    @property
    def message(self) -> str:
        return _("You are doing that too often. You may try again in %(wait)s.") % {
            "wait": format_wait(self.retry_after)
        }


class Suspended(PermissionDenied):
    """The person is suspended and may only read (a ``PermissionDenied``: views that let it
    through answer 403)."""

    def __init__(self, *, until: datetime):
        self.until = until
        super().__init__(self.message)

    @property
    def message(self) -> str:
        return _("Your account is suspended until %(until)s. You can still read the site.") % {
            "until": timezone.localtime(self.until).strftime("%Y-%m-%d %H:%M")
        }


def format_wait(seconds: int) -> str:
    """A translated duration: "3 minutes", "2 hours"."""
    if seconds < 60:
        return ngettext("%(n)d second", "%(n)d seconds", seconds) % {"n": seconds}
    if seconds < 3600:
        minutes = math.ceil(seconds / 60)
        return ngettext("%(n)d minute", "%(n)d minutes", minutes) % {"n": minutes}
    hours = math.ceil(seconds / 3600)
    return ngettext("%(n)d hour", "%(n)d hours", hours) % {"n": hours}


def is_suspended(user: User | None) -> bool:
    """Whether the person is suspended right now."""
    return bool(user and user.is_authenticated and active_suspension(user) is not None)


def active_suspension(user: User) -> Suspension | None:
    """The suspension in force with the latest end, if any."""
    return Suspension.objects.active().filter(user=user).order_by("-until").first()


def check_rate_limit(*, user: User, action: str) -> None:
    """Raise ``RateLimited`` if ``user`` reached a limit for ``action``; otherwise count one use.

    Limits come from DALIL_RATE_LIMITS by trust level; people who moderate are exempt. Checking
    and counting are one atomic step (``moderation.limits.take``): of many simultaneous
    requests, exactly as many as the limit allows get through. A refused attempt is not
    counted. Call it right before the write it guards.
    """
    if action not in adapters.rate_limited_actions():
        raise ValueError(f"Unknown rate-limited action {action!r}")
    if can_moderate_content(user):
        return
    allowed = adapters.rate_limits().get(trust_level(user), {}).get(action, [])
    if not allowed:
        return
    wait = limits.take(f"dalil:moderation:rate:{user.pk}:{action}", allowed)
    if wait > 0:
        raise RateLimited(action=action, retry_after=math.ceil(wait))


def check_not_suspended(*, user: User) -> None:
    """Raise ``Suspended`` if ``user`` is suspended: they may read, not write (posts, edits,
    their public name)."""
    suspension = active_suspension(user)
    if suspension is not None:
        raise Suspended(until=suspension.until)


def check_can_post(*, user: User, action: str) -> None:
    """Raise ``Suspended`` or ``RateLimited`` if ``user`` may not do ``action`` now."""
    check_not_suspended(user=user)
    check_rate_limit(user=user, action=action)
