import re

import pytest
from django.core import mail

from tests.e2e.conftest import PHONE

PASSWORD = "a-long-browser-passphrase-7"

LABELS = {
    "en": {"email": "Email", "name": "Display name", "signup": "Sign Up", "confirm": "Confirm"},
    "ar": {"email": "البريد", "name": "الاسم الظاهر", "signup": "اشترك", "confirm": "تأكيد"},
}


@pytest.mark.parametrize("language", ["en", "ar"])
def test_visitor_signs_up_and_verifies_email_in_a_real_browser(journey, language):
    page = journey.page
    with journey.step("open the home page"):
        journey.goto(f"/{language}/")
        journey.assert_direction(language)
    with journey.step("go to sign up from the header"):
        page.locator("header").get_by_role("link", name=re.compile("Sign up|إنشاء حساب")).click()
        page.wait_for_url(re.compile(f"/{language}/account/signup/"))
        journey.assert_direction(language)
    with journey.step("fill in the sign-up form"):
        page.fill("input[name=email]", f"browser-{language}@example.com")
        page.fill("input[name=display_name]", "Browser Person")
        page.fill("input[name=password1]", PASSWORD)
        page.fill("input[name=password2]", PASSWORD)
        page.locator("main form button[type=submit]").click()
        page.wait_for_url(re.compile("/account/confirm-email/"))
    with journey.step("follow the link in the verification email"):
        link = re.search(r"https?://\S+/account/confirm-email/\S+/", mail.outbox[-1].body).group(0)
        page.goto(link)
        page.locator("main form button[type=submit]").click()
    with journey.step("arrive logged in with the display name in the header"):
        page.wait_for_load_state()
        assert page.locator("header").get_by_text("Browser Person").is_visible()


@pytest.mark.parametrize("language", ["en", "ar"])
def test_home_and_account_pages_have_no_serious_accessibility_violations(journey, language):
    for path in (f"/{language}/", f"/{language}/account/login/", f"/{language}/account/signup/"):
        with journey.step(f"axe on {path}"):
            journey.goto(path)
            journey.assert_accessible()
    journey.goto(f"/{language}/")
    journey.screenshot(f"home-{language}")


def test_arabic_layout_is_mirrored(journey):
    journey.goto("/ar/")
    brand = journey.page.locator(".brand").bounding_box()
    switcher = journey.page.locator(".language-switcher").bounding_box()
    assert brand["x"] > switcher["x"], "in Arabic the brand sits on the right, tools on the left"
    journey.goto("/en/")
    brand = journey.page.locator(".brand").bounding_box()
    switcher = journey.page.locator(".language-switcher").bounding_box()
    assert brand["x"] < switcher["x"]


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(journey):
    journey.goto("/en/")
    journey.page.keyboard.press("Tab")
    focused = journey.page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"
    journey.page.keyboard.press("Enter")
    assert journey.page.evaluate("document.activeElement.id") == "main"


def test_language_switcher_works_with_the_keyboard(journey):
    journey.goto("/en/")
    link = journey.page.locator(".language-switcher a[lang=ar]")
    link.focus()
    journey.page.keyboard.press("Enter")
    journey.page.wait_for_url(re.compile("/ar/$"))
    journey.assert_direction("ar")


def test_phone_viewport_shows_the_whole_header_without_horizontal_scroll(phone_journey):
    phone_journey.goto("/en/")
    width = phone_journey.page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"]
    phone_journey.screenshot("home-en-phone")
