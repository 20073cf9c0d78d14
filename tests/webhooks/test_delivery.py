import hashlib
import hmac
import time
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

import webhooks
from moderation.scheduler import run_due_jobs
from tests.factories import UserFactory
from webhooks import services
from webhooks.models import Delivery
from webhooks.tasks import send_delivery
from webhooks.wagtail_hooks import webhook_jobs

pytestmark = pytest.mark.django_db


def emit_committed(django_capture_on_commit_callbacks, *args, **kwargs):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        return webhooks.emit(*args, **kwargs)


def test_delivery_is_signed_with_the_endpoint_secret(
    receiver, endpoint_for, django_capture_on_commit_callbacks
):
    endpoint, secret = endpoint_for(receiver.url)
    emit_committed(django_capture_on_commit_callbacks, "case.opened", {"case": 7})

    assert len(receiver.requests) == 1
    headers, body = receiver.requests[0]["headers"], receiver.requests[0]["body"]
    delivery = Delivery.objects.get()
    assert headers["Content-Type"] == "application/json"
    assert headers["User-Agent"] == "Dalil-Webhooks/1"
    assert headers["X-Dalil-Event"] == "case.opened"
    assert headers["X-Dalil-Delivery"] == str(delivery.uuid)
    timestamp = headers["X-Dalil-Timestamp"]
    assert abs(int(timestamp) - time.time()) < 30
    expected = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    assert headers["X-Dalil-Signature"] == f"sha256={expected.hexdigest()}"
    assert b" " not in body  # compact JSON
    envelope = receiver.json()
    assert set(envelope) == {"id", "event", "created_at", "data"}
    assert envelope["event"] == "case.opened" and envelope["data"] == {"case": 7}
    assert envelope["id"] == str(delivery.event_id)
    assert (delivery.state, delivery.attempts, delivery.response_code) == ("succeeded", 1, 200)
    assert delivery.response_excerpt == '{"received": 200}'
    assert delivery.finished_at is not None


def test_only_active_subscribed_endpoints_get_the_event(
    receiver, endpoint_for, admin, django_capture_on_commit_callbacks
):
    endpoint_for(receiver.url, events=["case.reply"], name="Replies only")
    everything, _ = endpoint_for(receiver.url, events=["*"], name="Everything")
    off, _ = endpoint_for(receiver.url, name="Switched off")
    services.update_endpoint(actor=admin, endpoint=off, active=False)

    emit_committed(django_capture_on_commit_callbacks, "case.opened", {"case": 1})

    assert [d.endpoint for d in Delivery.objects.all()] == [everything]
    assert len(receiver.requests) == 1


def test_rolled_back_change_sends_nothing(receiver, endpoint_for):
    endpoint_for(receiver.url)
    with pytest.raises(RuntimeError), transaction.atomic():
        webhooks.emit("case.opened", {"case": 1})
        raise RuntimeError("the caller's change failed")
    assert not Delivery.objects.exists()
    assert receiver.requests == []


def test_private_fields_reach_only_trusted_endpoints(
    receiver, endpoint_for, django_capture_on_commit_callbacks
):
    endpoint_for(receiver.url, name="Public")
    endpoint_for(receiver.url, name="Helpdesk", trusted=True)

    emit_committed(
        django_capture_on_commit_callbacks,
        "case.opened",
        {"case": 3},
        private={"email": "layla@example.com"},
    )

    by_endpoint = {d.endpoint.name: d.payload["data"] for d in Delivery.objects.all()}
    assert by_endpoint == {
        "Public": {"case": 3},
        "Helpdesk": {"case": 3, "email": "layla@example.com"},
    }
    bodies = [request["body"] for request in receiver.requests]
    assert sum(b"layla@example.com" in body for body in bodies) == 1


def test_failure_is_retried_after_backoff_and_logged(
    receiver, endpoint_for, clock, django_capture_on_commit_callbacks
):
    endpoint_for(receiver.url)
    receiver.answers = [(500, 0), (200, 0)]
    emit_committed(django_capture_on_commit_callbacks, "case.opened", {"case": 5})

    delivery = Delivery.objects.get()
    assert (delivery.state, delivery.attempts, delivery.response_code) == ("failed", 1, 500)
    assert delivery.response_excerpt == '{"received": 500}'
    assert delivery.next_attempt_at == clock() + timedelta(minutes=1)

    clock(seconds=30)
    assert services.enqueue_due_deliveries(now=clock()) == 0
    assert len(receiver.requests) == 1

    clock(seconds=31)
    outcomes = run_due_jobs(now=clock(), only=webhook_jobs())
    assert [outcome.ok for outcome in outcomes] == [True]

    delivery.refresh_from_db()
    assert (delivery.state, delivery.attempts, delivery.response_code) == ("succeeded", 2, 200)
    assert len(receiver.requests) == 2
    assert receiver.requests[0]["body"] == receiver.requests[1]["body"]
    first, second = (r["headers"]["X-Dalil-Delivery"] for r in receiver.requests)
    assert first == second == str(delivery.uuid)


