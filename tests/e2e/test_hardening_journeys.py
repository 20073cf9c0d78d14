"""What members and moderators see of the hardening of issue 17, in a real browser, in English
and Arabic, on a desktop and a phone:

1. a customer cannot take a staff member's name (or a lookalike) or a name with a direction
   override: the profile form says why, in the page's language;
2. a new member's edit that adds links goes back to review, and the page says why;
3. a suspended member's edit is refused on the form, and the preview is refused too;
4. a name saved before the rule is isolated (<bdi>), so it cannot reverse the text after it;
5. a moderator saving a watched pattern RE2 cannot run sees the reason in the admin.
Screenshots go to /tmp/shots-hardening-forum/ (and the profile one to docs/screenshots/).
"""

from pathlib import Path

import pytest
from wagtail.users.models import UserProfile

from forum import services
from moderation.actions.decisions import approve_item
from moderation.actions.people import suspend_user
from moderation.models import ReviewItem, WatchedWord
from tests.e2e.conftest import DESKTOP, PHONE
from tests.factories import PASSWORD, ModeratorFactory, UserFactory

SHOTS = Path("/tmp/shots-hardening-forum")
BODY = "How do I move my plan to another number without losing my remaining credit?"
MESSAGES = {
    "staff_name": {
        "en": "looks like the name of a member of staff",
        "ar": "هذا الاسم يشبه اسم أحد أعضاء فريق العمل",
    },
    "hidden": {
        "en": "invisible characters or characters that change the direction",
        "ar": "محارف غير مرئية أو محارف تغيّر اتجاه النص",
    },
    "held": {"en": "awaiting review by a moderator", "ar": "بانتظار مراجعة أحد المشرفين"},
    "suspended": {"en": "Your account is suspended", "ar": "حسابك موقوف"},
    "pattern": {"en": "This pattern cannot be used", "ar": "لا يمكن استخدام هذا النمط"},
}


def _shoot(journey, name: str, *, viewport=DESKTOP):
    SHOTS.mkdir(parents=True, exist_ok=True)
    journey.page.set_viewport_size(viewport)
    journey.page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _both_sizes(journey, name: str):
    _shoot(journey, f"{name}-desktop", viewport=DESKTOP)
    _shoot(journey, f"{name}-phone", viewport=PHONE)
    journey.page.set_viewport_size(DESKTOP)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_names_that_pass_for_staff_are_refused_on_the_profile_form(journey, language):
    ModeratorFactory(display_name="Sami Haddad")
    customer = UserFactory(email=f"namer-{language}@example.com", display_name="Layla")
    journey.log_in(customer.email, PASSWORD, language=language)
    page = journey.page
    with journey.step("a lookalike of a staff member's name"):
        journey.goto(f"/{language}/account/profile/")
        page.fill("input[name=display_name]", "Ѕаmі Haddad")
        page.locator("main form button[type=submit]").click()
        page.wait_for_load_state()
        assert MESSAGES["staff_name"][language] in page.locator(".field__error").inner_text()
        assert page.locator("input[name=display_name]").input_value() == "Ѕаmі Haddad"
        _both_sizes(journey, f"profile-staff-name-{language}")
        if language == "en":
            journey.screenshot("profile-name-refused")
    with journey.step("a right-to-left override"):
        page.fill("input[name=display_name]", "\u202emaeT troppuS")
        page.locator("main form button[type=submit]").click()
        page.wait_for_load_state()
        assert MESSAGES["hidden"][language] in page.locator(".field__error").inner_text()
        _both_sizes(journey, f"profile-direction-override-{language}")
    customer.refresh_from_db()
    assert customer.display_name == "Layla"


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_new_members_edit_with_links_goes_back_to_review(journey, settings, language):
    for name in ("DALIL_TRUST_LEVEL1_POSTS", "DALIL_TRUST_LEVEL1_DAYS", "DALIL_RATE_LIMITS"):
        if hasattr(settings, name):
            delattr(settings, name)
    moderator = ModeratorFactory()
    newcomer = UserFactory(email=f"newcomer-{language}@example.com", display_name="Newcomer")
    question = services.create_question(
        actor=newcomer, title="How do I keep my number?", body=BODY, language=language
    )
    item = ReviewItem.objects.open().for_target(question).get()
    approve_item(item=item, actor=moderator)
    journey.log_in(newcomer.email, PASSWORD, language=language)
    page = journey.page
    with journey.step("edit the approved question to add links"):
        journey.goto(f"/{language}/questions/{question.pk}/-/edit/")
        links = " ".join(f"[offer {n}](//s{n}.example/)" for n in range(4))
        page.fill("textarea[name=body]", BODY + "\n\n" + links)
        page.locator("main form button[type=submit]").last.click()
        page.wait_for_load_state()
        assert MESSAGES["held"][language] in page.content()
        _both_sizes(journey, f"edit-held-for-review-{language}")
    question.refresh_from_db()
    assert question.is_pending


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_suspended_member_cannot_edit_or_preview(journey, established_members, language):
    customer = UserFactory(email=f"suspended-{language}@example.com", display_name="Omar")
    question = services.create_question(
        actor=customer, title="Where is my latest invoice?", body=BODY, language=language
    )
    answer = services.create_answer(actor=customer, question=question, body=BODY)
    suspend_user(user=customer, actor=ModeratorFactory(), days=7, reason="Insults")
    journey.log_in(customer.email, PASSWORD, language=language)
    page = journey.page
    with journey.step("the edit is refused on the form"):
        journey.goto(f"/{language}/questions/answers/{answer.pk}/edit/")
        page.fill("textarea[name=body]", BODY + " — edited while suspended")
        page.locator("main form button[type=submit]").last.click()
        page.wait_for_load_state()
        assert MESSAGES["suspended"][language] in page.locator(".form-errors").inner_text()
        _both_sizes(journey, f"edit-refused-suspended-{language}")
    with journey.step("the live preview says so too"):
        page.fill("textarea[name=body]", BODY + " **bold**")
        page.wait_for_selector("#answer-preview .notice--error")
        assert MESSAGES["suspended"][language] in page.locator("#answer-preview").inner_text()
    answer.refresh_from_db()
    assert answer.body == BODY


