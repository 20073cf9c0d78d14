import re
import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.utils import timezone

from forum import services as forum_services
from forum.models import Question
from tests.security.payloads import assert_nothing_executes, visible_text

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("established_members")]

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
BODY = "Hostile body </script><script>alert(1)</script> asking about live chat hours."


def _locs(client, path):
    root = ET.fromstring(client.get(path).content)
    return [loc.text for loc in root.findall(".//s:loc", SITEMAP_NS)]


@pytest.fixture
def threads(customer, other_customer):
    answered = forum_services.create_question(
        actor=customer, title="Live chat closes before my turn", body=BODY, language="en"
    )
    forum_services.create_answer(
        actor=other_customer, question=answered, body="Open it from the app; it waits for you."
    )
    fresh = forum_services.create_question(
        actor=customer, title="Roaming data will not switch on", body=BODY, language="en"
    )
    old = forum_services.create_question(
        actor=customer, title="Old unanswered question about SMS", body=BODY, language="ar"
    )
    Question.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=60))
    hidden = forum_services.create_question(
        actor=customer, title="Hidden question about the portal", body=BODY, language="en"
    )
    Question.objects.filter(pk=hidden.pk).update(status="hidden", answer_count=0)
    pending = forum_services.create_question(
        actor=customer, title="Pending question about the portal", body=BODY, language="en"
    )
    Question.objects.filter(pk=pending.pk).update(status="pending")
    return {"answered": answered, "fresh": fresh, "old": old, "hidden": hidden, "pending": pending}


def test_robots_txt_names_the_sitemap_and_keeps_crawlers_out_of_private_paths(client):
    body = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in body
    for path in ("/admin/", "/*/account/", "/*/search/", "/django-admin/"):
        assert f"Disallow: {path}" in body


def test_sitemap_index_points_to_pages_and_threads(client):
    locs = _locs(client, "/sitemap.xml")
    assert "http://testserver/sitemap-pages.xml" in locs
    assert "http://testserver/sitemap-threads.xml" in locs


def test_thread_sitemap_holds_exactly_the_indexable_threads(client, threads):
    locs = _locs(client, "/sitemap-threads.xml")
    ids = {int(re.search(r"/questions/(\d+)/", loc).group(1)) for loc in locs}
    assert ids == {threads["answered"].pk, threads["old"].pk}
    assert any(loc.startswith("http://testserver/ar/questions/") for loc in locs)


def test_page_sitemap_lists_both_home_pages_and_no_admin_or_account_pages(client):
    locs = _locs(client, "/sitemap-pages.xml")
    assert "http://testserver/ar/" in locs
    assert "http://testserver/en/" in locs
    assert not [loc for loc in locs if "/admin/" in loc or "/account/" in loc]


def test_home_page_has_canonical_hreflang_and_social_tags(client):
    html = client.get("/en/").content.decode()
    assert '<link rel="canonical" href="http://testserver/en/">' in html
    assert '<link rel="alternate" hreflang="ar" href="http://testserver/ar/">' in html
    assert '<link rel="alternate" hreflang="en" href="http://testserver/en/">' in html
    assert '<link rel="alternate" hreflang="x-default" href="http://testserver/">' in html
    assert (
        '<meta property="og:image" content="http://testserver/static/website/img/social-card.png">'
        in html
    )
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    assert '<meta property="og:locale" content="en_GB">' in html


def test_paginated_lists_canonicalise_to_their_own_page_without_sorts(client):
    html = client.get("/en/questions/?page=2&sort=votes").content.decode()
    assert '<link rel="canonical" href="http://testserver/en/questions/?page=2">' in html
    html = client.get("/en/questions/?page=1&sort=votes").content.decode()
    assert '<link rel="canonical" href="http://testserver/en/questions/">' in html


@pytest.mark.parametrize("language", ["en", "ar"])
def test_feeds_list_the_newest_published_content_of_their_language(client, threads, language):
    response = client.get(f"/{language}/feeds/questions.rss")
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)
    titles = [item.findtext("title") for item in root.iter("item")]
    if language == "en":
        assert "Live chat closes before my turn" in titles
        assert "Hidden question about the portal" not in titles
        assert "Pending question about the portal" not in titles
    else:
        assert titles == ["Old unanswered question about SMS"]
        assert root.findtext("channel/title") == "مجتمع دليل — أسئلة جديدة"


