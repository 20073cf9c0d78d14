"""A moderator works the review queue with one button per decision (issue 18): a Reject refused
for lack of a reason stays a Reject, and a decision leads to the next item, naming the post."""

import os
import re
from pathlib import Path

import pytest
from django.core import mail

from forum import services as forum
from forum.models import PostStatus
from moderation.actions.decisions import approve_item
from moderation.models import ReviewItem
from tests.e2e.conftest import AXE
from tests.factories import PASSWORD, ModeratorFactory, UserFactory

SHOTS = Path(os.environ.get("DALIL_SHOTS", "/tmp/shots"))
SPAM = "Buy cheap followers at https://a.example, https://b.example and www.c.example today!"
NEXT = "Restart the router first, then call support if the line stays down."
TEXT = {
    "en": {
        "queue": "Review queue",
        "missing": "Choose a reason or write one.",
        "not_applied": "Reject was not applied.",
        "reason": "Links to outside sites are not allowed.",
        "rejected": "Rejected: “Buy cheap followers",
        "by": "” by Omar",
    },
    "ar": {
        "queue": "قائمة المراجعة",
        "missing": "اختر سببًا أو اكتب سببًا.",
        "not_applied": "لم يُطبَّق قرار «رفض».",
        "reason": "لا يُسمح بروابط إلى مواقع خارجية.",
        "rejected": "رُفضت: «Buy cheap followers",
        "by": "» بقلم Omar",
    },
}


def item_of(post) -> ReviewItem:
    return ReviewItem.objects.for_target(post).latest("pk")


@pytest.fixture
def queue_with_spam(settings, django_capture_on_commit_callbacks):
    """A followed thread with two answers waiting for review: Omar's spam (older, so first in
    the queue) and a newcomer's real answer."""
    settings.DALIL_RATE_LIMITS = {}
    settings.DALIL_MAX_CHARS_PER_SECOND = 10**9
    moderator = ModeratorFactory(display_name="Sami Moderator")
    with django_capture_on_commit_callbacks(execute=True):
        question = forum.create_question(
            actor=UserFactory(display_name="Layla Customer"),
            title="Fibre internet drops every evening",
            body="My home fibre drops every evening around eight. What should I check first?",
            language="en",
        )
        approve_item(item=item_of(question), actor=moderator)
        question.refresh_from_db()
        forum.subscribe(actor=UserFactory(display_name="James Follower"), question=question)
    spam = forum.create_answer(actor=UserFactory(display_name="Omar"), question=question, body=SPAM)
    following = forum.create_answer(actor=UserFactory(), question=question, body=NEXT)
    assert spam.status == following.status == PostStatus.PENDING
    mail.outbox.clear()
    return moderator, spam, following


def _speak(moderator, language):
    from wagtail.users.models import UserProfile

    moderator.preferred_language = language
    moderator.save()
    profile = UserProfile.get_for_user(moderator)
    profile.preferred_language = language
    profile.save()


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_refused_reject_stays_a_reject_and_the_moderator_moves_on(
    sized_journey, queue_with_spam, language, viewport
):
    moderator, spam, following = queue_with_spam
    _speak(moderator, language)
    text = TEXT[language]
    name = f"{language}-{viewport}"
    SHOTS.mkdir(parents=True, exist_ok=True)
    journey = sized_journey
    page = journey.page

    with journey.step("sign in and open the queue"):
        journey.log_in(moderator.email, PASSWORD, language=language)
        journey.goto("/admin/moderation/")
        journey.assert_direction(language)
        assert text["queue"] in page.locator("h1").inner_text()

    with journey.step("open the pending spam: nothing is chosen yet"):
        page.locator("tr:has-text('Buy cheap') a[href*='/admin/moderation/items/']").first.click()
        page.wait_for_url(re.compile(rf"/admin/moderation/items/{item_of(spam).pk}/$"))
        decisions = page.locator(".decisions")
        assert decisions.locator("details[open]").count() == 0
        assert decisions.locator("select").first.is_visible() is False
        page.screenshot(path=str(SHOTS / f"decisions-item-{name}.png"), full_page=True)
        section = page.locator("section[aria-labelledby=actions-heading]")
        section.screenshot(path=str(SHOTS / f"decisions-buttons-{name}.png"))

    with journey.step("press Reject without a reason"):
        reject = page.locator("#decision-reject")
        reject.locator("summary").click()
        reject.locator("button[name=decision][value=reject]").click()
        page.wait_for_load_state()

    with journey.step("the error shows and Reject is still chosen; nothing changed"):
        reject = page.locator("#decision-reject")
        assert reject.get_attribute("open") is not None
        assert page.locator(".decisions details[open]").count() == 1
        assert text["missing"] in reject.locator(".error-message").inner_text()
        assert text["not_applied"] in page.locator(".messages").inner_text()
        spam.refresh_from_db()
        assert spam.status == PostStatus.PENDING and not mail.outbox
        page.screenshot(
            path=str(SHOTS / f"decisions-refused-top-{name}.png"), animations="disabled"
        )
        reject.screenshot(path=str(SHOTS / f"decisions-refused-{name}.png"))
        if AXE.exists():
            journey.assert_accessible(".decisions")

    with journey.step("type a reason and reject"):
        reject.locator("textarea[name=reject-note]").fill(text["reason"])
        reject.locator("button[name=decision][value=reject]").click()
        page.wait_for_url(re.compile(rf"/admin/moderation/items/{item_of(following).pk}/$"))

    with journey.step("the next item opens with the confirmation naming the post"):
        message = page.locator(".messages").inner_text()
        assert text["rejected"] in message and text["by"] in message
        assert page.locator(".decisions details[open]").count() == 0
        page.screenshot(path=str(SHOTS / f"decisions-next-{name}.png"), animations="disabled")
        spam.refresh_from_db()
        assert spam.status == PostStatus.DELETED
        assert item_of(spam).status == ReviewItem.Status.REJECTED
        assert [message.to for message in mail.outbox] == [[spam.author.email]]


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
@pytest.mark.parametrize("language", ["en", "ar"])
def test_an_arabic_post_under_review_reads_right_to_left_in_ordinary_type(
    sized_journey, settings, language, viewport
):
    settings.DALIL_RATE_LIMITS = {}
    settings.DALIL_MAX_CHARS_PER_SECOND = 10**9
    moderator = ModeratorFactory(display_name="Sami Moderator")
    _speak(moderator, language)
    question = forum.create_question(
        actor=UserFactory(display_name="كريم ناصر"),
        title="الإنترنت ينقطع كل مساء",
        body="ينقطع الألياف في بيتي كل مساء عند الثامنة (router TP-Link).\nما الذي أتحقق منه أولًا؟",
        language="ar",
    )
    journey = sized_journey
    page = journey.page
    journey.log_in(moderator.email, PASSWORD, language=language)

    with journey.step("the queue's preview of the Arabic post is right to left"):
        journey.goto("/admin/moderation/")
        preview = page.locator("p[lang=ar]", has_text="الإنترنت ينقطع").first
        assert preview.evaluate("node => getComputedStyle(node).direction") == "rtl"

    with journey.step("the item page shows it right to left, lines kept, in the admin's type"):
        journey.goto(f"/admin/moderation/items/{item_of(question).pk}/")
        text = page.locator(".moderation-text")
        style = text.evaluate(
            "node => [getComputedStyle(node).direction, getComputedStyle(node).fontFamily,"
            " getComputedStyle(document.body).fontFamily]"
        )
        direction, font, body_font = style
        assert direction == "rtl" and "monospace" not in font and font == body_font
        assert text.inner_text().count("\n") >= 1
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"review-arabic-post-{language}-{viewport}.png"))


