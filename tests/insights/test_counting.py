"""Reads are counted per day, without bots, once per visitor within the repeat window, with no
database query on the request (the page cache on), and folded into daily rows by a job."""

import re
from datetime import UTC, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from forum import services
from forum.models import Question
from tests.forum.conftest import QUESTION_BODY
from tests.kb.conftest import make_article, make_category
from website.insights import counting
from website.insights.models import DailyViews, Visit

from .conftest import browse, browser

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english_and_established(established_members):
    with translation.override("en"):
        yield


@pytest.fixture
def thread(customer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return services.create_question(
            actor=customer,
            title="Fibre internet drops every evening",
            body=QUESTION_BODY,
            language="en",
            tags="fibre",
        )


def views_of(question) -> list[tuple]:
    return list(
        DailyViews.objects.filter(kind="question", object_id=question.pk).values_list(
            "language", "views"
        )
    )


def test_each_visitor_counts_once_per_window_and_the_counts_reach_the_daily_row(thread):
    url = thread.get_absolute_url()
    alice, bob = browser(), browser()
    for person in (alice, alice, alice, bob):
        assert person.get(url).status_code == 200

    assert counting.flush() == 2  # Alice's two repeat reads were never buffered
    assert views_of(thread) == [("en", 2)]
    thread.refresh_from_db()
    assert thread.view_count == 2


def test_a_page_from_the_page_cache_is_counted_with_no_query(thread):
    url = thread.get_absolute_url()
    browse(url)
    counting.flush()
    with CaptureQueriesContext(connection) as queries:
        response = browse(url)

    assert response["X-Page-Cache"] == "hit"
    assert queries.captured_queries == []
    assert counting.flush() == 1
    assert views_of(thread) == [("en", 2)]


def test_the_header_that_says_what_the_page_was_never_leaves_the_site(thread):
    response = browse(thread.get_absolute_url())
    cached = browse(thread.get_absolute_url())
    assert "X-Dalil-Insights" not in response
    assert "X-Dalil-Insights" not in cached


@pytest.mark.parametrize(
    "headers",
    [
        {
            "HTTP_USER_AGENT": "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
        },
        {"HTTP_USER_AGENT": "facebookexternalhit/1.1"},
        {"HTTP_USER_AGENT": "curl/8.5.0"},
        {"HTTP_USER_AGENT": "python-requests/2.32"},
        {"HTTP_USER_AGENT": "Mozilla/5.0 HeadlessChrome/131.0"},
        {"HTTP_USER_AGENT": ""},
        {"HTTP_ACCEPT_LANGUAGE": ""},
        {"HTTP_ACCEPT": "application/json"},
        {"HTTP_SEC_PURPOSE": "prefetch;prerender"},
    ],
    ids=[
        "googlebot",
        "preview",
        "curl",
        "library",
        "headless",
        "no-agent",
        "no-language",
        "not-html",
        "prefetch",
    ],
)
def test_what_is_not_a_person_reading_is_not_counted_and_gets_no_cookie(thread, headers):
    response = browse(thread.get_absolute_url(), **headers)

    assert response.status_code == 200
    assert counting.VISITOR_COOKIE not in response.cookies
    assert counting.flush() == 0


def test_the_visitor_cookie_is_random_short_lived_and_unreadable_by_scripts(thread):
    response = browse(thread.get_absolute_url())
    cookie = response.cookies[counting.VISITOR_COOKIE]

    assert re.fullmatch(r"[0-9a-f]{32}", cookie.value)
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert int(cookie["max-age"]) == 24 * 60 * 60


def test_the_stored_visitor_is_a_hash_that_changes_with_the_day(thread):
    person = browser()
    person.get(thread.get_absolute_url())
    counting.flush()
    cookie = person.cookies[counting.VISITOR_COOKIE].value
    visit = Visit.objects.get()

    assert cookie not in visit.visitor
    assert visit.visitor == counting.visitor_id(cookie, visit.at.date())
    assert counting.visitor_id(cookie, datetime(2026, 1, 1, tzinfo=UTC).date()) != visit.visitor
    assert not any(
        field.name in ("ip", "ip_address", "user", "user_agent") for field in Visit._meta.fields
    )


def test_a_browser_that_opts_out_gets_no_cookie_and_leaves_no_visit(thread):
    person = browser(HTTP_SEC_GPC="1")
    for _ in range(2):
        response = person.get(thread.get_absolute_url())
        assert counting.VISITOR_COOKIE not in response.cookies

    assert counting.flush() == 2  # counted, but without de-duplication
    assert views_of(thread) == [("en", 2)]
    assert not Visit.objects.exists()


def test_an_article_read_from_the_cache_is_counted(thread):
    with translation.override("en"):
        article = make_article(make_category(), title="Resetting the router")
    url = article.url
    first, second = browse(url), browse(url)

    assert (first.status_code, second.status_code) == (200, 200)
    assert second["X-Page-Cache"] == "hit"
    counting.flush()
    assert list(
        DailyViews.objects.filter(kind="article").values_list("object_id", "language", "views")
    ) == [(article.pk, "en", 2)]


def test_a_read_opened_from_the_search_page_carries_its_query(thread):
    person = browser()
    person.get("/en/search/", {"q": "Fibre drops"})
    person.get(thread.get_absolute_url(), HTTP_REFERER="http://testserver/en/search/?q=Fibre+drops")
    counting.flush()

    search, read = Visit.objects.order_by("at", "pk")
    assert (search.kind, search.query, read.kind, read.query) == (
        "search",
        "fibre drops",
        "question",
        "fibre drops",
    )
    assert search.visitor == read.visitor


def test_a_referer_from_another_site_is_ignored(thread):
    browse(thread.get_absolute_url(), HTTP_REFERER="https://evil.example/en/search/?q=x")
    counting.flush()
    assert Visit.objects.get().query == ""


def test_asking_is_recorded_as_a_step_of_the_visit(customer):
    person = browser()
    person.force_login(customer)
    response = person.post(
        "/en/questions/ask/",
        {"title": "How do I move my landline number?", "body": QUESTION_BODY, "language": "en"},
    )
    assert response.status_code == 302
    counting.flush()
    asked = Visit.objects.get(kind="ask")
    assert asked.object_id == Question.objects.get().pk


def test_the_buffer_on_redis_is_shared_and_drained_once(thread, settings):
    pytest.importorskip("redis")
    from tests.security.test_rate_limit_races import REDIS_URL, _redis_answers

    if not _redis_answers():
        pytest.skip(f"needs Redis at {REDIS_URL} (scripts/services up)")
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
        }
    }
    from django.core.cache import cache

    cache.clear()
    assert isinstance(counting.buffer(), counting.RedisBuffer)
    url = thread.get_absolute_url()
    browse(url), browse(url)
    assert browse(url)["X-Page-Cache"] == "hit"
    assert len(counting.buffer()) == 3
    assert counting.flush() == 3
    assert counting.flush() == 0
    assert views_of(thread) == [("en", 3)]
    cache.clear()


def test_the_memory_buffer_stays_bounded_when_it_cannot_be_folded(monkeypatch):
    monkeypatch.setattr(counting, "MEMORY_LIMIT", 3)
    buffer = counting.MemoryBuffer()
    for number in range(5):
        buffer.push(str(number))
    assert (len(buffer), buffer.dropped) == (3, 2)
    assert buffer.drain(10) == ["0", "1", "2"]
