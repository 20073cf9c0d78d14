"""A new member's held question and an established member's pasted answer, in a real browser,
in English and Arabic, on a desktop and a phone (issue 18, "New customer"):

- Karim (joined today) asks; the page says once who can see the question, the usual wait, what
  happens next and why it waits — no empty answers list, no "does not take new answers";
- James (a year of history) pastes an answer the moment the page opens: it is published, not
  held for typing too fast.

Screenshots go to /tmp/shots-held/ (set DALIL_SHOTS to change it).
"""

import os
import re
from pathlib import Path

import pytest

from forum.models import Answer, PostStatus, Question
from tests.e2e.conftest import DESKTOP, PHONE
from website.demo import PEOPLE

SHOTS = Path(os.environ.get("DALIL_SHOTS", "/tmp/shots-held"))
TITLE = {
    "en": "Does my bundle renew on the first of the month?",
    "ar": "هل تتجدد باقتي في أول كل شهر؟",
}
BODY = {
    "en": "I bought the 20 GB bundle on the 14th and want to know when it renews.",
    "ar": "اشتريت باقة 20 غيغابايت يوم 14 وأريد أن أعرف متى تتجدد.",
}
PROMISE = {
    "en": "Only you and the moderators can see your question until a moderator approves it",
    "ar": "لا يرى سؤالك إلا أنت والمشرفون إلى أن يوافق عليه أحد المشرفين",
}
WAIT = {"en": "usually within 1 day", "ar": "في غضون يوم"}
WHY = {"en": "Why it waits: New user (trust level 0)", "ar": "سبب الانتظار:"}
CONTRADICTIONS = {
    "en": ["No answers yet", "does not take new answers", "0 answers", "Your answer"],
    "ar": ["لا توجد إجابات", "لا يقبل هذا السؤال", "إجاباتك"],
}
PASTED = {
    "en": "Bundles renew 30 days after you buy them, not on the first. " * 4,
    "ar": "تتجدد الباقات بعد 30 يومًا من شرائها، لا في أول الشهر. " * 4,
}


def person(key):
    return next(p for p in PEOPLE if p.key == key)


def shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_held_question_says_once_what_happens_next(
    journey, demo_site, settings, language, viewport
):
    settings.DALIL_RATE_LIMITS = {}  # the demo's own posts by Karim count against his limit
    page = journey.page
    page.set_viewport_size(viewport)
    karim = person("newbie")
    size = "phone" if viewport == PHONE else "desktop"

    with journey.step("a new member asks a question"):
        journey.log_in(karim.email, karim.password, language=language)
        journey.goto(f"/{language}/questions/ask/")
        page.fill("input[name=title]", TITLE[language])
        page.fill("textarea[name=body]", BODY[language])
        if page.locator("select[name=category]").count():
            page.locator("select[name=category]").select_option(index=1)
        page.locator(
            "form[action$='/questions/ask/'] button[type=submit]:not([name=preview])"
        ).click()
        page.wait_for_url(re.compile(r"/questions/\d+/"))
        assert Question.objects.get(title=TITLE[language]).status == PostStatus.PENDING

    with journey.step("the page says who sees it, the usual wait and why — once"):
        journey.assert_direction(language)
        notice = page.locator("[data-held-notice]")
        assert notice.count() == 1 and notice.is_visible()
        text = notice.inner_text()
        assert PROMISE[language] in text and WAIT[language] in text and WHY[language] in text
        main = page.locator("main").inner_text()
        for contradiction in CONTRADICTIONS[language]:
            assert contradiction not in main, contradiction
        assert page.locator(".messages, .message").count() == 0
        box = notice.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"] + 1
        journey.assert_accessible()
        shot(page, f"held-question-{language}-{size}")


@pytest.mark.parametrize("language", ["en", "ar"])
def test_an_established_member_who_pastes_an_answer_is_not_held(journey, demo_site, language):
    page = journey.page
    james = person("james")
    thread = (
        Question.objects.filter(status=PostStatus.PUBLISHED, language=language, locked=False)
        .filter(closed_reason="")
        .exclude(author__email=james.email)
        .first()
    )
    with journey.step("an established member pastes an answer at once"):
        journey.log_in(james.email, james.password, language=language)
        journey.goto(journey.thread_path(thread, language))
        form = page.locator("form[action$='/-/answer/']")
        form.locator("textarea[name=body]").fill(PASTED[language])
        form.locator("button[type=submit]:not([name=preview])").click()
        page.wait_for_load_state()
        answer = Answer.objects.filter(question=thread, author__email=james.email).latest("pk")
        assert answer.status == PostStatus.PUBLISHED
        assert page.locator("[data-held-notice]").count() == 0
        shot(page, f"pasted-answer-{language}")
