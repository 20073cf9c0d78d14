from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Locale

from forum import services as forum
from forum.models import Category
from kb import services as kb
from kb.models import ArticleFeedback
from moderation.models import Delivery, EmailPreference, Notification
from support import actions as support_actions
from tests.factories import SupportStaffFactory, UserFactory
from tests.kb.conftest import make_category
from website.insights import surveys
from website.insights.models import Survey
from website.insights.wagtail_hooks import survey_thread_panel

BODY = "The router loses its connection every evening at eight, then comes back at nine."
ANSWER = "Move the router away from the microwave and change the wifi channel to 11."


@pytest.fixture
def asker(db):
    return UserFactory(display_name="Layla Asker")


@pytest.fixture
def helper(db):
    return UserFactory(display_name="Sami Helper")


@pytest.fixture
def thread(established_members, asker, helper):
    """A question with one answer, nobody asked about anything yet."""
    question = forum.create_question(
        actor=asker, title="Wifi drops every evening", body=BODY, language="en"
    )
    answer = forum.create_answer(actor=helper, question=question, body=ANSWER)
    return question, answer


def _accept(capture, actor, answer):
    with capture(execute=True):
        forum.accept_answer(actor=actor, answer=answer)


def _survey_for(question):
    return Survey.objects.get(question=question)


# Asking ---------------------------------------------------------------------------------------


def test_accepting_an_answer_asks_the_asker_once(
    thread, asker, helper, django_capture_on_commit_callbacks
):
    question, answer = thread
    _accept(django_capture_on_commit_callbacks, asker, answer)
    survey = _survey_for(question)
    assert (survey.kind, survey.asker, survey.answer, survey.staff) == (
        "answer",
        asker,
        answer,
        None,
    )
    assert survey.language == "en" and survey.category_id == question.category_id
    assert survey.emailed_at is not None
    survey_mails = [
        m for m in mail.outbox if m.to == [asker.email] and "/insights/survey/" in m.body
    ]
    assert len(survey_mails) == 1
    with django_capture_on_commit_callbacks(execute=True):
        forum.unaccept_answer(actor=asker, question=question)
    _accept(django_capture_on_commit_callbacks, asker, answer)
    assert Survey.objects.filter(question=question).count() == 1
    assert len([m for m in mail.outbox if "/insights/survey/" in m.body]) == 1


def test_the_email_asks_whether_it_solved_the_problem_with_a_link(
    thread, asker, django_capture_on_commit_callbacks
):
    question, answer = thread
    _accept(django_capture_on_commit_callbacks, asker, answer)
    (email,) = [m for m in mail.outbox if "/insights/survey/" in m.body]
    assert email.subject == "Did this solve your problem? “Wifi drops every evening”"
    assert "Did this solve your problem?" in email.body
    assert "/en/insights/survey/" in email.body
    assert "/moderation/" in email.body  # the "stop these emails" link
    notice = Notification.objects.get(recipient=asker, kind=Notification.Kind.SURVEY)
    assert "/insights/survey/" in notice.target_url


def test_an_arabic_asker_gets_the_email_in_arabic(
    established_members, helper, django_capture_on_commit_callbacks
):
    asker = UserFactory(display_name="ليلى", preferred_language="ar")
    question = forum.create_question(
        actor=asker, title="Wifi drops every evening", body=BODY, language="en"
    )
    answer = forum.create_answer(actor=helper, question=question, body=ANSWER)
    _accept(django_capture_on_commit_callbacks, asker, answer)
    (email,) = [m for m in mail.outbox if "/insights/survey/" in m.body]
    assert "هل حلّ هذا مشكلتك؟" in email.subject
    assert "مرحبًا ليلى" in email.body
    assert "/ar/insights/survey/" in email.body


def test_without_a_chosen_language_the_email_is_in_the_questions_language(
    established_members, helper, django_capture_on_commit_callbacks
):
    asker = UserFactory(display_name="Layla", preferred_language="")
    question = forum.create_question(
        actor=asker, title="الواي فاي ينقطع كل مساء", body=BODY, language="ar"
    )
    answer = forum.create_answer(actor=helper, question=question, body=ANSWER)
    with translation.override("en"):
        _accept(django_capture_on_commit_callbacks, asker, answer)
    (email,) = [m for m in mail.outbox if "/insights/survey/" in m.body]
    assert "/ar/insights/survey/" in email.body
    assert "هل حلّ هذا مشكلتك؟" in email.subject


