"""axe-core over the key pages in both languages: zero serious or critical violations."""

import pytest

from forum.models import Question
from kb.models import ArticlePage


def _key_pages(language: str) -> list[str]:
    question = (
        Question.objects.filter(language=language, status="published")
        .exclude(accepted_answer=None)
        .first()
    )
    article = ArticlePage.objects.live().filter(locale__language_code=language).first()
    return [
        f"/{language}/",
        f"/{language}/questions/",
        question.get_absolute_url()
        .replace("/ar/", f"/{language}/")
        .replace("/en/", f"/{language}/"),
        f"/{language}/kb/",
        article.url,
        f"/{language}/search/?q={'محادثة' if language == 'ar' else 'chat'}",
    ]


@pytest.mark.parametrize("language", ["en", "ar"])
def test_public_pages_have_no_serious_accessibility_violations(journey, demo_site, language):
    names = ("home", "questions", "thread", "kb", "article", "search")
    for name, path in zip(names, _key_pages(language), strict=True):
        with journey.step(f"axe on {path}"):
            journey.goto(path)
            journey.assert_direction(language)
            journey.assert_accessible()
            journey.screenshot(f"{name}-{language}")


@pytest.mark.parametrize("language", ["en", "ar"])
def test_ask_form_has_no_serious_accessibility_violations(journey, demo_site, language):
    with journey.step("log in as a demo customer"):
        journey.log_in("layla@dalil.example", "layla-demo-2026", language=language)
    with journey.step("axe on the ask form"):
        journey.goto(f"/{language}/questions/ask/")
        journey.assert_accessible()
        journey.screenshot(f"ask-{language}")


@pytest.mark.parametrize("language", ["en", "ar"])
def test_review_queue_has_no_serious_accessibility_violations(journey, demo_site, language):
    with journey.step("log in as the demo moderator"):
        journey.log_in("sami@dalil.example", "sami-demo-2026", language=language)
    with journey.step("axe on the review queue (Dalil's part of the admin page)"):
        journey.goto("/admin/moderation/")
        journey.assert_accessible(include="main")
        journey.screenshot(f"review-queue-{language}")


def test_search_ask_and_vote_with_the_keyboard_alone(journey, demo_site, settings):
    settings.DALIL_MAX_CHARS_PER_SECOND = 10**9
    page = journey.page
    with journey.step("search from the home page with the keyboard"):
        journey.goto("/en/")
        journey.tab_to("main input[name=q]")
        page.keyboard.type("live chat")
        page.keyboard.press("Enter")
        page.wait_for_url(lambda url: "/search/" in url)
        assert page.locator(".search-hit").count() > 0
    with journey.step("log in"):
        journey.log_in("layla@dalil.example", "layla-demo-2026")
    with journey.step("ask a question with the keyboard"):
        journey.goto("/en/questions/ask/")
        journey.tab_to("input[name=title]")
        page.keyboard.type("Can I get my chat transcript in Arabic?")
        journey.tab_to("textarea[name=body]")
        page.keyboard.type("I chatted with an agent in Arabic and want the transcript by email.")
        journey.tab_to("form[action$='/questions/ask/'] button[type=submit]:not([name=preview])")
        page.keyboard.press("Enter")
        page.wait_for_url(lambda url: "/questions/ask/" not in url)
        question = Question.objects.get(title="Can I get my chat transcript in Arabic?")
    with journey.step("vote on someone else's answer with the keyboard"):
        other = (
            Question.objects.filter(language="en", status="published")
            .exclude(author__email="layla@dalil.example")
            .exclude(accepted_answer=None)
            .first()
        )
        answer = other.accepted_answer
        journey.goto(f"/en/questions/{other.pk}/{other.slug}/")
        before = int(page.locator(f"#answer-{answer.pk} .vote__score").inner_text())
        journey.tab_to(f"#answer-{answer.pk} .vote form:first-of-type button")
        page.keyboard.press("Enter")
        page.locator(f"#answer-{answer.pk} .vote__score").filter(
            has_text=str(before + 1)
        ).wait_for()
    assert question.pk
