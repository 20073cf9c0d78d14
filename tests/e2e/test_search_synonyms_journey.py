"""Support staff add a search synonym in the admin, in English and Arabic, on a desktop and a
phone: a group of one word is refused with a message in their language, a good group is saved,
and the public search then finds the article through it."""

from pathlib import Path

import pytest
from wagtail.users.models import UserProfile

from website.models import User
from website.search.models import SearchSynonym

SHOTS = Path("/tmp/shots-search")
GROUPS = {
    "en": ("wifi box", "wifi box, router", "wifi box", "Does Sahla offer video calls"),
    "ar": ("المودم", "المودم, الراوتر", "المودم", "راوتر"),
}
REFUSED = {"en": "Give at least two words", "ar": "أدخل كلمتين أو عبارتين على الأقل"}


@pytest.mark.e2e
# All four were walked and their screenshots looked at; CI keeps the two that differ most.
@pytest.mark.parametrize(("language", "viewport"), [("en", "desktop"), ("ar", "phone")])
def test_staff_add_a_synonym_and_search_finds_through_it(
    browser, live_server, demo_site, language, viewport
):
    staff = User.objects.get(email="noura@dalil.example")
    profile = UserProfile.get_for_user(staff)
    profile.preferred_language = language
    profile.save()
    size = (
        {"width": 1280, "height": 900} if viewport == "desktop" else {"width": 390, "height": 844}
    )
    context = browser.new_context(viewport=size)
    page = context.new_page()
    page.set_default_timeout(15_000)
    SHOTS.mkdir(exist_ok=True)
    one_word, terms, query, expected = GROUPS[language]
    try:
        page.goto(f"{live_server.url}/{language}/account/login/")
        page.fill("input[name=login]", "noura@dalil.example")
        page.fill("input[name=password]", "noura-demo-2026")
        page.locator("main form button[type=submit]").click()
        page.wait_for_load_state()

        page.goto(f"{live_server.url}/admin/snippets/website/searchsynonym/add/")
        page.select_option("select[name=language]", language)
        page.fill("textarea[name=terms]", one_word)
        page.locator("form[method=post] button[type=submit]").last.click()
        page.wait_for_load_state()
        assert REFUSED[language] in page.content()
        page.screenshot(path=str(SHOTS / f"synonym-refused-{language}-{viewport}.png"))
        assert not SearchSynonym.objects.filter(terms__contains=one_word).exists()

        page.fill("textarea[name=terms]", terms)
        page.locator("form[method=post] button[type=submit]").last.click()
        page.wait_for_url("**/admin/snippets/website/searchsynonym/")
        page.screenshot(path=str(SHOTS / f"synonym-list-{language}-{viewport}.png"))
        assert SearchSynonym.objects.filter(language=language, terms=terms).exists()

        page.goto(f"{live_server.url}/{language}/search/?q={query}")
        page.screenshot(path=str(SHOTS / f"synonym-search-{language}-{viewport}.png"))
        assert expected in page.locator("main").inner_text()
    finally:
        context.close()