def test_an_asker_who_turned_these_emails_off_gets_no_email(
    thread, asker, django_capture_on_commit_callbacks
):
    EmailPreference.objects.create(user=asker, kind="survey", delivery=Delivery.OFF)
    question, answer = thread
    _accept(django_capture_on_commit_callbacks, asker, answer)
    survey = _survey_for(question)
    assert survey.emailed_at is None
    assert not [m for m in mail.outbox if "/insights/survey/" in m.body]


def test_nobody_is_asked_about_their_own_answer(
    established_members, asker, django_capture_on_commit_callbacks
):
    question = forum.create_question(
        actor=asker, title="Wifi drops every evening", body=BODY, language="en"
    )
    own = forum.create_answer(actor=asker, question=question, body=ANSWER)
    _accept(django_capture_on_commit_callbacks, asker, own)
    assert not Survey.objects.exists()


def test_nobody_is_asked_when_the_asker_is_gone(
    thread, asker, moderator, django_capture_on_commit_callbacks
):
    question, answer = thread
    asker.is_active = False
    asker.save(update_fields=["is_active"])
    _accept(django_capture_on_commit_callbacks, moderator, answer)
    assert not Survey.objects.exists()


def test_a_solved_case_asks_the_asker_and_names_the_assignee(
    thread, asker, support_staff, django_capture_on_commit_callbacks
):
    question, _answer = thread
    with django_capture_on_commit_callbacks(execute=True):
        case = support_actions.escalate(actor=support_staff, question=question)
        support_actions.claim(actor=support_staff, case=case)
        support_actions.set_state(actor=support_staff, case=case, state="solved")
    survey = _survey_for(question)
    assert (survey.kind, survey.case, survey.staff, survey.answer) == (
        "case",
        case,
        support_staff,
        None,
    )
    with django_capture_on_commit_callbacks(execute=True):
        support_actions.set_state(actor=support_staff, case=case, state="open")
        support_actions.set_state(actor=support_staff, case=case, state="solved")
    assert Survey.objects.filter(question=question).count() == 1


def test_accepting_an_answer_that_solves_an_open_case_asks_once(
    thread, asker, support_staff, django_capture_on_commit_callbacks
):
    question, answer = thread
    with django_capture_on_commit_callbacks(execute=True):
        case = support_actions.escalate(actor=support_staff, question=question)
        support_actions.claim(actor=support_staff, case=case)
    _accept(django_capture_on_commit_callbacks, asker, answer)
    survey = _survey_for(question)
    assert (survey.kind, survey.staff, survey.answer) == ("case", support_staff, answer)
    assert len([m for m in mail.outbox if "/insights/survey/" in m.body]) == 1


# Answering ------------------------------------------------------------------------------------


@pytest.fixture
def survey(thread, asker, django_capture_on_commit_callbacks):
    _accept(django_capture_on_commit_callbacks, asker, thread[1])
    return _survey_for(thread[0])


def test_the_asker_answers_once(survey, asker):
    surveys.answer_survey(actor=asker, survey=survey, rating=4, comment="  Quick and clear.  ")
    survey.refresh_from_db()
    assert (survey.rating, survey.comment) == (4, "Quick and clear.")
    assert survey.answered_at is not None
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        surveys.answer_survey(actor=asker, survey=survey, rating=1, comment="")
    assert refused.value.messages == ["You have already answered this survey. Thank you!"]
    survey.refresh_from_db()
    assert survey.rating == 4


def test_a_stale_copy_cannot_answer_a_second_time(survey, asker):
    stale = Survey.objects.get(pk=survey.pk)
    surveys.answer_survey(actor=asker, survey=survey, rating=5)
    with pytest.raises(ValidationError):
        surveys.answer_survey(actor=asker, survey=stale, rating=1)
    assert Survey.objects.get(pk=survey.pk).rating == 5


def test_someone_else_cannot_answer(survey, helper, support_staff):
    for person in (helper, support_staff, None):
        with pytest.raises(PermissionDenied):
            surveys.answer_survey(actor=person, survey=survey, rating=5)
    assert Survey.objects.get(pk=survey.pk).rating is None


