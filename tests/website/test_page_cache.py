"""The anonymous page cache: first visits are served from the cache, every change shows at once,
and nobody who is logged in (or has a session) ever gets a cached page."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from forum import services
from forum.models import Question
from kb.models import ArticleFeedback
from tests.forum.conftest import QUESTION_BODY
from tests.insights.conftest import browse
from tests.kb.conftest import make_article, make_category
from website import page_cache
from website.insights import counting
from website.services import update_profile

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _established(established_members):
    """Posts publish straight away: these tests are about caching, not screening."""


@pytest.fixture(autouse=True)
def _english():
    """URLs and page texts in English (the site's default language is Arabic)."""
    with translation.override("en"):
        yield


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a write and its after-commit work (index updates, cache tags) as a request would."""

    def run(function, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return function(*args, **kwargs)

    return run


@pytest.fixture
def thread(committed, customer):
    return committed(
        services.create_question,
        actor=customer,
        title="Fibre internet drops every evening",
        body=QUESTION_BODY,
        language="en",
        tags="fibre",
    )


def cached(response) -> str | None:
    return response.headers.get("X-Page-Cache")


def visit(url):
    """A first-time visitor: a new client, no cookies at all."""
    return Client().get(url)


def test_a_second_anonymous_visit_comes_from_the_cache_and_still_counts_the_view(thread):
    url = thread.get_absolute_url()
    first, second = browse(url), browse(url)

    assert (first.status_code, cached(first)) == (200, "miss")
    assert (second.status_code, cached(second)) == (200, "hit")
    assert second.content == first.content
    assert "Cookie" in second["Vary"]
    assert counting.flush() == 2
    thread.refresh_from_db()
    assert thread.view_count == 2


def test_a_cached_thread_costs_no_query_at_all_its_view_waits_in_the_buffer(thread):
    url = thread.get_absolute_url()
    browse(url)
    counting.flush()
    with CaptureQueriesContext(connection) as queries:
        response = browse(url)

    assert cached(response) == "hit"
    assert queries.captured_queries == []
    assert counting.flush() == 1


@pytest.mark.parametrize(
    "change, shown",
    [
        (
            lambda t, other, mod: services.create_answer(
                actor=other, question=t, body="Replace the optical cable behind the router."
            ),
            "Replace the optical cable behind the router.",
        ),
        (
            lambda t, other, mod: services.edit_question(
                actor=t.author,
                question=t,
                title="Fibre internet drops every evening at eight",
                body=t.body,
                language="en",
                tags="fibre",
                base_version=t.version,
            ),
            "Fibre internet drops every evening at eight",
        ),
        (
            lambda t, other, mod: services.create_comment(
                actor=other, question=t, body="Same here since Tuesday."
            ),
            "Same here since Tuesday.",
        ),
        (
            lambda t, other, mod: services.vote(actor=other, post=t, value=1),
            '<span class="vote__score" aria-hidden="true">1</span>',
        ),
        (
            lambda t, other, mod: services.close_question(
                actor=mod, question=t, reason="off_topic"
            ),
            "Closed to new answers",
        ),
        (
            lambda t, other, mod: services.set_locked(actor=mod, question=t, locked=True),
            "This thread is locked",
        ),
        (
            lambda t, other, mod: update_profile(
                user=t.author,
                actor=t.author,
                display_name="Layla Renamed",
                bio="",
                preferred_language="en",
            ),
            "Layla Renamed",
        ),
    ],
    ids=["new answer", "edit by author", "comment", "vote", "close", "lock", "author renamed"],
)
def test_every_change_shows_on_the_next_anonymous_visit(
    thread, committed, other_customer, moderator, change, shown
):
    url = thread.get_absolute_url()
    visit(url)
    assert cached(visit(url)) == "hit"

    committed(change, Question.objects.get(pk=thread.pk), other_customer, moderator)
    response = visit(Question.objects.get(pk=thread.pk).get_absolute_url())

    assert response.status_code == 200
    assert cached(response) == "miss"
    assert shown in response.content.decode()


def test_accepting_an_answer_and_hiding_one_show_at_once(
    thread, committed, other_customer, moderator
):
    reply = committed(
        services.create_answer,
        actor=other_customer,
        question=thread,
        body="Check the cable behind the router first.",
    )
    url = thread.get_absolute_url()
    visit(url)

    committed(services.accept_answer, actor=thread.author, answer=reply)
    assert "Accepted answer" in visit(url).content.decode()

    committed(services.set_post_status, post=reply, new_status="hidden", actor=moderator)
    page = visit(url).content.decode()
    assert "Check the cable behind the router first." not in page


def test_a_hidden_thread_is_gone_at_once_for_cached_visitors(thread, committed, moderator):
    url = thread.get_absolute_url()
    visit(url)
    assert cached(visit(url)) == "hit"

    committed(services.set_post_status, post=thread, new_status="hidden", actor=moderator)

    assert visit(url).status_code == 410


def test_marking_a_duplicate_changes_both_threads(thread, committed, ask_twice, moderator):
    original = thread
    copy = ask_twice()
    visit(original.get_absolute_url()), visit(copy.get_absolute_url())

    committed(services.mark_duplicate, actor=moderator, question=copy, original=original)

    assert "Questions closed as duplicates" in visit(original.get_absolute_url()).content.decode()
    assert "has an answer elsewhere" in visit(copy.get_absolute_url()).content.decode()


@pytest.fixture
def ask_twice(committed, other_customer):
    def ask():
        return committed(
            services.create_question,
            actor=other_customer,
            title="Internet cuts out at night",
            body="Every night the fibre connection cuts out for ten minutes. Why?",
            language="en",
        )

    return ask


def test_the_question_list_and_home_page_show_a_new_question_at_once(thread, ask_twice):
    for url in ("/en/questions/", "/en/"):
        visit(url)
        assert cached(visit(url)) == "hit"

    ask_twice()

    for url in ("/en/questions/", "/en/"):
        response = visit(url)
        assert cached(response) == "miss"
        assert "Internet cuts out at night" in response.content.decode()


def test_list_filters_are_cached_separately_and_unknown_parameters_are_not_cached(thread):
    visit("/en/questions/?sort=votes")
    assert cached(visit("/en/questions/?sort=votes")) == "hit"
    assert cached(visit("/en/questions/?sort=newest")) == "miss"
    assert cached(visit("/en/questions/?utm_source=mail")) is None


def test_a_logged_in_person_never_gets_the_cached_page_nor_fills_it(thread, other_customer):
    url = thread.get_absolute_url()
    visit(url)
    member = Client()
    member.force_login(other_customer)

    response = member.get(url)

    assert cached(response) is None
    assert 'action="/en/questions/vote/question/' in response.content.decode()
    assert "Log out" in response.content.decode()

    Client().get("/en/questions/")  # and the other way round: a member's page is never stored
    member.get("/en/questions/")
    anonymous = visit("/en/questions/")
    assert "Log out" not in anonymous.content.decode()


def test_a_visitor_with_a_session_or_a_message_gets_a_fresh_page(thread, client):
    url = thread.get_absolute_url()
    visit(url)
    client.cookies["sessionid"] = "whatever"
    assert cached(client.get(url)) is None
    other = Client()
    other.cookies["messages"] = "x"
    assert cached(other.get(url)) is None


@pytest.fixture
def article(db):
    return make_article(make_category("en", title="Contact us"), title="How to call support")


def test_cached_article_forms_carry_each_visitors_own_working_csrf_token(article):
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    token = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')

    miss = first.get(article.url)
    hit = second.get(article.url)

    assert (cached(miss), cached(hit)) == ("miss", "hit")
    assert "dalilcsrf" not in hit.content.decode() and "dalilcsrf" not in miss.content.decode()
    tokens = token.findall(hit.content.decode())
    assert tokens and set(tokens).isdisjoint(token.findall(miss.content.decode()))
    assert "csrftoken" in hit.cookies
    sent = second.post(
        reverse("kb:feedback", args=[article.pk]),
        {"helpful": "yes", "csrfmiddlewaretoken": tokens[0]},
    )
    assert sent.status_code in (200, 302)
    assert ArticleFeedback.objects.filter(article=article, helpful=True).count() == 1


def test_publishing_an_article_again_shows_the_new_text_at_once(article, committed):
    visit(article.url)
    assert cached(visit(article.url)) == "hit"

    article.title = "How to call support (updated)"
    committed(lambda: article.save_revision().publish())

    response = visit(article.url)
    assert cached(response) == "miss"
    assert "How to call support (updated)" in response.content.decode()


def test_unpublishing_an_article_drops_it_from_the_cache(article, committed):
    visit(article.url)
    committed(article.unpublish)

    assert visit(article.url).status_code == 404


def test_the_page_cache_can_be_turned_off(thread, settings):
    settings.DALIL_PAGE_CACHE_SECONDS = 0
    url = thread.get_absolute_url()
    visit(url)

    assert cached(visit(url)) is None


def test_the_csp_nonce_of_a_cached_page_is_replaced_by_the_visitors_own(thread, monkeypatch):
    url = thread.get_absolute_url()
    original = page_cache._cut

    def cut_with_inline_script(request, content):
        script = f'<script nonce="{request.csp_nonce}">1</script>'.encode()
        return original(request, content + script)

    monkeypatch.setattr(page_cache, "_cut", cut_with_inline_script)
    visit(url)
    hit = visit(url)

    nonce = re.search(r"'nonce-([^']+)'", hit["Content-Security-Policy"]).group(1)
    assert f'<script nonce="{nonce}">1</script>' in hit.content.decode()
