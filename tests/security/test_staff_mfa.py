"""Staff powers need a second factor everywhere, not only in the admin (issue 17, item 7).

With DALIL_STAFF_REQUIRE_MFA on, a moderator, a support-staff member or a superuser without an
authenticator app acts as a customer on every public URL until they add one, and is told so on
every page with a link to set it up. The same accounts with TOTP set up keep their powers.
"""

import base64

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from forum import services as forum
from forum.models import Answer, Category, PostStatus, Question
from kb.models import ArticlePage, Nomination
from tests.factories import PASSWORD, ModeratorFactory, SupportStaffFactory, UserFactory
from tests.kb.conftest import make_category
from tests.website.test_accounts import _totp_code

pytestmark = pytest.mark.django_db

SECRET = base64.b32encode(b"dalil-staff-secret-1").decode()
PROMPT = {
    "en": "Your staff rights are paused until you set up two-factor authentication",
    "ar": "صلاحيات فريق العمل في حسابك موقوفة حتى تفعّل المصادقة الثنائية",
}
SETUP_LINK = {"en": "/en/account/2fa/totp/activate/", "ar": "/ar/account/2fa/totp/activate/"}


@pytest.fixture(autouse=True)
def _mfa_required(settings):
    settings.DALIL_STAFF_REQUIRE_MFA = True


@pytest.fixture(autouse=True)
def _english():
    """Thread URLs in English unless a test asks for Arabic (the default language)."""
    with translation.override("en"):
        yield


def _staff(kind: str, *, totp: bool):
    if kind == "moderator":
        user = ModeratorFactory(display_name="Sami Moderator")
    elif kind == "support":
        user = SupportStaffFactory(display_name="Noura Staff")
    else:
        user = UserFactory(display_name="Site Owner", is_superuser=True, is_staff=True)
    if totp:
        TOTP.activate(user, SECRET)
    return user


def _moderator_with_mfa():
    """The moderator who hid something before the test began (with their second factor)."""
    moderator = ModeratorFactory()
    TOTP.activate(moderator, SECRET)
    return moderator


def _client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def url(name, *args, language="en"):
    with translation.override(language):
        return reverse(name, args=args)


@pytest.fixture
def thread(customer, other_customer):
    """A question with an accepted answer, a second answer hidden by a moderator, a comment."""
    category = Category.objects.create(slug="internet", name_ar="الإنترنت", name_en="Internet")
    question = forum.create_question(
        actor=customer,
        title="Fibre internet drops every evening",
        body="My home fibre drops every evening around eight. What should I check first?",
        language="en",
        category=category,
    )
    answer = forum.create_answer(
        actor=other_customer,
        question=question,
        body="Restart the router first, then call us if the line stays down.",
    )
    forum.accept_answer(actor=customer, answer=answer)
    hidden = forum.create_answer(
        actor=other_customer,
        question=question,
        body="Buy another provider's router instead, this one is useless.",
    )
    forum.set_post_status(post=hidden, new_status=PostStatus.HIDDEN, actor=_moderator_with_mfa())
    question.refresh_from_db()
    return question, answer, hidden


@pytest.fixture
def hidden_thread(customer):
    question = forum.create_question(
        actor=customer,
        title="A thread flags have hidden",
        body="This thread was hidden after two members flagged it for spam links.",
        language="en",
    )
    forum.set_post_status(post=question, new_status=PostStatus.HIDDEN, actor=_moderator_with_mfa())
    return question


STAFF = [
    pytest.param(kind, totp, id=f"{kind}-{'totp' if totp else 'no-mfa'}")
    for kind in ("moderator", "support", "superuser")
    for totp in (False, True)
]


@pytest.mark.parametrize("kind, totp", STAFF)
def test_locking_and_unlocking_a_thread_needs_a_second_factor(kind, totp, thread):
    question, _answer, _hidden = thread
    client = _client_for(_staff(kind, totp=totp))

    response = client.post(url("forum:moderate", question.pk), {"action": "lock"})
    question.refresh_from_db()
    assert (response.status_code, question.locked) == ((302, True) if totp else (403, False))

    Question.objects.filter(pk=question.pk).update(locked=True)
    response = client.post(url("forum:moderate", question.pk), {"action": "unlock"})
    question.refresh_from_db()
    assert (response.status_code, question.locked) == ((302, False) if totp else (403, True))


