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
