"""The registry of event names endpoints may subscribe to; apps add theirs in ``ready()``."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

ALL_EVENTS = "*"


@dataclass(frozen=True)
class Event:
    name: str
    description: str


_registry: dict[str, Event] = {}


def register_event(name: str, description: str) -> Event:
    """Make ``name`` (``case.opened``) an event endpoints may subscribe to; registering the same
    name twice keeps the latest description."""
    if not name or name == ALL_EVENTS or any(ch.isspace() for ch in name):
        raise ValueError(f"Not an event name: {name!r}")
    event = Event(name, description)
    _registry[name] = event
    return event


def registered_events() -> list[Event]:
    """Every registered event, by name."""
    return sorted(_registry.values(), key=lambda event: event.name)


def is_registered(name: str) -> bool:
    return name in _registry


def validate_subscriptions(names: object) -> None:
    """An endpoint subscribes to a non-empty list of registered names, or ``"*"`` for all."""
    if not isinstance(names, list) or not names:
        raise ValidationError(_("Choose at least one event."), code="no_events")
    unknown = [str(name) for name in names if name != ALL_EVENTS and name not in _registry]
    if unknown:
        raise ValidationError(
            _("Unknown events: %(names)s.") % {"names": ", ".join(unknown)}, code="unknown_event"
        )
