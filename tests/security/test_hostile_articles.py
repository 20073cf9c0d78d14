"""What support staff type into knowledge-base articles is inert on every public page.

Each payload goes into every text a staff member types in the article editor (title, summary,
SEO title and description, tags, and in the StreamField body: a paragraph, a heading, a step,
a callout, a code snippet and an FAQ), posted to the real Wagtail edit view the way the browser
sends it. Draftail sends rich text as contentstate JSON: here each rich text holds the payload as
typed text, bold, inside a link whose address is the payload itself or the payload behind a
javascript:, data: or vbscript: scheme (which the editor never sends, but a stolen staff session
could). The author submits the article for review and a colleague approves it, which publishes
it. Then the article page (with its JSON-LD), its category page, the site search and the RSS and
Atom feeds must execute nothing and still show the text.

Rich text written around the editor (through the model, as imports and scripts do) is fed raw
HTML in `test_raw_html_in_article_rich_text_renders_inert`.
"""

import json
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation
from wagtail.test.utils.form_data import nested_form_data, querydict_from_html, streamfield

from forum.feeds import plain_title
from kb.feeds import feed_text
from kb.models import ArticlePage
from tests.factories import UserFactory
from tests.kb.conftest import make_article, make_category
from website.roles import SUPPORT_STAFF

from .payloads import (
    assert_nothing_executes,
    naughty_strings,
    normalise,
    sample,
    visible_text,
    xss_payloads,
)

PAYLOADS = xss_payloads() + sample(naughty_strings(), 10)
MARKER = "Ledger"


def typed(text: str, *, link: str | None = None) -> str:
    """Draftail's contentstate for one paragraph of typed text, bold, optionally one link."""
    length = len(text.encode("utf-16-le")) // 2  # the browser counts UTF-16 code units
    entities, ranges = {}, []
    if link is not None:
        entities = {"0": {"type": "LINK", "mutability": "MUTABLE", "data": {"url": link}}}
        ranges = [{"offset": 0, "length": length, "key": 0}]
    block = {
        "key": "b0001",
        "type": "unstyled",
        "depth": 0,
        "text": text,
        "inlineStyleRanges": [{"offset": 0, "length": length, "style": "BOLD"}],
        "entityRanges": ranges,
        "data": {},
    }
    return json.dumps({"blocks": [block], "entityMap": entities})


def list_items(values: list) -> dict:
    """ListBlock form data: like a stream's, without block types."""
    items = {
        str(index): {"value": value, "deleted": "", "order": str(index)}
        for index, value in enumerate(values)
    }
    return {**items, "count": str(len(values))}


def fields_for(payload: str) -> dict:
    """What the staff member types, each field cut to its length limit."""
    return {
        "title": f"{MARKER} {payload}"[:255],
        "summary": f"Summary {payload}"[:300],
        "seo_title": payload[:255],
        "search_description": payload,
        "tags": payload[:100],
        "heading": payload[:120],
        "step": payload[:160],
        "question": payload[:250],
        "code": payload,
        "code_language": payload[:30],
        "text": payload,
    }


def edit_form(page_html: str, fields: dict) -> dict:
    """The edit page's own form data, with the staff member's typing in place."""
    data = querydict_from_html(page_html, form_id="page-edit-form")
    data = {key: data.get(key) for key in data}
    text = fields["text"]
    step = {"title": fields["step"], "detail": typed(text, link=f" JaVaScRiPt:{text}")}
    body = streamfield(
        [
            ("paragraph", typed(text, link=text)),
            ("heading", {"text": fields["heading"], "level": "h2"}),
            ("steps", {"steps": list_items([step])}),
            ("callout", {"kind": "warning", "text": typed(text, link=f"data:text/html,{text}")}),
            ("code", {"language": fields["code_language"], "code": fields["code"]}),
            (
                "faq",
                {
                    "title": fields["heading"],
                    "items": list_items(
                        [
                            {
                                "question": fields["question"],
                                "answer": typed(text, link=f"vbscript:{text}"),
                            }
                        ]
                    ),
                },
            ),
        ]
    )
    data.update(
        {
            key: fields[key]
            for key in ("title", "summary", "seo_title", "search_description", "tags")
        }
    )
    data.update(nested_form_data({"body": body}))
    data["action-submit"] = "1"
    return data


def publish_through_review(client, article, *, author, reviewer, fields):
    """The author edits and submits for review; a colleague approves, which publishes."""
    client.force_login(author)
    edit_url = reverse("wagtailadmin_pages:edit", args=[article.pk])
    response = client.post(edit_url, edit_form(client.get(edit_url).content.decode(), fields))
    if response.status_code != 302:
        return response
    state = ArticlePage.objects.get(pk=article.pk).current_workflow_state
    client.force_login(reviewer)
    approve = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[article.pk, "approve", state.current_task_state.pk],
    )
    assert client.post(approve, {"comment": ""}).status_code == 302
    return response


def english(url_name: str) -> str:
    with translation.override("en"):
        return reverse(url_name)


def json_ld(soup: BeautifulSoup) -> list:
    return [
        entry
        for script in soup.find_all("script", type="application/ld+json")
        for entry in json.loads(script.string)
    ]


def feed_entries(xml: bytes) -> list[tuple[str, str]]:
    """(title, description as the reader decodes it) for RSS items and Atom entries."""
    root = ElementTree.fromstring(xml)
    atom = "{http://www.w3.org/2005/Atom}"
    entries = [(item.findtext("title"), item.findtext("description")) for item in root.iter("item")]
    entries += [
        (entry.findtext(f"{atom}title"), entry.findtext(f"{atom}summary"))
        for entry in root.iter(f"{atom}entry")
    ]
    return entries


