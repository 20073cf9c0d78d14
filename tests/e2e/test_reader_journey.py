"""Journey 5: a reader searches with a misspelling (in Arabic, with a letter variant), finds the
article, votes "not helpful" with a reason; after the stale sweep the article is in the
"Needs review" report."""

import re

import pytest
from django.core.management import call_command

from kb.models import ArticleFeedback

SEARCHES = {
    # (query with a typo or a letter variant, expected article title)
    "en": ("formal complant", "Make a formal complaint"),
    "ar": ("تقديم شكوي رسميه", "تقديم شكوى رسمية"),
}


@pytest.mark.parametrize("language", ["en", "ar"])
def test_reader_finds_an_article_and_reports_it_outdated(journey, browser, demo_site, language):
    query, title = SEARCHES[language]
    page = journey.page
    with journey.step("search from the home page with a misspelling"):
        journey.goto(f"/{language}/")
        box = page.locator("main form[role=search] input[name=q]")
        box.fill(query)
        box.press("Enter")
        page.wait_for_url(re.compile("/search/"))
        journey.assert_direction(language)
        result = page.locator(".search-hit__title a", has_text=title).first
        result.wait_for()
    with journey.step("open the article"):
        result.click()
        page.wait_for_load_state()
        assert page.locator("h1").first.inner_text().strip() == title
    with journey.step("vote not helpful with a reason"):
        page.locator(".kb-feedback__no summary").click()
        page.check("input[name=reason][value=outdated]")
        page.fill("#kb-feedback-comment", "The opening hours changed last month.")
        page.locator(".kb-feedback__no button[type=submit]").click()
        # The vote is sent without a reload; the status line confirms it was recorded.
        page.locator("[data-kb-feedback-status]").filter(has_text=re.compile(".+")).wait_for()
        feedback = ArticleFeedback.objects.get(
            article__title=title, comment="The opening hours changed last month."
        )
        assert feedback.helpful is False
        assert feedback.reason == "outdated"
    with journey.step("the sweep puts the article in the staff's needs-review report"):
        call_command("detect_stale")
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        staff = context.new_page()
        journey.log_in("noura@dalil.example", "noura-demo-2026", language=language, page=staff)
        staff.goto(journey.url("/admin/moderation/stale/"))
        assert staff.get_by_text(title).first.is_visible()
        context.close()
