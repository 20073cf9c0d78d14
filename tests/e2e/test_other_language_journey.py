"""A reader whose interface is in one language opens a thread written in the other: the page
says so, names and dates stay in order (isolated bylines, Arabic punctuation in Arabic), relative
times use the interface's plural forms, and a visitor's vote arrows lead to log-in. Then a member
previews an answer with the Preview button before posting."""

import re

import pytest

from forum.models import Question

OTHER = {"en": "ar", "ar": "en"}
NOTE = {"en": "This thread is written in Arabic.", "ar": "هذا الموضوع مكتوب باللغة الإنجليز"}
ANSWERED_BY = {"en": "Answered by", "ar": "إجابة من"}
PREVIEW = {"en": "Preview", "ar": "معاينة"}


def _thread_with_answers(language):
    return (
        Question.objects.published()
        .filter(language=language, answer_count__gt=0)
        .order_by("-answer_count", "pk")
        .first()
    )


@pytest.mark.parametrize("language", ["en", "ar"])
def test_reader_of_the_other_language_reads_a_thread_and_previews_an_answer(
    journey, demo_site, language
):
    page = journey.page
    question = _thread_with_answers(OTHER[language])
    with journey.step("the question list gives times in the interface's plural forms"):
        journey.goto(f"/{language}/questions/")
        journey.assert_direction(language)
        times = page.locator(".question-row__meta time").all_inner_texts()
        assert times
        if language == "ar":
            assert not any(re.search(r"\b1 |\b2 |[،,] ", t) for t in times), times
        for stamp in page.locator("time[datetime]").evaluate_all(
            "els => els.map(e => e.getAttribute('datetime'))"
        ):
            assert re.fullmatch(r"[\d\-T:]+[+-]\d\d:\d\d", stamp), stamp
    with journey.step("the thread says it is in the other language"):
        journey.goto(journey.thread_path(question, language))
        journey.assert_direction(language)
        assert NOTE[language] in page.locator("[data-thread-language]").inner_text()
        byline = page.locator(".post__author", has_text=ANSWERED_BY[language]).first
        assert byline.locator("bdi").count() >= 1
        if language == "ar":
            assert "، " in byline.inner_text() and " ،" not in byline.inner_text()
        journey.screenshot(f"thread-in-{OTHER[language]}-read-in-{language}", full_page=False)
    with journey.step("a visitor's vote arrow leads to log-in and back"):
        page.locator(".vote a.vote__button").first.click()
        page.wait_for_url(re.compile("/account/login/"))
        assert "next=" in page.url
    with journey.step("a member previews an answer before posting"):
        page.fill("input[name=login]", "layla@dalil.example")
        page.fill("input[name=password]", "layla-demo-2026")
        page.locator("main form button[type=submit]").click()
        page.wait_for_url(re.compile("/questions/"))
        text = "Restart the router **twice**, then wait two minutes before testing again."
        form = page.locator("form[action$='/-/answer/']")
        form.locator("textarea[name=body]").fill(text)
        form.get_by_role("button", name=PREVIEW[language], exact=True).click()
        page.wait_for_load_state()
        assert page.locator("#answer-preview strong", has_text="twice").is_visible()
        assert form.locator("textarea[name=body]").input_value() == text
        journey.assert_accessible("main")
