import pytest

from kb.services import record_feedback
from tests.factories import UserFactory

from .conftest import FAQ_BLOCK, SAMPLE_BODY, make_article, make_category

pytestmark = pytest.mark.django_db


@pytest.fixture
def busy_category(category):
    readers = [UserFactory() for _ in range(3)]
    for number in range(12):
        article = make_article(category, f"Article {number}")
        for reader in readers[: number % 4]:
            record_feedback(
                article=article,
                actor=reader,
                helpful=number % 2 == 0,
                reason="" if number % 2 == 0 else "unclear",
            )
    make_category("en", "Billing")
    return category


def _count(client, url, django_assert_max_num_queries, limit):
    client.get(url)  # warm Wagtail's site-root cache, as any running server has
    with django_assert_max_num_queries(limit):
        response = client.get(url)
    assert response.status_code == 200
    return response


def test_index_page_query_count_does_not_grow_with_articles(
    client, busy_category, django_assert_max_num_queries
):
    response = _count(client, "/en/kb/", django_assert_max_num_queries, 17)
    assert response.content.decode().count("kb-article-card") == 12


def test_category_page_query_count_does_not_grow_with_articles(
    client, busy_category, django_assert_max_num_queries
):
    _count(client, busy_category.url, django_assert_max_num_queries, 17)


def test_article_page_query_count(client, category, customer, django_assert_max_num_queries):
    article = make_article(category, "Full", body=[*SAMPLE_BODY, FAQ_BLOCK])
    for number in range(3):
        related = make_article(category, f"Related {number}")
        article.related_links.create(article=related)
    article.tags.add("phone", "support")
    article.save_revision().publish()
    client.force_login(customer)
    record_feedback(article=article, actor=customer, helpful=True)
    # 28: one query for the promotion provenance, one for the "may be out of date" score, and
    # the header's unread-notification count.
    _count(client, article.url, django_assert_max_num_queries, 28)


def test_home_page_shows_categories_with_few_queries(
    client, busy_category, django_assert_max_num_queries
):
    # The whole home page: knowledge-base categories plus the forum's two question lists.
    response = _count(client, "/en/", django_assert_max_num_queries, 15)
    html = response.content.decode()
    assert "Browse the knowledge base" in html
    assert f'href="{busy_category.url}"' in html
    assert 'href="/en/kb/"' in html
