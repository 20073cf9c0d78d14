"""The "Search terms" report shows what people typed (issue 18): searches are grouped by their
normalised form, and each group reads as its most common spelling, never the normalised one."""

import importlib

import pytest
from django.apps import apps as django_apps

from website.search.analytics import record_search, top_queries, zero_result_queries
from website.search.models import SearchQueryLog

REPORT = "/admin/reports/search-terms/"
pytestmark = pytest.mark.django_db


@pytest.fixture
def password_searches():
    for _ in range(2):
        record_search(query="كلمة المرور", locale="ar", result_count=3)
    record_search(query="كلمه  المرور", locale="ar", result_count=3)
    record_search(query="إعادة تعيين", locale="ar", result_count=0)
    record_search(query="Roaming  Abroad", locale="en", result_count=0)


def test_a_search_keeps_what_was_typed_beside_its_normalised_form(password_searches):
    typed = set(SearchQueryLog.objects.values_list("query", "typed"))
    assert ("كلمه المرور", "كلمه المرور") in typed
    assert ("كلمه المرور", "كلمة المرور") in typed
    assert ("roaming abroad", "Roaming Abroad") in typed


def test_spellings_of_one_query_are_one_row_shown_as_the_most_common(password_searches):
    rows = [row for row in top_queries(days=7) if row["locale"] == "ar"]
    password = next(row for row in rows if row["query"] == "كلمه المرور")
    assert (password["shown"], password["searches"]) == ("كلمة المرور", 3)
    gaps = {row["shown"] for row in zero_result_queries(days=7)}
    assert gaps == {"إعادة تعيين", "Roaming Abroad"}


def test_staff_read_typed_spellings_and_language_names(client, support_staff, password_searches):
    client.force_login(support_staff)
    html = client.get(REPORT, {"days": 7}).content.decode()
    assert '<bdi class="search-term">كلمة المرور</bdi>' in html
    assert '<bdi class="search-term">إعادة تعيين</bdi>' in html
    assert "كلمه المرور" not in html and "اعاده تعيين" not in html
    assert "<td>العربيّة</td>" in html and "<td>ar</td>" not in html


def test_searches_logged_before_the_typed_column_show_their_normalised_form(db):
    old = SearchQueryLog.objects.create(query="كلمه المرور", locale="ar", result_count=0)
    migration = importlib.import_module("website.migrations.0008_search_query_typed")
    migration.copy_normalised(django_apps, None)
    old.refresh_from_db()
    assert old.typed == "كلمه المرور"
    assert zero_result_queries(days=7)[0]["shown"] == "كلمه المرور"
