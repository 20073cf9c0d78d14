import json

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django.utils import timezone

from moderation.middleware import ModerationRefusalMiddleware
from moderation.posting import RateLimited, Suspended

pytestmark = pytest.mark.django_db


def middleware():
    return ModerationRefusalMiddleware(lambda request: None)


def request(accept="text/html"):
    req = RequestFactory().post("/en/questions/ask/", HTTP_ACCEPT=accept)
    req.user = AnonymousUser()
    return req


def test_a_rate_limit_raised_in_a_view_becomes_a_429_json_answer():
    response = middleware().process_exception(
        request("application/json"), RateLimited(action="answer", retry_after=90)
    )
    assert response.status_code == 429 and response["Retry-After"] == "90"
    assert json.loads(response.content) == {
        "error": "You are doing that too often. You may try again in 2 minutes.",
        "retry_after": 90,
    }


def test_a_rate_limit_becomes_a_page_for_browsers():
    response = middleware().process_exception(
        request(), RateLimited(action="question", retry_after=600)
    )
    assert response.status_code == 429
    assert "10 minutes" in response.content.decode()


def test_a_suspension_becomes_a_403_page():
    until = timezone.now() + timezone.timedelta(days=2)
    response = middleware().process_exception(request(), Suspended(until=until))
    assert response.status_code == 403 and "suspended until" in response.content.decode()


def test_other_exceptions_are_left_alone():
    assert middleware().process_exception(request(), ValueError("boom")) is None
