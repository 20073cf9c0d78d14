"""A moderator without two-factor authentication uses the site as a customer, is told so on
every page, sets up an authenticator app from the prompt and gets the moderator tools back."""

import base64
import hashlib
import hmac
import os
import struct
import time
from pathlib import Path

import pytest

from forum import services
from forum.models import PostStatus
from tests.factories import PASSWORD, ModeratorFactory, UserFactory

SHOTS = Path(os.environ.get("DALIL_SHOTS", "/tmp/shots-hsite"))
TEXT = {
    "en": {
        "prompt": "Your staff rights are paused until you set up two-factor authentication",
        "link": "Set up two-factor authentication",
        "tools": "Moderator tools",
        "password": "Confirm",
        "activate": "Activate",
    },
    "ar": {
        "prompt": "صلاحيات فريق العمل في حسابك موقوفة حتى تفعّل المصادقة الثنائية",
        "link": "فعّل المصادقة الثنائية",
        "tools": "أدوات الإشراف",
        "password": "تأكيد",
        "activate": "تفعيل",
    },
}
HIDDEN_ANSWER = "Buy another provider's router instead, this one is useless."


def totp_code(secret: str) -> str:
    padded = secret + "=" * (-len(secret) % 8)
    counter = int(time.time() // 30)
    digest = hmac.new(base64.b32decode(padded), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


@pytest.fixture
def staff_thread(settings, django_capture_on_commit_callbacks):
    settings.DALIL_TRUST_LEVEL1_POSTS = 0
    settings.DALIL_TRUST_LEVEL1_DAYS = 0
    settings.DALIL_RATE_LIMITS = {}
    settings.DALIL_MAX_CHARS_PER_SECOND = 10**9
    asker = UserFactory(display_name="Layla Customer")
    helper = UserFactory(display_name="James Customer")
    with django_capture_on_commit_callbacks(execute=True):
        question = services.create_question(
            actor=asker,
            title="Fibre internet drops every evening",
            body="My home fibre drops every evening around eight. What should I check first?",
            language="en",
        )
        services.create_answer(
            actor=helper,
            question=question,
            body="Restart the router first, then call us if the line stays down.",
        )
        hidden = services.create_answer(actor=helper, question=question, body=HIDDEN_ANSWER)
        moderator = ModeratorFactory(display_name="Sami Moderator")
        services.set_post_status(post=hidden, new_status=PostStatus.HIDDEN, actor=moderator)
    # The moderator has no second factor: from here on their staff powers are paused.
    settings.DALIL_STAFF_REQUIRE_MFA = True
    return question, moderator


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_moderator_without_mfa_acts_as_a_customer_until_setting_it_up(
    sized_journey, staff_thread, language, viewport
):
    question, moderator = staff_thread
    moderator.preferred_language = language  # logging in lands on the home page in it
    moderator.save()
    text = TEXT[language]
    name = f"{language}-{viewport}"
    SHOTS.mkdir(parents=True, exist_ok=True)
    journey = sized_journey
    page = journey.page
    thread_path = journey.thread_path(question, language)

    with journey.step("log in without a second factor and see the prompt"):
        journey.log_in(moderator.email, PASSWORD, language=language)
        journey.assert_direction(language)
        prompt = page.locator("#staff-mfa-prompt")
        assert prompt.is_visible() and text["prompt"] in prompt.inner_text()
        page.screenshot(path=str(SHOTS / f"mfa-prompt-home-{name}.png"), full_page=False)
        journey.assert_accessible()

    with journey.step("the thread shows what a customer sees"):
        journey.goto(thread_path)
        assert page.locator("#staff-mfa-prompt").is_visible()
        assert page.get_by_text(text["tools"]).count() == 0
        assert page.get_by_text(HIDDEN_ANSWER).count() == 0
        page.screenshot(path=str(SHOTS / f"mfa-thread-without-{name}.png"), full_page=True)
        if name == "en-desktop":
            journey.screenshot("staff-mfa-prompt-en", full_page=False)

    with journey.step("follow the prompt, confirm the password, scan the secret"):
        page.locator("#staff-mfa-prompt").get_by_role("link", name=text["link"]).click()
        page.wait_for_load_state()
        if "/account/reauthenticate/" in page.url:
            page.fill("input[name=password]", PASSWORD)
            page.locator("main form button[type=submit]").click()
            page.wait_for_load_state()
        assert f"/{language}/account/2fa/totp/activate/" in page.url
        assert page.locator("#staff-mfa-prompt").count() == 0
        secret = page.locator("#authenticator_secret").input_value()
        page.screenshot(path=str(SHOTS / f"mfa-activate-{name}.png"), full_page=True)
        page.fill("input[name=code]", totp_code(secret))
        page.locator("main form button[type=submit]").click()
        page.wait_for_load_state()

    with journey.step("back on the thread with the moderator's tools and hidden posts"):
        journey.goto(thread_path)
        assert page.locator("#staff-mfa-prompt").count() == 0
        assert page.get_by_text(text["tools"]).first.is_visible()
        assert page.get_by_text(HIDDEN_ANSWER).count() == 1
        page.screenshot(path=str(SHOTS / f"mfa-thread-with-{name}.png"), full_page=True)
        journey.assert_accessible()
