import pytest

from kb.models import ArticlePage
from tests.kb.conftest import make_article
from website.search.selectors import search

pytestmark = pytest.mark.django_db


def _titles(query, locale="en"):
    return [hit.title for hit in search(query, locale=locale).hits]


def test_publishing_an_article_makes_it_findable_and_unpublishing_removes_it(
    category, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article(category, "Reaching us on WhatsApp after hours")
    assert "Reaching us on WhatsApp after hours" in _titles("whatsapp")
    with django_capture_on_commit_callbacks(execute=True):
        ArticlePage.objects.get(pk=article.pk).unpublish()
    assert "Reaching us on WhatsApp after hours" not in _titles("whatsapp")


def test_drafts_are_never_indexed(category, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        make_article(category, "Secret roadmap for kiosks", publish=False)
    assert _titles("kiosks") == []


def test_editing_and_republishing_updates_the_indexed_title(
    category, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article(category, "Calling the support line")
    article = ArticlePage.objects.get(pk=article.pk)
    article.title = "Calling the freephone support line"
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
    assert _titles("freephone") == ["Calling the freephone support line"]


def test_the_indexed_text_leaves_out_block_labels_in_the_editors_language(category):
    """Heading levels and callout kinds are labels of the editor's admin language (an English
    article approved by an Arabic-speaking reviewer got "قسم" and "تحذير" in its text)."""
    from django.utils import translation

    article = make_article(category, "Calling the support line")
    with translation.override("ar"):
        text = ArticlePage.objects.get(pk=article.pk).body_text()

    assert "Before you call" in text and "Call early in the morning." in text
    assert not {"قسم", "قسم فرعي", "نصيحة", "Section", "Subsection", "Tip"} & set(text.split())
