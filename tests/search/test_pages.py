"""The search page, the similar-questions endpoint and click counting, over real HTTP."""

import re
import time

import pytest
from django.urls import reverse

from website.search.models import SearchClick, SearchQueryLog


def page(client, path="/en/search/", **params):
    response = client.get(path, params)
    assert response.status_code == 200
    return response, response.content.decode()


def test_the_search_page_shows_typed_highlighted_results_and_is_not_indexed(
    client, database_search
):
    response, html = page(client, q="sms code")
    assert response["X-Robots-Tag"] == "noindex"
    assert '<meta name="robots" content="noindex">' in html
    assert "Why didn&#x27;t I receive my <mark>SMS</mark> verification <mark>code</mark>?" in html
    assert 'class="badge badge--article">Article<' in html
    assert 'class="badge badge--thread">Question<' in html
    assert "results for “sms code”" in html


def test_facet_links_filter_the_results(client, database_search):
    _response, html = page(client, q="sms")
    link = re.search(r'href="(\?[^"]*kind=thread[^"]*)"', html).group(1).replace("&amp;", "&")
    _response, filtered = page(client, path="/en/search/" + link)
    assert 'aria-current="true" class="is-selected"' in filtered
    assert 'badge--article">Article<' not in filtered
    assert "2 results" in filtered


@pytest.mark.parametrize(
    ("path", "toggle"), [("/en/search/", "Filters"), ("/ar/search/", "عوامل التصفية")]
)
def test_facets_sit_behind_a_filters_toggle_that_opens_on_wide_screens(
    client, database_search, path, toggle
):
    _response, html = page(client, path=path, q="sms", all="1")
    assert (
        '<details class="filters search-filters" data-open-when="(min-width: 52rem)">\n'
        f'<summary class="filters__toggle">{toggle}</summary>'
    ) in html
    facets = html.index('<aside class="search-facets"')
    assert html.index('<details class="filters') < facets < html.index("</details>")
    assert "website/js/disclosure.js" in html


def test_one_page_of_results_has_no_page_links(client, database_search):
    _response, html = page(client, q="chat")
    assert 'rel="next nofollow"' not in html and "Page 1 of" not in html


def test_an_empty_search_invites_the_visitor_to_type(client, database_search):
    _response, html = page(client)
    assert "Type a few words about your question" in html


def test_pagination_links_appear_when_there_are_more_pages(client, database_search, settings):
    from website.search import views

    views.PER_PAGE, original = 2, views.PER_PAGE
    try:
        _response, first = page(client, q="chat")
        assert 'rel="next nofollow"' in first and "Page 1 of" in first
        _response, second = page(client, q="chat", page="2")
        assert 'rel="prev nofollow"' in second
        _response, beyond = page(client, q="chat", page="99")
        assert "Page 2 of 2" in beyond or "Page 3 of 3" in beyond
    finally:
        views.PER_PAGE = original


def test_a_misspelt_query_offers_did_you_mean(client, database_search):
    _response, html = page(client, q="custmer satisfaction")
    assert 'Did you mean: <a href="?q=customer+satisfaction">customer satisfaction</a>' in html


def test_no_results_suggests_what_to_try_and_asking_the_community(
    client, database_search, settings
):
    _response, html = page(client, q="satellite television")
    assert "Nothing matched your search." in html
    assert 'href="/en/questions/ask/?title=satellite+television"' in html
    assert "Ask the community" in html


def test_the_arabic_search_page_is_translated_and_right_to_left(client, database_search):
    _response, html = page(client, path="/ar/search/", q="المحادثه")
    assert 'dir="rtl"' in html
    assert "بدء <mark>محادثة</mark> مباشرة مع موظف" in html
    assert "ابحث في مركز المساعدة" in html
    assert "سؤال" in html


def test_results_stay_in_the_page_language_unless_all_languages_is_chosen(client, database_search):
    _response, html = page(client, path="/ar/search/", q="sms")
    assert "messages arrive late" not in html
    _response, html = page(client, path="/ar/search/", q="sms", all="1")
    assert "<mark>SMS</mark> messages arrive late" in html


