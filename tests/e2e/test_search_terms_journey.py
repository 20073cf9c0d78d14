"""Support staff read in "Search terms" what visitors typed (issue 18): an Arabic visitor types
"كلمة المرور" and "كلمه المرور"; the report shows one row in the spelling most people typed,
never the normalised "كلمه المرور" alone, with the language named. Both interface languages,
desktop and phone."""

import os
import re
from pathlib import Path

import pytest

from tests.factories import PASSWORD

SHOTS = Path(os.environ.get("DALIL_SHOTS", "/tmp/shots"))
TYPED = "كلمة المرور الجديدة لا تصل"
VARIANT = "كلمه المرور الجديده لا تصل"
LANGUAGE_NAME = {"en": "Arabic", "ar": "العربيّة"}


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
@pytest.mark.parametrize("language", ["en", "ar"])
def test_staff_read_the_spelling_visitors_typed(
    sized_journey, demo_site, support_staff, language, viewport
):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(support_staff)
    profile.preferred_language = language
    profile.save()
    journey = sized_journey
    page = journey.page

    with journey.step("a visitor searches twice as typed, once in the other spelling"):
        for query in (TYPED, TYPED, VARIANT):
            journey.goto("/ar/search/?q=" + query)
            page.wait_for_url(re.compile(r"/ar/search/\?q="))

    with journey.step("staff open Search terms: one row, in the typed spelling, language named"):
        journey.log_in(support_staff.email, PASSWORD, language=language)
        journey.goto("/admin/reports/search-terms/?days=7")
        journey.assert_direction(language)
        rows = page.locator("tr", has=page.locator("bdi.search-term", has_text="المرور"))
        top = rows.first
        assert top.locator("bdi.search-term").inner_text() == TYPED
        assert LANGUAGE_NAME[language] in top.inner_text()
        assert "3" in top.locator("td").nth(2).inner_text()
        assert page.locator("bdi.search-term", has_text=VARIANT).count() == 0
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"search-terms-{language}-{viewport}.png"), full_page=True)
