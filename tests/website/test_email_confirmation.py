"""Confirming an email address from any browser, and asking for the link again."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client

from forum.services import create_question
from tests.factories import UserFactory

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


@pytest.fixture
def question(customer, established_members):
    return create_question(
        actor=customer,
        title="Fibre internet drops every evening",
        body="My home fibre drops every evening around eight. What should I check first?",
        language="en",
    )


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


def test_unverified_member_sends_the_confirmation_email_again_from_a_thread(
    client, unverified_user, question
):
    client.force_login(unverified_user)
    thread = client.get(question.get_absolute_url()).content.decode()
    assert "Confirm your email address to answer." in thread
    assert "Send the confirmation email again" in thread
    response = client.post(
        "/en/account/email/send-again/", {"next": question.get_absolute_url()}, follow=True
    )
    assert response.redirect_chain[-1][0] == question.get_absolute_url()
    assert (
        f"Confirmation email sent to \u2068{unverified_user.email}\u2069."
        in response.content.decode()
    )
    assert mail.outbox[-1].to == [unverified_user.email]
    assert "/en/account/confirm-email/" in mail.outbox[-1].body


def test_asking_again_too_soon_sends_nothing_and_says_so_in_arabic(client, unverified_user):
    client.force_login(unverified_user)
    response = client.post("/ar/account/email/send-again/", follow=True)
    assert (
        f"أرسلنا رسالة التأكيد إلى \u2068{unverified_user.email}\u2069."
        in response.content.decode()
    )
    assert len(mail.outbox) == 1
    response = client.post("/ar/account/email/send-again/", follow=True)
    assert len(mail.outbox) == 1  # allauth's confirm_email limit: one per three minutes
    assert response.redirect_chain[-1][0] == "/ar/account/email/"
    assert "أرسلنا إليك رسالة تأكيد قبل دقائق" in response.content.decode()


def test_account_email_page_offers_to_send_the_confirmation_again(client, unverified_user):
    client.force_login(unverified_user)
    html = client.get("/ar/account/email/").content.decode()
    assert "أرسل رسالة التأكيد مرة أخرى" in html
    assert 'action="/ar/account/email/send-again/"' in html


def test_confirmed_member_asking_again_hears_it_is_already_confirmed(client, customer):
    client.force_login(customer)
    response = client.post("/en/account/email/send-again/", follow=True)
    assert "Your email address is already confirmed." in response.content.decode()
    assert mail.outbox == []


def test_sending_again_needs_a_log_in_and_a_post(client, unverified_user):
    response = client.post("/en/account/email/send-again/")
    assert response.status_code == 302 and "/account/login/" in response["Location"]
    client.force_login(unverified_user)
    assert client.get("/en/account/email/send-again/").status_code == 405


def test_next_address_elsewhere_is_ignored(client, unverified_user):
    client.force_login(unverified_user)
    response = client.post("/en/account/email/send-again/", {"next": "https://evil.example/"})
    assert response["Location"] == "/en/account/email/"


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


def test_verified_member_is_not_offered_a_new_confirmation_email(client, question):
    client.force_login(UserFactory())
    assert (
        "Send the confirmation email again"
        not in client.get(question.get_absolute_url()).content.decode()
    )
