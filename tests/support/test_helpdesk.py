"""The hand-off to an outside helpdesk, end to end: a real HTTP receiver on 127.0.0.1 gets each
case event signed with its endpoint's secret, and the helpdesk calls back, signed the same way,
to post the agent's reply and solve the case."""

import json
import time

import pytest
from django.urls import reverse

from support import actions
from support.models import Case
from tests.factories import UserFactory
from tests.webhooks.conftest import Receiver
from webhooks.services import create_endpoint
from webhooks.signing import signature

pytestmark = pytest.mark.django_db

CASE_EVENTS = ["case.opened", "case.assigned", "case.state_changed", "case.note_added"]


@pytest.fixture
def receiver(settings):
    settings.DALIL_WEBHOOKS_ALLOW_PRIVATE_TARGETS = True
    server = Receiver()
    server.thread.start()
    yield server
    server.server.shutdown()
    server.server.server_close()


@pytest.fixture
def helpdesk(receiver):
    owner = UserFactory(is_superuser=True, display_name="Integrations")
    endpoint, secret = create_endpoint(
        actor=owner, name="Helpdesk", url=receiver.url, events=CASE_EVENTS
    )
    return endpoint, secret


def signed_post(client, endpoint, secret, payload, *, timestamp=None):
    body = json.dumps(payload).encode()
    timestamp = str(timestamp or int(time.time()))
    return client.post(
        reverse("support_helpdesk_callback", args=[endpoint.pk]),
        body,
        content_type="application/json",
        HTTP_X_DALIL_TIMESTAMP=timestamp,
        HTTP_X_DALIL_SIGNATURE=signature(secret, timestamp, body),
    )


def test_case_events_reach_the_helpdesk_signed_and_without_private_details(
    ask, customer, support_staff, receiver, helpdesk, django_capture_on_commit_callbacks
):
    endpoint, secret = helpdesk
    question = ask()
    with django_capture_on_commit_callbacks(execute=True):
        case = actions.escalate(actor=support_staff, question=question)
    with django_capture_on_commit_callbacks(execute=True):
        actions.add_note(actor=customer, case=case, body="My account number is 7781-22.")
    events = [request["headers"]["X-Dalil-Event"] for request in receiver.requests]
    assert events == ["case.opened", "case.note_added"]
    first = receiver.requests[0]
    timestamp = first["headers"]["X-Dalil-Timestamp"]
    assert first["headers"]["X-Dalil-Signature"] == signature(secret, timestamp, first["body"])
    opened = receiver.json(0)["data"]
    assert opened["case"]["id"] == case.pk and opened["case"]["state"] == "new"
    assert opened["question"]["url"].endswith(question.get_absolute_url())
    assert "asker_email" not in opened
    assert "7781-22" not in receiver.requests[1]["body"].decode()


def test_a_trusted_helpdesk_gets_the_private_note_and_the_askers_address(
    ask, customer, support_staff, receiver, helpdesk, django_capture_on_commit_callbacks
):
    endpoint, _secret = helpdesk
    endpoint.trusted = True
    endpoint.save()
    with django_capture_on_commit_callbacks(execute=True):
        case = actions.escalate(actor=support_staff, question=ask())
        actions.add_note(actor=customer, case=case, body="My account number is 7781-22.")
    note = receiver.json(-1)["data"]
    assert note["note"] == "My account number is 7781-22."
    assert note["asker_email"] == customer.email


def test_the_helpdesk_posts_the_agents_reply_and_solves_the_case(
    client, ask, support_staff, receiver, helpdesk
):
    endpoint, secret = helpdesk
    case = actions.escalate(actor=support_staff, question=ask())
    actions.claim(actor=support_staff, case=case)
    reply = "We refunded the second charge; it shows on your account within two days."
    response = signed_post(
        client, endpoint, secret, {"case": case.pk, "state": "solved", "reply": reply}
    )
    assert response.status_code == 200, response.content
    case.refresh_from_db()
    assert case.state == "solved"
    answer = case.question.answers.get()
    assert answer.body == reply and answer.author == support_staff and answer.by_support_team
    assert response.json() == {"case": case.pk, "state": "solved", "answer": answer.pk}


def test_the_callback_refuses_bad_signatures_states_and_cases_and_changes_nothing(
    client, ask, support_staff, receiver, helpdesk
):
    endpoint, secret = helpdesk
    case = actions.escalate(actor=support_staff, question=ask())
    wrong = signed_post(client, endpoint, "not-the-secret", {"case": case.pk, "state": "solved"})
    assert wrong.status_code == 401 and wrong.json()["error"]["code"] == "bad_signature"
    old = signed_post(
        client, endpoint, secret, {"case": case.pk, "state": "solved"}, timestamp=1_000_000
    )
    assert old.status_code == 401
    assert (
        signed_post(client, endpoint, secret, {"case": case.pk, "state": "new"}).status_code == 400
    )
    assert signed_post(client, endpoint, secret, {"case": 999_999}).status_code == 422
    endpoint.active = False
    endpoint.save()
    off = signed_post(client, endpoint, secret, {"case": case.pk, "state": "solved"})
    assert off.status_code == 401 and off.json()["error"]["code"] == "unknown_endpoint"
    endpoint.active = True
    endpoint.save()
    assert signed_post(client, endpoint, secret, {"state": "solved"}).status_code == 400
    garbage = client.post(
        reverse("support_helpdesk_callback", args=[endpoint.pk]), "x", content_type="text/plain"
    )
    assert garbage.status_code == 401
    case.refresh_from_db()
    assert case.state == "new" and not case.question.answers.exists()
    assert Case.objects.count() == 1
