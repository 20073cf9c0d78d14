"""The "edit then approve" form speaks the moderator's language: each field is labelled as its
content model names it, or with moderation's translated generic label (issue 18)."""

import pytest
from django.test import Client

from forum import services as forum
from moderation.models import ReviewItem
from tests.factories import UserFactory
from website.roles import MODERATORS

from .conftest import admin_browser, make_post

pytestmark = pytest.mark.django_db


def moderator_browser(language: str) -> Client:
    return admin_browser(UserFactory(display_name="Sami Moderator", role=MODERATORS), language)


def edit_page(browser, post) -> str:
    item = ReviewItem.objects.for_target(post).latest("pk")
    return browser.get(f"/admin/moderation/items/{item.pk}/edit/").content.decode()


def label(html: str, field: str) -> str:
    return html.split(f'<label for="id_{field}">')[1].split("</label>")[0]


@pytest.mark.parametrize(
    "language, title, body", [("en", "Title", "Body"), ("ar", "العنوان", "النص")]
)
def test_a_post_without_its_own_labels_gets_translated_generic_ones(language, title, body):
    post = make_post(UserFactory(), status="pending")
    html = edit_page(moderator_browser(language), post)
    assert (label(html, "title"), label(html, "body")) == (title, body)


@pytest.mark.parametrize(
    "language, title, body", [("en", "Title", "Details"), ("ar", "العنوان", "التفاصيل")]
)
def test_a_forum_question_is_labelled_as_its_author_saw_the_form(settings, language, title, body):
    settings.DALIL_RATE_LIMITS = {}
    settings.DALIL_MAX_CHARS_PER_SECOND = 10**9
    question = forum.create_question(
        actor=UserFactory(),
        title="Fibre internet drops every evening",
        body="My home fibre drops every evening around eight. What should I check first?",
        language="en",
    )
    browser = moderator_browser(language)
    html = edit_page(browser, question)
    assert (label(html, "title"), label(html, "body")) == (title, body)
    assert "Body" not in html.split("<form")[1]
