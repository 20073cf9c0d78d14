import pytest
from django.urls import reverse
from wagtail.models import Locale

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
