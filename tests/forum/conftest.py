import pytest
from django.contrib.contenttypes.models import ContentType

from forum import services
from forum.models import Answer, Category
from moderation.models import Flag
from tests.factories import UserFactory
from website.roles import MODERATORS, SUPPORT_STAFF

QUESTION_BODY = "My home fibre drops every evening around eight. What should I check first?"
ANSWER_BODY = "Restart the router and check the fibre cable is not bent; then call support."


def flag_incorrect(answer, text="The router menu moved") -> None:
    """A reader's open "incorrect or outdated" flag on an answer, as the stale sweep reads it."""
    Flag.objects.create(
        content_type=ContentType.objects.get_for_model(Answer),
        object_id=answer.pk,
        flagger=UserFactory(),
        reason=Flag.Reason.INCORRECT,
        text=text,
        score=1,
    )


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
