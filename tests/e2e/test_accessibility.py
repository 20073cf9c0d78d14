"""axe-core over the key pages in both languages: zero serious or critical violations."""

import pytest
from django.core.management import call_command

from forum.models import Question
from kb.models import ArticlePage


@pytest.fixture
def demo_site(capsys):
    call_command("seed_demo")
    capsys.readouterr()


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
        journey.goto(f"/{language}/account/login/")
        journey.page.fill("input[name=login]", "layla@dalil.example")
        journey.page.fill("input[name=password]", "layla-demo-2026")
        journey.page.locator("main form button[type=submit]").click()
        journey.page.wait_for_load_state()
    with journey.step("axe on the ask form"):
        journey.goto(f"/{language}/questions/ask/")
        journey.assert_accessible()
        journey.screenshot(f"ask-{language}")
