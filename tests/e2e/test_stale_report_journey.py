"""Support staff see in "Needs review" when content was last checked (issue 18 item 3): never
before the scheduler's first sweep, then "less than a minute ago" with the reported article."""

import pytest
from django.core.management import call_command

from tests.factories import PASSWORD

TEXT = {
    "en": {"never": "Never checked yet", "checked": "Last checked less than a minute ago."},
    "ar": {"never": "لم يُفحص المحتوى بعد", "checked": "آخر فحص قبل أقل من دقيقة."},
}


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_report_shows_when_the_scheduler_last_checked(
    journey, demo_site, support_staff, language
):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(support_staff)
    profile.preferred_language = language
    profile.save()
    page = journey.page
    line = page.locator(".stale-last-checked")

    with journey.step("open the report before any sweep"):
        journey.log_in(support_staff.email, PASSWORD, language=language)
        journey.goto("/admin/moderation/stale/")
        journey.assert_direction(language)
        assert TEXT[language]["never"] in line.inner_text()
        assert page.locator("tr.stale-row").count() == 0

    with journey.step("the scheduler sweeps; reload the report"):
        call_command("scheduler", "--once")
        journey.goto("/admin/moderation/stale/")
        assert line.inner_text().strip() == TEXT[language]["checked"]
        assert page.locator("tr.stale-row").count() >= 1


ROW_TEXT = {
    "en": {"more": "More actions", "language": "Arabic", "done": "marked reviewed."},
    "ar": {"more": "إجراءات أخرى", "language": "العربيّة", "done": "سُجّلت مراجعة"},
}
COMMENT = "رقم الهاتف في المقال قديم، الرقم الجديد 06 500 1234"


@pytest.fixture
def reported_arabic_article(db, support_staff):
    """An Arabic article a reader reported as outdated, saying why, after a sweep."""
    from kb.models import ArticlePage
    from kb.services import record_feedback
    from moderation.stale import run_sweep
    from tests.factories import UserFactory
    from tests.kb.conftest import make_article, make_category

    article = make_article(make_category("ar", "الفواتير والدفع"), "كيف تتصل بالدعم")
    ArticlePage.objects.filter(pk=article.pk).update(content_owner=support_staff)
    record_feedback(
        article=article, actor=UserFactory(), helpful=False, reason="outdated", comment=COMMENT
    )
    run_sweep()
    return article


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_row_shows_one_action_the_readers_words_and_more_actions_on_request(
    sized_journey, reported_arabic_article, support_staff, language, viewport
):
    import os
    from pathlib import Path

    from wagtail.users.models import UserProfile

    from tests.e2e.conftest import AXE

    shots = Path(os.environ.get("DALIL_SHOTS", "/tmp/shots"))
    shots.mkdir(parents=True, exist_ok=True)
    profile = UserProfile.get_for_user(support_staff)
    profile.preferred_language = language
    profile.save()
    text = ROW_TEXT[language]
    journey = sized_journey
    page = journey.page
    row = page.locator("tr.stale-row")

    with journey.step("open the report: one action in view, the reader's words quoted"):
        journey.log_in(support_staff.email, PASSWORD, language=language)
        journey.goto("/admin/moderation/stale/")
        journey.assert_direction(language)
        assert row.count() == 1
        visible_buttons = row.locator("td.stale-actions button:visible")
        assert visible_buttons.count() == 1
        assert row.locator("input[name=note]:visible").count() == 0
        comment = row.locator(".stale-comments li", has_text="رقم الهاتف")
        assert comment.evaluate("node => getComputedStyle(node).direction") == "rtl"
        assert text["language"] in row.inner_text()
        assert "الفواتير والدفع" in row.inner_text()
        page.screenshot(path=str(shots / f"stale-row-{language}-{viewport}.png"), full_page=True)
        if AXE.exists():
            journey.assert_accessible(".stale-report")

    with journey.step("More actions opens the other forms"):
        row.locator("details.stale-more > summary").click()
        assert text["more"] in row.locator("details.stale-more > summary").inner_text()
        assert row.locator("input[name=note]:visible").count() == 2
        page.screenshot(path=str(shots / f"stale-more-{language}-{viewport}.png"), full_page=True)

    with journey.step("mark reviewed: the row leaves the report with a message naming it"):
        row.locator("td.stale-actions > form button").click()
        page.wait_for_load_state()
        assert text["done"] in page.locator(".messages").inner_text()
        assert page.locator("tr.stale-row").count() == 0
