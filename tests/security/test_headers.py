"""Security headers on public pages (production cookie flags and `check --deploy` are tested
in tests/website/test_settings.py)."""

import pytest
from django.urls import reverse

from tests.factories import PASSWORD

THIRD_PARTY_FREE = ("default-src", "script-src", "style-src", "connect-src", "font-src", "img-src")


def directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    parsed = {}
    for part in policy.split(";"):
        name, *values = part.split()
        parsed[name] = values
    return parsed


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["forum:question_list", "search:results", "account_login"])
def test_public_pages_allow_only_this_sites_scripts_and_cannot_be_framed(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    policy = directives(response)
    script_sources = policy["script-src"]
    assert "'unsafe-inline'" not in script_sources and "'unsafe-eval'" not in script_sources
    assert [s for s in script_sources if s.startswith("'nonce-")]
    for directive in THIRD_PARTY_FREE:
        for source in policy.get(directive, []):
            assert not source.startswith(("http:", "https:", "*")), (directive, source)
            assert "." not in source.strip("'"), (directive, source)
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] in ("same-origin", "strict-origin-when-cross-origin")


@pytest.mark.django_db
def test_every_response_gets_a_fresh_nonce(client):
    first = directives(client.get(reverse("forum:question_list")))["script-src"]
    second = directives(client.get(reverse("forum:question_list")))["script-src"]
    assert first != second


@pytest.mark.django_db
def test_session_and_csrf_cookies_are_not_readable_by_scripts(client, customer, settings):
    assert settings.SESSION_COOKIE_HTTPONLY is True
    response = client.post(
        reverse("account_login"), {"login": customer.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response.cookies[settings.SESSION_COOKIE_NAME]["httponly"]