@pytest.mark.parametrize("rating", [0, 6, -1, "five", None, "4.5"])
def test_a_rating_outside_one_to_five_is_refused(survey, asker, rating):
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        surveys.answer_survey(actor=asker, survey=survey, rating=rating)
    assert refused.value.messages == ["Choose a rating from 1 to 5."]
    assert Survey.objects.get(pk=survey.pk).rating is None


def test_a_comment_over_a_thousand_characters_is_refused(survey, asker):
    surveys.answer_survey(
        actor=asker,
        survey=Survey.objects.get(pk=survey.pk),
        rating=3,
        comment=" " + "a" * 1000 + " ",
    )
    other = Survey.objects.get(pk=survey.pk)
    Survey.objects.filter(pk=survey.pk).update(rating=None, comment="", answered_at=None)
    other.refresh_from_db()
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        surveys.answer_survey(actor=asker, survey=other, rating=3, comment="a" * 1001)
    assert refused.value.messages == ["A comment can be at most 1000 characters long."]


def test_refusals_are_in_the_persons_language(survey, asker):
    with translation.override("ar"), pytest.raises(ValidationError) as refused:
        surveys.answer_survey(actor=asker, survey=survey, rating=9)
    assert refused.value.messages == ["اختر تقييمًا من 1 إلى 5."]


def test_answers_are_rate_limited(survey, asker, monkeypatch):
    monkeypatch.setattr(surveys, "ANSWER_LIMITS", [(1, 3600)])
    other = Survey.objects.create(kind="case", question=survey.question, asker=asker, language="en")
    surveys.answer_survey(actor=asker, survey=survey, rating=5)
    with translation.override("en"), pytest.raises(surveys.SurveyLimited) as refused:
        surveys.answer_survey(actor=asker, survey=other, rating=5)
    assert "many surveys" in refused.value.messages[0]
    assert Survey.objects.get(pk=other.pk).rating is None


def test_the_database_refuses_a_rating_outside_one_to_five(survey):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Survey.objects.filter(pk=survey.pk).update(rating=6)


# The page -------------------------------------------------------------------------------------


def _page(survey, language="en"):
    with translation.override(language):
        return reverse("insights:survey", kwargs={"token": surveys.survey_token(survey)})


def test_the_survey_page_shows_five_labelled_choices(client, survey, asker):
    client.force_login(asker)
    response = client.get(_page(survey))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('type="radio" name="rating"') == 5
    assert "Not at all" in html and "Completely" in html
    assert "Did this solve your problem?" in html


def test_the_page_in_arabic(client, survey, asker):
    client.force_login(asker)
    html = client.get(_page(survey, "ar")).content.decode()
    assert "هل حلّ هذا مشكلتك؟" in html and "إطلاقًا" in html and "تمامًا" in html


def test_answering_on_the_page_thanks_the_asker_and_escapes_the_comment(client, survey, asker):
    client.force_login(asker)
    url = _page(survey)
    response = client.post(url, {"rating": "4", "comment": "<script>alert(1)</script> <b>ok</b>"})
    assert response.status_code == 302
    html = client.get(url).content.decode()
    assert "Thank you! You rated this 4 out of 5." in html
    assert "<script>alert(1)</script>" not in html and "<b>ok</b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &lt;b&gt;ok&lt;/b&gt;" in html
    again = client.post(url, {"rating": "1"})
    assert again.status_code == 400
    assert "You have already answered this survey." in again.content.decode()
    assert Survey.objects.get(pk=survey.pk).rating == 4


def test_a_bad_rating_on_the_page_is_shown_next_to_the_choices(client, survey, asker):
    client.force_login(asker)
    response = client.post(_page(survey), {"rating": "9"})
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert Survey.objects.get(pk=survey.pk).rating is None


def test_a_rate_limited_answer_on_the_page_is_429(client, survey, asker, monkeypatch):
    monkeypatch.setattr(surveys, "ANSWER_LIMITS", [(0, 3600)])
    client.force_login(asker)
    response = client.post(_page(survey), {"rating": "5"})
    assert response.status_code == 429
    assert "Please try again later." in response.content.decode()


