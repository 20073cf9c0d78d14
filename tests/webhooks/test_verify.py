import time

import pytest
from django.test import RequestFactory

import webhooks
from webhooks.signing import signature

SECRET = "callback-secret"
BODY = b'{"ticket":"HD-1","status":"solved"}'


def callback(*, body=BODY, timestamp=None, age=0, secret=SECRET, sign=True):
    timestamp = str(int(time.time()) - age if timestamp is None else timestamp)
    headers = {"X-Dalil-Timestamp": timestamp}
    if sign:
        headers["X-Dalil-Signature"] = signature(secret, timestamp, body)
    return RequestFactory().post(
        "/hooks/helpdesk/", data=body, content_type="application/json", headers=headers
    )


def test_a_correctly_signed_callback_gives_its_body():
    assert webhooks.verify(callback(), secret=SECRET) == BODY


@pytest.mark.parametrize(
    ("request_kwargs", "message"),
    [
        ({"secret": "another-secret"}, "does not match"),
        ({"age": 301}, "outside the accepted window"),
        ({"age": -301}, "outside the accepted window"),
        ({"timestamp": "12.5"}, "not a unix time"),
        ({"sign": False}, "not signed"),
    ],
)
def test_a_wrong_or_stale_callback_is_refused(request_kwargs, message):
    with pytest.raises(webhooks.InvalidSignature, match=message):
        webhooks.verify(callback(**request_kwargs), secret=SECRET)


def test_a_changed_body_is_refused():
    request = callback()
    request._body = BODY.replace(b"solved", b"reopened")
    with pytest.raises(webhooks.InvalidSignature, match="does not match"):
        webhooks.verify(request, secret=SECRET)


def test_the_window_is_the_callers_choice():
    request = callback(age=600)
    assert webhooks.verify(request, secret=SECRET, tolerance=900) == BODY
