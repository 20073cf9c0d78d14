"""Confirming an email address from any browser."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client

pytestmark = pytest.mark.django_db

PASSWORD = "a-brand-new-passphrase-42"


def sign_up(language="en") -> str:
    """Sign up in one browser; returns the confirmation link's path from the email."""
    Client().post(
        f"/{language}/account/signup/",
        {
            "email": "newcomer@example.com",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "display_name": "New Comer",
        },
    )
    body = mail.outbox[-1].body
    return re.search(rf"https?://[^/\s]+(/{language}/account/confirm-email/[^/\s]+/)", body)[1]


def is_verified() -> bool:
    return EmailAddress.objects.get(email="newcomer@example.com").verified


@pytest.mark.parametrize(
    ("language", "confirmed"),
    [("en", "Your email address is confirmed"), ("ar", "تم تأكيد عنوان بريدك الإلكتروني")],
)
def test_link_opened_in_another_browser_says_the_address_is_confirmed_and_offers_log_in(
    language, confirmed
):
    confirm_path = sign_up(language)
    other_browser = Client()
    page = other_browser.get(confirm_path)
    assert page.status_code == 200 and not is_verified()
    response = other_browser.post(confirm_path, follow=True)
    assert is_verified()
    assert response.redirect_chain[-1][0] == f"/{language}/account/email/confirmed/"
    html = response.content.decode()
    assert f"<h1>{confirmed}</h1>" in html
    assert f'href="/{language}/account/login/"' in html
    assert "_auth_user_id" not in other_browser.session


def test_link_opened_while_logged_in_as_someone_else_confirms_the_newcomer_not_them(customer):
    confirm_path = sign_up()
    shared_browser = Client()
    shared_browser.force_login(customer)
    shared_browser.get(confirm_path)
    response = shared_browser.post(confirm_path, follow=True)
    assert is_verified()
    assert "Your email address is confirmed" in response.content.decode()
    assert "_auth_user_id" not in shared_browser.session


def test_unknown_confirmation_link_says_it_is_invalid_without_an_error(client):
    response = client.get("/en/account/confirm-email/not-a-real-key/")
    assert response.status_code == 200
    assert "expired or is invalid" in response.content.decode()


def test_signup_in_the_same_browser_still_logs_in_on_confirmation(client):
    client.post(
        "/en/account/signup/",
        {
            "email": "same@example.com",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "display_name": "Same Browser",
        },
    )
    path = re.search(r"https?://[^/\s]+(/en/account/confirm-email/[^/\s]+/)", mail.outbox[-1].body)[
        1
    ]
    client.post(path)
    user = get_user_model().objects.get(email="same@example.com")
    assert client.session["_auth_user_id"] == str(user.pk)
