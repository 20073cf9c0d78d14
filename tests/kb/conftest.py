import json

import pytest
from wagtail.models import Locale

from kb.models import ArticlePage, CategoryPage, KnowledgeBaseIndexPage
from tests.factories import UserFactory
from website.roles import MODERATORS, SUPPORT_STAFF

SAMPLE_BODY = [
    {"type": "paragraph", "value": "<p>Our phone line is open every day.</p>"},
    {"type": "heading", "value": {"text": "Before you call", "level": "h2"}},
    {
        "type": "steps",
        "value": {
            "steps": [
                {"title": "Find your account number", "detail": "<p>It is on your bill.</p>"},
                {"title": "Call 800 123", "detail": ""},
            ]
        },
    },
    {"type": "heading", "value": {"text": "Waiting times", "level": "h3"}},
    {"type": "callout", "value": {"kind": "tip", "text": "<p>Call early in the morning.</p>"}},
]

FAQ_BLOCK = {
    "type": "faq",
    "value": {
        "title": "Questions",
        "items": [
            {"question": "Is the call free?", "answer": "<p>Yes, from any Sahla line.</p>"},
            {"question": "Can I call from abroad?", "answer": "<p>Use +966 800 123.</p>"},
        ],
    },
}


def kb_index(language: str) -> KnowledgeBaseIndexPage:
    return KnowledgeBaseIndexPage.objects.get(locale__language_code=language)


def make_category(language: str = "en", title: str = "Contact us", **fields) -> CategoryPage:
    category = CategoryPage(title=title, description=f"All about {title}.", **fields)
    kb_index(language).add_child(instance=category)
    category.save_revision().publish()
    return category


def make_article(
    category: CategoryPage,
    title: str = "How to call support",
    *,
    body=None,
    publish: bool = True,
    user=None,
    **fields,
) -> ArticlePage:
    article = ArticlePage(
        title=title,
        summary=fields.pop("summary", f"{title}: a short guide."),
        body=json.dumps(body if body is not None else SAMPLE_BODY),
        live=publish,
        **fields,
    )
    category.add_child(instance=article)
    revision = article.save_revision(user=user)
    if publish:
        revision.publish(user=user)
        article.refresh_from_db()
    return article


def translate(page, language: str, **changes):
    """Copy a page into another locale the way the admin's "Translate" action does."""
    copy = page.copy_for_translation(Locale.objects.get(language_code=language), copy_parents=False)
    for field, value in changes.items():
        setattr(copy, field, value)
    copy.save_revision().publish()
    copy.refresh_from_db()
    return copy


@pytest.fixture
def category(db):
    return make_category("en", "Contact us")


@pytest.fixture
def article(category):
    return make_article(category)


# tests/factories.py's ModeratorFactory and SupportStaffFactory declare `role` as a plain
# attribute, which factory_boy passes to the User model; build the roles through UserFactory.
@pytest.fixture
def support_staff(db):
    return UserFactory(display_name="Noura Staff", role=SUPPORT_STAFF)


@pytest.fixture
def second_support_staff(db):
    return UserFactory(display_name="Omar Staff", role=SUPPORT_STAFF)


@pytest.fixture
def moderator(db):
    return UserFactory(display_name="Sami Moderator", role=MODERATORS)


@pytest.fixture(autouse=True)
def _established_members(established_members):
    """Knowledge-base tests that need community answers use established members (moderation's
    screening of new members is tested in tests/moderation)."""
