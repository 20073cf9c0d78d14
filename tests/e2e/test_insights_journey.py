"""A support lead opens Insights on the demo (issue 21): every figure as a chart beside its
table, in both languages, on a desktop and a phone; the deflection shown is the hand count of
the stored sessions; a figure downloads as CSV; the weekly summary is switched on. Before that,
a visitor's reads (a thread twice, from the page cache the second time) are counted once."""

import csv
import io
import os
from pathlib import Path

import pytest
from django.db.models import Sum

from tests.factories import PASSWORD
from website.insights import counting, figures
from website.insights.models import DailySessions, DailyViews, SummarySubscription

SHOTS = Path(os.environ.get("DALIL_SHOTS", "/tmp/shots"))
PERSON_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0"


def hand_counted_deflection() -> str:
    week = figures.periods(figures.WEEK, 1, today=counting.today())[0]
    totals = DailySessions.objects.filter(day__gte=week.start, day__lt=week.end).aggregate(
        helped=Sum("self_service"), kept=Sum("deflected")
    )
    return f"{round(100 * totals['kept'] / totals['helped'], 1)}%"


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_support_lead_reads_the_insights(
    browser, sized_journey, demo_site, support_staff, language, viewport
):
    from wagtail.users.models import UserProfile

    from forum.models import Question

    profile = UserProfile.get_for_user(support_staff)
    profile.preferred_language = language
    profile.save()
    journey, page = sized_journey, sized_journey.page
    thread = Question.objects.filter(language=language, status="published").order_by("pk").first()

    with journey.step("a visitor reads a thread twice: counted once, the cached copy too"):
        visitor = browser.new_context(user_agent=PERSON_AGENT, locale="en-GB")
        tab = visitor.new_page()
        url = journey.url(journey.thread_path(thread, language))
        assert tab.goto(url).headers.get("x-page-cache") == "miss"
        assert tab.goto(url).headers.get("x-page-cache") == "hit"
        visitor.close()
        before = DailyViews.objects.filter(object_id=thread.pk, day=counting.today()).count()
        assert before == 0
        counting.flush()
        row = DailyViews.objects.get(kind="question", object_id=thread.pk, day=counting.today())
        assert row.views == 1

    with journey.step("the lead opens Insights: a chart beside a table for every figure"):
        journey.log_in(support_staff.email, PASSWORD, language=language)
        journey.goto("/admin/insights/")
        journey.assert_direction(language)
        cards = page.locator(".insights-grid .insights-card")
        assert cards.count() == len(figures.FIGURES)
        for index in range(cards.count()):
            card = cards.nth(index)
            assert card.locator("svg[role=img]").count() == 1
            assert card.locator("table tbody tr").count() == 12
        deflection = page.locator("#figure-deflection").locator("xpath=..")
        assert (
            deflection.locator(".insights-card__latest strong").inner_text().replace(",", ".")
            == hand_counted_deflection()
        )
        journey.assert_accessible(".insights")
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"insights-{language}-{viewport}.png"), full_page=True)

    with journey.step("a figure downloads as CSV with the same latest value"):
        with page.expect_download() as download:
            deflection.get_by_role("link", name="CSV").click()
        rows = list(csv.reader(io.StringIO(Path(download.value.path()).read_text("utf-8-sig"))))
        assert len(rows) == 13
        assert f"{rows[-1][3]}%" == hand_counted_deflection()

    with journey.step("the lead asks for the weekly summary"):
        page.locator(".insights-summary input[name=subscribe]").check()
        page.locator(".insights-summary button[type=submit]").click()
        page.wait_for_load_state()
        assert SummarySubscription.objects.filter(user=support_staff).exists()
        assert page.locator(".insights-summary input[name=subscribe]").is_checked()
