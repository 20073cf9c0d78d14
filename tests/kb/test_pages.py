import json
from pathlib import Path

import pytest
from django.conf import settings

from kb.models import ArticlePage, KnowledgeBaseIndexPage
from kb.models.pages import CATEGORY_ICONS

from .conftest import FAQ_BLOCK, SAMPLE_BODY, kb_index, make_article, make_category, translate

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("language", "title"), [("en", "Knowledge base"), ("ar", "قاعدة المعرفة")])
def test_fresh_install_serves_the_knowledge_base_in_both_languages(client, language, title):
    response = client.get(f"/{language}/kb/")
    assert response.status_code == 200
    assert title in response.content.decode()


def test_both_knowledge_base_indexes_are_translations_of_each_other():
    english, arabic = kb_index("en"), kb_index("ar")
    assert english.translation_key == arabic.translation_key
    assert KnowledgeBaseIndexPage.objects.count() == 2


def test_article_page_shows_breadcrumbs_contents_and_dates(client, article):
    html = client.get(article.url).content.decode()
    assert 'aria-label="Breadcrumb"' in html
    assert '<a href="/en/kb/contact-us/">Contact us</a>' in html
    assert '<a href="#section-1">Before you call</a>' in html
    assert '<h2 id="section-1">Before you call</h2>' in html
    assert '<h3 id="section-2">Waiting times</h3>' in html
    assert "Last updated" in html
    assert '<ol class="kb-steps">' in html
    assert "kb-callout--tip" in html


def test_article_summary_is_the_meta_description(client, article):
    html = client.get(article.url).content.decode()
    assert f'<meta name="description" content="{article.summary}">' in html


@pytest.mark.parametrize(
    ("language", "intro", "description"),
    [
        ("ar", "", "أدلّة وإجابات عن الأسئلة الشائعة، كتبها فريق الدعم."),
        ("en", "Guides for Sahla customers.", "Guides for Sahla customers."),
    ],
)
def test_a_knowledge_base_index_always_has_a_meta_description(
    client, db, language, intro, description
):
    index = kb_index(language)
    index.intro = intro
    index.save_revision().publish()
    html = client.get(index.url).content.decode()
    assert f'<meta name="description" content="{description}">' in html


def test_a_category_without_a_description_is_described_by_its_title(client, db):
    category = make_category("en", "Roaming")
    category.description = ""
    category.save_revision().publish()
    html = client.get(category.url).content.decode()
    assert (
        '<meta name="description" content="Articles from our support team about Roaming.">' in html
    )


def test_article_shows_last_reviewed_date_when_it_was_reviewed(client, category):
    from django.utils import timezone

    reviewed = make_article(category, "Reviewed", last_reviewed_at=timezone.now())
    assert "Last reviewed" in client.get(reviewed.url).content.decode()


def _json_ld(html: str) -> list[dict]:
    marker = '<script type="application/ld+json">'
    blocks = []
    while marker in html:
        html = html.split(marker, 1)[1]
        payload, html = html.split("</script>", 1)
        blocks.append(json.loads(payload))
    return blocks


def test_article_publishes_article_and_breadcrumb_structured_data(client, article):
    data = _json_ld(client.get(article.url).content.decode())
    types = [entry["@type"] for block in data for entry in block]
    assert types == ["Article", "BreadcrumbList"]
    crumbs = data[0][1]["itemListElement"]
    assert [crumb["name"] for crumb in crumbs] == [
        "Help center",
        "Knowledge base",
        "Contact us",
        "How to call support",
    ]


def test_article_with_faq_blocks_also_publishes_faq_page_data(client, category):
    article = make_article(category, "Calling from abroad", body=[*SAMPLE_BODY, FAQ_BLOCK])
    html = client.get(article.url).content.decode()
    faq = [entry for block in _json_ld(html) for entry in block if entry["@type"] == "FAQPage"]
    assert [q["name"] for q in faq[0]["mainEntity"]] == [
        "Is the call free?",
        "Can I call from abroad?",
    ]
    assert '<details class="kb-faq__item"><summary>Is the call free?</summary>' in html


def test_structured_data_cannot_be_closed_by_article_text(client, category):
    article = make_article(category, "Evil </script><script>alert(1)</script>")
    html = client.get(article.url).content.decode()
    assert "</script><script>alert(1)" not in html
    assert _json_ld(html)[0][0]["headline"] == "Evil </script><script>alert(1)</script>"


def test_article_links_to_the_ask_form_with_the_article_as_context(client, article):
    html = client.get(article.url).content.decode()
    assert "Still need help?" in html
    assert f'href="/en/questions/ask/?from_page={article.pk}"' in html


def test_unpublished_article_is_not_served(client, category):
    draft = make_article(category, "Draft only", publish=False)
    assert client.get("/en/kb/contact-us/draft-only/").status_code == 404
    assert not ArticlePage.objects.get(pk=draft.pk).live


