"""The "Needs review" report, its actions over HTTP, the dashboard panel, the reader banner and
the weekly digest."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import ModelLogEntry, PageLogEntry

from kb.models import ArticlePage
from kb.services import record_feedback
from moderation import stale
from moderation.models import StaleItem, StaleReview, StaleSignal
from moderation.stale import run_sweep
from moderation.stale_admin_views import last_checked
from moderation.tasks import send_stale_digests
from tests.exports import csv_rows, xlsx_rows
from tests.factories import UserFactory

from .conftest import make_article

pytestmark = pytest.mark.django_db
REPORT = reverse("moderation_admin:stale")


def overdue(article, days: int) -> None:
    past = timezone.now() - timedelta(days=article.review_every + days)
    ArticlePage.objects.filter(pk=article.pk).update(first_published_at=past, last_reviewed_at=None)


@pytest.fixture
def stale_article(article, support_staff):
    ArticlePage.objects.filter(pk=article.pk).update(content_owner=support_staff)
    overdue(article, 10)
    record_feedback(article=article, actor=UserFactory(), helpful=False, reason="outdated")
    run_sweep()
    article.refresh_from_db()
    return article


def item_of(article) -> StaleItem:
    return StaleItem.objects.get(object_id=article.pk, kind="article")


def logged_actions(article) -> list[str]:
    return list(
        PageLogEntry.objects.filter(page_id=article.pk)
        .filter(action__startswith="dalil.stale")
        .values_list("action", flat=True)
    ) + list(
        ModelLogEntry.objects.filter(object_id=str(article.pk))
        .filter(action__startswith="dalil.stale")
        .values_list("action", flat=True)
    )


def test_the_report_lists_items_by_score_with_signals_and_evidence(
    client, stale_article, category, support_staff, django_assert_max_num_queries
):
    calmer = make_article(category, "Calmer article")
    overdue(calmer, 1)
    for number in range(8):
        overdue(make_article(category, f"Another overdue article {number}"), 1)
    run_sweep()
    client.force_login(support_staff)
    client.get(REPORT)
    # The same budget as for two rows: targets, signals and archive checks load per page.
    with django_assert_max_num_queries(30):
        html = client.get(REPORT).content.decode()
    assert html.index(stale_article.title) < html.index("Calmer article")
    assert reverse("wagtailadmin_pages:edit", args=[stale_article.pk]) in html
    assert "Noura Staff" in html


def test_the_report_filters_by_owner_locale_category_and_signal(
    client, stale_article, category, support_staff
):
    other = make_article(category, "Unowned article")
    overdue(other, 1)
    run_sweep()
    client.force_login(support_staff)
    by_owner = client.get(REPORT, {"owner": support_staff.pk}).content.decode()
    assert stale_article.title in by_owner and "Unowned article" not in by_owner
    by_signal = client.get(REPORT, {"signal": "reader_report"}).content.decode()
    assert stale_article.title in by_signal and "Unowned article" not in by_signal
    by_locale = client.get(REPORT, {"locale": "en", "category": "Contact us"}).content.decode()
    assert stale_article.title in by_locale and "Unowned article" in by_locale


@pytest.mark.parametrize("role", ["moderator", "customer"])
def test_only_support_staff_may_act(client, stale_article, role, request):
    client.force_login(request.getfixturevalue(role))
    response = client.post(
        reverse("moderation_admin:stale_reviewed", args=[item_of(stale_article).pk])
    )
    assert response.status_code in (302, 403)
    assert not StaleReview.objects.exists()
    assert client.get(REPORT).status_code in (302, 403)


def test_mark_reviewed_records_the_reviewer_and_survives_the_next_publish(
    client, stale_article, support_staff
):
    client.force_login(support_staff)
    response = client.post(
        reverse("moderation_admin:stale_reviewed", args=[item_of(stale_article).pk]),
        {"note": "Numbers checked"},
    )
    assert response.status_code == 302
    review = StaleReview.objects.get()
    assert (review.reviewer_name, review.note) == ("Noura Staff", "Numbers checked")
    assert not StaleSignal.objects.open().filter(object_id=stale_article.pk).exists()
    assert "dalil.stale.reviewed" in logged_actions(stale_article)

    # The next edit is published from the latest revision: the review date must survive it.
    article = ArticlePage.objects.get(pk=stale_article.pk)
    reviewed_at = article.last_reviewed_at
    draft = article.get_latest_revision_as_object()
    draft.summary = "A new summary after the review."
    draft.save_revision().publish()
    article.refresh_from_db()
    assert article.last_reviewed_at == reviewed_at
    assert article.summary == "A new summary after the review."
    assert not run_sweep().created


def test_dismiss_one_signal_with_a_reason(client, stale_article, support_staff):
    signal = StaleSignal.objects.get(object_id=stale_article.pk, code="reader_report")
    client.force_login(support_staff)
    url = reverse("moderation_admin:stale_dismiss", args=[item_of(stale_article).pk])
    client.post(url, {"signal": signal.pk, "reason": ""})
    signal.refresh_from_db()
    assert signal.dismissed_at is None
    client.post(url, {"signal": signal.pk, "reason": "Vote was about another product"})
    signal.refresh_from_db()
    assert (signal.dismissed_by, signal.dismissed_reason) == (
        support_staff,
        "Vote was about another product",
    )
    assert item_of(stale_article).score == 3  # only review_due still counts
    assert "dalil.stale.dismiss" in logged_actions(stale_article)


def test_reassign_owner_changes_the_article_and_its_draft(
    client, stale_article, support_staff, second_support_staff
):
    client.force_login(support_staff)
    url = reverse("moderation_admin:stale_reassign", args=[item_of(stale_article).pk])
    client.post(url, {"owner": UserFactory().pk})  # a customer cannot own articles
    assert ArticlePage.objects.get(pk=stale_article.pk).content_owner == support_staff
    client.post(url, {"owner": second_support_staff.pk})
    article = ArticlePage.objects.get(pk=stale_article.pk)
    assert article.content_owner == second_support_staff
    assert article.get_latest_revision_as_object().content_owner == second_support_staff
    assert item_of(stale_article).owner == second_support_staff
    assert "dalil.stale.reassign" in logged_actions(stale_article)


def test_archive_unpublishes_with_a_redirect_only_when_unread_and_long_overdue(
    client, article, category, support_staff, settings
):
    settings.DALIL_STALE_ARCHIVE_OVERDUE_DAYS = 180
    overdue(article, 30)
    run_sweep()
    client.force_login(support_staff)
    url = reverse("moderation_admin:stale_archive", args=[item_of(article).pk])
    client.post(url)
    assert ArticlePage.objects.get(pk=article.pk).live

    overdue(article, 200)
    old_url = article.get_url()
    client.post(url)
    assert not ArticlePage.objects.get(pk=article.pk).live
    redirect = Redirect.objects.get()
    assert redirect.redirect_page_id == category.pk
    assert client.get(old_url).status_code == 302
    assert "dalil.stale.archive" in logged_actions(article)
    assert not StaleItem.objects.exists()


def test_an_article_with_feedback_cannot_be_archived(client, stale_article, support_staff):
    overdue(stale_article, 400)
    client.force_login(support_staff)
    client.post(reverse("moderation_admin:stale_archive", args=[item_of(stale_article).pk]))
    assert ArticlePage.objects.get(pk=stale_article.pk).live


def test_the_dashboard_shows_staff_the_stale_items_they_own(
    client, stale_article, support_staff, second_support_staff
):
    client.force_login(support_staff)
    assert stale_article.title in client.get("/admin/").content.decode()
    client.force_login(second_support_staff)
    assert stale_article.title not in client.get("/admin/").content.decode()


def test_the_dashboard_counts_articles_needing_review_for_the_staff_who_review_them(
    client, stale_article, support_staff, moderator, django_assert_num_queries
):
    from django.test import RequestFactory
    from wagtail.users.models import UserProfile

    from moderation import dashboard

    for person in (support_staff, moderator):
        UserProfile.objects.update_or_create(user=person, defaults={"preferred_language": "en"})
    client.force_login(support_staff)
    html = client.get("/admin/").content.decode()
    assert f'<a href="{REPORT}?kind=article">1 article needs review</a>' in html
    request = RequestFactory().get("/admin/")
    request.user = support_staff
    support_staff.has_perm("moderation.moderate")
    # Pending posts, open flags (support staff moderate too), articles and the support desk's
    # unclaimed, overdue and own cases: one query each.
    with django_assert_num_queries(6):
        rows = dashboard.queue_counts(request)
    assert sorted((row.name, row.count) for row in rows) == [
        ("articles", 1),
        ("cases_mine", 0),
        ("cases_overdue", 0),
        ("cases_unassigned", 0),
        ("flags", 0),
        ("pending", 0),
    ]
    client.force_login(moderator)
    assert "article needs review" not in client.get("/admin/").content.decode()


def test_the_report_filters_by_kind_of_content(client, stale_article, support_staff):
    client.force_login(support_staff)
    assert stale_article.title in client.get(REPORT, {"kind": "article"}).content.decode()
    assert stale_article.title not in client.get(REPORT, {"kind": "thread"}).content.decode()


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "This article may be out of date — last reviewed"),
        ("ar", "قد تكون هذه المقالة قديمة — آخر مراجعة"),
    ],
)
def test_readers_see_a_banner_on_a_stale_article(client, stale_article, language, text):
    from kb.models import CategoryPage
    from tests.kb.conftest import translate

    page = stale_article
    if language == "ar":
        category = CategoryPage.objects.get(pk=stale_article.get_parent().pk)
        translate(category, "ar")
        page = translate(stale_article, "ar")
        overdue(page, 10)
        record_feedback(article=page, actor=UserFactory(), helpful=False, reason="outdated")
        run_sweep()
    with override(language):
        html = client.get(page.get_url()).content.decode()
    assert text in html
    if language == "ar":
        assert 'dir="rtl"' in html


def test_no_banner_below_the_threshold(client, article, settings):
    settings.DALIL_STALE_BANNER_SCORE = 5
    overdue(article, 1)  # review_due alone weighs 3
    run_sweep()
    assert "may be out of date" not in client.get(article.get_url()).content.decode()


@pytest.mark.parametrize(
    ("language", "subject"),
    [("en", "1 item you own needs review"), ("ar", "عنصر واحد تملكه يحتاج إلى مراجعة")],
)
def test_the_weekly_digest_goes_to_each_owner_in_their_language(
    stale_article, support_staff, language, subject
):
    support_staff.preferred_language = language
    support_staff.save()
    send_stale_digests.enqueue()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [support_staff.email]
    assert subject in message.subject
    assert stale_article.title in message.body


def test_no_digest_for_owners_without_stale_items(article, support_staff):
    ArticlePage.objects.filter(pk=article.pk).update(content_owner=support_staff)
    run_sweep()
    from django.core.management import call_command

    call_command("send_stale_digests")
    assert mail.outbox == []


def test_the_digest_links_only_to_the_configured_site(settings, stale_article, support_staff):
    settings.WAGTAILADMIN_BASE_URL = "https://help.example.com:8443"
    send_stale_digests.enqueue()
    links = re.findall(r"https?://\S+", mail.outbox[0].body)
    assert len(links) == 2  # the article's editor, and the whole queue
    assert all(link.startswith("https://help.example.com:8443/admin/") for link in links)


def admin_language(user, language: str) -> None:
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()


def test_the_scheduler_brings_a_reported_article_into_the_report(client, article, support_staff):
    ArticlePage.objects.filter(pk=article.pk).update(content_owner=support_staff)
    record_feedback(article=article, actor=UserFactory(), helpful=False, reason="outdated")
    admin_language(support_staff, "en")
    client.force_login(support_staff)
    html = client.get(REPORT).content.decode()
    assert article.title not in html
    assert "Never checked yet" in html
    assert "Everything is up to date" not in html

    call_command("scheduler", "--once")

    html = client.get(REPORT).content.decode()
    assert article.title in html
    assert "Last checked less than a minute ago." in html


def test_the_report_says_in_arabic_when_content_was_last_checked(client, support_staff):
    admin_language(support_staff, "ar")
    client.force_login(support_staff)
    assert "لم يُفحص المحتوى بعد" in client.get(REPORT).content.decode()

    call_command("scheduler", "--once")

    html = client.get(REPORT).content.decode()
    assert "آخر فحص قبل أقل من دقيقة." in html
    assert "لا شيء يحتاج إلى مراجعة" in html


@pytest.mark.parametrize(
    ("language", "minutes", "text"),
    [
        ("en", 0, "Last checked less than a minute ago."),
        ("en", 1, "Last checked 1 minute ago."),
        ("en", 3, "Last checked 3 minutes ago."),
        ("en", 150, "Last checked 2 hours ago."),
        ("ar", 1, "آخر فحص قبل دقيقة واحدة."),
        ("ar", 2, "آخر فحص قبل دقيقتين."),
        ("ar", 3, "آخر فحص قبل 3 دقائق."),
        ("ar", 11, "آخر فحص قبل 11 دقيقة."),
        ("ar", 60 * 24 * 12, "آخر فحص قبل 12 يومًا."),
        ("ar", 60 * 24 * 100, "آخر فحص قبل 100 يوم."),
    ],
)
def test_last_checked_says_how_long_ago_with_the_languages_plural_forms(language, minutes, text):
    now = timezone.now()
    with override(language):
        assert last_checked(now - timedelta(minutes=minutes, seconds=10), now=now) == text


# Downloads ------------------------------------------------------------------------------------


def test_needs_review_downloads_as_csv_with_signals_and_owner(client, stale_article, support_staff):
    admin_language(support_staff, "en")
    client.force_login(support_staff)
    rows = csv_rows(client.get(REPORT, {"export": "csv"}))
    assert rows[0] == [
        "Content",
        "Kind",
        "Category",
        "Language",
        "Score",
        "Signals and evidence",
        "Owner",
    ]
    (row,) = rows[1:]
    item = item_of(stale_article)
    assert row[0] == stale_article.title
    assert row[3] == "English"
    assert row[4] == str(item.score)
    assert row[5] and "<" not in row[5]
    assert row[6] == "Noura Staff"


def test_needs_review_download_keeps_the_filters(client, stale_article, support_staff):
    client.force_login(support_staff)
    assert len(csv_rows(client.get(REPORT, {"locale": "en", "export": "csv"}))) == 2
    quiet = set(stale.all_signal_codes()) - set(StaleSignal.objects.values_list("code", flat=True))
    signal = sorted(quiet)[0]
    assert len(csv_rows(client.get(REPORT, {"signal": signal, "export": "csv"}))) == 1


def test_needs_review_downloads_as_a_spreadsheet(client, stale_article, support_staff):
    client.force_login(support_staff)
    rows = xlsx_rows(client.get(REPORT, {"export": "xlsx"}))
    assert rows[0][5] == "المؤشّرات والأدلة"  # the admin speaks the default language
    assert rows[1][0] == stale_article.title


def test_customers_and_moderators_get_no_download(client, stale_article, customer, moderator):
    for person in (customer, moderator):
        client.force_login(person)
        for export in ("csv", "xlsx"):
            response = client.get(REPORT, {"export": export})
            assert response.status_code == 302
            assert not response.get("Content-Disposition")
