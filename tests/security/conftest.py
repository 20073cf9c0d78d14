import pytest

from tests.factories import UserFactory


@pytest.fixture
def author_client(client, db):
    """A logged-in verified customer and their client."""
    person = UserFactory(display_name="Hostile Tester")
    client.force_login(person)
    client.person = person
    return client
