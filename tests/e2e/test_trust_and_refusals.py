"""Issue 17 in a real browser, in English and Arabic, on a desktop and a phone:

- five anonymous readers say an article past its review date is outdated: the public banner
  stays off, staff see the reports marked anonymous; one signed-in reader agrees and readers
  see "may be out of date";
- an asker whose question was answered while the page was open presses Delete and is told why
  not, in their language; a new member is told why they cannot flag yet; a flag link to an
  answer in a thread a moderator has just hidden is a 404.

Screenshots go to /tmp/shots-hmod/ (set DALIL_SHOTS to change it).
"""

import os
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone

from forum import services as forum
from forum.models import Answer, PostStatus, Question
from kb.models import ArticlePage
from tests.e2e.conftest import DESKTOP, PHONE
from website.demo import PEOPLE

SHOTS = Path(os.environ.get("DALIL_SHOTS", "/tmp/shots-hmod"))
BANNER = {"en": "This article may be out of date", "ar": "قد تكون هذه المقالة قديمة"}
REFUSAL = {
    "en": "A question with answers cannot be deleted by its author; ask a moderator.",
    "ar": "لا يستطيع صاحب السؤال حذفه بعد أن تلقى إجابات؛ اطلب ذلك من أحد المشرفين.",
}
NEW_MEMBER = {
    "en": "New members cannot flag posts yet. Keep contributing!",
    "ar": "لا يمكن للأعضاء الجدد الإبلاغ عن المشاركات بعد. واصل المشاركة!",
}
ANONYMOUS_EVIDENCE = {"en": "(5 anonymous)", "ar": "(5 منها من زوار مجهولين)"}
QUESTION = {
    "en": ("Can I keep my number when I move abroad?", "I am moving to Jordan next month."),
    "ar": ("هل أحتفظ برقمي إذا انتقلت إلى الخارج؟", "سأنتقل إلى الأردن الشهر المقبل."),
}


def person(key):
    return next(p for p in PEOPLE if p.key == key)


def shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def tab(browser, *, viewport=DESKTOP, language="en"):
    context = browser.new_context(
        viewport=viewport, locale="ar-EG" if language == "ar" else "en-GB"
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    return context, page


def sweep():
    """The nightly sweep, then the anonymous page copies expire (they live 5 minutes), so the
    next reader sees what the sweep decided rather than a copy from before it."""
    call_command("detect_stale")
    cache.clear()


def vote_outdated(journey, page, article_path, note):
    page.goto(journey.url(article_path))
    page.locator(".kb-feedback__no summary").click()
    page.check("input[name=reason][value=outdated]")
    page.fill("#kb-feedback-comment", note)
    # Wait for the answer to the vote itself: a member who voted before already sees a status
    # line, and closing the tab before the answer arrives could drop the vote.
    with page.expect_response(lambda response: response.request.method == "POST") as sent:
        page.locator(".kb-feedback__no button[type=submit]").click()
    assert sent.value.ok, f"the vote was refused: {sent.value.status} {sent.value.text()}"
    page.locator("[data-kb-feedback-status]").filter(has_text=re.compile(".+")).wait_for()


@pytest.mark.parametrize("language", ["en", "ar"])
def test_anonymous_outdated_votes_never_raise_the_banner_alone(
    journey, browser, demo_site, language
):
    article = ArticlePage.objects.live().filter(locale__language_code=language).first()
    ArticlePage.objects.filter(pk=article.pk).update(
        last_reviewed_at=timezone.now() - timedelta(days=article.review_every + 5)
    )
    path = article.get_url()
    with journey.step("five anonymous readers say it is outdated"):
        for number in range(5):
            context, page = tab(browser, language=language)
            vote_outdated(journey, page, path, f"Old prices {number}")
            context.close()
        sweep()
    with journey.step("readers still see no banner"):
        for viewport, suffix in ((DESKTOP, ""), (PHONE, "-phone")):
            context, page = tab(browser, viewport=viewport, language=language)
            page.goto(journey.url(path))
            assert BANNER[language] not in page.content()
            shot(page, f"article-anonymous-votes-{language}{suffix}")
            context.close()
    with journey.step("staff see the reports, marked anonymous"):
        context, staff = tab(browser, language=language)
        journey.log_in(
            "noura@dalil.example", person("noura").password, language=language, page=staff
        )
        staff.goto(journey.url("/admin/moderation/stale/"))
        row = staff.locator("tr", has_text=article.title).first.inner_text()
        # The admin speaks the staff member's own admin language, whatever the article's.
        assert any(words in row for words in ANONYMOUS_EVIDENCE.values()), row
        shot(staff, f"needs-review-anonymous-{language}")
        context.close()
    with journey.step("one signed-in reader agrees: now readers see the banner"):
        context, member = tab(browser, language=language)
        journey.log_in(
            "james@dalil.example", person("james").password, language=language, page=member
        )
        vote_outdated(journey, member, path, "The prices changed in May.")
        context.close()
        sweep()
        for viewport, suffix in ((DESKTOP, ""), (PHONE, "-phone")):
            context, page = tab(browser, viewport=viewport, language=language)
            page.goto(journey.url(path))
            page.get_by_text(BANNER[language]).wait_for()
            shot(page, f"article-member-agrees-{language}{suffix}")
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= viewport["width"], f"the article scrolls sideways ({width}px)"
            context.close()


@pytest.mark.parametrize("language", ["en", "ar"])
@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_refused_actions_say_why_in_the_persons_language(
    browser, live_server, demo_site, language, viewport, journey
):
    size = DESKTOP if viewport == "desktop" else PHONE
    layla = person("layla")
    asker = get_user_model().objects.get(email=layla.email)
    title, body = QUESTION[language]
    question = forum.create_question(
        actor=asker, title=title, body=body + " " + body, language=language
    )
    context, page = tab(browser, viewport=size, language=language)
    with journey.step("the asker opens her question while it has no answers"):
        journey.log_in(layla.email, layla.password, language=language, page=page)
        page.goto(journey.url(journey.thread_path(question, language)))
        delete = page.locator("form.inline-form button", has_text=re.compile("Delete|حذف")).first
        delete.wait_for()
    with journey.step("someone answers meanwhile; she presses Delete and reads why not"):
        james = get_user_model().objects.get(email="james@dalil.example")
        forum.create_answer(
            actor=james, question=question, body="Yes: ask for roaming before you leave, " * 2
        )
        delete.click()
        page.wait_for_load_state()
        page.get_by_text(REFUSAL[language]).wait_for()
        assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
        assert Question.objects.get(pk=question.pk).status == PostStatus.PUBLISHED
        shot(page, f"refused-delete-{language}-{viewport}")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= size["width"]
    context.close()

    with journey.step("a new member is told why they cannot flag yet"):
        context, page = tab(browser, viewport=size, language=language)
        karim = person("newbie")
        journey.log_in(karim.email, karim.password, language=language, page=page)
        answer = question.answers.first()
        flag_path = (
            f"/{language}/moderation/flag/{ContentType.objects.get_for_model(Answer).pk}/"
            f"{answer.pk}/"
        )
        page.goto(journey.url(flag_path))
        page.check("input[name=reason][value=spam]")
        page.locator("main form button[type=submit]").click()
        page.get_by_text(NEW_MEMBER[language]).wait_for()
        shot(page, f"refused-flag-new-member-{language}-{viewport}")
        context.close()

    with journey.step("a flag link into a thread a moderator just hid is a 404"):
        sami = get_user_model().objects.get(email="sami@dalil.example")
        forum.set_post_status(post=question, new_status=PostStatus.HIDDEN, actor=sami)
        context, page = tab(browser, viewport=size, language=language)
        journey.log_in(
            "james@dalil.example", person("james").password, language=language, page=page
        )
        response = page.goto(journey.url(flag_path))
        assert response.status == 404
        assert "roaming" not in page.content()
        context.close()
