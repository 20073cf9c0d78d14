"""A "Needs review" row reads at a glance (issue 18): one action in view and the rest behind
"More actions", the readers' own words in the evidence, languages and categories by name."""

import pytest
from django.urls import reverse

from kb.models import ArticlePage
from kb.services import record_feedback
from moderation.stale import run_sweep
from tests.factories import UserFactory

from .test_stale_admin import admin_language, overdue

pytestmark = pytest.mark.django_db
REPORT = reverse("moderation_admin:stale")


@pytest.fixture
def reported_article(article, support_staff):
    ArticlePage.objects.filter(pk=article.pk).update(content_owner=support_staff)
    overdue(article, 10)
    record_feedback(
        article=article,
        actor=UserFactory(),
        helpful=False,
        reason="outdated",
        comment="<b>The fee</b> is 5 JOD now, not 3.",
    )
    record_feedback(
        article=article,
        actor=UserFactory(),
        helpful=False,
        reason="inaccurate",
        comment="رقم الهاتف تغيّر " + "ج" * 600,
    )
    run_sweep()
    return article


def report_as(client, staff, language="en") -> str:
    admin_language(staff, language)
    client.force_login(staff)
    return client.get(REPORT).content.decode()


def row_of(html: str) -> str:
    return html.split('<tr class="stale-row"')[1].split("</tr>")[0]


def test_the_evidence_quotes_what_readers_wrote_escaped_in_its_direction_and_cut_short(
    client, reported_article, support_staff
):
    html = row_of(report_as(client, support_staff))
    assert '<li dir="auto">&lt;b&gt;The fee&lt;/b&gt; is 5 JOD now, not 3.</li>' in html
    assert "<b>The fee</b>" not in html
    arabic = html.split('<li dir="auto">رقم الهاتف تغيّر')[1].split("</li>")[0]
    assert 250 < len(arabic) < 320 and arabic.endswith("…")
    assert "Reports: 2" in html


def test_each_row_shows_one_action_and_keeps_the_others_behind_more_actions(
    client, reported_article, support_staff
):
    actions = row_of(report_as(client, support_staff)).split('<td class="stale-actions">')[1]
    shown, more = actions.split('<details class="stale-more">')
    assert shown.count("<form") == 1 and "Mark reviewed" in shown
    assert "More actions</summary>" in more
    for hidden in ("Open in editor", "Mark reviewed with this note", "Reassign", "Report outdated"):
        assert hidden in more


@pytest.mark.parametrize("language, english", [("en", "English"), ("ar", "الإنجليزيّة")])
def test_languages_are_named_in_the_interface_language_and_categories_by_name(
    client, reported_article, support_staff, category, language, english
):
    html = report_as(client, support_staff, language)
    assert f'<option value="en">{english}</option>' in html
    assert '<option value="en">en</option>' not in html
    row = row_of(html)
    assert f'<span class="stale-language">{english}</span>' in row
    assert f'<bdi class="stale-category">{category.title}</bdi>' in row
    assert f'<option value="{category.title}">{category.title}</option>' in html


def test_a_staff_report_quotes_its_note_and_names_who_wrote_it(client, article, support_staff):
    from moderation.actions.stale import report_outdated

    report_outdated(target=article, actor=support_staff, note="الأسعار تغيّرت في مايو <script>")
    html = row_of(report_as(client, support_staff))
    assert (
        '<li dir="auto"><bdi>Noura Staff</bdi>: الأسعار تغيّرت في مايو &lt;script&gt;</li>' in html
    )
