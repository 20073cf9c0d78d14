"""A visitor searches from the header of an article, reads plain-text snippets, follows a result
that links to the page itself and the click is counted without a redirect; on a phone the first
result and the first question are on the first screen and the filters open from their toggle.
In English and Arabic."""

import re
import time
from pathlib import Path

import pytest
from django.utils import translation

from forum import services
from forum.models import Question
from kb.models import ArticlePage
from website.models import User
from website.search.analytics import top_queries
from website.search.models import SearchClick

SHOTS = Path("/tmp/shots-visitor")
QUERY = "800 123"
# The demo thread whose answer writes the number in bold (`**800 123**`).
THREADS = {
    "en": "What are the live chat opening hours?",
    "ar": "ما هي ساعات عمل خدمة العملاء عبر الهاتف؟",
}
HOSTILE = {
    "en": ("Which 800 123 option is for roaming abroad?", "Which 800 123 menu option"),
    "ar": ("أي خيار في 800 123 مخصص للتجوال؟", "أي خيار في قائمة 800 123"),
}
PHONE = {"width": 390, "height": 844}


def _shot(page, name):
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))


def _hostile_thread(language):
    """A published thread whose body tries to run a script through markdown."""
    title, words = HOSTILE[language]
    author = User.objects.get(email="omar@dalil.example")
    question = services.create_question(
        actor=author,
        title=title,
        body=f"{words} **abroad**? <script>window.hacked = true</script> <b>bold</b>",
        language=language,
    )
    assert Question.objects.get(pk=question.pk).is_published
    return title


def _wait_for_click(object_id, seconds=5):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        click = SearchClick.objects.filter(kind="thread", object_id=object_id).first()
        if click is not None:
            return click
        time.sleep(0.1)
    raise AssertionError(f"no click recorded for thread {object_id}")


@pytest.mark.parametrize("language", ["en", "ar"])
def test_visitor_searches_from_an_article_and_the_click_on_a_result_is_counted(
    journey, demo_site, language
):
    page = journey.page
    thread = Question.objects.get(title=THREADS[language])
    hostile_title = _hostile_thread(language)
    article = ArticlePage.objects.live().filter(locale__language_code=language).first()
    with journey.step("search from the header of an article page"):
        journey.goto(article.get_url())
        journey.assert_direction(language)
        box = page.locator("header form[role=search] input[name=q]")
        assert box.is_visible()
        assert page.get_by_role("searchbox", name=re.compile(".+")).first.is_visible()
        box.fill(QUERY)
        box.press("Enter")
        page.wait_for_url(re.compile(rf"/{language}/search/\?q="))
        journey.assert_direction(language)
    with journey.step("snippets are plain text and typed HTML never runs"):
        thread_hits = page.locator(".search-hit", has=page.locator(".badge--thread"))
        hit = thread_hits.filter(has=page.locator("h3", has_text=THREADS[language]))
        snippet = hit.locator(".search-hit__snippet").inner_text()
        assert "800 123" in snippet and "**" not in snippet
        assert "**" not in page.locator(".search-hits").inner_text()
        hostile = thread_hits.filter(has=page.locator("h3", has_text=hostile_title))
        hostile_snippet = hostile.locator(".search-hit__snippet")
        assert "<script>window.hacked = true</script>" in hostile_snippet.inner_text()
        assert hostile_snippet.locator("script, b").count() == 0
        assert hostile_snippet.locator("mark").count() >= 1
        assert page.evaluate("() => window.hacked") is None
        assert page.locator(".search-facets").is_visible(), "filters are open on a desktop"
        _shot(page, f"journey-results-{language}-desktop")
    with journey.step("the result links to the page itself"):
        link = hit.locator(".search-hit__title a")
        link.hover()
        href = link.get_attribute("href")
        with translation.override(language):
            assert href == thread.get_absolute_url()
        hrefs = page.locator(".search-hit__title a").evaluate_all("(as) => as.map(a => a.href)")
        assert hrefs and not [h for h in hrefs if "/search/" in h]
        assert link.get_attribute("data-click")
    with journey.step("following it opens the thread directly and counts the click"):
        redirects = []
        page.on(
            "response",
            lambda response: (
                redirects.append(response.url) if 300 <= response.status < 400 else None
            ),
        )
        link.click()
        page.wait_for_url(re.compile(re.escape(href) + "$"))
        assert page.locator("h1").first.inner_text().strip() == THREADS[language]
        assert redirects == []
        click = _wait_for_click(str(thread.pk))
        assert click.query == QUERY and click.locale == language and click.position >= 1
        report = {row["query"]: row for row in top_queries(days=7)}
        assert report[QUERY]["clicks"] == 1 and report[QUERY]["searches"] == 1


@pytest.mark.parametrize("language", ["en", "ar"])
def test_on_a_phone_results_come_first_and_filters_open_from_the_toggle(
    browser, live_server, demo_site, language
):
    context = browser.new_context(viewport=PHONE, locale="ar-EG" if language == "ar" else "en-GB")
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        page.goto(f"{live_server.url}/{language}/")
        box = page.locator("header form[role=search] input[name=q]")
        header = page.locator("header.site-header").bounding_box()
        assert header["height"] < 200, "the header search fits the phone's header"
        assert box.bounding_box()["width"] > 250
        box.fill(QUERY)
        box.press("Enter")
        page.wait_for_url(re.compile(rf"/{language}/search/\?q="))
        first = page.locator(".search-hit__title").first.bounding_box()
        assert first["y"] + first["height"] <= PHONE["height"], "first result above the fold"
        facets = page.locator(".search-facets")
        assert not facets.is_visible()
        _shot(page, f"journey-results-{language}-phone")
        page.locator(".search-filters > summary").click()
        assert facets.is_visible()
        _shot(page, f"journey-results-{language}-phone-filters")

        page.goto(f"{live_server.url}/{language}/questions/")
        row = page.locator(".question-row").first.bounding_box()
        assert row["y"] + 60 <= PHONE["height"], "first question above the fold"
        category = page.locator("select[name=category]")
        assert not category.is_visible()
        page.locator(".forum-filters-toggle > summary").click()
        assert category.is_visible()
        _shot(page, f"journey-questions-{language}-phone-filters")
    finally:
        context.close()
