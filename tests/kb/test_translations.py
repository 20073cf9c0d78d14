import re

import pytest
from django.urls import reverse
from wagtail.models import Locale
from wagtail.users.models import UserProfile

from kb.models import ArticlePage

from .conftest import make_article, translate

pytestmark = pytest.mark.django_db


@pytest.fixture
def arabic_category(category):
    return translate(category, "ar", title="تواصل معنا", slug="contact-us")


def test_language_switcher_goes_to_the_linked_translation(client, article, arabic_category):
    arabic = translate(article, "ar", title="كيف تتصل بالدعم", slug="call-support")
    html = client.get(article.url).content.decode()
    assert f'href="{arabic.url}" lang="ar"' in html
    back = client.get(arabic.url).content.decode()
    assert f'href="{article.url}" lang="en"' in back


def test_untranslated_article_shows_not_yet_translated_instead_of_404(client, article):
    html = client.get(article.url).content.decode()
    missing = reverse("website:translation_missing", args=[article.pk]).replace("/en/", "/ar/")
    assert f'href="{missing}" lang="ar"' in html
    response = client.get(missing)
    assert response.status_code == 200
    assert article.title in response.content.decode()
    assert f'href="{article.url}"' in response.content.decode()


def test_draft_translation_is_not_offered_by_the_switcher(client, article, arabic_category):
    draft = article.copy_for_translation(Locale.objects.get(language_code="ar"))
    assert not draft.live
    html = client.get(article.url).content.decode()
    assert "translation-missing" in html


def test_staff_create_the_translation_draft_from_the_admin(
    client, article, arabic_category, support_staff
):
    client.force_login(support_staff)
    url = reverse("simple_translation:submit_page_translation", args=[article.pk])
    assert client.get(url).status_code == 200
    arabic = Locale.objects.get(language_code="ar")
    response = client.post(url, {"locales": [arabic.pk]})
    assert response.status_code == 302
    copy = ArticlePage.objects.get(locale=arabic, translation_key=article.translation_key)
    assert not copy.live
    assert copy.get_parent().pk == arabic_category.pk
    assert copy.summary == article.summary


def test_related_articles_are_shown_in_the_readers_language(client, category, arabic_category):
    first = make_article(category, "Live chat hours")
    second = make_article(category, "Chat transcripts")
    first.related_links.create(article=second)
    first.save_revision().publish()
    translate(second, "ar", title="نسخ المحادثات", slug="transcripts")
    arabic_first = translate(first, "ar", title="ساعات المحادثة", slug="chat-hours")
    html = client.get(arabic_first.url).content.decode()
    assert "نسخ المحادثات" in html
    assert "Chat transcripts" not in html


def _log_in(client, user, admin_language: str = "en"):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = admin_language
    profile.save()
    client.force_login(user)


def _input(html: str, name: str) -> str:
    """The opening tag of the editor's input or textarea named `name`."""
    match = re.search(rf'<(?:input|textarea)[^>]*name="{name}"[^>]*>', html)
    assert match, f"no {name} field in the editor"
    return match.group(0)


def test_arabic_translation_is_edited_right_to_left_beside_its_english_source(
    client, article, arabic_category, support_staff
):
    arabic = article.copy_for_translation(Locale.objects.get(language_code="ar"))
    _log_in(client, support_staff)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[arabic.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    for name in ("title", "summary"):
        assert 'dir="rtl"' in _input(html, name)
        assert 'lang="ar"' in _input(html, name)
    assert "Source (English)" in html
    source = html[html.index("kb-translation-source") :]
    assert 'dir="ltr"' in source[:120]
    assert article.title in source
    assert article.summary in source
    assert "Our phone line is open every day." in source
    assert '<h3 class="kb-translation-source__heading">Before you call</h3>' in source
    assert reverse("wagtailadmin_pages:edit", args=[article.pk]) in source
    assert "kb/page_language.js" in html


def test_source_text_is_shown_escaped_from_its_latest_draft(
    client, article, arabic_category, support_staff
):
    arabic = article.copy_for_translation(Locale.objects.get(language_code="ar"))
    article.summary = "Dial <b>100</b> & wait"
    article.save_revision()
    _log_in(client, support_staff)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[arabic.pk])).content.decode()
    assert "Dial &lt;b&gt;100&lt;/b&gt; &amp; wait" in html


def test_arabic_admin_names_the_source_language_in_arabic(
    client, article, arabic_category, support_staff
):
    arabic = article.copy_for_translation(Locale.objects.get(language_code="ar"))
    _log_in(client, support_staff, "ar")
    html = client.get(reverse("wagtailadmin_pages:edit", args=[arabic.pk])).content.decode()
    assert "المصدر (الإنجليزيّة)" in html
    assert 'dir="rtl"' in _input(html, "title")


def test_english_page_is_edited_left_to_right_without_a_source_panel(
    client, article, arabic_category, support_staff
):
    translate(article, "ar", title="كيف تتصل بالدعم", slug="call-support")
    _log_in(client, support_staff)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[article.pk])).content.decode()
    assert 'dir="ltr"' in _input(html, "title")
    assert 'dir="rtl"' not in _input(html, "summary")
    assert "kb-translation-source" not in html


def test_new_arabic_article_is_typed_right_to_left(client, arabic_category, support_staff):
    _log_in(client, support_staff)
    url = reverse("wagtailadmin_pages:add", args=["kb", "articlepage", arabic_category.pk])
    html = client.get(url).content.decode()
    assert 'dir="rtl"' in _input(html, "title")
    assert "kb-translation-source" not in html


def test_arabic_category_translation_shows_its_english_description(
    client, category, arabic_category, support_staff
):
    _log_in(client, support_staff)
    html = client.get(
        reverse("wagtailadmin_pages:edit", args=[arabic_category.pk])
    ).content.decode()
    assert 'dir="rtl"' in _input(html, "description")
    assert "Source (English)" in html
    assert category.title in html[html.index("kb-translation-source") :]


def test_arabic_admin_edits_an_english_page_left_to_right(
    client, article, arabic_category, support_staff
):
    _log_in(client, support_staff, "ar")
    html = client.get(reverse("wagtailadmin_pages:edit", args=[article.pk])).content.decode()
    assert '<html lang="ar" dir="rtl"' in html
    assert 'dir="ltr"' in _input(html, "title")
    assert 'lang="en"' in _input(html, "summary")
