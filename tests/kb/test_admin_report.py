import pytest
from django.urls import reverse

from kb.services import record_feedback
from tests.exports import admin_language, csv_rows, xlsx_rows
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

REPORT_URL = "/admin/reports/article-feedback/"


def test_report_url_is_named():
    assert reverse("kb_article_feedback_report") == REPORT_URL


def test_staff_see_counts_ratio_and_reasons_with_comments(
    client, article, support_staff, customer, other_customer
):
    record_feedback(article=article, actor=customer, helpful=True)
    record_feedback(
        article=article,
        actor=other_customer,
        helpful=False,
        reason="outdated",
        comment="Prices <b>changed</b>",
    )
    client.force_login(support_staff)
    response = client.get(REPORT_URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert article.title in html
    assert "50%" in html
    assert "معلوماتها قديمة" in html  # "It is outdated": the admin speaks the default language
    assert "Prices &lt;b&gt;changed&lt;/b&gt;" in html


def test_report_appears_in_the_reports_menu_for_staff(client, support_staff):
    client.force_login(support_staff)
    assert REPORT_URL in client.get("/admin/").content.decode()


def test_report_is_staff_only(client, customer, moderator):
    for user in (customer, moderator):
        client.force_login(user)
        response = client.get(REPORT_URL)
        assert response.status_code in (302, 403)
        assert "Article feedback" not in response.content.decode()


def test_report_query_count_does_not_grow_with_articles(
    client, category, support_staff, django_assert_max_num_queries
):
    from .conftest import make_article

    readers = [UserFactory() for _ in range(2)]
    for number in range(8):
        page = make_article(category, f"Article {number}")
        for reader in readers:
            record_feedback(
                article=page,
                actor=reader,
                helpful=False,
                reason="unclear",
                comment="Hard to follow",
            )
    client.force_login(support_staff)
    client.get(REPORT_URL)
    with django_assert_max_num_queries(25):
        assert client.get(REPORT_URL).status_code == 200


def test_article_edit_page_shows_its_feedback_summary(client, article, support_staff, customer):
    record_feedback(
        article=article, actor=customer, helpful=False, reason="unclear", comment="Which number?"
    )
    client.force_login(support_staff)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[article.pk])).content.decode()
    assert "Which number?" in html
    assert "0%" in html


def test_feedback_downloads_as_csv_with_headings_in_the_admins_language(
    client, article, support_staff, customer, other_customer
):
    record_feedback(article=article, actor=customer, helpful=True)
    record_feedback(
        article=article,
        actor=other_customer,
        helpful=False,
        reason="outdated",
        comment="Prices <b>changed</b>",
    )
    admin_language(support_staff, "en")
    client.force_login(support_staff)
    rows = csv_rows(client.get(REPORT_URL, {"export": "csv"}))
    assert rows[0] == [
        "Article",
        "Language",
        "Helpful",
        "Not helpful",
        "Helpful, last 90 days (%)",
        "Votes, last 90 days",
        "Why readers said no",
    ]
    assert rows[1] == [
        article.title,
        "English",
        "1",
        "1",
        "50",
        "2",
        "It is outdated: Prices <b>changed</b>",
    ]
    admin_language(support_staff, "ar")
    arabic = csv_rows(client.get(REPORT_URL, {"export": "csv"}))
    assert arabic[0][1:3] == ["اللغة", "مفيدة"]
    assert "معلوماتها قديمة" in arabic[1][-1]


def test_feedback_downloads_as_a_spreadsheet(client, article, support_staff, customer):
    record_feedback(article=article, actor=customer, helpful=True)
    client.force_login(support_staff)
    rows = xlsx_rows(client.get(REPORT_URL, {"export": "xlsx"}))
    assert len(rows) == 2
    assert rows[1][0] == article.title
    assert rows[1][2] == 1


def test_a_customer_cannot_download_the_feedback(client, article, customer, other_customer):
    record_feedback(article=article, actor=other_customer, helpful=False, reason="outdated")
    client.force_login(customer)
    for export in ("csv", "xlsx"):
        response = client.get(REPORT_URL, {"export": export})
        assert response.status_code in (302, 403)
        assert "text/csv" not in response["Content-Type"]
