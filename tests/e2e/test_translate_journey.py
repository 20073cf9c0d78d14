"""Issue 18: staff press "Translate" on an English article and type the Arabic copy right to
left, reading the English source beside the fields — in an English and an Arabic admin, on a
desktop and a phone."""

import os
import re
from pathlib import Path

import pytest
from wagtail.models import Locale

from kb.models import ArticlePage
from tests.kb.conftest import make_article, make_category, translate

from .conftest import DESKTOP, PHONE, _open
from .test_second_reviewer_journey import staff_member

SHOTS = Path(os.environ.get("DALIL_SHOTS", "/tmp/shots-translate"))
SOURCE_HEADING = {"en": "Source (English)", "ar": "المصدر (الإنجليزيّة)"}
DIRECTION = "el => getComputedStyle(el).direction"

pytestmark = pytest.mark.e2e


@pytest.fixture
def sized_journey(browser, live_server, request):
    params = request.node.callspec.params
    size = DESKTOP if params["viewport"] == "desktop" else PHONE
    yield from _open(browser, live_server, request, size, params["language"])


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
@pytest.mark.parametrize("language", ["en", "ar"])
def test_staff_translate_an_english_article_right_to_left_beside_its_source(
    sized_journey, language, viewport
):
    from tests.factories import PASSWORD

    staff = staff_member("Noura Staff", language)
    category = make_category("en", "Contact us")
    translate(category, "ar", title="تواصل معنا", slug="contact-us")
    article = make_article(category, "Reset your voicemail PIN")
    journey, page = sized_journey, sized_journey.page
    name = f"{language}-{viewport}"
    SHOTS.mkdir(parents=True, exist_ok=True)

    with journey.step("press Translate on the English article and choose Arabic"):
        journey.log_in(staff.email, PASSWORD, language=language)
        journey.goto(f"/admin/translation/submit/page/{article.pk}/")
        page.locator("input[name=locales]").first.check()
        with page.expect_navigation():
            page.locator("main form [type=submit]").first.click()
        copy = ArticlePage.objects.get(
            translation_key=article.translation_key, locale=Locale.objects.get(language_code="ar")
        )
        page.wait_for_url(re.compile(rf"/admin/pages/{copy.pk}/edit/"))
        page.wait_for_load_state("networkidle")

    with journey.step("the Arabic copy's fields are right to left, the admin as chosen"):
        assert page.locator("html").get_attribute("lang") == language
        for selector in ("#id_title", "#id_summary"):
            assert page.locator(selector).evaluate(DIRECTION) == "rtl", selector
        body = page.locator("[data-contentpath=body] [contenteditable=true]").first
        body.wait_for()
        assert body.evaluate(DIRECTION) == "rtl"

    with journey.step("the English source is shown beside them, left to right"):
        source = page.locator(".kb-translation-source")
        assert SOURCE_HEADING[language] in page.locator("main").inner_text()
        source.scroll_into_view_if_needed()
        assert source.is_visible()
        assert "Reset your voicemail PIN" in source.inner_text()
        assert article.summary in source.inner_text()
        assert source.evaluate(DIRECTION) == "ltr"
        assert (
            page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"] + 1
        )
        page.locator("#id_title").scroll_into_view_if_needed()
        page.screenshot(path=str(SHOTS / f"translate-{name}.png"), full_page=True)

    with journey.step("an Arabic paragraph typed over the English one reads right to left"):
        body.scroll_into_view_if_needed()
        body.click()
        page.keyboard.press("Control+A")
        page.keyboard.type("خطّنا مفتوح كل يوم.")
        block = page.locator("[data-contentpath=body] .public-DraftStyleDefault-block").first
        assert block.evaluate(DIRECTION) == "rtl"
        heading = page.locator("[data-contentpath=body] input[type=text]").first
        assert heading.evaluate(DIRECTION) == "rtl"
        page.screenshot(path=str(SHOTS / f"translate-body-{name}.png"))

    with journey.step("the English original's editor stays left to right, with no source"):
        journey.goto(f"/admin/pages/{article.pk}/edit/")
        page.wait_for_load_state("networkidle")
        assert page.locator("#id_title").evaluate(DIRECTION) == "ltr"
        assert page.locator(".kb-translation-source").count() == 0