def test_feed_escapes_hostile_text(client, threads):
    """A reader decodes the XML and then renders the summary as HTML: it must read as text."""
    root = ET.fromstring(client.get("/en/feeds/questions.atom").content)
    summaries = [s.text for s in root.iter("{http://www.w3.org/2005/Atom}summary")]
    hostile = next(summary for summary in summaries if "alert(1)" in summary)
    soup = assert_nothing_executes(hostile)
    assert visible_text(soup) == BODY


def test_tag_feed_and_unknown_tag(client, customer):
    forum_services.create_question(
        actor=customer,
        title="Chat window freezes on my phone",
        body=BODY,
        language="en",
        tags="chat",
    )
    root = ET.fromstring(client.get("/en/feeds/questions/tag/chat.atom").content)
    entries = root.findall("{http://www.w3.org/2005/Atom}entry")
    assert [e.findtext("{http://www.w3.org/2005/Atom}title") for e in entries] == [
        "Chat window freezes on my phone"
    ]
    assert client.get("/en/feeds/questions/tag/no-such-tag.rss").status_code == 404


def test_security_headers_on_public_pages(client):
    response = client.get("/en/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self' 'nonce-" in policy
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_home_page_describes_the_site_and_its_search_in_json_ld(client):
    import json

    html = client.get("/ar/").content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    data = json.loads(block)
    assert data["@type"] == "WebSite"
    assert data["inLanguage"] == "ar"
    assert data["potentialAction"]["target"] == (
        "http://testserver/ar/search/?q={search_term_string}"
    )


def _thread_html(client, question, language="en"):
    return client.get(f"/{language}/questions/{question.pk}/{question.slug}/")


def test_a_thread_is_canonical_in_its_own_language_without_hreflang(client, threads):
    old = threads["old"]
    html = _thread_html(client, old, "en").content.decode()
    assert f'<link rel="canonical" href="http://testserver/ar/questions/{old.pk}/' in html
    assert 'hreflang="' not in html.split("<body")[0]
    assert '<meta property="og:type" content="article">' in html


def test_thin_young_threads_are_noindex_and_answered_ones_are_not(client, threads):
    fresh = _thread_html(client, threads["fresh"]).content.decode()
    answered = _thread_html(client, threads["answered"]).content.decode()
    assert '<meta name="robots" content="noindex">' in fresh
    assert '<meta name="robots" content="noindex">' not in answered


def test_removed_threads_are_gone_for_anonymous_visitors(client, threads, moderator):
    hidden = threads["hidden"]
    assert _thread_html(client, hidden).status_code == 410
    assert _thread_html(client, threads["pending"]).status_code == 404
    client.force_login(moderator)
    assert _thread_html(client, hidden).status_code == 200


def test_tag_listings_and_profiles_are_not_indexed(client, customer):
    assert client.get("/en/questions/?tag=chat")["X-Robots-Tag"] == "noindex"
    assert "X-Robots-Tag" not in client.get("/en/questions/")
    assert client.get(f"/en/users/{customer.pk}/")["X-Robots-Tag"] == "noindex"


def test_thread_json_ld_meets_qapage_requirements_with_hostile_text(client, threads):
    import json

    html = _thread_html(client, threads["answered"]).content.decode()
    assert "</script><script>alert(1)" not in html
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    qa_page, crumbs = json.loads(block)
    question = qa_page["mainEntity"]
    assert qa_page["@type"] == "QAPage"
    assert question["text"] == BODY
    assert question["answerCount"] == 1
    for field in ("name", "dateCreated", "upvoteCount", "url"):
        assert field in question
    assert question["author"]["name"]
    suggested = question["suggestedAnswer"][0]
    for field in ("text", "dateCreated", "upvoteCount", "url"):
        assert field in suggested
    assert crumbs["@type"] == "BreadcrumbList"
    assert crumbs["itemListElement"][-1]["name"] == "Live chat closes before my turn"


def test_page_sitemap_lists_live_articles_and_leaves_out_drafts(client):
    from tests.kb.conftest import make_article, make_category

    category = make_category("en", "Billing")
    live = make_article(category, "Pay your bill by card")
    draft = make_article(category, "Unreleased billing portal", publish=False)
    locs = _locs(client, "/sitemap-pages.xml")
    assert f"http://testserver{live.url}" in locs
    assert not [loc for loc in locs if draft.slug in loc]