VIEW_TEXT = {
    "en": {
        "approved": "Approved: “Buy cheap followers",
        "empty": "Nothing left to review in this view.",
    },
    "ar": {
        "approved": "تمت الموافقة: «Buy cheap followers",
        "empty": "لم يبقَ شيء للمراجعة في هذا العرض.",
    },
}


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_moderator_working_answers_only_stays_on_answers_until_none_is_left(
    sized_journey, queue_with_spam, language, viewport
):
    from django.contrib.contenttypes.models import ContentType

    from forum.models import Answer

    moderator, spam, following = queue_with_spam
    question = forum.create_question(
        actor=UserFactory(display_name="Hala"),
        title="Where do I pay my bill?",
        body="I moved house; where can I pay my bill now?",
        language="en",
    )
    # The question waits between the two answers in the whole queue.
    ReviewItem.objects.filter(pk=item_of(question).pk).update(created_at=item_of(spam).created_at)
    _speak(moderator, language)
    text = VIEW_TEXT[language]
    answers = str(ContentType.objects.get_for_model(Answer).pk)
    name = f"{language}-{viewport}"
    SHOTS.mkdir(parents=True, exist_ok=True)
    journey = sized_journey
    page = journey.page

    with journey.step("filter the queue to answers and open the first"):
        journey.log_in(moderator.email, PASSWORD, language=language)
        journey.goto("/admin/moderation/")
        page.locator("select[name=content_type]").select_option(answers)
        page.locator("form.moderation-filters button[type=submit]").click()
        page.wait_for_url(re.compile(rf"content_type={answers}"))
        assert page.locator("tr", has_text="Where do I pay").count() == 0
        page.locator("tr:has-text('Buy cheap') a[href*='/admin/moderation/items/']").first.click()
        page.wait_for_url(re.compile(rf"/items/{item_of(spam).pk}/\?content_type={answers}$"))

    with journey.step("approve: the next answer opens, not the older question"):
        page.locator("#decision-approve button").click()
        page.wait_for_url(re.compile(rf"/items/{item_of(following).pk}/\?content_type={answers}$"))
        assert text["approved"] in page.locator(".messages").inner_text()
        journey.assert_direction(language)

    with journey.step("approve the last answer: back to the answers view, told it is empty"):
        page.locator("#decision-approve button").click()
        page.wait_for_url(re.compile(rf"/admin/moderation/\?content_type={answers}$"))
        assert text["empty"] in page.locator(".messages").inner_text()
        assert page.locator("select[name=content_type]").input_value() == answers
        assert page.locator("tr", has_text="Where do I pay").count() == 0
        page.screenshot(path=str(SHOTS / f"queue-view-empty-{name}.png"), animations="disabled")
        assert item_of(question).status == ReviewItem.Status.OPEN
