"""Rendered posts shared between viewers (forum/fragments.py): whoever looks, and whatever
changed, a thread page built from cached post blocks is exactly the page rendered afresh."""

import re

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import translation

from forum import services
from forum.models import Comment, PostStatus
from tests.factories import UserFactory
from website.services import update_profile

from .conftest import ANSWER_BODY

pytestmark = pytest.mark.django_db

PER_REQUEST = [
    (
        re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"'),
        'name="csrfmiddlewaretoken" value=""',
    ),
    (re.compile(r'name="submission_token" value="[^"]*"'), 'name="submission_token" value=""'),
    (re.compile(r'name="rendered_at" value="[^"]*"'), 'name="rendered_at" value=""'),
    (re.compile(r"\d+ views?"), "N views"),
]


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def people(customer, other_customer, moderator, unverified_user):
    return {
        "anonymous": None,
        "asker": customer,
        "answerer": other_customer,
        "third": UserFactory(display_name="Third Person"),
        "reader": UserFactory(display_name="Quiet Reader"),  # like third, but never voted
        "moderator": moderator,
        "unverified": unverified_user,
    }


@pytest.fixture
def thread(question, answer, people):
    first = answer(people["answerer"], question)
    second = answer(people["third"], question, body=ANSWER_BODY + " Also check the splitter.")
    hidden = answer(people["third"], question, body="A hidden answer that moderators still see.")
    services.set_post_status(post=hidden, new_status=PostStatus.HIDDEN, actor=people["moderator"])
    services.accept_answer(actor=people["asker"], answer=second)
    services.create_comment(
        actor=people["asker"], question=question, answer=first, body="Which cable do you mean?"
    )
    services.create_comment(
        actor=people["answerer"], question=question, body="Does it happen on Wi-Fi too?"
    )
    gone = services.create_comment(
        actor=people["third"], question=question, answer=second, body="Never mind, wrong thread."
    )
    services.delete_post(actor=people["third"], post=gone)
    services.vote(actor=people["answerer"], post=question, value=1)
    services.vote(actor=people["asker"], post=first, value=1)
    services.vote(actor=people["third"], post=first, value=-1)
    return {"question": question, "first": first, "second": second}


def render(person, url) -> str:
    client = Client()
    if person is not None:
        client.force_login(person)
    html = client.get(url).content.decode()
    for pattern, replacement in PER_REQUEST:
        html = pattern.sub(replacement, html)
    return html


def assert_cached_pages_match_fresh_ones(settings, people, url):
    settings.DALIL_POST_FRAGMENT_SECONDS = settings.DALIL_PAGE_CACHE_SECONDS = 0
    fresh = {name: render(person, url) for name, person in people.items()}
    settings.DALIL_POST_FRAGMENT_SECONDS = settings.DALIL_PAGE_CACHE_SECONDS = 600
    for order in (list(people), list(reversed(people))):  # fill, then serve from the cache
        for name in order:
            assert render(people[name], url) == fresh[name], f"{name}'s page differs"
    assert any("post-fragment" in key for key in cache._cache)


def test_every_viewer_gets_the_page_a_fresh_render_gives(settings, people, thread):
    url = thread["question"].get_absolute_url()

    assert_cached_pages_match_fresh_ones(settings, people, url)


@pytest.mark.parametrize(
    "change",
    [
        lambda t, p: services.vote(actor=p["third"], post=t["first"], value=1),
        lambda t, p: services.vote(actor=p["asker"], post=t["first"], value=0),
        lambda t, p: services.edit_answer(
            actor=p["answerer"],
            answer=t["first"],
            body=ANSWER_BODY + " Edited: the grey cable.",
            base_version=t["first"].version,
        ),
        lambda t, p: services.create_comment(
            actor=p["third"], question=t["question"], answer=t["first"], body="Same here, thanks."
        ),
        lambda t, p: services.restore_post(
            actor=p["moderator"], post=Comment.objects.get(status=PostStatus.DELETED)
        ),
        lambda t, p: services.accept_answer(actor=p["asker"], answer=t["first"]),
        lambda t, p: services.set_locked(actor=p["moderator"], question=t["question"], locked=True),
        lambda t, p: update_profile(
            user=p["answerer"],
            actor=p["answerer"],
            display_name="James Renamed",
            bio="",
            preferred_language="en",
        ),
    ],
    ids=["vote", "withdraw vote", "edit", "comment", "restore", "accept", "lock", "rename"],
)
def test_after_any_change_cached_posts_still_match_a_fresh_render(
    settings, people, thread, change, django_capture_on_commit_callbacks
):
    url = thread["question"].get_absolute_url()
    assert_cached_pages_match_fresh_ones(settings, people, url)

    with django_capture_on_commit_callbacks(execute=True):  # drops anonymous cached pages
        change(thread, people)

    assert_cached_pages_match_fresh_ones(settings, people, url)


def test_forms_in_a_cached_post_carry_the_viewers_own_tokens(people, thread):
    url = thread["question"].get_absolute_url()
    member = Client(enforce_csrf_checks=True)
    member.force_login(people["third"])
    member.get(url)  # fills the cache
    page = member.get(url).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    submission = re.findall(r'name="submission_token" value="([^"]+)"', page)

    assert "__dalil_fragment" not in page
    assert len(set(submission)) == len(submission) > 1
    response = member.post(
        f"/en/questions/{thread['question'].pk}/-/comment/",
        {"body": "Thanks, that fixed it for me.", "csrfmiddlewaretoken": token, **_form(page)},
    )
    assert response.status_code == 302
    again = member.get(url).content.decode()
    second = re.findall(r'name="submission_token" value="([^"]+)"', again)
    assert set(second).isdisjoint(submission)


def _form(page: str) -> dict:
    """The question's comment form fields of `page` (its submission token and stamp)."""
    return {
        "submission_token": re.search(r'name="submission_token" value="([^"]+-q)"', page).group(1),
        "rendered_at": re.search(r'name="rendered_at" value="([^"]+)"', page).group(1),
    }
