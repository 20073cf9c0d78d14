"""The writes of webhooks: emitting events, managing endpoints, replaying, and the attempts.

``emit`` is called by content apps inside their own transaction: the deliveries commit or roll
back with the change that caused them, and the sending task is queued only after the commit.
An attempt claims its delivery with a conditional UPDATE before it sends (see ``Delivery``).
"""

from __future__ import annotations

import json
import secrets
import time
import uuid
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from moderation.audit import record

from . import rules, sending
from .conf import setting
from .events import is_registered
from .models import ERROR_LENGTH, RESPONSE_EXCERPT_LENGTH, Delivery, Endpoint
from .safety import check_target
from .signing import SIGNATURE_HEADER, TIMESTAMP_HEADER, signature
from .tasks import send_delivery

if TYPE_CHECKING:
    from moderation.rules import Actor

USER_AGENT = "Dalil-Webhooks/1"
DUE_BATCH = 500
# With a backend that runs a task later by itself, a retry is already queued for its time: the
# scheduler queues only those that are this late (a worker that died), not every due one.
DEFERRED_GRACE = timedelta(minutes=2)
ENDPOINT_FIELDS = ("name", "url", "events", "trusted", "active")


def _plain_json(value: dict) -> dict:
    """``value`` as JSON would give it back (dates as ISO strings, UUIDs as text)."""
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def encode_body(payload: dict) -> bytes:
    """The request body: compact UTF-8 JSON."""
    return json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def emit(event: str, payload: dict, *, private: dict | None = None) -> list[Delivery]:
    """Queue ``event`` for every active endpoint subscribed to it; call it inside the change's
    transaction. ``private`` fields join ``payload`` only for trusted endpoints. Every
    delivery of one emit carries the same envelope ``id``, so a receiver can drop duplicates."""
    if not is_registered(event):
        raise ValueError(f"Unregistered webhook event: {event!r}")
    data = _plain_json(payload)
    secret_data = _plain_json(private or {})
    event_id = uuid.uuid4()
    created_at = timezone.now()
    envelope = {"id": str(event_id), "event": event, "created_at": created_at.isoformat()}
    deliveries = [
        Delivery(
            endpoint=endpoint,
            event=event,
            event_id=event_id,
            payload={**envelope, "data": {**data, **secret_data} if endpoint.trusted else data},
            created_at=created_at,
            next_attempt_at=created_at,
        )
        for endpoint in Endpoint.objects.filter(active=True)
        if endpoint.subscribes_to(event)
    ]
    Delivery.objects.bulk_create(deliveries)
    _send_on_commit([delivery.pk for delivery in deliveries])
    return deliveries


def _send_on_commit(delivery_ids: list[int]) -> None:
    def enqueue() -> None:
        for delivery_id in delivery_ids:
            send_delivery.enqueue(delivery_id)

    if delivery_ids:
        transaction.on_commit(enqueue)


def create_endpoint(
    *,
    actor: Actor,
    name: str,
    url: str,
    events: list[str],
    trusted: bool = False,
    active: bool = True,
) -> tuple[Endpoint, str]:
    """Add an endpoint with a new secret; returns it with the secret, which is shown only now."""
    manager = rules.require_manager(actor)
    secret = secrets.token_hex(32)
    endpoint = Endpoint(
        name=name,
        url=url,
        events=events,
        trusted=trusted,
        active=active,
        secret=secret,
        created_by=manager,
    )
    endpoint.full_clean()
    with transaction.atomic():
        endpoint.save()
        record(endpoint, "dalil.webhooks.endpoint_create", actor=manager, data=_described(endpoint))
    return endpoint, secret


def update_endpoint(*, actor: Actor, endpoint: Endpoint, **changes: Any) -> Endpoint:
    """Change an endpoint's name, URL, events, trust or activity (never its secret)."""
    manager = rules.require_manager(actor)
    unknown = set(changes) - set(ENDPOINT_FIELDS)
    if unknown:
        raise TypeError(f"Not an endpoint field: {', '.join(sorted(unknown))}")
    for field, value in changes.items():
        setattr(endpoint, field, value)
    endpoint.full_clean()
    with transaction.atomic():
        endpoint.save()
        record(endpoint, "dalil.webhooks.endpoint_edit", actor=manager, data=_described(endpoint))
    return endpoint


def _described(endpoint: Endpoint) -> dict:
    return {field: getattr(endpoint, field) for field in ENDPOINT_FIELDS}