@pytest.mark.parametrize("kind, totp", STAFF)
def test_closing_a_thread_needs_a_second_factor(kind, totp, thread):
    question, _answer, _hidden = thread
    client = _client_for(_staff(kind, totp=totp))
    response = client.post(
        url("forum:moderate", question.pk), {"action": "close", "reason": "off_topic"}
    )
    question.refresh_from_db()
    assert response.status_code == (302 if totp else 403)
    assert question.is_closed is totp


@pytest.mark.parametrize("kind, totp", STAFF)
def test_restoring_a_hidden_post_needs_a_second_factor(kind, totp, thread):
    _question, _answer, hidden = thread
    client = _client_for(_staff(kind, totp=totp))
    response = client.post(url("forum:change_status", "answer", hidden.pk), {"action": "restore"})
    hidden.refresh_from_db()
    # Without a second factor the hidden answer does not exist for them, as for a customer.
    assert (response.status_code, hidden.status) == (
        (302, PostStatus.PUBLISHED) if totp else (404, PostStatus.HIDDEN)
    )


@pytest.mark.parametrize("kind, totp", STAFF)
def test_reading_a_hidden_thread_and_hidden_answers_needs_a_second_factor(
    kind, totp, thread, hidden_thread
):
    question, _answer, hidden = thread
    client = _client_for(_staff(kind, totp=totp))

    assert client.get(hidden_thread.get_absolute_url()).status_code == (200 if totp else 404)
    page = client.get(question.get_absolute_url()).content.decode()
    assert ("Buy another provider" in page) is totp
    assert ("Moderator tools" in page) is totp


@pytest.mark.parametrize("kind, totp", STAFF)
def test_promoting_and_nominating_an_answer_need_a_second_factor(kind, totp, thread):
    _question, answer, _hidden = thread
    category = make_category("en", "Internet")
    client = _client_for(_staff(kind, totp=totp))
    may_promote = totp and kind in ("support", "superuser")

    response = client.post(url("kb:nominate", answer.pk), {"note": "A clear, tested answer."})
    assert response.status_code == (302 if totp else 403)
    assert Nomination.objects.exists() is totp

    response = client.post(
        url("kb:promote", answer.pk),
        {"title": "How to fix evening drops", "language": "en", "category": category.pk},
    )
    assert response.status_code == (302 if may_promote else 403)
    assert ArticlePage.objects.exists() is may_promote


@pytest.mark.parametrize("kind, totp", STAFF)
def test_a_staff_flag_weighs_like_a_customers_without_a_second_factor(
    kind, totp, thread, established_members
):
    question, answer, _hidden = thread
    staff = _staff(kind, totp=totp)
    content_type = ContentType.objects.get_for_model(Answer)
    response = _client_for(staff).post(
        url("moderation:flag", content_type.pk, answer.pk), {"reason": "spam", "text": ""}
    )
    assert response.status_code == 302
    answer.refresh_from_db()
    # A moderator's flag (score 5) hides the post at once; a customer's does not.
    assert (answer.status == PostStatus.HIDDEN) is totp


@pytest.mark.parametrize("kind, totp", STAFF)
def test_the_admin_and_its_moderation_pages_need_a_second_factor(kind, totp):
    client = _client_for(_staff(kind, totp=totp))
    for path in ("/admin/", reverse("moderation_admin:queue"), "/django-admin/"):
        response = client.get(path)
        if totp and not (path == "/django-admin/" and kind != "superuser"):
            assert response.status_code == 200, path
        elif not totp:
            assert response.status_code == 302, path
            assert response["Location"].endswith("/account/2fa/totp/activate/"), path


