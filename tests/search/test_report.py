"""The "Search terms" admin report: top queries and content gaps, for support staff."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.exports import admin_language, csv_rows, xlsx_rows
from website.search.analytics import record_search, top_queries, zero_result_queries
from website.search.models import SearchClick, SearchQueryLog

REPORT = "/admin/reports/search-terms/"


@pytest.fixture
def searches(db):
    for _ in range(3):
        record_search(query="Live chat", locale="en", result_count=4)
    record_search(query="roaming abroad", locale="en", result_count=0)
    record_search(query="الفاتورة", locale="ar", result_count=0)
    old = SearchQueryLog.objects.create(query="old gap", locale="en", result_count=0)
    SearchQueryLog.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=45))
    SearchClick.objects.create(
        query="live chat", locale="en", kind="article", object_id="1", position=1
    )


def test_top_queries_count_searches_results_and_clicks(searches):
    rows = top_queries(days=7)
    assert rows[0]["query"] == "live chat"
    assert (rows[0]["searches"], rows[0]["results"], rows[0]["clicks"]) == (3, 4, 1)


def test_zero_result_queries_respect_the_period(searches):
    assert {row["query"] for row in zero_result_queries(days=7)} == {"roaming abroad", "الفاتوره"}
    assert "old gap" in {row["query"] for row in zero_result_queries(days=90)}


def test_support_staff_see_the_report(client, support_staff, searches):
    client.force_login(support_staff)
    html = client.get(REPORT, {"days": 90}).content.decode()
    assert "عمليات بحث بلا نتائج (ثغرات في المحتوى)" in html
    assert "roaming abroad" in html and "old gap" in html and "Live chat" in html
    recent = client.get(REPORT, {"days": 7}).content.decode()
    assert "old gap" not in recent


def test_an_unknown_period_falls_back_to_thirty_days(client, support_staff, searches):
    client.force_login(support_staff)
    html = client.get(REPORT, {"days": "forever"}).content.decode()
    assert '<strong aria-current="true">آخر 30 يومًا</strong>' in html
    assert ">آخر 7 أيام</a>" in html  # 3 to 10 take the plural of few


def test_moderators_may_not_see_the_report(client, moderator, searches):
    client.force_login(moderator)
    response = client.get(REPORT)
    assert response.status_code in (302, 403)
    assert "roaming abroad" not in response.content.decode()


def test_the_report_permission_belongs_to_support_staff(support_staff, moderator, customer):
    assert support_staff.has_perm("website.view_search_report")
    assert not moderator.has_perm("website.view_search_report")
    assert not customer.has_perm("website.view_search_report")


def test_the_reports_menu_offers_the_report_only_with_the_permission(rf, support_staff, moderator):
    from website.wagtail_hooks import search_report_menu_item

    item = search_report_menu_item()
    for person, shown in ((support_staff, True), (moderator, False)):
        request = rf.get("/admin/")
        request.user = person
        assert item.is_shown(request) is shown


def test_top_queries_download_as_csv_in_the_typed_spelling(client, support_staff, searches):
    admin_language(support_staff, "en")
    client.force_login(support_staff)
    rows = csv_rows(client.get(REPORT, {"days": 7, "export": "csv"}))
    assert rows[0] == [
        "Query",
        "Language",
        "Searches",
        "Average results",
        "Clicks",
        "Last searched",
    ]
    assert rows[1][:5] == ["Live chat", "English", "3", "4.0", "1"]
    assert "old gap" not in {row[0] for row in rows}
    assert "old gap" in {
        row[0] for row in csv_rows(client.get(REPORT, {"days": 90, "export": "csv"}))
    }


def test_the_content_gaps_alone_are_listed_and_downloaded(client, support_staff, searches):
    admin_language(support_staff, "en")
    client.force_login(support_staff)
    html = client.get(REPORT, {"days": 7, "show": "no_results"}).content.decode()
    assert "roaming abroad" in html and "Live chat" not in html
    assert "Top queries</h2>" not in html
    assert 'href="?days=90&amp;show=no_results"' in html
    rows = csv_rows(client.get(REPORT, {"days": 7, "show": "no_results", "export": "csv"}))
    assert rows[0][:3] == ["Query", "Language", "Searches"]
    assert sorted((row[0], row[2], row[3]) for row in rows[1:]) == [
        ("roaming abroad", "1", "0"),
        ("الفاتورة", "1", "0"),
    ]
    spreadsheet = xlsx_rows(
        client.get(REPORT, {"days": 90, "show": "no_results", "export": "xlsx"})
    )
    assert "old gap" in {row[0] for row in spreadsheet[1:]}


def test_top_queries_download_as_a_spreadsheet(client, support_staff, searches):
    client.force_login(support_staff)
    rows = xlsx_rows(client.get(REPORT, {"export": "xlsx"}))
    assert rows[0][2] == "عمليات البحث"  # "Searches", in the admin's default language
    assert rows[1][:3] == ("Live chat", "الإنجليزيّة", 3)


def test_a_customer_cannot_download_the_search_terms(client, customer, searches):
    client.force_login(customer)
    for export in ("csv", "xlsx"):
        response = client.get(REPORT, {"export": export})
        assert response.status_code in (302, 403)
        assert not response.get("Content-Disposition")
