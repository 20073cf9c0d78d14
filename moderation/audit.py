"""The audit log: one entry in Wagtail's log per change, with the actor's name copied on.

Every app writes its audit entries through ``record``, so an entry always carries
``actor_name`` (readthedocs' audit log does the same): the name survives the account's
deletion, and Dalil acting by itself (a ``moderation.rules.SystemActor``) is stored as no user
under its own name. Action names are registered with Wagtail through the
``register_log_actions`` hook, so the history shows in the admin.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from wagtail.log_actions import log

from .rules import audit_user

if TYPE_CHECKING:
    from .rules import SystemActor, User


def record(
    instance: Any,
    action: str,
    *,
    actor: User | SystemActor | None,
    data: dict | None = None,
    **extra: Any,
) -> Any:
    """Write one audit entry about ``instance`` done by ``actor``; call it inside the change's
    transaction. ``extra`` goes to Wagtail's log as it is (``revision=`` for a page)."""
    entry = {**(data or {}), "actor_name": actor.public_name if actor else ""}
    return log(instance=instance, action=action, user=audit_user(actor), data=entry, **extra)
