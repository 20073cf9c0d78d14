"""The review queue and the audit log download as CSV and XLSX, for moderators only."""

import re
from datetime import UTC

import pytest
from django.urls import reverse

from moderation.actions import decisions, flags
from moderation.models import ReviewItem
from tests.exports import csv_rows, xlsx_rows
from tests.factories import UserFactory

from .conftest import admin_browser, make_post

pytestmark = pytest.mark.django_db


def test_the_queue_downloads_as_csv_with_plain_values(moderator_client, trusted_factory):
    flagged = make_post(UserFactory(display_name="Rami"), title="", body="Buy <b>followers</b> now")
    flags.flag_post(target=flagged, actor=trusted_factory(), reason="spam", text="a bot")
    rows = csv_rows(moderator_client.get(reverse("moderation_admin:queue"), {"export": "csv"}))
    assert rows[0] == [
        "Item",
        "Type",
        "Content",
        "Category",
        "Post",
        "Reasons and flags",
        "Score",
        "Author",
        "Queued",
    ]
    (row,) = rows[1:]
    item = ReviewItem.objects.for_target(flagged).get()
    assert row[0] == str(item.pk)
    assert row[3] == "billing"
    assert "Buy <b>followers</b> now" in row[4]
    assert "Spam (2): a bot" in row[5]
    assert row[6:8] == [str(item.score), "Rami"]
    assert row[8] == item.created_at.astimezone(UTC).replace(microsecond=0).isoformat()
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00", row[8])


def test_the_queue_download_keeps_the_filters(moderator_client, pending_post, trusted_factory):
    flagged = make_post(UserFactory(), title="", body="Buy followers now")
    flags.flag_post(target=flagged, actor=trusted_factory(), reason="spam")
    url = reverse("moderation_admin:queue")
    rows = csv_rows(moderator_client.get(url, {"kind": "flagged", "export": "csv"}))
    assert len(rows) == 2 and "Buy followers now" in rows[1][4]


def test_the_queue_downloads_as_a_spreadsheet_in_the_admins_language(moderator, pending_post):
    browser = admin_browser(moderator, "ar")
    rows = xlsx_rows(browser.get(reverse("moderation_admin:queue"), {"export": "xlsx"}))
    assert rows[0][5] == "الأسباب والبلاغات"
    assert rows[1][0] == ReviewItem.objects.for_target(pending_post).get().pk


def test_the_audit_log_downloads_as_csv(moderator_client, pending_post, moderator):
    item = ReviewItem.objects.for_target(pending_post).get()
    decisions.approve_item(item=item, actor=moderator)
    url = reverse("moderation_admin:audit")
    rows = csv_rows(
        moderator_client.get(url, {"action": "dalil.moderation.approve", "export": "csv"})
    )
    assert rows[0] == ["When", "Action", "By", "Content", "Object id", "Why", "Before"]
    (row,) = rows[1:]
    assert row[2] == "Sami Moderator"
    assert row[4] == str(pending_post.pk)
    assert "<" not in "".join(row)


def test_the_audit_log_downloads_as_a_spreadsheet(moderator_client, pending_post):
    rows = xlsx_rows(moderator_client.get(reverse("moderation_admin:audit"), {"export": "xlsx"}))
    assert rows[0][0] == "When"
    assert rows[1][4] == str(pending_post.pk)


@pytest.mark.parametrize("name", ["moderation_admin:queue", "moderation_admin:audit"])
def test_customers_and_staff_without_the_permission_get_no_download(client, pending_post, name):
    from django.contrib.auth.models import Permission

    admin_only = UserFactory()
    admin_only.user_permissions.add(Permission.objects.get(codename="access_admin"))
    for person in (UserFactory(), admin_only):
        browser = admin_browser(person, client=client)
        for export in ("csv", "xlsx"):
            response = browser.get(reverse(name), {"export": export})
            assert response.status_code == 302
            assert not response.get("Content-Disposition")