def test_category_lists_most_helpful_articles_first(client, category, customer, other_customer):
    from kb.services import record_feedback

    plain = make_article(category, "Plain")
    loved = make_article(category, "Loved")
    disliked = make_article(category, "Disliked")
    for voter in (customer, other_customer):
        record_feedback(article=loved, actor=voter, helpful=True)
        record_feedback(article=disliked, actor=voter, helpful=False, reason="unclear")
    html = client.get(category.url).content.decode()
    assert html.index("Loved") < html.index("Plain") < html.index("Disliked")
    assert plain


def test_category_paginates_articles(client, category):
    for number in range(14):
        make_article(category, f"Article {number:02d}")
    first = client.get(category.url).content.decode()
    second = client.get(category.url + "?page=2").content.decode()
    assert first.count('class="card kb-article-card"') == 12
    assert second.count('class="card kb-article-card"') == 2
    assert "Page 2 of 2" in second


def test_index_lists_categories_and_articles(client, article):
    html = client.get("/en/kb/").content.decode()
    assert "Contact us" in html
    assert article.title in html


@pytest.mark.parametrize("language", ["en", "ar"])
def test_category_icons_are_drawn_from_the_sites_own_icon_set(client, language):
    make_category(language, title="Billing" if language == "en" else "الفواتير", icon="billing")
    make_category(language, title="Old" if language == "en" else "قديم", icon="")
    for path in (f"/{language}/kb/", f"/{language}/"):
        html = client.get(path).content.decode()
        assert '<use href="/static/kb/icons.svg#billing"></use>' in html, path
        assert '<use href="/static/kb/icons.svg#book"></use>' in html, path
        assert "🧾" not in html and "📘" not in html


def test_every_category_icon_has_a_symbol_in_the_icon_set():
    sprite = (Path(settings.BASE_DIR) / "kb/static/kb/icons.svg").read_text()
    for key, _label in CATEGORY_ICONS:
        assert f'<symbol id="{key}"' in sprite


def test_articles_can_only_live_in_categories():
    assert ArticlePage.parent_page_types == ["kb.CategoryPage"]
    assert not ArticlePage.can_create_at(kb_index("en"))


def test_review_interval_defaults_to_the_setting(category, settings):
    settings.DALIL_KB_REVIEW_EVERY_DAYS = 90
    assert make_article(category, "Fresh").review_every == 90


def test_search_document_has_what_the_search_needs(article):
    article.tags.add("phone")
    article.save()
    document = article.search_document()
    assert document["title"] == "How to call support"
    assert document["category"] == "Contact us"
    assert document["locale"] == "en"
    assert document["live"] is True
    assert "Find your account number" in document["body_text"]
    assert "Our phone line is open every day." in document["body_text"]
    assert document["tags"] == ["phone"]
    assert document["url"] == "/en/kb/contact-us/how-to-call-support/"


def test_arabic_article_page_is_right_to_left_and_in_arabic(client, article):
    arabic_category = translate(
        article.get_parent().specific, "ar", title="تواصل معنا", slug="contact-us"
    )
    arabic = translate(article, "ar", title="كيف تتصل بالدعم", slug="call-support")
    assert arabic.get_parent().pk == arabic_category.pk
    html = client.get(arabic.url).content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert "هل كانت هذه المقالة مفيدة؟" in html


def test_article_rich_text_keeps_what_the_editor_makes(client, category):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    document = get_document_model().objects.create(
        title="Tariffs", file=ContentFile(b"%PDF-1.4", name="tariffs.pdf")
    )
    paragraph = (
        f'<p data-block-key="k1">See <a linktype="page" id="{category.pk}">the category</a>, '
        f'<a linktype="document" id="{document.pk}">the tariffs</a>, <b>bold</b>, <i>italic</i>, '
        '<code>*123#</code>, <a href="https://example.com/a?b=1&amp;c=2">out</a> and '
        '<a href="mailto:help@example.com">mail</a>.<br/>Next line.</p>'
        "<ul><li>one</li></ul><ol><li>two</li></ol>"
    )
    article = make_article(category, "Rich", body=[{"type": "paragraph", "value": paragraph}])
    html = client.get(article.url).content.decode()
    assert '<p data-block-key="k1">See <a href="/en/kb/contact-us/">the category</a>' in html
    assert f'<a href="{document.url}">the tariffs</a>' in html
    assert "<b>bold</b>, <i>italic</i>, <code>*123#</code>" in html
    assert '<a href="https://example.com/a?b=1&amp;c=2">out</a>' in html
    assert '<a href="mailto:help@example.com">mail</a>.<br>Next line.</p>' in html
    assert "<ul><li>one</li></ul><ol><li>two</li></ol>" in html