def test_bad_search_input_is_ignored_without_an_error(client, database_search):
    _response, html = page(client, q="x" * 500)
    assert "were not valid" in html
    _response, html = page(client, q="chat", page="-3", solved="maybe", kind="spam")
    assert "were not valid" in html
    assert "Start a live <mark>chat</mark> with an agent" in html
    assert 'value="chat"' in html
    _response, html = page(client, q="\x00<script>alert(1)</script>")
    assert "<script>alert(1)" not in html


def test_the_search_page_runs_a_fixed_number_of_queries(
    client, database_search, django_assert_max_num_queries
):
    page(client, q="warm")  # warms the site frame's cached links
    with django_assert_max_num_queries(7):
        page(client, q="chat")
    with django_assert_max_num_queries(7):
        page(client, q="chat sms survey phone", all="1")


def test_searches_are_recorded_without_personal_data(client, database_search, customer):
    client.force_login(customer)
    page(client, q="  Live   CHAT  ")
    page(client, q="Live chat", kind="thread")
    page(client, q="زَكاة")
    rows = list(SearchQueryLog.objects.values("query", "locale", "result_count"))
    assert rows[0] == {"query": "live chat", "locale": "en", "result_count": 3}
    assert rows[1] == {"query": "زكاه", "locale": "en", "result_count": 0}
    assert len(rows) == 2
    assert list(SearchQueryLog.objects.values_list("typed", flat=True)) == ["Live CHAT", "زَكاة"]
    field_names = {field.name for field in SearchQueryLog._meta.get_fields()}
    assert field_names == {"id", "query", "typed", "locale", "result_count", "created_at"}


def _result_link(html: str, url: str) -> tuple[str, str]:
    """The href and click token of the result linking to `url`."""
    match = re.search(rf'<a href="({re.escape(url)})" data-click="([^"]+)"', html)
    assert match, f"no result links to {url}"
    return match.group(1), match.group(2)


def test_a_result_links_to_the_page_itself_and_a_posted_click_is_counted(client, database_search):
    _response, html = page(client, q="password")
    assert "/search/go/" not in html
    assert 'data-click-url="/en/search/click/"' in html
    assert "website/js/search-clicks.js" in html
    href, token = _result_link(html, "/en/articles/en-password/")
    assert href == "/en/articles/en-password/"
    response = client.post("/en/search/click/", {"token": token})
    assert response.status_code == 204
    assert response.content == b""
    click = SearchClick.objects.get()
    assert (click.query, click.kind, click.object_id, click.position, click.locale) == (
        "password",
        "article",
        "en-password",
        1,
        "en",
    )


def test_a_click_is_counted_without_a_csrf_token_as_a_beacon_sends_it(database_search):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    _response, html = page(browser, q="password")
    _href, token = _result_link(html, "/en/articles/en-password/")
    assert browser.post("/en/search/click/", {"token": token}).status_code == 204
    assert SearchClick.objects.count() == 1


def test_counting_a_click_only_accepts_a_post(client, database_search):
    _response, html = page(client, q="password")
    _href, token = _result_link(html, "/en/articles/en-password/")
    response = client.get("/en/search/click/", {"token": token})
    assert response.status_code == 405
    assert "Location" not in response
    assert not SearchClick.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"token": ""},
        {"token": "junk"},
        {"token": "x" * 5000},
        {"kind": "article", "id": "en-password", "next": "https://evil.example/"},
        {"token": "WyJwYXNzd29yZCIsImFydGljbGUiLCJlbi1wYXNzd29yZCIsMV0:1u:forged"},
    ],
)
def test_a_click_that_the_search_page_did_not_show_is_refused_and_redirects_nowhere(
    client, database_search, data
):
    response = client.post("/en/search/click/", data)
    assert response.status_code == 400
    assert "Location" not in response
    assert not SearchClick.objects.exists()


