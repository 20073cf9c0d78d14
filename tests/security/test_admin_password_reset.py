"""One password reset, with one set of limits (issue 17, item 8).

Wagtail's own reset form (`/admin/password_reset/`) sent 8 mails in a row to a customer's address,
outside allauth's rate limits. It is switched off; its addresses lead to allauth's reset, whose
limits (ACCOUNT_RATE_LIMITS["reset_password"]: 5 a minute per address) hold.
"""

import pytest
from django.core import mail
from django.test import Client

pytestmark = pytest.mark.django_db

WAGTAIL_RESET_PATHS = [
    "/admin/password_reset/",
    "/admin/password_reset/done/",
    "/admin/password_reset/confirm/MQ/set-password/",
    "/admin/password_reset/complete/",
]


def test_wagtails_reset_form_sends_nothing_however_often_it_is_posted(customer):
    client = Client()
    for _ in range(8):
        response = client.post("/admin/password_reset/", {"email": customer.email})
        assert response.status_code == 302
        assert response["Location"] == "/ar/account/password/reset/"
    assert mail.outbox == []


@pytest.mark.parametrize("path", WAGTAIL_RESET_PATHS)
def test_every_address_of_wagtails_reset_leads_to_the_sites_own(path):
    response = Client().get(path, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302
    assert response["Location"] == "/en/account/password/reset/"


def test_the_sites_reset_is_limited_per_address(customer):
    client = Client()
    statuses = [
        client.post("/en/account/password/reset/", {"email": customer.email}).status_code
        for _ in range(8)
    ]
    assert len(mail.outbox) <= 5
    assert statuses.count(429) >= 3
    assert all(customer.email in message.to for message in mail.outbox)


def test_the_admin_login_page_offers_no_reset_of_its_own(client):
    response = client.get("/admin/login/", follow=True)
    html = response.content.decode()
    assert "/admin/password_reset/" not in html
    assert "/account/password/reset/" in html
