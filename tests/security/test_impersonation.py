"""Nobody can pass for staff through their name, and names and titles cannot reorder the page
around them (issue 17, item 16)."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation

from forum import services
from moderation.names import name_words, skeleton
from tests.factories import ModeratorFactory, SupportStaffFactory, UserFactory

BODY = "How do I move my plan to another number without losing credit?"


@pytest.fixture(autouse=True)
def _english():
    """Pages in English unless a test asks for Arabic."""
    with translation.override("en"):
        yield


RLO_NAME = "\u202emaeT troppuS"


def _profile_post(client, name, language="en"):
    with translation.override(language):
        url = reverse("website:profile_edit")
    return client.post(url, {"display_name": name, "bio": "", "preferred_language": language})


@pytest.mark.parametrize(
    "name",
    [
        RLO_NAME,
        "Sami\u200bModerator",
        "Layla\u200d",
        "Omar\u2066Staff",
        "\u061cLayla",
        "Layla\ufeff",
    ],
    ids=[
        "right-to-left override",
        "zero width space",
        "zero width joiner",
        "isolate",
        "ALM",
        "BOM",
    ],
)
def test_names_with_direction_controls_or_invisible_characters_are_refused(client, customer, name):
    client.force_login(customer)
    response = _profile_post(client, name)
    assert response.status_code == 200
    assert "invisible characters or characters that change the direction" in (
        response.content.decode()
    )
    customer.refresh_from_db()
    assert customer.display_name == "Layla Customer"


@pytest.mark.parametrize(
    "name",
    [
        "Dalil admin",
        "DalilAdmin",
        "Official Sahla Support",
        "Support Team",
        "Dalil \u0410dm\u0456n",
        "الدعم الفني",
    ],
)
def test_names_with_reserved_words_are_refused_for_customers(client, customer, name):
    client.force_login(customer)
    response = _profile_post(client, name)
    assert "kept for the site and its staff" in response.content.decode()
    customer.refresh_from_db()
    assert customer.display_name == "Layla Customer"


def test_a_staff_members_name_or_a_lookalike_of_it_is_refused(client, customer):
    ModeratorFactory(display_name="Sami Haddad")
    SupportStaffFactory(display_name="Noura Khalil")
    client.force_login(customer)
    for name in ["Sami Haddad", "sami  haddad", "Ѕаmі Наddаd", "Noura Khalil", "N0ura Kha1il"]:
        response = _profile_post(client, name)
        assert "looks like the name of a member of staff" in response.content.decode(), name
    customer.refresh_from_db()
    assert customer.display_name == "Layla Customer"
    assert _profile_post(client, "Sami Haddadi").status_code == 302


def test_the_refusal_is_in_arabic_on_arabic_pages(client, customer):
    client.force_login(customer)
    with translation.override("ar"):
        response = _profile_post(client, RLO_NAME, language="ar")
    page = response.content.decode()
    assert "لا يمكن أن يحتوي الاسم" in page


def test_staff_may_use_reserved_words_but_not_a_colleagues_name(client, db):
    ModeratorFactory(display_name="Sami Haddad")
    staff = SupportStaffFactory(display_name="Noura Khalil")
    client.force_login(staff)
    assert _profile_post(client, "Noura, Support").status_code == 302
    assert "looks like the name" in _profile_post(client, "Sami Haddad").content.decode()


def test_signing_up_with_a_staff_lookalike_name_is_refused(client, db):
    ModeratorFactory(display_name="Sami Haddad")
    response = client.post(
        reverse("account_signup"),
        {
            "email": "new@example.com",
            "password1": "a-long-password-1234",
            "password2": "a-long-password-1234",
            "display_name": "Ѕаmі Haddad",
        },
    )
    assert response.status_code == 200
    assert "looks like the name of a member of staff" in response.content.decode()


def test_a_name_saved_before_the_rule_is_shown_without_its_hidden_characters(db):
    person = UserFactory(display_name="\u202emaeT\u200b troppuS")
    assert person.public_name == "maeT troppuS"
    nobody = UserFactory(display_name="\u200b")
    assert nobody.public_name == nobody.username


def test_skeletons_follow_unicode_confusables():
    assert skeleton("Ѕаmі") == skeleton("Sami")
    assert name_words("Ѕаmі Наddаd") == name_words("sami haddad")
    assert name_words("Sami Haddad") != name_words("Sami Haddadi")


def _isolated(node) -> bool:
    for parent in [node.parent, *node.parent.parents]:
        if parent is None or parent.name is None:
            continue
        if parent.name == "bdi" or parent.get("dir") == "auto":
            return True
        if parent.name in ("body", "html"):
            return False
    return False


def _assert_every_occurrence_isolated(html: str, needle: str, page: str):
    soup = BeautifulSoup(html, "html.parser")
    body = soup.body or soup
    found = [text for text in body.find_all(string=True) if needle in text]
    found = [text for text in found if text.parent.name not in ("script", "style", "title")]
    assert found, f"{needle!r} not on {page}"
    for text in found:
        assert _isolated(text), f"{page}: {text.parent} is not isolated"


def test_every_name_and_title_is_isolated_on_the_pages_that_show_them(client, settings, db):
    settings.DALIL_STAFF_REQUIRE_MFA = False
    # A name saved before the rule existed, written around the form.
    author = UserFactory(display_name=f"{RLO_NAME}legacy")
    moderator = ModeratorFactory(display_name="Sami Moderator")
    question = services.create_question(
        actor=author, title="\u202eQuestion title legacy", body=BODY, language="en"
    )
    answer = services.create_answer(actor=author, question=question, body=BODY)
    services.create_comment(actor=author, question=question, body="A comment from them")
    services.edit_question(
        actor=author,
        question=question,
        title=question.title,
        body=BODY + " edited",
        language="en",
        base_version=question.version,
    )
    name, title = "maeT troppuSlegacy", "Question title legacy"
    pages = {
        "thread": question.get_absolute_url(),
        "list": reverse("forum:question_list"),
        "revisions": reverse("forum:revisions", args=["question", question.pk]),
        "profile": reverse("website:profile", args=[author.pk]),
    }
    for page, url in pages.items():
        html = client.get(url).content.decode()
        _assert_every_occurrence_isolated(html, name, page)
        _assert_every_occurrence_isolated(html, title, page)
    client.force_login(author)
    _assert_every_occurrence_isolated(client.get("/en/").content.decode(), name, "header")
    client.force_login(moderator)
    from moderation.actions.decisions import submit_for_review
    from moderation.models import ReviewItem

    submit_for_review(target=answer, reasons=[("flagged", "")], actor=author)
    item = ReviewItem.objects.get()
    admin_pages = {
        "queue": reverse("moderation_admin:queue"),
        "item": reverse("moderation_admin:item", args=[item.pk]),
        "person": reverse("moderation_admin:person", args=[author.pk]),
    }
    for page, url in admin_pages.items():
        response = client.get(url)
        assert response.status_code == 200, page
        _assert_every_occurrence_isolated(response.content.decode(), name, page)