def test_delivery_gives_up_after_the_last_backoff(
    receiver, endpoint_for, clock, settings, django_capture_on_commit_callbacks
):
    settings.DALIL_WEBHOOKS_BACKOFF_MINUTES = [1, 5]
    endpoint_for(receiver.url)
    receiver.answers = [(503, 0)] * 5
    emit_committed(django_capture_on_commit_callbacks, "case.opened", {"case": 5})
    delivery = Delivery.objects.get()
    assert delivery.next_attempt_at == clock() + timedelta(minutes=1)
    clock(minutes=1)
    services.enqueue_due_deliveries(now=clock())
    delivery.refresh_from_db()
    assert (delivery.state, delivery.attempts) == ("failed", 2)
    assert delivery.next_attempt_at == clock() + timedelta(minutes=5)
    clock(minutes=5)
    services.enqueue_due_deliveries(now=clock())

    delivery.refresh_from_db()
    assert (delivery.state, delivery.attempts, delivery.response_code) == ("gave_up", 3, 503)
    assert delivery.next_attempt_at is None and delivery.finished_at is not None
    clock(days=1)
    assert services.enqueue_due_deliveries(now=clock()) == 0
    assert len(receiver.requests) == 3


def test_slow_receiver_times_out_and_waits_for_a_retry(
    receiver, endpoint_for, settings, django_capture_on_commit_callbacks
):
    settings.DALIL_WEBHOOKS_TIMEOUT_SECONDS = 0.3
    endpoint_for(receiver.url)
    receiver.answers = [(200, 1.5)]
    started = time.monotonic()
    emit_committed(django_capture_on_commit_callbacks, "case.opened", {"case": 5})

    assert time.monotonic() - started < 1.4
    delivery = Delivery.objects.get()
    assert (delivery.state, delivery.response_code) == ("failed", None)
    assert "timed out" in delivery.error.lower() or "timeout" in delivery.error.lower()


def test_a_receiver_trickling_its_answer_is_cut_off(
    receiver, endpoint_for, settings, django_capture_on_commit_callbacks
):
    settings.DALIL_WEBHOOKS_TIMEOUT_SECONDS = 0.3  # each byte comes within it; the whole does not
    endpoint_for(receiver.url)
    receiver.answers = [(200, "trickle")]
    started = time.monotonic()
    emit_committed(django_capture_on_commit_callbacks, "case.opened", {"case": 5})

    assert time.monotonic() - started < 2.5  # 3 × 0.3 s, not the ~8 s of the whole answer
    delivery = Delivery.objects.get()
    assert delivery.state == "failed"
    assert delivery.error == "TimeoutError: no complete answer within 0.9 s"


def test_unreachable_receiver_is_a_failed_attempt(endpoint_for, django_capture_on_commit_callbacks):
    from tests.webhooks.conftest import Receiver

    closed = Receiver()
    url = closed.url
    closed.server.server_close()  # nothing listens there any more
    endpoint_for(url)
    emit_committed(django_capture_on_commit_callbacks, "case.opened", {"case": 5})
    delivery = Delivery.objects.get()
    assert delivery.state == "failed" and "Connection" in delivery.error


def test_duplicate_task_runs_send_once(receiver, endpoint_for, django_capture_on_commit_callbacks):
    endpoint_for(receiver.url)
    with django_capture_on_commit_callbacks(execute=False), transaction.atomic():
        (delivery,) = webhooks.emit("case.opened", {"case": 9})

    first = send_delivery.enqueue(delivery.pk)
    second = send_delivery.enqueue(delivery.pk)

    assert (first.return_value, second.return_value) == ("succeeded", "not due")
    assert services.enqueue_due_deliveries() == 0
    assert len(receiver.requests) == 1
    assert Delivery.objects.get().attempts == 1


def test_loopback_target_is_refused_without_the_setting(receiver, admin, settings):
    settings.DALIL_WEBHOOKS_ALLOW_PRIVATE_TARGETS = False
    for url in (receiver.url, "http://localhost:8000/", "http://[::1]/", "http://169.254.169.254/"):
        with pytest.raises(ValidationError) as refused:
            services.create_endpoint(actor=admin, name="Inside", url=url, events=["*"])
        assert "private or local address" in str(refused.value.message_dict["url"])
    assert not webhooks.models.Endpoint.objects.exists()


def test_target_that_became_private_is_refused_at_send_time(
    receiver, endpoint_for, settings, django_capture_on_commit_callbacks
):
    endpoint_for(receiver.url)
    settings.DALIL_WEBHOOKS_ALLOW_PRIVATE_TARGETS = False
    emit_committed(django_capture_on_commit_callbacks, "case.opened", {"case": 1})

    delivery = Delivery.objects.get()
    assert delivery.state == "failed" and "private or local address" in delivery.error
    assert receiver.requests == []


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("ftp://example.com/hook", "must start with https:// or http://"),
        ("file:///etc/passwd", "must start with https:// or http://"),
        ("https://user:pw@example.com/", "credentials"),
    ],
)
def test_urls_that_are_not_web_addresses_are_refused(admin, url, message):
    with pytest.raises(ValidationError) as refused:
        services.create_endpoint(actor=admin, name="Odd", url=url, events=["*"])
    assert message in " ".join(refused.value.message_dict["url"])


