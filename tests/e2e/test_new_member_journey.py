"""A new customer's account and notifications in a real browser, English and Arabic, desktop
and phone:

1. the confirmation link opened in another browser confirms the address and offers log-in;
2. a logged-in member whose address is unconfirmed sends the confirmation email again;
3. a member gets an answer to their question: the header counts it, the notifications page
   says it, opening it goes to the answer and the count drops.
"""

import re
from pathlib import Path
from urllib.parse import unquote

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.test import Client

from forum import services as forum_services
from tests.e2e.conftest import DESKTOP, PHONE
from tests.factories import PASSWORD, UserFactory

SHOTS = Path("/tmp/shots-accounts")
SIZES = {"desktop": DESKTOP, "phone": PHONE}
NEW_PASSWORD = "a-long-browser-passphrase-7"
TEXT = {
    "en": {
        "confirmed": "Your email address is confirmed",
        "log_in": "Log in",
        "send_again": "Send the confirmation email again",
        "sent": "Confirmation email sent to",
        "too_soon": "We sent you a confirmation email a few minutes ago",
        "one_unread": "1 unread notification",
        "new_answer": "There is a new answer to",
        "see": "See the post",
    },
    "ar": {
        "confirmed": "تم تأكيد عنوان بريدك الإلكتروني",
        "log_in": "تسجيل الدخول",
        "send_again": "أرسل رسالة التأكيد مرة أخرى",
        "sent": "أرسلنا رسالة التأكيد إلى",
        "too_soon": "أرسلنا إليك رسالة تأكيد قبل دقائق",
        "one_unread": "إشعار واحد غير مقروء",
        "new_answer": "توجد إجابة جديدة عن",
        "see": "عرض المشاركة",
    },
}
CASES = [(language, size) for language in ("en", "ar") for size in ("desktop", "phone")]