@pytest.fixture
def staff(db):
    return (
        UserFactory(display_name="Noura Staff", role=SUPPORT_STAFF),
        UserFactory(display_name="Omar Staff", role=SUPPORT_STAFF),
    )


@pytest.mark.django_db
@pytest.mark.parametrize("payload", PAYLOADS)
def test_article_text_typed_by_staff_is_inert_on_every_public_page(
    client, staff, payload, django_capture_on_commit_callbacks
):
    category = make_category("en", "Contact us")
    article = make_article(category, "Calling support")
    fields = fields_for(payload)
    with django_capture_on_commit_callbacks(execute=True):
        response = publish_through_review(
            client, article, author=staff[0], reviewer=staff[1], fields=fields
        )
    if response.status_code != 302:
        # Only a NUL byte is refused (Django's form fields refuse it, with a message).
        assert "\0" in payload, response.status_code
        assert response.status_code == 200
        assert '<p class="error-message">' in response.content.decode()
        assert ArticlePage.objects.get(pk=article.pk).title == "Calling support"
        return
    article = ArticlePage.objects.get(pk=article.pk)
    assert article.title == fields["title"]
    client.logout()

    page = client.get(article.url)
    assert page.status_code == 200
    soup = assert_nothing_executes(page.content.decode())
    text = visible_text(soup.find("main"))
    for key in ("title", "summary", "heading", "step", "question", "code"):
        assert normalise(fields[key]) in text, key
    assert text.count(normalise(fields["text"])) >= 4  # paragraph, step, callout, FAQ answer
    data = json_ld(soup)
    assert data[0]["headline"] == fields["title"]
    assert data[0]["description"] == fields["summary"]
    faq = next(entry for entry in data if entry["@type"] == "FAQPage")
    assert faq["mainEntity"][0]["name"] == fields["question"]
    assert_nothing_executes(faq["mainEntity"][0]["acceptedAnswer"]["text"])

    listing = client.get(category.url)
    assert listing.status_code == 200
    listed = visible_text(assert_nothing_executes(listing.content.decode()))
    assert normalise(fields["title"]) in listed

    results = client.get(english("search:results"), {"q": MARKER})
    assert results.status_code == 200
    found = visible_text(assert_nothing_executes(results.content.decode()))
    assert normalise(fields["title"]) in found

    for name in ("website:articles_rss", "website:articles_atom"):
        feed = client.get(english(name))
        assert feed.status_code == 200, name
        (title, description), *_ = feed_entries(feed.content)
        # Titles go out as plain text: markup typed into them is stripped (issue 17, item 19).
        assert title == plain_title(feed_text(fields["title"]))
        shown = visible_text(assert_nothing_executes(description))
        assert shown == normalise(feed_text(fields["summary"]))


RAW_HTML = (
    '<p>Plain words <script>alert("xss-raw")</script><img src=x onerror="alert(1)">'
    '<a href="javascript:alert(2)">a link</a><iframe src="//evil.example"></iframe>'
    '<a href=" JaVaScRiPt:alert(3)" onclick="alert(4)">another link</a>'
    '<svg onload="alert(5)"></svg><b style="background:url(javascript:alert(6))">bold</b></p>'
)


@pytest.mark.django_db
def test_raw_html_in_article_rich_text_renders_inert(client, django_capture_on_commit_callbacks):
    """Rich text written around the editor (an import, a script, the model directly) is saved
    as it comes; every payload as raw HTML in every rich text block must still render inert, and
    so must a video address the editor would have refused."""
    # PostgreSQL cannot store a NUL byte at all (the editor refuses it with a message).
    sources = (RAW_HTML, *(payload for payload in xss_payloads() if "\0" not in payload))
    body = [{"type": "paragraph", "value": source} for source in sources]
    body += [
        {"type": "callout", "value": {"kind": "note", "text": RAW_HTML}},
        {"type": "steps", "value": {"steps": [{"title": "Step", "detail": RAW_HTML}]}},
        {
            "type": "faq",
            "value": {"title": "FAQ", "items": [{"question": "Why?", "answer": RAW_HTML}]},
        },
        {"type": "video", "value": {"video": "javascript:alert(7)", "title": "Video one"}},
        {"type": "video", "value": {"video": " data:text/html,<b>x</b>", "title": "Video two"}},
        {"type": "video", "value": {"video": "https://vimeo.com/1", "title": "Video three"}},
    ]
    category = make_category("en", "Contact us")
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article(category, f"{MARKER} raw", body=body, summary=RAW_HTML[:300])
    page = client.get(article.url)
    assert page.status_code == 200
    soup = assert_nothing_executes(page.content.decode())
    text = visible_text(soup.find("main"))
    # Four rich text blocks, and the summary (plain text, shown as text).
    assert text.count("Plain words") == 5 and text.count("another link") == 5
    assert "Video one" in text and soup.find("a", href="https://vimeo.com/1")
    faq = next(entry for entry in json_ld(soup) if entry["@type"] == "FAQPage")
    answer = faq["mainEntity"][0]["acceptedAnswer"]["text"]
    assert "Plain words" in visible_text(assert_nothing_executes(answer))
    for url in (category.url, f"{english('search:results')}?q={MARKER}"):
        assert_nothing_executes(client.get(url).content.decode())
    for name in ("website:articles_rss", "website:articles_atom"):
        (_, description), *_ = feed_entries(client.get(english(name)).content)
        assert_nothing_executes(description)