def test_unknown_events_are_refused(receiver, admin):
    with pytest.raises(ValidationError) as refused:
        services.create_endpoint(actor=admin, name="x", url=receiver.url, events=["case.eaten"])
    assert refused.value.message_dict["events"] == ["Unknown events: case.eaten."]


def test_emitting_an_unregistered_event_is_a_programming_error():
    with pytest.raises(ValueError):
        webhooks.emit("case.eaten", {})


def test_only_managers_create_endpoints(receiver, db):
    with pytest.raises(PermissionDenied):
        services.create_endpoint(
            actor=UserFactory(), name="x", url=receiver.url, events=["case.opened"]
        )
    assert not webhooks.models.Endpoint.objects.exists()


def test_creating_an_endpoint_is_audited_without_its_secret(endpoint_for, receiver):
    from wagtail.models import ModelLogEntry

    endpoint, secret = endpoint_for(receiver.url)
    entry = ModelLogEntry.objects.get(action="dalil.webhooks.endpoint_create")
    assert entry.object_id == str(endpoint.pk) and entry.data["actor_name"] == "Amal Admin"
    assert secret not in str(entry.data)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_workers_attempting_at_once_send_once(receiver, endpoint_for, settings):
    import threading

    from django.db import connection

    endpoint_for(receiver.url)
    # A queue that keeps the task instead of running it at commit, as a worker's would.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    with transaction.atomic():
        (delivery,) = webhooks.emit("case.opened", {"case": 2})
    assert receiver.requests == []
    receiver.answers = [(200, 0.5)]
    barrier = threading.Barrier(2)
    outcomes = []

    def attempt():
        try:
            barrier.wait()
            outcomes.append(services.attempt_delivery(delivery.pk))
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["not due", "succeeded"]
    assert len(receiver.requests) == 1


def test_refusals_speak_the_admins_language(receiver, admin, settings):
    from django.utils import translation

    settings.DALIL_WEBHOOKS_ALLOW_PRIVATE_TARGETS = False
    with translation.override("ar"):
        with pytest.raises(ValidationError) as refused:
            services.create_endpoint(actor=admin, name="x", url=receiver.url, events=[])
        assert refused.value.message_dict["events"] == ["اختر حدثًا واحدًا على الأقل."]
        assert "عنوان خاص أو محلي" in refused.value.message_dict["url"][0]


def test_the_integrators_example_in_the_docs_verifies_a_real_delivery(
    receiver, endpoint_for, django_capture_on_commit_callbacks
):
    from pathlib import Path

    from django.conf import settings

    page = (Path(settings.BASE_DIR) / "docs" / "webhooks.md").read_text()
    section = page.split("### Verifying the signature", 1)[1]
    example = section.split("```python\n", 1)[1].split("```", 1)[0]
    assert len([line for line in example.splitlines() if line.strip()]) <= 10
    namespace: dict = {}
    exec(example, namespace)  # the docs' own code, as an integrator would paste it

    _, secret = endpoint_for(receiver.url)
    emit_committed(django_capture_on_commit_callbacks, "case.opened", {"case": 8})
    request = receiver.requests[0]
    assert namespace["verify"](request["body"], request["headers"], secret)["data"] == {"case": 8}
    with pytest.raises(ValueError, match="bad signature"):
        namespace["verify"](request["body"] + b" ", request["headers"], secret)


def test_a_backend_that_defers_gets_the_retry_queued_for_its_time(
    receiver, endpoint_for, settings, clock, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    backend = send_delivery.get_backend()

    def queued():
        return [
            (result.args, result.task.run_after)
            for result in backend.results
            if result.task.module_path == send_delivery.module_path
        ]

    endpoint_for(receiver.url)
    emit_committed(django_capture_on_commit_callbacks, "case.opened", {"case": 6})
    (delivery,) = Delivery.objects.all()
    assert queued() == [([delivery.pk], None)]
    receiver.answers = [(500, 0)]

    assert services.attempt_delivery(delivery.pk) == "failed"

    delivery.refresh_from_db()
    assert delivery.next_attempt_at == clock() + timedelta(minutes=1)
    assert queued() == [([delivery.pk], None), ([delivery.pk], delivery.next_attempt_at)]
    # The scheduler leaves a retry its task will run to that task, and queues a lost one.
    clock(minutes=1)
    assert services.enqueue_due_deliveries(now=clock()) == 0
    clock(minutes=2)
    assert services.enqueue_due_deliveries(now=clock()) == 1
