"""Signed outgoing webhooks: apps register events and emit them; endpoints receive them.

The public surface, importable before the app registry is ready::

    webhooks.register_event("case.opened", _("A support case was opened"))
    webhooks.emit("case.opened", {"case": 12}, private={"email": "..."})
    body = webhooks.verify(request, secret=..., tolerance=300)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .events import register_event
from .signing import InvalidSignature, verify

if TYPE_CHECKING:
    from .models import Delivery

__all__ = ["InvalidSignature", "emit", "register_event", "verify"]


def emit(event: str, payload: dict, *, private: dict | None = None) -> list[Delivery]:
    """See ``webhooks.services.emit``."""
    from .services import emit as emit_event

    return emit_event(event, payload, private=private)
