"""The Insights area: support staff only, every figure as a chart beside its table, CSV
downloads that match the page, content gaps with their next steps, and the weekly summary."""

import csv
import io
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import translation

from tests.exports import admin_language
from website.insights import figures, services, summary
from website.insights.counting import today
from website.insights.models import DailySearch, DailyViews, SummarySubscription

pytestmark = pytest.mark.django_db

INDEX = "/admin/insights/"


@pytest.fixture
def lead(support_staff):
    admin_language(support_staff, "en")
    return support_staff


def last_week() -> figures.Period:
    return figures.periods(figures.WEEK, 1, today=today())[0]


@pytest.fixture
def activity():
    """Thread views: 40 last week, 10 the week before; a search that found nothing."""
    week = last_week()
    DailyViews.objects.create(day=week.start, kind="question", object_id=1, language="en", views=40)
    DailyViews.objects.create(
        day=week.start - timedelta(days=7), kind="question", object_id=1, language="en", views=10
    )
    DailySearch.objects.create(
        day=week.start + timedelta(days=1),
        language="ar",
        query='=HYPERLINK("http://evil.example")',
        searches=3,
        no_results=3,
    )


def csv_of(response) -> list[list[str]]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


@pytest.mark.parametrize("language", ["en", "ar"])
def test_support_staff_see_every_figure_as_a_chart_beside_its_table(
    client, lead, activity, language
):
    admin_language(lead, language)
    client.force_login(lead)
    response = client.get(INDEX)

    assert response.status_code == 200
    page = response.content.decode()
    assert page.count("<svg") >= len(figures.FIGURES)
    assert page.count('<table class="listing">') >= len(figures.FIGURES)
    assert f'dir="{"rtl" if language == "ar" else "ltr"}"' in page
    with translation.override(language):
        assert str(figures.BY_KEY["thread_views"].label) in page


def test_the_page_costs_a_bounded_number_of_queries(
    client, lead, activity, django_assert_max_num_queries
):
    client.force_login(lead)
    with django_assert_max_num_queries(45):
        assert client.get(INDEX).status_code == 200


def test_customers_and_moderators_do_not_see_insights(client, customer, moderator):
    for person in (customer, moderator):
        client.force_login(person)
        response = client.get(INDEX)
        assert response.status_code in (302, 403)
        assert b"insights-card" not in response.content


def test_a_bad_filter_shows_the_defaults_instead_of_an_error(client, lead):
    client.force_login(lead)
    for query in ("?period=year", "?language=xx", "?category=999999", "?category=abc"):
        assert client.get(INDEX + query).status_code == 200


def test_the_csv_of_a_figure_matches_what_the_page_shows(client, lead, activity):
    client.force_login(lead)
    rows = csv_of(client.get(reverse("insights_admin:export", args=["thread_views"])))

    week = last_week()
    assert rows[0] == ["Period", "From", "To", "Thread views", "Period before", "Change"]
    assert len(rows) == 13
    assert rows[-1] == [
        week.label,
        week.start.isoformat(),
        (week.end - timedelta(days=1)).isoformat(),
        "40",
        "10",
        "30",
    ]


def test_the_csv_speaks_the_admins_language(client, lead, activity):
    admin_language(lead, "ar")
    client.force_login(lead)
    rows = csv_of(client.get(reverse("insights_admin:export", args=["thread_views"])))
    with translation.override("ar"):
        assert rows[0][0] == translation.gettext("Period")
    assert rows[0][0] != "Period"


def test_a_search_typed_as_a_formula_is_text_in_the_csv(client, lead, activity):
    client.force_login(lead)
    rows = csv_of(client.get(reverse("insights_admin:export_gaps", args=["no_results"])))
    assert rows[1][0] == '\'=HYPERLINK("http://evil.example")'
    assert rows[1][1:] == ["ar", "3", "3"]


def test_an_unknown_figure_or_list_is_404(client, lead):
    client.force_login(lead)
    assert client.get("/admin/insights/figures/nope.csv").status_code == 404
    assert client.get("/admin/insights/searches/nope.csv").status_code == 404


def test_content_gaps_link_to_writing_an_article_and_promoting_an_answer(client, lead, activity):
    client.force_login(lead)
    page = client.get(INDEX).content.decode()
    assert "=HYPERLINK(&quot;http://evil.example&quot;)" in page
    assert "Promote an answer" in page
    assert "/ar/search/?q=%3DHYPERLINK" in page


def test_a_support_lead_switches_the_weekly_summary_on_and_off(client, lead):
    client.force_login(lead)
    client.post(reverse("insights_admin:summary"), {"subscribe": "on"})
    assert SummarySubscription.objects.filter(user=lead).exists()
    client.post(reverse("insights_admin:summary"), {})
    assert not SummarySubscription.objects.filter(user=lead).exists()


def test_only_support_staff_may_ask_for_the_summary(customer):
    with pytest.raises(PermissionDenied):
        services.set_summary_subscription(actor=customer, subscribed=True)


def test_the_weekly_summary_names_the_figures_that_moved_most_once_a_week(lead, activity):
    SummarySubscription.objects.create(user=lead)

    assert summary.send_weekly(today=today()) == 1
    assert summary.send_weekly(today=today()) == 0
    (email,) = mail.outbox
    assert email.to == [lead.email]
    assert "Thread views: \u206640\u2069" in email.body
    assert "\u2066+30\u2069" in email.body
    assert "\u2066\u2066" not in email.body
    assert summary.send_weekly(today=today() + timedelta(days=7)) == 1


def test_the_summary_is_in_the_leads_language(lead, activity):
    lead.preferred_language = "ar"
    lead.save()
    SummarySubscription.objects.create(user=lead)
    summary.send_weekly(today=today())
    with translation.override("ar"):
        assert str(figures.BY_KEY["thread_views"].label) in mail.outbox[0].body


def test_movers_rank_by_relative_change(activity):
    moved = summary.movers(today=today())
    assert [figure.key for figure, _row in moved][:1] == ["thread_views"]


def test_satisfaction_per_category_language_and_staff_member_is_named(client, lead, customer):
    from forum.models import Category, Question
    from website.insights.models import Survey

    billing = Category.objects.create(slug="billing", name_ar="الفواتير", name_en="Billing")
    question = Question.objects.create(
        author=customer,
        title="Refund for a double charge",
        body="x" * 40,
        language="en",
        category=billing,
        status="published",
    )
    week = last_week()
    Survey.objects.create(
        kind=Survey.Kind.CASE,
        question=question,
        asker=customer,
        language="en",
        category_id=billing.pk,
        staff=lead,
        rating=4,
        answered_at=week.since + timedelta(days=2),
    )
    client.force_login(lead)
    page = client.get(INDEX).content.decode()

    assert "Per support-staff member (cases)" in page
    assert "<bdi>Billing</bdi>" in page
    assert f"<bdi>{lead.public_name}</bdi>" in page
    assert "<bdi>English</bdi>" in page