def _shoot(page, name: str):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _no_sideways_scroll(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"{page.url} scrolls sideways ({width}px)"


def _log_in_as(page, live_server, user):
    """Put an existing session in the browser: an unconfirmed member cannot pass the login form
    (verification is mandatory), but may already be logged in, e.g. from before a change."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": django_settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
    )


def _question(asker, language: str):
    title = {"en": "Can I keep my number on a new plan?", "ar": "هل أحتفظ برقمي في باقة جديدة؟"}
    body = {
        "en": "I want to move to the unlimited plan. Will my phone number stay the same?",
        "ar": "أريد الانتقال إلى الباقة غير المحدودة. هل يبقى رقم هاتفي كما هو؟",
    }
    return forum_services.create_question(
        actor=asker, title=title[language], body=body[language], language=language
    )


@pytest.mark.parametrize(("language", "size"), CASES)
def test_confirmation_link_opened_in_another_browser_confirms_and_offers_log_in(
    journey, browser, language, size
):
    page = journey.page
    page.set_viewport_size(SIZES[size])
    email = f"elsewhere-{language}-{size}@example.com"
    with journey.step("sign up in the first browser"):
        journey.goto(f"/{language}/account/signup/")
        page.fill("input[name=email]", email)
        page.fill("input[name=display_name]", "Elsewhere Person")
        page.fill("input[name=password1]", NEW_PASSWORD)
        page.fill("input[name=password2]", NEW_PASSWORD)
        page.locator("main form button[type=submit]").click()
        page.wait_for_url(re.compile("/account/confirm-email/"))
        link = re.search(r"https?://\S+/account/confirm-email/\S+/", mail.outbox[-1].body)[0]
    other = browser.new_context(
        viewport=SIZES[size], locale="ar-EG" if language == "ar" else "en-GB"
    )
    try:
        phone_mail_app = other.new_page()
        with journey.step("open the link in another browser and confirm"):
            phone_mail_app.goto(link)
            phone_mail_app.locator("main form button[type=submit]").click()
            phone_mail_app.wait_for_url(re.compile(f"/{language}/account/email/confirmed/"))
        with journey.step("the page says so and offers log-in"):
            heading = phone_mail_app.get_by_role("heading", level=1)
            assert heading.inner_text() == TEXT[language]["confirmed"]
            assert phone_mail_app.locator("html").get_attribute("lang") == language
            _no_sideways_scroll(phone_mail_app)
            _shoot(phone_mail_app, f"email-confirmed-{language}-{size}")
            phone_mail_app.locator("main").get_by_role(
                "link", name=TEXT[language]["log_in"]
            ).click()
        with journey.step("log in there with the new account"):
            phone_mail_app.fill("input[name=login]", email)
            phone_mail_app.fill("input[name=password]", NEW_PASSWORD)
            phone_mail_app.locator("main form button[type=submit]").click()
            phone_mail_app.wait_for_load_state()
            assert "/account/login/" not in phone_mail_app.url
            assert phone_mail_app.locator("header").get_by_text("Elsewhere Person").is_visible()
    finally:
        other.close()


@pytest.mark.parametrize(("language", "size"), CASES)
def test_unconfirmed_member_sends_the_confirmation_email_again(
    journey, live_server, established_members, language, size
):
    page = journey.page
    page.set_viewport_size(SIZES[size])
    question = _question(UserFactory(), language)
    member = UserFactory(
        email=f"unconfirmed-{language}-{size}@example.com",
        verified=False,
        preferred_language=language,
    )
    _log_in_as(page, live_server, member)
    with journey.step("the thread asks to confirm the address and offers the email again"):
        journey.goto(journey.thread_path(question, language))
        journey.assert_direction(language)
        button = page.get_by_role("button", name=TEXT[language]["send_again"])
        assert button.is_visible()
        _no_sideways_scroll(page)
    with journey.step("send it again: a new link arrives and the page says so"):
        sent_before = len(mail.outbox)
        button.click()
        page.wait_for_load_state()
        assert unquote(page.url).endswith(journey.thread_path(question, language))
        assert TEXT[language]["sent"] in page.locator(".messages").inner_text()
        assert len(mail.outbox) == sent_before + 1 and mail.outbox[-1].to == [member.email]
        journey.assert_accessible()
        _shoot(page, f"send-again-{language}-{size}")
    with journey.step("asking again at once sends nothing and says why"):
        page.get_by_role("button", name=TEXT[language]["send_again"]).click()
        page.wait_for_load_state()
        assert TEXT[language]["too_soon"] in page.locator(".messages").inner_text()
        assert len(mail.outbox) == sent_before + 1
    with journey.step("the account's email page offers it too"):
        journey.goto(f"/{language}/account/email/")
        assert page.get_by_role("button", name=TEXT[language]["send_again"]).is_visible()
        _no_sideways_scroll(page)
        _shoot(page, f"account-email-{language}-{size}")


@pytest.mark.parametrize(("language", "size"), CASES)
def test_member_sees_an_answer_in_the_header_count_and_opens_it(
    journey, established_members, language, size
):
    page = journey.page
    page.set_viewport_size(SIZES[size])
    asker = UserFactory(
        email=f"asker-{language}-{size}@example.com",
        display_name="عبد الرحمن المطيري" if language == "ar" else "Abdulrahman Al-Mutairi",
        preferred_language=language,
    )
    question = _question(asker, language)
    answer = forum_services.create_answer(
        actor=UserFactory(),
        question=question,
        body="Yes: your number moves with you. Choose the new plan in the app; nothing changes.",
    )
    journey.log_in(asker.email, PASSWORD, language=language)
    bell = page.locator("header .notifications-link")
    with journey.step("the header counts one unread notification"):
        journey.goto(f"/{language}/")
        journey.assert_direction(language)
        named = page.locator("header").get_by_role("link", name=TEXT[language]["one_unread"])
        assert named.count() == 1  # its accessible name says how many are unread
        assert bell.locator(".notifications-link__count").inner_text() == "1"
        _no_sideways_scroll(page)
        header = page.locator("header").bounding_box()
        assert header["x"] + header["width"] <= page.viewport_size["width"]
        _shoot(page, f"header-count-{language}-{size}")
    with journey.step("the notifications page says what happened, in the reader's language"):
        bell.click()
        page.wait_for_url(re.compile(f"/{language}/moderation/notifications/"))
        notice = page.locator(".moderation-notifications li").first
        assert TEXT[language]["new_answer"] in notice.inner_text()
        assert question.title in notice.inner_text()
        journey.assert_accessible()
        _no_sideways_scroll(page)
        _shoot(page, f"notifications-{language}-{size}")
    with journey.step("opening it goes to the answer and the count drops"):
        notice.get_by_role("link", name=TEXT[language]["see"]).click()
        page.wait_for_url(re.compile(rf"/questions/{question.pk}/[^#]*#answer-{answer.pk}$"))
        assert bell.locator(".notifications-link__count").count() == 0
        assert page.locator("header .notifications-link__unread").count() == 0
