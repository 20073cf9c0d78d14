"""Issue 18, item 2: one staff member submits an article for review, a second approves it from
the page editor ("Approve and Publish"), and the article is live — in English and Arabic, on a
desktop and a phone. Having first typed a change, the reviewer is told why they cannot approve."""

import os
from pathlib import Path

import pytest
from wagtail.models import PageLogEntry
from wagtail.users.models import UserProfile

from kb.models import ArticlePage
from tests.factories import PASSWORD, UserFactory
from tests.kb.conftest import make_article, make_category
from website.roles import SUPPORT_STAFF

SHOTS = Path(os.environ.get("DALIL_SHOTS", "/tmp/shots"))
APPROVE = "button[data-workflow-action-name='approve']:not([data-workflow-action-modal-url])"
CHANGE = "Changed by the reviewer."
REFUSED = {
    "en": "You changed this article, so you cannot also approve it",
    "ar": "لقد غيّرت هذه المقالة، فلا يمكنك أن تعتمدها أيضًا",
}


def staff_member(name: str, language: str):
    user = UserFactory(display_name=name, role=SUPPORT_STAFF, preferred_language=language)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language  # the Wagtail admin's own language setting
    profile.save()
    return user


def article_revisions(article, user):
    return ArticlePage.objects.get(pk=article.pk).revisions.filter(user=user)


def choose_from_action_menu(page, selector: str):
    """Click an item of the editor's footer action menu, opening its dropdown if needed."""
    item = page.locator(selector).first
    if not item.is_visible():
        page.locator("footer [data-w-dropdown-target='toggle']").first.click()
    with page.expect_navigation():
        item.click()


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_second_staff_member_approves_from_the_editor_and_the_article_goes_live(
    sized_journey, browser, live_server, language, viewport
):
    author = staff_member("Noura Staff", language)
    reviewer = staff_member("Omar Staff", language)
    title = {"en": "Reset your voicemail PIN", "ar": "إعادة تعيين رمز البريد الصوتي"}[language]
    category = make_category(language, {"en": "Contact us", "ar": "تواصل معنا"}[language])
    draft = make_article(category, title, publish=False, user=author)
    edit_path = f"/admin/pages/{draft.pk}/edit/"
    journey = sized_journey
    page = journey.page
    name = f"{language}-{viewport}"
    SHOTS.mkdir(parents=True, exist_ok=True)

    with journey.step("the author submits the draft for review from the editor"):
        journey.log_in(author.email, PASSWORD, language=language)
        journey.goto(edit_path)
        choose_from_action_menu(page, "button[name='action-submit']")
        article = ArticlePage.objects.get(pk=draft.pk)
        assert article.current_workflow_state is not None
        assert not article.live

    with journey.step("the second staff member approves from the editor"):
        context = browser.new_context(
            viewport=page.viewport_size, locale="ar-EG" if language == "ar" else "en-GB"
        )
        second = context.new_page()
        second.set_default_timeout(10_000)
        journey.log_in(reviewer.email, PASSWORD, language=language, page=second)
        second.goto(journey.url(edit_path))
        summary = second.input_value("#id_summary")
        second.fill("#id_summary", CHANGE)
        choose_from_action_menu(second, APPROVE)
        assert second.get_by_text(REFUSED[language]).first.is_visible()
        second.screenshot(path=str(SHOTS / f"reviewer-{name}-refused.png"), full_page=False)
        assert not ArticlePage.objects.get(pk=draft.pk).live

    with journey.step("the second staff member undoes the change and approves from the editor"):
        # The editor saves typing as it goes: let it save the refused change first.
        for _ in range(50):
            if article_revisions(draft, reviewer).filter(content__summary=CHANGE).exists():
                break
            second.wait_for_timeout(200)
        second.fill("#id_summary", summary)
        with second.expect_navigation():
            second.locator("footer button.action-save").click()
        choose_from_action_menu(second, APPROVE)
        assert "/admin/pages/" in second.url and not second.url.endswith("/admin/")
        second.screenshot(path=str(SHOTS / f"reviewer-{name}-approved.png"), full_page=False)

    with journey.step("the article is live and the approval is the reviewer's"):
        article = ArticlePage.objects.get(pk=draft.pk)
        assert article.live
        approval = PageLogEntry.objects.get(page=article, action="wagtail.workflow.approve")
        assert approval.user_id == reviewer.pk
        assert article.summary == summary  # the article as it was submitted
        second.goto(journey.url(edit_path))
        assert second.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
        second.screenshot(path=str(SHOTS / f"reviewer-{name}.png"), full_page=False)
        context.close()
        journey.goto(article.url)
        assert page.locator("h1", has_text=title).is_visible()
        journey.assert_direction(language)
