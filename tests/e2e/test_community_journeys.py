"""The community journeys in a real browser, in English and in Arabic:

1. a visitor signs up, verifies the email, asks; similar questions appear while typing; the
   question waits for review;
2. a moderator approves it in the Wagtail admin queue and the author is notified;
3. another customer answers, the asker accepts, votes change the score without a reload (and
   still work with JavaScript off);
6. customers flag an abusive answer until it is hidden; a moderator restores it.
"""

import re

import pytest
from django.core import mail

from forum.models import Answer, Question
from moderation.models import Notification
from tests.e2e.conftest import LAUNCH_ARGS, PHONE  # noqa: F401

PASSWORD = "a-long-browser-passphrase-7"
TITLES = {
    "en": "How late is live chat open on Fridays?",
    "ar": "حتى متى تعمل المحادثة المباشرة يوم الجمعة؟",
}
BODIES = {
    "en": "I work until eight and want to reach an agent by chat afterwards. Is that possible?",
    "ar": "أعمل حتى الثامنة مساءً وأريد التحدث مع موظف عبر المحادثة بعد ذلك. هل هذا ممكن؟",
}
ANSWERS = {
    "en": "Live chat is open until midnight every day, Fridays included; start it from the app.",
    "ar": "المحادثة المباشرة متاحة حتى منتصف الليل كل يوم، بما في ذلك الجمعة، من داخل التطبيق.",
}


def _new_tab(browser, journey, *, javascript=True):
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, java_script_enabled=javascript
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    return context, page


