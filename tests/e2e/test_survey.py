"""The satisfaction survey, as an asker meets it: they accept the answer that solved their
question, the thread shows "Did this solve your problem?", they rate it 4 with a comment and
see the thank-you line in its place. Both languages, desktop and phone."""

from pathlib import Path

import pytest
from django.utils import translation

from forum import services as forum
from tests.factories import PASSWORD, UserFactory
from website.insights.models import Survey
from website.insights.survey_email import survey_url

SHOTS = Path("/tmp")
TITLE = {
    "en": "The wifi drops every evening at eight",
    "ar": "ينقطع الواي فاي كل مساء عند الثامنة",
}
BODY = {
    "en": "Every evening at eight the wifi stops for about ten minutes, then comes back alone.",
    "ar": "كل مساء عند الثامنة يتوقف الواي فاي نحو عشر دقائق ثم يعود وحده من دون أي تدخل.",
}
ANSWER = {
    "en": "Your neighbours' networks crowd the channel then: set the router to channel 11.",
    "ar": "تزدحم القناة بشبكات الجيران في ذلك الوقت: اضبط الراوتر على القناة 11.",
}
TEXT = {
    "en": {
        "accept": "Accept this answer",
        "question": "Did this solve your problem?",
        "send": "Send",
        "thanks": "Thank you! You rated this 4 out of 5.",
        "comment": "Channel 11 fixed it, thank you.",
        "ends": ("Not at all", "Completely"),
    },
    "ar": {
        "accept": "اقبل هذه الإجابة",
        "question": "هل حلّ هذا مشكلتك؟",
        "send": "إرسال",
        "thanks": "شكرًا لك! قيّمت هذا بـ 4 من 5.",
        "comment": "حلّت القناة 11 المشكلة، شكرًا.",
        "ends": ("لم يحلّها إطلاقًا", "حلّها تمامًا"),
    },
}


def _no_sideways_scroll(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"{page.url} scrolls sideways ({width}px)"


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_asker_accepts_an_answer_and_rates_it(
    sized_journey, established_members, language, viewport
):
    journey, page, text = sized_journey, sized_journey.page, TEXT[language]
    asker = UserFactory(
        email=f"asker-{language}-{viewport}@example.com",
        display_name="ليلى منصور" if language == "ar" else "Layla Mansour",
        preferred_language=language,
    )
    helper = UserFactory(email=f"helper-{language}-{viewport}@example.com")
    question = forum.create_question(
        actor=asker, title=TITLE[language], body=BODY[language], language=language
    )
    forum.create_answer(actor=helper, question=question, body=ANSWER[language])
    journey.log_in(asker.email, PASSWORD, language=language)

    with journey.step("the asker accepts the answer that solved it"):
        journey.goto(journey.thread_path(question, language))
        journey.assert_direction(language)
        assert page.locator("#survey").count() == 0
        page.get_by_role("button", name=text["accept"]).click()
        page.wait_for_load_state()

    with journey.step("the thread asks whether it solved the problem"):
        panel = page.locator("#survey")
        panel.wait_for()
        assert text["question"] in panel.inner_text()
        assert panel.locator("input[type=radio][name=rating]").count() == 5
        for word in text["ends"]:
            assert word in panel.inner_text()
        panel.scroll_into_view_if_needed()
        panel.screenshot(path=str(SHOTS / f"survey-panel-{language}-{viewport}.png"))
        journey.assert_accessible("#survey")
        _no_sideways_scroll(page)

    with journey.step("they rate it 4 with a comment"):
        panel.locator("label[for=survey-panel-rating-4]").click()
        assert panel.locator("#survey-panel-rating-4").is_checked()
        panel.locator("textarea[name=comment]").fill(text["comment"])
        panel.get_by_role("button", name=text["send"]).click()
        page.wait_for_load_state()

    with journey.step("the panel thanks them, and the answer is stored once"):
        panel = page.locator("#survey")
        panel.wait_for()
        assert text["thanks"] in panel.inner_text()
        assert text["comment"] in panel.inner_text()
        assert panel.locator("input[type=radio]").count() == 0
        panel.screenshot(path=str(SHOTS / f"survey-thanks-{language}-{viewport}.png"))
        page.screenshot(path=str(SHOTS / f"survey-page-{language}-{viewport}.png"), full_page=True)
        _no_sideways_scroll(page)
        survey = Survey.objects.get(question=question)
        assert (survey.rating, survey.comment, survey.asker_id) == (4, text["comment"], asker.pk)

    with journey.step("the email's link opens the survey page, which remembers the answer"):
        with translation.override(language):
            journey.goto(survey_url(survey))
        journey.assert_direction(language)
        assert text["thanks"] in page.locator("main").inner_text()
        page.screenshot(path=str(SHOTS / f"survey-link-{language}-{viewport}.png"))
        journey.assert_accessible()
        _no_sideways_scroll(page)
