"""Following a tag in a real browser, English and Arabic, desktop and phone: a member follows a
tag from its list of questions, another member asks in it, the first sees the header count, opens
the notifications page, marks the notice read and turns that kind's email off."""

import re

import pytest

from forum import services as forum_services
from tests.e2e.conftest import DESKTOP, PHONE
from tests.factories import PASSWORD, UserFactory

SIZES = {"desktop": DESKTOP, "phone": PHONE}
TEXT = {
    "en": {
        "follow": "Follow tag roaming",
        "unfollow": "Unfollow tag roaming",
        "followed": "You now follow this tag",
        "new_question": "A new question was asked in a tag or category you follow",
        "mark_read": "Mark as read",
        "choices": "Email choices",
        "saved": "Your email choices were saved.",
        "title": "Does roaming work in Jordan on the prepaid plan?",
    },
    "ar": {
        "follow": "متابعة الوسم roaming",
        "unfollow": "إلغاء متابعة الوسم roaming",
        "followed": "أصبحت تتابع هذا الوسم",
        "new_question": "طُرح سؤال جديد في وسم أو فئة تتابعها",
        "mark_read": "تعليم كمقروء",
        "choices": "خيارات البريد",
        "saved": "حُفظت خيارات بريدك.",
        "title": "هل يعمل التجوال في الأردن على الباقة المسبقة الدفع؟",
    },
}
CASES = [(language, size) for language in ("en", "ar") for size in ("desktop", "phone")]


def _no_sideways_scroll(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"{page.url} scrolls sideways ({width}px)"


def _ask(asker, title: str, language: str):
    body = {
        "en": "I travel next week and want to keep using data. Do I need to turn anything on?",
        "ar": "أسافر الأسبوع القادم وأريد استخدام البيانات. هل علي تفعيل شيء قبل السفر؟",
    }
    return forum_services.create_question(
        actor=asker, title=title, body=body[language], language=language, tags="roaming"
    )


@pytest.mark.parametrize(("language", "size"), CASES)
def test_member_follows_a_tag_hears_of_a_new_question_and_marks_it_read(
    journey, established_members, language, size
):
    page = journey.page
    page.set_viewport_size(SIZES[size])
    asker = UserFactory(email=f"asker-{language}-{size}@example.com", preferred_language=language)
    _ask(asker, "Roaming charges on the postpaid plan", "en")  # the tag exists
    follower = UserFactory(
        email=f"follower-{language}-{size}@example.com",
        display_name="ليلى منصور" if language == "ar" else "Layla Mansour",
        preferred_language=language,
    )
    journey.log_in(follower.email, PASSWORD, language=language)
    bell = page.locator("header .notifications-link")

    with journey.step("follow the tag from its list of questions"):
        journey.goto(f"/{language}/questions/?tag=roaming")
        journey.assert_direction(language)
        page.get_by_role("button", name=TEXT[language]["follow"]).click()
        page.wait_for_load_state()
        assert TEXT[language]["followed"] in page.locator(".messages").inner_text()
        assert page.get_by_role("button", name=TEXT[language]["unfollow"]).count() == 1
        _no_sideways_scroll(page)

    with journey.step("another member asks in the tag; the header counts it"):
        question = _ask(asker, TEXT[language]["title"], language)
        journey.goto(f"/{language}/")
        assert bell.locator(".notifications-link__count").inner_text() == "1"
        _no_sideways_scroll(page)

    with journey.step("the notifications page says what happened and links to the question"):
        bell.click()
        page.wait_for_url(re.compile(f"/{language}/moderation/notifications/"))
        notice = page.locator(".moderation-notifications li").first
        assert TEXT[language]["new_question"] in notice.inner_text()
        assert question.title in notice.inner_text()
        journey.assert_accessible()
        _no_sideways_scroll(page)

    with journey.step("mark it read: the count goes"):
        notice.get_by_role("button", name=TEXT[language]["mark_read"]).click()
        page.wait_for_load_state()
        assert page.locator(".moderation-notification--unread").count() == 0
        assert bell.locator(".notifications-link__count").count() == 0

    with journey.step("turn the daily email about followed tags off"):
        page.get_by_role("link", name=TEXT[language]["choices"]).click()
        page.locator("input[name=new_question][value=off]").check()
        page.locator("main form button[type=submit]").click()
        page.wait_for_load_state()
        assert TEXT[language]["saved"] in page.locator(".messages").inner_text()
        assert page.locator("input[name=new_question][value=off]").is_checked()
        journey.assert_accessible()
        _no_sideways_scroll(page)
