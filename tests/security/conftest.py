import pytest

from tests.factories import UserFactory


@pytest.fixture
def author_client(client, db):
    """A logged-in verified customer and their client."""
    person = UserFactory(display_name="Hostile Tester")
    client.force_login(person)
    client.person = person
    return client


@pytest.fixture(autouse=True)
def _established_members(established_members):
    """Security tests use established members so their posts publish at once; moderation's
    screening of new members is tested in tests/moderation."""