@pytest.mark.parametrize("language", ["en", "ar"])
@pytest.mark.parametrize("kind", ["moderator", "support", "superuser"])
def test_every_page_tells_staff_without_a_second_factor_how_to_set_it_up(kind, language, thread):
    question, _answer, _hidden = thread
    client = _client_for(_staff(kind, totp=False))
    with translation.override(language):
        paths = (reverse("forum:question_list"), question.get_absolute_url())
    for path in paths:
        page = client.get(path).content.decode()
        assert PROMPT[language] in page
        assert f'href="{SETUP_LINK[language]}"' in page
    # The way to set it up (a password check first, then the setup page) does not repeat it.
    setup = client.get(SETUP_LINK[language], follow=True)
    assert setup.redirect_chain[-1][0].startswith(f"/{language}/account/reauthenticate/")
    assert PROMPT[language] not in setup.content.decode()
    setup = client.post(setup.redirect_chain[-1][0], {"password": PASSWORD}, follow=True)
    assert setup.request["PATH_INFO"] == SETUP_LINK[language]
    assert PROMPT[language] not in setup.content.decode()


@pytest.mark.parametrize("kind", ["moderator", "support", "superuser"])
def test_staff_with_a_second_factor_and_customers_see_no_prompt(kind, customer, thread):
    question, _answer, _hidden = thread
    for user in (_staff(kind, totp=True), customer):
        page = _client_for(user).get(question.get_absolute_url()).content.decode()
        assert PROMPT["en"] not in page


def test_without_the_setting_staff_keep_their_powers_and_see_no_prompt(settings, thread):
    settings.DALIL_STAFF_REQUIRE_MFA = False
    question, _answer, hidden = thread
    client = _client_for(_staff("moderator", totp=False))
    page = client.get(question.get_absolute_url()).content.decode()
    assert PROMPT["en"] not in page and "Moderator tools" in page
    assert client.post(url("forum:moderate", question.pk), {"action": "lock"}).status_code == 302


def test_a_superuser_without_a_second_factor_stays_a_superuser_in_the_database(thread):
    owner = _staff("superuser", totp=False)
    client = _client_for(owner)
    response = client.post(
        url("website:profile_edit"),
        {"display_name": "Site Owner Renamed", "bio": "", "preferred_language": "en"},
    )
    assert response.status_code == 302
    owner.refresh_from_db()
    assert owner.display_name == "Site Owner Renamed"
    assert (owner.is_superuser, owner.is_staff) == (True, True)


def test_adding_a_second_factor_gives_the_powers_back_on_the_next_request(thread):
    question, _answer, _hidden = thread
    moderator = _staff("moderator", totp=False)
    client = _client_for(moderator)
    assert client.post(url("forum:moderate", question.pk), {"action": "lock"}).status_code == 403
    TOTP.activate(moderator, SECRET)
    assert client.post(url("forum:moderate", question.pk), {"action": "lock"}).status_code == 302


def test_a_real_login_with_a_code_keeps_staff_powers(client, thread):
    question, _answer, _hidden = thread
    moderator = _staff("moderator", totp=True)
    response = client.post("/en/account/login/", {"login": moderator.email, "password": PASSWORD})
    assert "/account/2fa/authenticate/" in response["Location"]
    client.post("/en/account/2fa/authenticate/", {"code": _totp_code(SECRET)})
    assert client.session["_auth_user_id"] == str(moderator.pk)
    assert client.post(url("forum:moderate", question.pk), {"action": "lock"}).status_code == 302


def test_a_real_login_without_a_second_factor_acts_as_a_customer(client, thread):
    question, _answer, _hidden = thread
    moderator = _staff("moderator", totp=False)
    response = client.post("/en/account/login/", {"login": moderator.email, "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(moderator.pk)
    assert client.post(url("forum:moderate", question.pk), {"action": "lock"}).status_code == 403
    assert get_user_model().objects.get(pk=moderator.pk).groups.filter(name="Moderators").exists()


def _queries_for(client, path) -> int:
    client.get(path)  # warms the site frame's cached links
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


@pytest.mark.parametrize("kind", ["customer", "moderator-no-mfa", "moderator-totp"])
def test_the_check_costs_at_most_one_query_a_page(kind, settings, customer, thread):
    question, _answer, _hidden = thread
    if kind == "customer":
        user = UserFactory(display_name="Quiet Reader")
    else:
        user = _staff("moderator", totp=kind == "moderator-totp")
    client = _client_for(user)
    for path in (question.get_absolute_url(), url("forum:question_list")):
        settings.DALIL_STAFF_REQUIRE_MFA = False
        without = _queries_for(client, path)
        settings.DALIL_STAFF_REQUIRE_MFA = True
        assert _queries_for(client, path) <= without + 1, path