@pytest.mark.parametrize("language", ["en", "ar"])
def test_ask_review_answer_accept_vote_and_flag(journey, browser, demo_site, settings, language):
    # A browser fills forms faster than anyone types; the newcomer is still queued (trust 0).
    settings.DALIL_MAX_CHARS_PER_SECOND = 10**9
    page = journey.page
    email = f"asker-{language}@example.com"

    with journey.step("1. sign up and verify the email"):
        journey.goto(f"/{language}/account/signup/")
        journey.assert_direction(language)
        page.fill("input[name=email]", email)
        page.fill("input[name=display_name]", "Browser Asker")
        page.fill("input[name=password1]", PASSWORD)
        page.fill("input[name=password2]", PASSWORD)
        page.locator("main form button[type=submit]").click()
        page.wait_for_url(re.compile("/account/confirm-email/"))
        link = re.search(r"https?://\S+/account/confirm-email/\S+/", mail.outbox[-1].body).group(0)
        page.goto(link)
        page.locator("main form button[type=submit]").click()
        page.wait_for_load_state()

    with journey.step("1. similar questions appear while typing the title"):
        journey.goto(f"/{language}/questions/ask/")
        journey.assert_direction(language)
        page.locator("input[name=title]").press_sequentially(TITLES[language], delay=20)
        similar = page.locator("#similar-questions")
        similar.locator("a").first.wait_for(state="visible")
        assert similar.locator("a").count() >= 1
        journey.screenshot(f"ask-similar-{language}")

    with journey.step("1. post the question; it waits for review"):
        page.locator("textarea[name=body]").fill(BODIES[language])
        page.locator(
            "form[action$='/questions/ask/'] button[type=submit]:not([name=preview])"
        ).click()
        page.wait_for_url(re.compile(r"/questions/\d+/"))
        assert page.locator(".notice").first.is_visible()
        question = Question.objects.get(title=TITLES[language])
        assert question.status == "pending"

    with journey.step("2. a moderator approves it in the admin queue"):
        moderator_context, moderator = _new_tab(browser, journey)
        journey.log_in("sami@dalil.example", "sami-demo-2026", language=language, page=moderator)
        moderator.goto(journey.url("/admin/moderation/"))
        item_link = moderator.locator(
            f"tr:has-text('{TITLES[language][:20]}') a[href*='/admin/moderation/']"
        ).first
        item_link.click()
        moderator.locator("button[name=decision][value=approve]").click()
        moderator.wait_for_load_state()
        question.refresh_from_db()
        assert question.status == "published"
        assert Notification.objects.filter(recipient__email=email).exists()
        assert any(email in message.to for message in mail.outbox)

    with journey.step("3. another customer answers"):
        helper_context, helper = _new_tab(browser, journey)
        journey.log_in("james@dalil.example", "james-demo-2026", language=language, page=helper)
        helper.goto(
            journey.url(
                question.get_absolute_url()
                .replace("/ar/", f"/{language}/")
                .replace("/en/", f"/{language}/")
            )
        )
        helper.wait_for_timeout(
            1500
        )  # a person reads before answering; too-fast posts wait for review
        answer_form = helper.locator("form[action$='/-/answer/']")
        answer_form.locator("textarea[name=body]").fill(ANSWERS[language])
        answer_form.locator("button[type=submit]:not([name=preview])").click()
        helper.wait_for_load_state()
        answer = Answer.objects.get(question=question)
        assert answer.status == "published"

    with journey.step("3. the asker accepts and votes without a reload"):
        page.reload()
        page.locator(f"form[action$='/answers/{answer.pk}/accept/'] button").click()
        page.wait_for_load_state()
        question.refresh_from_db()
        assert question.accepted_answer_id == answer.pk
        box = page.locator(f"#answer-{answer.pk} .vote")
        page.evaluate("window.__noReload = true")
        box.locator("form").first.locator("button").click()
        box.locator(".vote__score").filter(has_text="1").wait_for()
        assert page.evaluate("window.__noReload") is True, "the page reloaded"
        assert box.locator("form").first.locator("button").get_attribute("aria-pressed") == "true"

    with journey.step("3. voting still works with JavaScript off"):
        plain_context, plain = _new_tab(browser, journey, javascript=False)
        journey.log_in("fatima@dalil.example", "fatima-demo-2026", language=language, page=plain)
        plain.goto(journey.url(journey.thread_path(question, language)))
        plain.locator(f"#answer-{answer.pk} .vote form").first.locator("button").click()
        plain.wait_for_load_state()
        assert plain.locator(f"#answer-{answer.pk} .vote__score").inner_text().strip() == "2"
        plain_context.close()

    with journey.step("6. customers flag an abusive answer until it is hidden"):
        abusive = Answer.objects.create(
            question=question,
            author=question.author,
            body="You are all idiots, read the manual!!",
            status="published",
        )
        Answer.objects.filter(pk=abusive.pk).update(
            body_html="<p>You are all idiots, read the manual!!</p>"
        )
        for key in ("layla", "daniel", "fatima"):
            context, flagger = _new_tab(browser, journey)
            journey.log_in(
                f"{key}@dalil.example", f"{key}-demo-2026", language=language, page=flagger
            )
            flagger.goto(journey.url(journey.thread_path(question, language)))
            flag_link = flagger.locator(f"#answer-{abusive.pk} a.post-actions__flag")
            if flag_link.count() == 0:
                context.close()
                break
            flag_link.click()
            flagger.check("input[name=reason][value=abusive]")
            flagger.locator("main form button[type=submit]").click()
            flagger.wait_for_load_state()
            context.close()
            abusive.refresh_from_db()
            if abusive.status == "hidden":
                break
        assert abusive.status == "hidden"
        helper.goto(journey.url(journey.thread_path(question, language)))
        assert helper.locator(f"#answer-{abusive.pk}").count() == 0

    with journey.step("6. a moderator restores it"):
        moderator.goto(journey.url("/admin/moderation/"))
        moderator.locator("tr:has-text('idiots') a[href*='/admin/moderation/']").first.click()
        moderator.locator("button[name=decision][value=restore]").click()
        moderator.wait_for_load_state()
        abusive.refresh_from_db()
        assert abusive.status == "published"
    moderator_context.close()
    helper_context.close()


@pytest.mark.parametrize("language", ["en", "ar"])
def test_public_pages_fit_a_phone(phone_journey, demo_site, language):
    question = Question.objects.filter(language=language, status="published").first()
    for path in (
        f"/{language}/",
        f"/{language}/questions/",
        question.get_absolute_url(),
        f"/{language}/kb/",
    ):
        with phone_journey.step(f"phone view of {path}"):
            phone_journey.goto(path)
            width = phone_journey.page.evaluate("document.documentElement.scrollWidth")
            assert width <= PHONE["width"], f"{path} scrolls sideways ({width}px)"
    phone_journey.goto(phone_journey.thread_path(question, language))
    phone_journey.screenshot(f"thread-{language}-phone")
