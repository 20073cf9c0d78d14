import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from kb.models import ArticleFeedback, ArticlePage
from kb.services import FEEDBACK_RATE_LIMIT, FeedbackRateLimited, record_feedback
from tests.factories import UserFactory

from .conftest import make_article

pytestmark = pytest.mark.django_db


def feedback_url(article):
    with translation.override(article.locale.language_code):
        return reverse("kb:feedback", args=[article.pk])


def test_yes_vote_without_javascript_records_and_returns_to_the_article(client, customer, article):
    client.force_login(customer)
    response = client.post(feedback_url(article), {"helpful": "yes"})
    assert response.status_code == 302
    assert response["Location"] == f"{article.url}#feedback"
    vote = ArticleFeedback.objects.get()
    assert (vote.user, vote.helpful, vote.reason) == (customer, True, "")
    page = client.get(response["Location"]).content.decode()
    assert "Thank you! Your feedback helps us improve this article." in page
    assert "You said this article was helpful." in page


def test_no_vote_needs_a_reason_and_keeps_the_comment(client, customer, article):
    client.force_login(customer)
    response = client.post(
        feedback_url(article), {"helpful": "no", "comment": "Phone number is old"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    # The sentence sits with the choices it is about, in the opened "No" form, not at the top.
    no_form = html[html.index('<details class="kb-feedback__no" open>') :]
    assert (
        '<p class="form-errors" id="kb-feedback-error" role="alert" data-kb-feedback-error>'
        "Tell us what was wrong.</p>" in no_form
    )
    assert html.count("Tell us what was wrong.</p>") == 1
    assert "Phone number is old</textarea>" in html
    assert not ArticleFeedback.objects.exists()


@pytest.mark.parametrize(
    ("helpful", "pressed", "sentence"),
    [
        (
            "yes",
            'aria-pressed="true" data-kb-feedback-choice="yes"',
            "You said this article was helpful.",
        ),
        (
            "no",
            'data-kb-feedback-choice="no" aria-current="true"',
            "You said this article was not helpful.",
        ),
    ],
)
def test_the_box_shows_which_answer_the_reader_gave(
    client, customer, article, helpful, pressed, sentence
):
    client.force_login(customer)
    client.post(feedback_url(article), {"helpful": helpful, "reason": "outdated"})
    html = client.get(article.url).content.decode()
    assert pressed in html
    assert sentence in html


def test_other_reason_needs_a_comment(customer, article):
    with pytest.raises(ValidationError) as error:
        record_feedback(article=article, actor=customer, helpful=False, reason="other")
    assert "comment" in error.value.message_dict


def test_comment_longer_than_a_thousand_characters_is_refused(client, customer, article):
    client.force_login(customer)
    response = client.post(
        feedback_url(article),
        {"helpful": "no", "reason": "unclear", "comment": "x" * 1001},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 400
    assert not ArticleFeedback.objects.exists()


def test_whitespace_only_comment_is_dropped_but_the_vote_counts(customer, article):
    vote = record_feedback(
        article=article, actor=customer, helpful=False, reason="outdated", comment="   "
    )
    assert vote.comment == ""


def test_invisible_only_comment_is_refused(customer, article):
    with pytest.raises(ValidationError):
        record_feedback(
            article=article, actor=customer, helpful=False, reason="other", comment="\u200b\u200b"
        )


def test_voting_again_changes_the_vote_instead_of_adding_one(customer, article):
    record_feedback(article=article, actor=customer, helpful=True)
    record_feedback(
        article=article, actor=customer, helpful=False, reason="outdated", comment="Old prices"
    )
    vote = ArticleFeedback.objects.get()
    assert (vote.helpful, vote.reason, vote.comment) == (False, "outdated", "Old prices")
    record_feedback(article=article, actor=customer, helpful=True)
    vote.refresh_from_db()
    assert (vote.helpful, vote.reason) == (True, "")


def test_anonymous_visitors_vote_once_per_session(client, article):
    client.post(feedback_url(article), {"helpful": "yes"})
    client.post(feedback_url(article), {"helpful": "no", "reason": "unclear"})
    vote = ArticleFeedback.objects.get()
    assert vote.user is None and vote.session_key and vote.helpful is False
    other = client.__class__()
    other.post(feedback_url(article), {"helpful": "yes"})
    assert ArticleFeedback.objects.count() == 2


def test_json_vote_answers_with_json(client, article):
    response = client.post(
        feedback_url(article), {"helpful": "yes"}, HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 200
    assert response.json()["helpful"] is True


def test_feedback_is_rate_limited_with_a_clear_message(client, category):
    articles = [make_article(category, f"Article {n}") for n in range(FEEDBACK_RATE_LIMIT + 1)]
    for article in articles[:-1]:
        assert client.post(feedback_url(article), {"helpful": "yes"}).status_code == 302
    response = client.post(
        feedback_url(articles[-1]), {"helpful": "yes"}, HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 429
    assert response.json()["message"] == "You have sent a lot of feedback. Please try again later."
    html = client.post(feedback_url(articles[-1]), {"helpful": "yes"})
    assert html.status_code == 429
    assert "Please try again later." in html.content.decode()
    assert ArticleFeedback.objects.count() == FEEDBACK_RATE_LIMIT


def test_rate_limit_also_counts_per_address_across_sessions(category, customer):
    article = make_article(category)
    for number in range(FEEDBACK_RATE_LIMIT):
        record_feedback(
            article=article,
            actor=None,
            helpful=True,
            session_key=f"s{number}",
            client_ip="10.0.0.1",
        )
    with pytest.raises(FeedbackRateLimited):
        record_feedback(article=article, actor=customer, helpful=True, client_ip="10.0.0.1")


def test_feedback_on_a_draft_article_is_refused(client, category):
    draft = make_article(category, "Draft", publish=False)
    assert client.post(feedback_url(draft), {"helpful": "yes"}).status_code == 404


def test_feedback_endpoint_only_accepts_post(client, article):
    assert client.get(feedback_url(article)).status_code == 405


def test_feedback_counts_and_ninety_day_ratio(category, customer, other_customer):
    article = make_article(category)
    third_reader = UserFactory()
    record_feedback(article=article, actor=customer, helpful=True)
    record_feedback(article=article, actor=other_customer, helpful=False, reason="unclear")
    old = record_feedback(article=article, actor=third_reader, helpful=True)
    ArticleFeedback.objects.filter(pk=old.pk).update(
        updated_at=timezone.now() - timezone.timedelta(days=91)
    )
    counted = ArticlePage.objects.with_feedback_counts().get(pk=article.pk)
    assert (counted.helpful_count, counted.unhelpful_count) == (2, 1)
    assert counted.recent_helpful_ratio == 0.5
    summary = ArticleFeedback.objects.filter(article=article).summary()
    assert summary["recent_ratio"] == 0.5 and summary["helpful_count"] == 2
    assert ArticleFeedback.objects.filter(article=article).reason_counts()[0]["reason"] == "unclear"


def test_arabic_reader_gets_arabic_errors(client, category):
    from .conftest import translate

    translate(category, "ar", title="تواصل معنا", slug="contact")
    arabic = translate(make_article(category), "ar", title="مقالة", slug="maqala")
    response = client.post(feedback_url(arabic), {"helpful": "no"}, HTTP_ACCEPT="application/json")
    assert response.status_code == 400
    assert response.json()["message"] == "أخبرنا ما الذي لم يكن جيدًا."


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_simultaneous_votes_from_one_reader_leave_one_row(category, customer):
    import threading

    from django.db import connection

    article = make_article(category, "Race")
    barrier = threading.Barrier(4)
    errors = []

    def vote(helpful):
        try:
            barrier.wait()
            record_feedback(
                article=article,
                actor=customer,
                helpful=helpful,
                reason="" if helpful else "unclear",
            )
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=vote, args=(n % 2 == 0,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert ArticleFeedback.objects.filter(article=article, user=customer).count() == 1
