import base64
import hashlib
import hmac
import re
import struct
import time

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth import get_user_model
from django.core import mail

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a-brand-new-passphrase-42"


def _link_in_last_email(pattern: str) -> str:
    body = mail.outbox[-1].body
    match = re.search(r"https?://[^/\s]+(" + pattern + r")", body)
    assert match, body
    return match.group(1)


def _totp_code(secret: str, at: float | None = None) -> str:
    """RFC 6238 code, computed independently of allauth."""
    counter = int((at or time.time()) // 30)
    digest = hmac.new(base64.b32decode(secret), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


def test_sign_up_then_verify_email_puts_a_verified_customer_in(client):
    response = client.post(
        "/en/account/signup/",
        {
            "email": "newcomer@example.com",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
            "display_name": "New Comer",
        },
    )
    assert response.status_code == 302
    user = get_user_model().objects.get(email="newcomer@example.com")
    assert user.display_name == "New Comer"
    assert user.preferred_language == "en"
    assert list(user.groups.values_list("name", flat=True)) == ["Customers"]
    assert not EmailAddress.objects.get(user=user).verified
    assert "_auth_user_id" not in client.session

    confirm_path = _link_in_last_email(r"/en/account/confirm-email/[^/\s]+/")
    assert client.get(confirm_path).status_code == 200
    response = client.post(confirm_path)
    assert response.status_code == 302
    assert EmailAddress.objects.get(user=user).verified
    assert client.session["_auth_user_id"] == str(user.pk)


def test_arabic_sign_up_rejects_blank_display_name_in_arabic(client):
    response = client.post(
        "/ar/account/signup/",
        {
            "email": "x@example.com",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
            "display_name": "\u200b\u200b  ",
        },
    )
    assert response.status_code == 200
    assert "لا يمكن ترك هذا الحقل فارغاً" in response.content.decode()
    assert not get_user_model().objects.filter(email="x@example.com").exists()


def test_unverified_user_cannot_log_in_and_gets_a_new_verification_email(client, unverified_user):
    response = client.post(
        "/en/account/login/", {"login": unverified_user.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    assert "confirm-email" in mail.outbox[-1].body


def test_verified_customer_logs_in_and_lands_on_their_language_home(client, customer):
    customer.preferred_language = "ar"
    customer.save()
    response = client.post("/en/account/login/", {"login": customer.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/ar/"
    assert client.session["_auth_user_id"] == str(customer.pk)


def test_password_reset_by_email_link(client, customer):
    client.post("/en/account/password/reset/", {"email": customer.email})
    reset_path = _link_in_last_email(r"/en/account/password/reset/key/[^/\s]+/")
    response = client.get(reset_path)
    assert response.status_code == 302
    set_path = response["Location"]
    response = client.post(set_path, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302
    customer.refresh_from_db()
    assert customer.check_password(NEW_PASSWORD)


def test_changing_email_takes_effect_after_verifying_the_new_address(client, customer):
    client.force_login(customer)
    response = client.post("/en/account/email/", {"action_add": "", "email": "moved@example.com"})
    assert response.status_code == 302
    customer.refresh_from_db()
    assert customer.email != "moved@example.com"
    confirm_path = _link_in_last_email(r"/en/account/confirm-email/[^/\s]+/")
    client.post(confirm_path)
    customer.refresh_from_db()
    assert customer.email == "moved@example.com"
    assert EmailAddress.objects.get(user=customer, primary=True).email == "moved@example.com"


def test_profile_edit_saves_and_shows_on_public_profile(client, customer):
    client.force_login(customer)
    response = client.post(
        "/en/account/profile/",
        {"display_name": "Layla M.", "bio": "I run a shop.", "preferred_language": "ar"},
    )
    assert response.status_code == 302
    profile = client.get(f"/en/users/{customer.pk}/")
    html = profile.content.decode()
    assert "Layla M." in html
    assert "I run a shop." in html
    assert customer.email not in html
    assert profile["X-Robots-Tag"] == "noindex"


def test_profile_escapes_markup_in_name_and_bio(client, customer):
    client.force_login(customer)
    client.post(
        "/en/account/profile/",
        {
            "display_name": "<script>x()</script>",
            "bio": "<img src=x onerror=y>",
            "preferred_language": "",
        },
    )
    html = client.get(f"/en/users/{customer.pk}/").content.decode()
    assert "<script>x()" not in html
    assert "&lt;script&gt;x()&lt;/script&gt;" in html
    assert "<img src=x" not in html


def test_profile_edit_needs_login(client):
    response = client.get("/en/account/profile/")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/account/login/")


def test_wagtail_admin_login_goes_through_allauth(client):
    response = client.get("/admin/login/?next=/admin/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/account/login/")
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/account/login/" in response["Location"]


def test_django_admin_login_goes_through_allauth(client):
    response = client.get("/django-admin/login/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302
    assert "/en/account/login/" in response["Location"]


def test_customer_cannot_enter_wagtail_admin(client, customer):
    client.force_login(customer)
    response = client.get("/admin/")
    assert response.status_code in (302, 403)
    assert response.status_code != 200


def test_staff_without_mfa_are_sent_to_set_it_up_when_required(client, settings, support_staff):
    settings.DALIL_STAFF_REQUIRE_MFA = True
    client.force_login(support_staff)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/account/2fa/totp/activate/" in response["Location"]


def test_staff_reach_admin_without_mfa_when_not_required(client, settings, support_staff):
    settings.DALIL_STAFF_REQUIRE_MFA = False
    client.force_login(support_staff)
    assert client.get("/admin/").status_code == 200


def test_staff_with_totp_log_in_with_a_code_and_reach_the_admin(client, settings, support_staff):
    settings.DALIL_STAFF_REQUIRE_MFA = True
    secret = base64.b32encode(b"dalil-test-secret-20").decode()
    TOTP.activate(support_staff, secret)

    response = client.post(
        "/en/account/login/", {"login": support_staff.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert "/account/2fa/authenticate/" in response["Location"]
    assert "_auth_user_id" not in client.session

    response = client.post("/en/account/2fa/authenticate/", {"code": "000000"})
    assert "_auth_user_id" not in client.session
    response = client.post("/en/account/2fa/authenticate/", {"code": _totp_code(secret)})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(support_staff.pk)
    assert client.get("/admin/").status_code == 200


def test_repeated_failed_logins_lock_the_account_out_for_a_while(client, customer):
    for _ in range(5):
        client.post("/en/account/login/", {"login": customer.email, "password": "wrong"})
    response = client.post("/en/account/login/", {"login": customer.email, "password": PASSWORD})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "Too many failed login attempts" in response.content.decode()


def test_signed_in_message_names_the_person_not_the_internal_username(client, customer):
    response = client.post(
        "/en/account/login/", {"login": customer.email, "password": PASSWORD}, follow=True
    )
    html = response.content.decode()
    assert "Successfully signed in as Layla Customer." in html
    assert customer.username not in html


def test_account_mail_greets_with_the_help_center_name_not_the_host(client, customer):
    client.post("/en/account/password/reset/", {"email": customer.email}, HTTP_HOST="localhost")
    body = mail.outbox[-1].body
    assert "Hello from Dalil help center!" in body
    assert "Hello from localhost" not in body and "http://localhost/en/account/" in body


def test_arabic_account_pages_use_the_header_wording_and_no_typos(client, unverified_user):
    signup = client.get("/ar/account/signup/").content.decode()
    assert re.search(r"<title>\s*إنشاء حساب", signup) and re.search(r"<h1>\s*إنشاء حساب", signup)
    assert "الاشتراك" not in signup
    client.post("/ar/account/login/", {"login": unverified_user.email, "password": PASSWORD})
    sent = client.get("/ar/account/confirm-email/").content.decode()
    assert "لم ترَ" in sent and "في غضون" in sent
    assert "لم ترى" not in sent and "لم تتلقى" not in sent and "في غضو " not in sent