def test_an_altered_expired_or_no_longer_indexed_click_is_not_counted(
    client, database_search, monkeypatch
):
    from django.core import signing

    from website.search.analytics import CLICK_SALT, CLICK_TOKEN_SECONDS, click_token
    from website.search.models import SearchEntry

    _response, html = page(client, q="password")
    _href, token = _result_link(html, "/en/articles/en-password/")
    altered = token[:-2] + ("AA" if token[-2:] != "AA" else "BB")
    assert client.post("/en/search/click/", {"token": altered}).status_code == 400
    other_key = signing.dumps(["password", "article", "en-password", 1], key="x", salt=CLICK_SALT)
    assert client.post("/en/search/click/", {"token": other_key}).status_code == 400
    gone = click_token(query="password", kind="article", object_id="nowhere", position=1)
    assert client.post("/en/search/click/", {"token": gone}).status_code == 400
    yesterday = int(time.time()) - CLICK_TOKEN_SECONDS - 60
    with monkeypatch.context() as patch:
        patch.setattr(
            signing.TimestampSigner, "timestamp", lambda self: signing.b62_encode(yesterday)
        )
        expired = click_token(query="password", kind="article", object_id="en-password", position=1)
    assert client.post("/en/search/click/", {"token": expired}).status_code == 400
    assert not SearchClick.objects.exists()
    assert client.post("/en/search/click/", {"token": token}).status_code == 204
    assert SearchEntry.objects.filter(object_id="en-password").exists()


def test_similar_returns_up_to_five_related_threads_and_articles(
    client, database_search, django_assert_max_num_queries
):
    # Matches, entries, the staff's synonyms (cached after the first) and the hits with a
    # pending update (their visibility is asked from the content's provider).
    with django_assert_max_num_queries(4):
        response = client.get("/en/search/similar/", {"q": "my sms messages come late"})
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex"
    results = response.json()["results"]
    assert 1 <= len(results) <= 5
    assert results[0] == {
        "title": "SMS messages arrive late",
        "url": "/en/threads/en-late-sms/",
        "kind": "thread",
        "kind_label": "Question",
        "solved": True,
    }


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "Type a few words to look for similar questions."),
        ("ab", "Type at least 3 characters."),
        ("x" * 201, "Use at most 200 characters."),
    ],
)
def test_similar_rejects_bad_input_with_a_clear_json_error(client, database_search, query, message):
    response = client.get("/en/search/similar/", {"q": query})
    assert response.status_code == 400
    assert response.json() == {"error": message, "results": []}


def test_similar_speaks_arabic_on_arabic_pages(client, database_search):
    response = client.get("/ar/search/similar/", {"q": "ab"})
    assert response.json()["error"] == "اكتب 3 أحرف على الأقل."


def test_the_site_frame_links_to_search(client, db):
    html = client.get("/en/").content.decode()
    assert f'action="{reverse("search:results")}"' in html or 'action="/en/search/"' in html


@pytest.mark.parametrize(
    ("path", "action", "label", "button"),
    [
        ("/en/questions/", "/en/search/", "Site search", "Search"),
        ("/ar/questions/", "/ar/search/", "البحث في الموقع", "بحث"),
        ("/en/search/", "/en/search/", "Site search", "Search"),
    ],
)
def test_the_header_of_every_page_has_a_labelled_search_box_in_the_page_language(
    client, db, path, action, label, button
):
    html = client.get(path).content.decode()
    header = html.split('<header class="site-header">')[1].split("</header>")[0]
    assert (
        f'<form class="search-box search-box--header" role="search" aria-label="{label}" '
        f'action="{action}" method="get">'
    ) in header
    assert '<label for="site-search-q" class="visually-hidden">' in header
    assert 'id="site-search-q" type="search" name="q"' in header
    assert f'<span class="visually-hidden">{button}</span></button>' in header


def test_no_results_because_of_filters_offers_to_remove_them(client, database_search):
    _response, html = page(client, q="password", kind="thread")
    assert "Remove filters you have selected." in html
    assert 'href="/en/search/?q=password"' in html
    _response, html = page(client, q="satellite television")
    assert "Remove filters you have selected." not in html