@pytest.mark.parametrize("language", ["en", "ar"])
def test_an_old_name_with_a_direction_override_is_isolated(journey, established_members, language):
    author = UserFactory(display_name="\u202emaeT troppuS")  # saved before the rule
    question = services.create_question(
        actor=author, title="Can I pay my bill in cash at a shop?", body=BODY, language=language
    )
    journey.goto(journey.thread_path(question, language))
    author_link = journey.page.locator(".post--question .post__author a")
    assert author_link.locator("bdi").count() == 1
    # The override saved before the rule is not shown, and the name sits in its own <bdi>.
    box = journey.page.locator(".post--question .post__author")
    assert author_link.inner_text() == "maeT troppuS"
    assert box.evaluate("(el) => getComputedStyle(el.querySelector('bdi')).unicodeBidi") in (
        "isolate",
        "-webkit-isolate",
    )
    _both_sizes(journey, f"thread-isolated-name-{language}")


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_watched_pattern_re2_cannot_run_is_refused_in_the_admin(journey, language):
    moderator = ModeratorFactory(email=f"mod-{language}@example.com")
    profile = UserProfile.get_for_user(moderator)
    profile.preferred_language = language
    profile.save()
    journey.log_in(moderator.email, PASSWORD, language=language)
    page = journey.page
    journey.goto("/admin/snippets/moderation/watchedword/add/")
    page.fill("input[name=pattern]", r"(\w+)\1")
    page.check("input[name=is_regex]")
    page.locator("button.action-save").first.click()
    page.wait_for_load_state()
    assert MESSAGES["pattern"][language] in page.content()
    _both_sizes(journey, f"admin-watched-pattern-refused-{language}")
    assert not WatchedWord.objects.exists()
    page.fill("input[name=pattern]", r"((q+))+$")
    page.locator("button.action-save").first.click()
    page.wait_for_load_state()
    assert WatchedWord.objects.filter(pattern=r"((q+))+$").exists()
