"""Moderators and support staff in the Wagtail admin (issue 18), in English and Arabic: the
dashboard counts lead to the queue, select-all drives a bulk decision, the audit log is
filtered by a moderator's name, the Arabic queue has no English labels, every avatar loads, and
on a phone every queue column can be scrolled to."""

import os
import re
from pathlib import Path

import pytest

from forum import services as forum
from forum.models import Category, PostStatus
from moderation.models import ReviewItem
from tests.factories import PASSWORD, ModeratorFactory, UserFactory

SHOTS = Path(os.environ.get("DALIL_SHOTS", "/tmp/shots-staff"))
TEXT = {
    "en": {
        "panel": "Waiting for you",
        "pending": "2 posts awaiting review",
        "flags": "0 open flags",
        "decided": "2 items decided.",
        "category": "Internet and fibre",
        "speed": "characters a second",
    },
    "ar": {
        "panel": "بانتظارك",
        "pending": "مشاركتان بانتظار المراجعة",
        "flags": "لا بلاغات مفتوحة",
        "decided": "اتُّخذ القرار في عنصرين.",
        "category": "الإنترنت والألياف",
        "speed": "حرفًا في الثانية",
    },
}
# English words the Arabic queue used to show next to its controls.
ENGLISH = ["Template", "Action:", "characters a second", "pending", "Reason:", "internet-fibre"]


def _speak(person, language):
    from wagtail.users.models import UserProfile

    person.preferred_language = language
    person.save()
    profile = UserProfile.get_for_user(person)
    profile.preferred_language = language
    profile.save()


@pytest.fixture
def two_pending(settings):
    """Two new members' questions waiting for review, one typed too fast, in a category."""
    settings.DALIL_RATE_LIMITS = {}
    settings.DALIL_MAX_CHARS_PER_SECOND = 5
    category = Category.objects.create(
        slug="internet-fibre", name_en="Internet and fibre", name_ar="الإنترنت والألياف"
    )
    moderator = ModeratorFactory(display_name="Sami Moderator")
    posts = [
        forum.create_question(
            actor=UserFactory(display_name=name),
            title=title,
            body=body,
            language="en",
            category=category,
            posted_after_seconds=1,
        )
        for name, title, body in [
            ("Layla", "Fibre drops every evening", "My fibre drops at eight every evening."),
            ("Karim", "Router lights blink red", "The router blinks red after the storm."),
        ]
    ]
    assert all(post.status == PostStatus.PENDING for post in posts)
    return moderator, posts


def _assert_avatars_load(page):
    broken = page.evaluate(
        "() => [...document.images].filter(i => !(i.complete && i.naturalWidth > 0))"
        ".map(i => i.src)"
    )
    assert not broken, broken


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_moderator_follows_the_dashboard_count_and_decides_all_at_once(
    sized_journey, two_pending, language
):
    moderator, posts = two_pending
    _speak(moderator, language)
    text = TEXT[language]
    journey, page = sized_journey, sized_journey.page
    SHOTS.mkdir(parents=True, exist_ok=True)

    with journey.step("the dashboard counts the queue"):
        journey.log_in(moderator.email, PASSWORD, language=language)
        journey.goto("/admin/")
        page.wait_for_load_state("networkidle")
        journey.assert_direction(language)
        panel = page.locator("#queue-counts-section")
        assert text["panel"] in panel.inner_text()
        assert text["flags"] in panel.inner_text()
        _assert_avatars_load(page)
        page.screenshot(path=str(SHOTS / f"dashboard-{language}.png"), full_page=True)

    with journey.step("the pending count opens the queue"):
        panel.get_by_role("link", name=text["pending"]).click()
        page.wait_for_url(re.compile(r"/admin/moderation/\?kind=pending$"))
        page.wait_for_load_state("networkidle")
        _assert_avatars_load(page)

    with journey.step("no English label in the queue, categories by name, speed in words"):
        main = page.locator("main").inner_text()
        assert text["category"] in main and text["speed"] in main
        if language == "ar":
            for word in ENGLISH:
                assert word not in main, word
        for label in page.locator("main form label[for]").all():
            target = label.get_attribute("for")
            assert page.locator(f"#{target}").count() == 1, target
        page.screenshot(path=str(SHOTS / f"queue-{language}.png"), full_page=True)

    with journey.step("select all with the keyboard, then approve"):
        journey.tab_to("#select-all")
        page.keyboard.press("Space")
        rows = page.locator("input[name=items]")
        assert rows.count() == 2 and all(box.is_checked() for box in rows.all())
        rows.first.uncheck()
        assert page.evaluate("document.querySelector('#select-all').indeterminate")
        page.locator("#select-all").check()
        page.screenshot(path=str(SHOTS / f"queue-selected-{language}.png"), full_page=True)
        page.locator("button[name=action][value=approve]").click()
        page.wait_for_load_state()
        assert text["decided"] in page.locator(".messages").inner_text()
        for post in posts:
            assert ReviewItem.objects.for_target(post).latest("pk").status == "approved"

    with journey.step("the audit log filtered by the moderator's name"):
        journey.goto("/admin/moderation/audit/")
        page.select_option("#id_actor", label="Sami Moderator")
        page.locator("main form[method=get] button[type=submit]").click()
        page.wait_for_load_state()
        rows = page.locator("main table.listing tbody tr")
        assert rows.count() == 2
        assert all("Sami Moderator" in row.inner_text() for row in rows.all())
        assert "(id)" not in page.locator("main").inner_text()
        page.screenshot(path=str(SHOTS / f"audit-by-name-{language}.png"), full_page=True)


@pytest.mark.parametrize("viewport", ["phone"])
@pytest.mark.parametrize("language", ["en", "ar"])
def test_every_queue_column_is_reachable_on_a_phone(sized_journey, two_pending, language, viewport):
    moderator, _posts = two_pending
    _speak(moderator, language)
    journey, page = sized_journey, sized_journey.page

    with journey.step("open the queue on a phone"):
        journey.log_in(moderator.email, PASSWORD, language=language)
        journey.goto("/admin/moderation/")
        page.wait_for_load_state("networkidle")
        assert page.locator("#queue-scroll-hint").is_visible()
        page.screenshot(path=str(SHOTS / f"queue-phone-{language}.png"), full_page=True)

    with journey.step("scroll the table sideways until the last column shows"):
        region = page.locator(".queue-table")
        last = page.locator(".queue-table thead th").last
        width = page.viewport_size["width"]
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        assert region.evaluate("el => el.scrollWidth > el.clientWidth")
        box = last.bounding_box()
        assert box["x"] + box["width"] > width or box["x"] < 0  # off screen at first
        # Scrolled to the end of the line: leftwards in Arabic, rightwards in English.
        region.evaluate(
            "(el, sign) => { el.scrollLeft = sign * el.scrollWidth; }",
            -1 if language == "ar" else 1,
        )
        page.wait_for_timeout(300)
        box = last.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width + 1
        page.screenshot(path=str(SHOTS / f"queue-phone-scrolled-{language}.png"))