def replay_delivery(*, actor: Actor, delivery: Delivery) -> Delivery:
    """Send ``delivery``'s payload again as a new delivery (same envelope id, new delivery id),
    to its endpoint as it is now; an inactive endpoint is refused."""
    manager = rules.require_manager(actor)
    endpoint = delivery.endpoint
    if not endpoint.active:
        raise ValidationError(_("This endpoint is switched off: switch it on to replay."))
    now = timezone.now()
    with transaction.atomic():
        replay = Delivery.objects.create(
            endpoint=endpoint,
            event=delivery.event,
            event_id=delivery.event_id,
            payload=delivery.payload,
            replay_of=delivery,
            created_at=now,
            next_attempt_at=now,
        )
        record(
            replay,
            "dalil.webhooks.replay",
            actor=manager,
            data={"replay_of": str(delivery.uuid), "endpoint": endpoint.name},
        )
        _send_on_commit([replay.pk])
    return replay


def backoff() -> list[timedelta]:
    return [timedelta(minutes=minutes) for minutes in setting("DALIL_WEBHOOKS_BACKOFF_MINUTES")]


def attempt_delivery(delivery_id: int) -> str:
    """Send delivery ``delivery_id`` once if it is due, and record what happened.

    The claim moves ``next_attempt_at`` beyond the attempt's longest duration in the same
    UPDATE that checks it is due, so only one caller sends; a worker that dies mid-attempt
    leaves it due again when that lease ends. Returns a word for the task's result."""
    timeout = float(setting("DALIL_WEBHOOKS_TIMEOUT_SECONDS"))
    now = timezone.now()
    due = Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    claimed = Delivery.objects.filter(
        due, pk=delivery_id, state__in=[Delivery.State.PENDING, Delivery.State.FAILED]
    ).update(next_attempt_at=now + timedelta(seconds=3 * timeout + 60), attempts=F("attempts") + 1)
    if not claimed:
        return "not due"
    delivery = Delivery.objects.select_related("endpoint").get(pk=delivery_id)
    endpoint = delivery.endpoint
    status: int | None = None
    excerpt = error = ""
    if not endpoint.active:
        return _finish(delivery, Delivery.State.GAVE_UP, error=_("The endpoint is switched off."))
    body = encode_body(delivery.payload)
    timestamp = str(int(time.time()))
    headers = {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        "X-Dalil-Event": delivery.event,
        "X-Dalil-Delivery": str(delivery.uuid),
        TIMESTAMP_HEADER: timestamp,
        SIGNATURE_HEADER: signature(endpoint.secret, timestamp, body),
    }
    try:
        target = check_target(endpoint.url)
        answer = sending.post(target, body, headers, timeout=timeout)
    except ValidationError as refusal:
        error = " ".join(refusal.messages)
    except Exception as failure:  # network errors, timeouts, TLS, a malformed answer
        error = f"{type(failure).__name__}: {failure}" if str(failure) else type(failure).__name__
    else:
        status = answer.status
        excerpt = answer.body.decode("utf-8", errors="replace")[:RESPONSE_EXCERPT_LENGTH]
        if 200 <= status < 300:
            return _finish(delivery, Delivery.State.SUCCEEDED, status=status, excerpt=excerpt)
    delays = backoff()
    if delivery.attempts > len(delays):
        return _finish(
            delivery, Delivery.State.GAVE_UP, status=status, excerpt=excerpt, error=error
        )
    next_at = timezone.now() + delays[delivery.attempts - 1]
    _record(
        delivery,
        state=Delivery.State.FAILED,
        response_code=status,
        response_excerpt=excerpt,
        error=error[:ERROR_LENGTH],
        next_attempt_at=next_at,
    )
    if send_delivery.get_backend().supports_defer:
        send_delivery.using(run_after=next_at).enqueue(delivery.pk)
    return "failed"


def _finish(
    delivery: Delivery,
    state: str,
    *,
    status: int | None = None,
    excerpt: str = "",
    error: str = "",
) -> str:
    _record(
        delivery,
        state=state,
        response_code=status,
        response_excerpt=excerpt,
        error=error[:ERROR_LENGTH],
        next_attempt_at=None,
        finished_at=timezone.now(),
    )
    return str(state)


def _record(delivery: Delivery, **outcome: Any) -> None:
    # Only the attempt that claimed it writes its outcome (the lease may have run out).
    Delivery.objects.filter(pk=delivery.pk, attempts=delivery.attempts).update(**outcome)


def enqueue_due_deliveries(*, now: Any = None) -> int:
    """Queue an attempt for every delivery due by ``now`` (by ``DEFERRED_GRACE`` before it
    when the backend queues retries for their time itself); returns how many were queued."""
    now = now or timezone.now()
    if send_delivery.get_backend().supports_defer:
        now -= DEFERRED_GRACE
    due = list(
        Delivery.objects.filter(
            state__in=[Delivery.State.PENDING, Delivery.State.FAILED], next_attempt_at__lte=now
        )
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:DUE_BATCH]
    )
    for delivery_id in due:
        send_delivery.enqueue(delivery_id)
    return len(due)
