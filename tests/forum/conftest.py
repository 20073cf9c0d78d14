import pytest

from forum import services
from forum.models import Category
from tests.factories import UserFactory
from website.roles import MODERATORS, SUPPORT_STAFF

QUESTION_BODY = "My home fibre drops every evening around eight. What should I check first?"
ANSWER_BODY = "Restart the router and check the fibre cable is not bent; then call support."


@pytest.fixture
def category(db):
    return Category.objects.create(slug="internet", name_ar="الإنترنت", name_en="Internet")


@pytest.fixture
def ask(db):
    """Ask a question through the real service."""

    def ask(author, title="Fibre internet drops every evening", body=QUESTION_BODY, **kwargs):
        kwargs.setdefault("language", "en")
        return services.create_question(actor=author, title=title, body=body, **kwargs)

    return ask


@pytest.fixture
def answer(db):
    def answer(author, question, body=ANSWER_BODY, **kwargs):
        return services.create_answer(actor=author, question=question, body=body, **kwargs)

    return answer


@pytest.fixture
def question(ask, customer, category):
    return ask(customer, category=category, tags="fibre router")


# tests/factories.py's ModeratorFactory and SupportStaffFactory pass `role` to the model (a
# plain class attribute overrides the post-generation hook), so these fixtures give the role
# through UserFactory's post-generation argument instead.
@pytest.fixture
def moderator(db):
    return UserFactory(display_name="Sami Moderator", role=MODERATORS)


@pytest.fixture
def support_staff(db):
    return UserFactory(display_name="Noura Staff", role=SUPPORT_STAFF)


@pytest.fixture(autouse=True)
def _established_members(established_members):
    """The forum's own tests are about the forum: their members are established."""
