"""Endpoints that receive webhooks, and the log of every delivery to them."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .events import ALL_EVENTS, validate_subscriptions
from .safety import check_target

SECRET_HINT_LENGTH = 4
RESPONSE_EXCERPT_LENGTH = 500
ERROR_LENGTH = 500


class Endpoint(models.Model):
    """A URL outside Dalil that receives the events it subscribes to, signed with its secret.

    The secret is generated on creation and shown once; it is stored because every delivery is
    signed with it, but the admin only ever shows its last characters (``secret_hint``). Only a
    ``trusted`` endpoint receives an event's private fields (a customer's email, for instance).
    """

    name = models.CharField(_("name"), max_length=100)
    url = models.URLField(_("target URL"), max_length=500)
    secret = models.CharField(max_length=100, editable=False)
    events = models.JSONField(
        _("events"),
        default=list,
        blank=True,  # an empty list is refused by clean(), with its own message
        help_text=_('Event names this endpoint receives; "*" means every event.'),
    )
    trusted = models.BooleanField(
        _("trusted"),
        default=False,
        help_text=_("Trusted endpoints also receive private fields such as email addresses."),
    )
    active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("webhook endpoint")
        verbose_name_plural = _("webhook endpoints")
        ordering = ["name", "pk"]
        permissions = [("manage_endpoints", _("Can manage webhook endpoints and deliveries"))]

    def __str__(self) -> str:
        return self.name

    @property
    def secret_hint(self) -> str:
        return f"…{self.secret[-SECRET_HINT_LENGTH:]}" if self.secret else ""

    def subscribes_to(self, event: str) -> bool:
        return ALL_EVENTS in self.events or event in self.events

    def clean(self) -> None:
        errors = {}
        try:
            validate_subscriptions(self.events)
        except ValidationError as error:
            errors["events"] = error.messages
        if self.url:
            try:
                check_target(self.url)
            except ValidationError as error:
                errors["url"] = error.messages
        if errors:
            raise ValidationError(errors)


class Delivery(models.Model):
    """One event sent (or to be sent) to one endpoint, with the outcome of its last attempt.

    ``pending`` waits for its first attempt, ``failed`` for a retry at ``next_attempt_at``,
    ``succeeded`` and ``gave_up`` are final. An attempt first moves ``next_attempt_at`` past the
    attempt's duration with a conditional UPDATE, so a duplicate task (or the scheduler's
    re-enqueue) finds nothing due and sends nothing.
    """

    class State(models.TextChoices):
        PENDING = "pending", _("Pending")
        SUCCEEDED = "succeeded", _("Succeeded")
        FAILED = "failed", _("Failed, will retry")
        GAVE_UP = "gave_up", _("Gave up")

    uuid = models.UUIDField(_("delivery id"), default=uuid.uuid4, unique=True, editable=False)
    endpoint = models.ForeignKey(
        Endpoint, verbose_name=_("endpoint"), on_delete=models.CASCADE, related_name="deliveries"
    )
    event = models.CharField(_("event"), max_length=100)
    event_id = models.UUIDField(_("event id"))
    payload = models.JSONField(_("payload"))
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.PENDING
    )
    response_code = models.PositiveIntegerField(_("last response code"), null=True, blank=True)
    response_excerpt = models.TextField(_("response excerpt"), blank=True)
    error = models.TextField(_("error"), blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    replay_of = models.ForeignKey(
        "self",
        verbose_name=_("replay of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["state", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.event} → {self.endpoint}"
