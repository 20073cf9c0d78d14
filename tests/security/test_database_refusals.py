"""A write the database refuses is a friendly 409/400, never a 500, and nothing is half-saved.

The views live in a test-only URLconf (`database_refusal_urls`); they write a row and then one
the database refuses, inside a transaction as services do. The rollback tests run in real
transactions (`transaction=True`), on SQLite and on PostgreSQL.
"""

import logging

import pytest
from django.db import IntegrityError, connection

from tests.moderation_testapp.models import Post

from .database_refusal_urls import FIRST_TITLE
from .payloads import assert_nothing_executes, visible_text

pytestmark = pytest.mark.urls("tests.security.database_refusal_urls")

CONFLICT_URL = "/refusal-test/conflict/"
INVALID_URL = "/refusal-test/invalid/"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "heading", "message"),
    [
        ("en", "Your change was not saved", "conflicts with something that was already saved"),
        ("ar", "لم يُحفظ تغييرك", "يتعارض مع شيء محفوظ من قبل"),
    ],
)
def test_a_constraint_conflict_is_a_translated_409_page(client, language, heading, message):
    response = client.post(CONFLICT_URL, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 409
    html = response.content.decode()
    assert f'<html lang="{language}"' in html
    text = visible_text(assert_nothing_executes(html))
    assert heading in text and message in text
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "some of the data was not valid"),
        ("ar", "بعض البيانات غير صالحة"),
    ],
)
def test_invalid_data_is_a_translated_400_page(client, language, message):
    response = client.post(f"{INVALID_URL}?value=long", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 400
    assert message in visible_text(assert_nothing_executes(response.content.decode()))


@pytest.mark.django_db
def test_json_requests_get_a_json_error(client):
    response = client.post(CONFLICT_URL, HTTP_ACCEPT="application/json", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 409
    assert response["Content-Type"] == "application/json"
    assert "conflicts with something that was already saved" in response.json()["error"]
    response = client.post(
        f"{INVALID_URL}?value=nul", HTTP_ACCEPT="application/json", HTTP_ACCEPT_LANGUAGE="ar"
    )
    assert response.status_code == 400
    assert "بعض البيانات غير صالحة" in response.json()["error"]


@pytest.mark.django_db
def test_the_refusal_is_logged_for_operators(client, caplog):
    with caplog.at_level(logging.WARNING, logger="dalil.database"):
        client.post(CONFLICT_URL)
    [record] = [r for r in caplog.records if r.name == "dalil.database"]
    assert record.levelno == logging.WARNING
    assert "POST /refusal-test/conflict/" in record.getMessage()
    assert isinstance(record.exc_info[1], IntegrityError)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    "url", [CONFLICT_URL, f"{INVALID_URL}?value=long", f"{INVALID_URL}?value=nul"]
)
def test_the_row_written_before_the_refusal_is_not_in_the_database(client, url):
    response = client.post(url)
    assert response.status_code in (400, 409)
    assert not Post.objects.filter(title=FIRST_TITLE).exists()


@pytest.mark.django_db(transaction=True)
def test_with_atomic_requests_on_the_handler_still_answers_and_nothing_is_saved(client):
    """Dalil runs with ATOMIC_REQUESTS off (services are atomic); if it is ever switched on, the
    request's transaction has rolled back before the handler runs, and the answer is the same."""
    settings_dict = connection.settings_dict
    original, settings_dict["ATOMIC_REQUESTS"] = settings_dict["ATOMIC_REQUESTS"], True
    try:
        response = client.post("/refusal-test/unwrapped/")
    finally:
        settings_dict["ATOMIC_REQUESTS"] = original
    assert response.status_code == 409
    assert not Post.objects.exists()


@pytest.mark.django_db
def test_the_admin_keeps_djangos_own_error_handling(client):
    with pytest.raises(IntegrityError):
        client.post(f"/admin{CONFLICT_URL}")
