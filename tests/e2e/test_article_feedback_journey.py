"""'Was this helpful?' as a reader uses it, in English and Arabic, on a desktop and a phone:
opening No keeps Yes and No side by side, sending No without a reason says so beside the
choices, and after sending the box says which answer was given and marks it."""

import os
from pathlib import Path

import pytest

from kb.models import ArticleFeedback, ArticlePage
from tests.e2e.conftest import DESKTOP, PHONE

SHOTS = Path(os.environ.get("DALIL_SHOTS", "/tmp/shots-feedback"))
SAID_NO = {
    "en": "You said this article was not helpful.",
    "ar": "قلتَ إن هذه المقالة غير مفيدة.",
}
NEED_REASON = {"en": "Tell us what was wrong.", "ar": "أخبرنا ما الذي لم يكن جيدًا."}


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_reader_says_an_article_did_not_help(journey, demo_site, language, viewport):
    page = journey.page
    page.set_viewport_size(viewport)
    article = ArticlePage.objects.live().filter(locale__language_code=language).first()
    size = "phone" if viewport == PHONE else "desktop"
    box = page.locator("[data-kb-feedback]")
    yes = box.locator("[data-kb-feedback-choice=yes]")
    no = box.locator("[data-kb-feedback-choice=no]")

    before = ArticleFeedback.objects.filter(article=article).count()  # the demo's own votes

    with journey.step("opening No keeps Yes and No on one line"):
        journey.goto(article.url)
        journey.assert_direction(language)
        no.click()
        yes_box, no_box = yes.bounding_box(), no.bounding_box()
        assert abs(yes_box["y"] - no_box["y"]) < 2, (yes_box, no_box)
        first, second = (yes_box, no_box) if language == "en" else (no_box, yes_box)
        assert first["x"] < second["x"]  # Yes comes first in the reading direction

    with journey.step("No without a reason is refused beside the choices"):
        box.locator(".kb-feedback__no button[type=submit]").click()
        error = box.locator("[data-kb-feedback-error]")
        error.wait_for(state="visible")
        assert error.inner_text().strip() == NEED_REASON[language]
        radios = box.locator("input[name=reason]").first.bounding_box()
        assert abs(error.bounding_box()["y"] - radios["y"]) < 120
        assert ArticleFeedback.objects.filter(article=article).count() == before
        SHOTS.mkdir(parents=True, exist_ok=True)
        box.screenshot(path=str(SHOTS / f"feedback-refused-{language}-{size}.png"))

    with journey.step("with a reason it is sent, and the box says which answer was given"):
        box.locator("input[name=reason]").first.check()
        assert error.is_hidden()
        box.locator(".kb-feedback__no button[type=submit]").click()
        status = box.locator("[data-kb-feedback-status]")
        status.filter(has_text=SAID_NO[language]).wait_for()
        assert no.get_attribute("aria-current") == "true"
        assert yes.get_attribute("aria-pressed") == "false"
        assert ArticleFeedback.objects.filter(article=article).count() == before + 1
        assert ArticleFeedback.objects.filter(article=article).latest("pk").helpful is False
        journey.assert_accessible("[data-kb-feedback]")
        box.screenshot(path=str(SHOTS / f"feedback-sent-{language}-{size}.png"))