def test_a_wrong_link_is_a_clear_404(client, asker):
    client.force_login(asker)
    response = client.get("/en/insights/survey/not-a-token/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_a_survey_closes_after_thirty_days_everywhere(client, survey, asker):
    url = _page(survey)
    Survey.objects.filter(pk=survey.pk).update(created_at=timezone.now() - timedelta(days=31))
    survey.refresh_from_db()
    client.force_login(asker)
    assert client.get(url).status_code == 404
    assert 'id="survey"' not in client.get(survey.question.get_absolute_url()).content.decode()
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        surveys.answer_survey(actor=asker, survey=survey, rating=5)
    assert refused.value.messages == ["This survey has closed."]


def test_the_link_is_the_same_on_every_render(survey):
    assert surveys.survey_token(survey) == surveys.survey_token(Survey.objects.get(pk=survey.pk))


def test_a_link_to_a_deleted_survey_is_a_404(client, survey, asker):
    url = _page(survey)
    survey.delete()
    client.force_login(asker)
    assert client.get(url).status_code == 404


def test_someone_elses_link_is_a_clear_403(client, survey, helper):
    client.force_login(helper)
    response = client.get(_page(survey))
    assert response.status_code == 403
    assert "This survey was sent to someone else." in response.content.decode()
    assert client.post(_page(survey), {"rating": "1"}).status_code == 403


def test_a_visitor_is_sent_to_log_in(client, survey):
    response = client.get(_page(survey))
    assert response.status_code == 302 and "/account/login/" in response["Location"]


# The thread's panel ---------------------------------------------------------------------------


def test_the_asker_sees_the_panel_then_a_thank_you_line(client, survey, asker):
    client.force_login(asker)
    thread_url = survey.question.get_absolute_url()
    html = client.get(thread_url).content.decode()
    assert 'id="survey"' in html and html.count('name="rating"') == 5
    response = client.post(_page(survey), {"rating": "4", "comment": "Thanks", "from": "thread"})
    assert response["Location"] == f"{thread_url}#survey"
    html = client.get(thread_url).content.decode()
    assert "Thank you! You rated this 4 out of 5." in html
    assert 'name="rating"' not in html


def test_others_do_not_see_the_panel(client, survey, helper):
    client.force_login(helper)
    assert 'id="survey"' not in client.get(survey.question.get_absolute_url()).content.decode()
    client.logout()
    assert 'id="survey"' not in client.get(survey.question.get_absolute_url()).content.decode()


def test_the_panel_costs_one_query_for_the_asker_and_none_for_others(
    survey, asker, helper, django_assert_num_queries
):
    request = RequestFactory().get("/")
    request.user = asker
    question = survey.question
    with django_assert_num_queries(1):
        panel = survey_thread_panel(request, question)
    assert panel["survey"] == survey
    request.user = helper
    with django_assert_num_queries(0):
        assert survey_thread_panel(request, question) is None


def test_the_panel_adds_one_query_to_the_asker_s_thread_page(
    client, survey, asker, django_assert_max_num_queries, monkeypatch
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(asker)
    url = survey.question.get_absolute_url()
    client.get(url)
    with CaptureQueriesContext(connection) as with_panel:
        client.get(url)
    monkeypatch.setattr("website.insights.wagtail_hooks.Survey", _NoSurveys)
    with CaptureQueriesContext(connection) as without_panel:
        client.get(url)
    assert len(with_panel) - len(without_panel) == 1


class _NoSurveys:
    class objects:  # noqa: N801 - stands in for the manager
        @staticmethod
        def filter(**kwargs):
            return _NoSurveys.objects

        @staticmethod
        def order_by(*fields):
            return _NoSurveys.objects

        @staticmethod
        def first():
            return None


# Figures --------------------------------------------------------------------------------------

START = timezone.now() - timedelta(days=30)
END = timezone.now() + timedelta(days=1)


def _answered(rating, *, language="en", category=None, staff=None, question=None, days_ago=1):
    question = question or forum.create_question(
        actor=UserFactory(),
        title=f"Question number {Survey.objects.count() + 1} about the line",
        body=BODY,
        language=language,
        category=category,
    )
    return Survey.objects.create(
        kind="case" if staff else "answer",
        question=question,
        asker=question.author,
        language=language,
        category_id=category.pk if category else None,
        staff=staff,
        rating=rating,
        answered_at=timezone.now() - timedelta(days=days_ago),
    )


@pytest.fixture
def categories(db):
    return (
        Category.objects.create(slug="wifi", name_ar="واي فاي", name_en="Wifi"),
        Category.objects.create(slug="bills", name_ar="الفواتير", name_en="Bills"),
    )


def test_ratings_five_four_two_have_mean_3_67_and_two_thirds_satisfied(db, established_members):
    for rating in (5, 4, 2):
        _answered(rating)
    _answered(1, days_ago=60)  # before the period
    figures = surveys.satisfaction(START, END)
    assert figures["responses"] == 3
    assert figures["mean_rating"] == 3.67
    assert figures["satisfied_share"] == pytest.approx(2 / 3)


def test_unanswered_surveys_do_not_count(established_members, thread):
    question, _answer = thread
    Survey.objects.create(kind="answer", question=question, asker=question.author, language="en")
    assert surveys.satisfaction(START, END) == {
        "responses": 0,
        "mean_rating": None,
        "satisfied_share": None,
    }


def test_figures_by_category_and_language(db, established_members, categories):
    wifi, bills = categories
    _answered(5, category=wifi)
    _answered(3, category=wifi, language="ar")
    _answered(4, category=bills)
    _answered(1)
    by_category = surveys.satisfaction(START, END, group_by="category")
    assert {
        row["category_id"]: (row["responses"], row["mean_rating"], row["satisfied_share"])
        for row in by_category
    } == {
        wifi.pk: (2, 4.0, 0.5),
        bills.pk: (1, 4.0, 1.0),
        None: (1, 1.0, 0.0),
    }
    by_language = surveys.satisfaction(START, END, group_by="language")
    assert [(row["language"], row["responses"], row["mean_rating"]) for row in by_language] == [
        ("ar", 1, 3.0),
        ("en", 3, 3.33),
    ]
    only_wifi_en = surveys.satisfaction(START, END, language="en", category_id=wifi.pk)
    assert (only_wifi_en["responses"], only_wifi_en["mean_rating"]) == (1, 5.0)


def test_figures_per_support_staff_member(db, established_members):
    noura, omar = SupportStaffFactory(), SupportStaffFactory()
    for rating in (5, 5, 2):
        _answered(rating, staff=noura)
    _answered(3, staff=omar)
    _answered(4)  # an accepted answer: nobody from the team
    rows = surveys.satisfaction(START, END, group_by="staff")
    assert {
        row["staff_id"]: (row["responses"], row["mean_rating"], row["satisfied_share"])
        for row in rows
    } == {noura.pk: (3, 4.0, pytest.approx(2 / 3)), omar.pk: (1, 3.0, 0.0)}


def test_an_unknown_grouping_is_refused(db):
    with pytest.raises(ValueError):
        surveys.satisfaction(START, END, group_by="planet")


def test_figures_per_promoted_article_include_its_helpful_votes(
    established_members, asker, helper, support_staff, django_assert_num_queries
):
    category = make_category("en", "Home internet")
    rows = []
    for title in ("Router lights are red after a storm", "Modem will not start at all"):
        question = forum.create_question(actor=asker, title=title, body=BODY, language="en")
        answer = forum.create_answer(actor=helper, question=question, body=ANSWER)
        forum.accept_answer(actor=asker, answer=answer)
        article = kb.promote_answer(
            answer=answer,
            category=category,
            locale=Locale.objects.get(language_code="en"),
            title=title,
            actor=support_staff,
        )
        rows.append((question, article))
    (first_question, first), (_second_question, second) = rows
    _answered(5, question=first_question)
    Survey.objects.create(
        kind="case",
        question=first_question,
        asker=asker,
        language="en",
        rating=2,
        answered_at=timezone.now(),
    )
    for helpful in (True, True, True, False):
        ArticleFeedback.objects.create(article=first, user=UserFactory(), helpful=helpful)
    ArticleFeedback.objects.create(article=second, user=UserFactory(), helpful=False)
    with django_assert_num_queries(1):
        result = surveys.satisfaction(START, END, group_by="article")
    assert result == [
        {
            "article_id": first.pk,
            "question_id": first_question.pk,
            "responses": 2,
            "mean_rating": 3.5,
            "satisfied_share": 0.5,
            "helpful_votes": 4,
            "helpful_share": 0.75,
        },
        {
            "article_id": second.pk,
            "question_id": _second_question.pk,
            "responses": 0,
            "mean_rating": None,
            "satisfied_share": None,
            "helpful_votes": 1,
            "helpful_share": 0.0,
        },
    ]
