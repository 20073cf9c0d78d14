from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.models import Locale, Revision

from kb.models import ArticleFeedback, ArticlePage, CategoryPage

pytestmark = pytest.mark.django_db


def test_seed_demo_builds_a_bilingual_knowledge_base_once():
    call_command("seed_demo", stdout=StringIO())
    for language in ("ar", "en"):
        assert CategoryPage.objects.live().filter(locale__language_code=language).count() >= 4
        articles = ArticlePage.objects.live().filter(locale__language_code=language)
        assert articles.count() >= 12
        assert all(article.content_owner for article in articles)
        assert any(article.faq_items() for article in articles)
    # Articles promoted from a community answer start in their thread's language only.
    for article in ArticlePage.objects.filter(locale__language_code="en", provenance__isnull=True):
        assert article.get_translation_or_none(Locale.objects.get(language_code="ar"))
    assert ArticleFeedback.objects.filter(helpful=False).exclude(reason="").exists()
    counts = (
        ArticlePage.objects.count(),
        ArticleFeedback.objects.count(),
        Revision.objects.count(),
    )
    call_command("seed_demo", stdout=StringIO())
    assert (
        ArticlePage.objects.count(),
        ArticleFeedback.objects.count(),
        Revision.objects.count(),
    ) == counts


def test_demo_articles_render_in_both_languages(client):
    call_command("seed_demo", stdout=StringIO())
    for article in ArticlePage.objects.live():
        assert client.get(article.url).status_code == 200
