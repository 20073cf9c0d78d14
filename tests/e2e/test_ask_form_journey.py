"""A customer's question and comment forms (issue 18), in a real browser, in English and Arabic,
on a desktop and a phone:

1. similar questions appear right under the title field, where the person is typing;
2. what was typed in the ask form is kept as a draft: it comes back after leaving the page
   (with a note and a "Discard draft" button), survives a refused post, and is gone once the
   question is posted; the preview says it follows the typing (it does, with JavaScript);
3. a customer edits their own comment and the page confirms the edit was saved.
Screenshots go to /tmp/shots-askform/.
"""

import re
from pathlib import Path

import pytest

from forum import services
from forum.models import Comment, Question
from tests.factories import PASSWORD, UserFactory

SHOTS = Path("/tmp/shots-askform")
TITLES = {
    "en": "How do I reset my router password?",
    "ar": "كيف أعيد تعيين كلمة مرور الراوتر؟",
}
BODIES = {
    "en": "I forgot the password of my home router and cannot open its settings page any more.",
    "ar": "نسيت كلمة مرور الراوتر المنزلي ولم أعد أستطيع فتح صفحة إعداداته. ماذا أفعل؟",
}
TEXT = {
    "restored": {"en": "Draft restored", "ar": "استُعيدت المسودة"},
    "discard": {"en": "Discard draft", "ar": "احذف المسودة"},
    "saved": {"en": "Your edit was saved.", "ar": "حُفظ تعديلك."},
    "edit": {"en": "Edit", "ar": "تعديل"},
    "save": {"en": "Save edit", "ar": "حفظ التعديل"},
    "as_you_type": {
        "en": "Your post appears here as you type.",
        "ar": "تظهر مشاركتك هنا أثناء الكتابة.",
    },
    "short": {"en": "Write at least 15 visible characters.", "ar": "اكتب 15 حرفاً مرئياً على الأقل."},
}
POST_BUTTON = "form[action$='/questions/ask/'] button[type=submit]:not([name=preview])"


@pytest.fixture
def asker(established_members):
    return UserFactory(email="asker@example.com", display_name="Rana Asker")


def _shoot(journey, name: str):
    SHOTS.mkdir(parents=True, exist_ok=True)
    journey.page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
@pytest.mark.parametrize("language", ["en", "ar"])
def test_similar_questions_appear_right_under_the_title(
    sized_journey, demo_site, asker, language, viewport
):
    journey, page = sized_journey, sized_journey.page
    journey.log_in(asker.email, PASSWORD, language=language)

    with journey.step("type a title"):
        journey.goto(f"/{language}/questions/ask/")
        journey.assert_direction(language)
        title = page.locator("input[name=title]")
        title.press_sequentially(TITLES[language], delay=15)
        similar = page.locator("#similar-questions")
        similar.locator("a").first.wait_for(state="visible")

    with journey.step("the similar questions sit right under the title field"):
        below_title = similar.bounding_box()["y"] - (
            title.bounding_box()["y"] + title.bounding_box()["height"]
        )
        assert 0 <= below_title <= 150, f"similar questions are {below_title:.0f}px below"
        assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
        _shoot(journey, f"similar-{language}-{viewport}")
        journey.assert_accessible("main")


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_question_being_typed_is_kept_as_a_draft_until_it_is_posted(
    sized_journey, asker, language, viewport
):
    journey, page = sized_journey, sized_journey.page
    journey.log_in(asker.email, PASSWORD, language=language)
    title, body = page.locator("input[name=title]"), page.locator("textarea[name=body]")

    with journey.step("type a title and details, then leave the page"):
        journey.goto(f"/{language}/questions/ask/")
        preview = page.locator(".forum-preview .post-body")
        assert preview.inner_text().strip() == TEXT["as_you_type"][language]
        title.press_sequentially(TITLES[language][:20], delay=5)
        title.fill(TITLES[language])
        body.fill(BODIES[language])
        body.press("End")
        journey.goto(f"/{language}/questions/")

    with journey.step("coming back, both are restored, with a note"):
        journey.goto(f"/{language}/questions/ask/")
        note = page.locator(".draft-note")
        note.wait_for(state="visible")
        assert TEXT["restored"][language] in note.inner_text()
        assert title.input_value() == TITLES[language]
        assert body.input_value() == BODIES[language]
        _shoot(journey, f"draft-restored-{language}-{viewport}")
        journey.assert_accessible("main")

    with journey.step("a refused post keeps the text, and so does the draft"):
        title.fill("Router?")
        page.locator(POST_BUTTON).click()
        page.wait_for_load_state()
        assert TEXT["short"][language] in page.locator("main").inner_text()
        assert body.input_value() == BODIES[language]
        assert page.locator(".draft-note").count() == 0
        journey.goto(f"/{language}/questions/")
        journey.goto(f"/{language}/questions/ask/")
        page.locator(".draft-note").wait_for(state="visible")
        assert title.input_value() == "Router?"

    with journey.step("post it; the draft is gone"):
        title.fill(TITLES[language])
        page.locator(POST_BUTTON).click()
        page.wait_for_url(re.compile(r"/questions/\d+/"))
        assert Question.objects.filter(title=TITLES[language]).exists()
        journey.goto(f"/{language}/questions/ask/")
        page.wait_for_load_state("networkidle")
        assert title.input_value() == "" and body.input_value() == ""
        assert page.locator(".draft-note").count() == 0

    with journey.step("a draft can be discarded"):
        body.fill(BODIES[language])
        journey.goto(f"/{language}/questions/ask/")
        page.locator(".draft-note button", has_text=TEXT["discard"][language]).click()
        assert body.input_value() == ""
        assert page.locator(".draft-note").count() == 0
        journey.goto(f"/{language}/questions/ask/")
        page.wait_for_load_state("networkidle")
        assert body.input_value() == "" and page.locator(".draft-note").count() == 0


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_customer_edits_their_own_comment(sized_journey, asker, language, viewport):
    journey, page = sized_journey, sized_journey.page
    question = services.create_question(
        actor=UserFactory(), title=TITLES[language], body=BODIES[language], language=language
    )
    comment = services.create_comment(actor=asker, question=question, body="Which model?")
    journey.log_in(asker.email, PASSWORD, language=language)

    with journey.step("open the comment's edit page from the thread"):
        journey.goto(journey.thread_path(question, language))
        page.locator(f"#comment-{comment.pk} a", has_text=TEXT["edit"][language]).click()
        page.wait_for_url(re.compile(r"/comments/\d+/edit/"))
        journey.assert_direction(language)
        _shoot(journey, f"comment-edit-page-{language}-{viewport}")
        journey.assert_accessible("main")

    with journey.step("save the edit; the thread confirms it"):
        page.locator("textarea[name=body]").fill("Which router model is it, please?")
        page.get_by_role("button", name=TEXT["save"][language]).click()
        page.wait_for_url(re.compile(rf"#comment-{comment.pk}$"))
        assert TEXT["saved"][language] in page.locator(".messages").inner_text()
        assert "Which router model is it" in page.locator(f"#comment-{comment.pk}").inner_text()
        assert Comment.objects.get(pk=comment.pk).body == "Which router model is it, please?"
        _shoot(journey, f"comment-edited-{language}-{viewport}")
