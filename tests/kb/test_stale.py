"""Article signals: each cause is created, the sweep sees it, and it resolves when it goes away.

Time travel: dates are moved into the past with queryset ``update()`` (the sweep compares them
with now), never by mocking the clock.
"""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from forum import services as forum_services
from kb.models import ArticleFeedback, ArticlePage, ArticleRelatedArticle, Product
from kb.services import record_feedback
from kb.stale import ArticleStaleDetector
from moderation.actions.stale import dismiss_stale_signal, mark_stale_reviewed, report_outdated
from moderation.models import StaleItem, StaleReview, StaleSignal
from moderation.stale import run_sweep
from tests.factories import UserFactory

from .conftest import make_article

pytestmark = pytest.mark.django_db


def open_codes(article) -> set[str]:
    return set(StaleSignal.objects.open().for_target(article).values_list("code", flat=True))


def age(article, days: int) -> None:
    """Move the article's publication (and review) clock ``days`` into the past."""
    past = timezone.now() - timedelta(days=days)
    ArticlePage.objects.filter(pk=article.pk).update(first_published_at=past, last_reviewed_at=None)


def vote(article, *, helpful: bool, reason: str = "", count: int = 1):
    for _number in range(count):
        record_feedback(article=article, actor=UserFactory(), helpful=helpful, reason=reason)


def test_a_fresh_article_has_no_signals(article):
    run_sweep()
    assert open_codes(article) == set()
    assert not StaleItem.objects.exists()


def test_review_due_appears_when_the_interval_has_passed_and_resolves_on_review(
    article, support_staff
):
    age(article, article.review_every + 1)
    run_sweep()
    signal = StaleSignal.objects.for_target(article).get(code="review_due")
    assert signal.evidence["due"] == (timezone.now() - timedelta(days=1)).date().isoformat()

    mark_stale_reviewed(target=article, actor=support_staff, note="Checked the numbers")
    run_sweep()
    assert "review_due" not in open_codes(article)
    article.refresh_from_db()
    assert article.last_reviewed_at is not None
    review = StaleReview.objects.get()
    assert (review.reviewer, review.note) == (support_staff, "Checked the numbers")


def test_unhelpful_feedback_needs_enough_votes_and_share_of_no(article, settings):
    settings.DALIL_STALE_FEEDBACK_MIN_VOTES = 4
    settings.DALIL_STALE_FEEDBACK_MIN_NO_PERCENT = 50
    vote(article, helpful=False, reason="unclear", count=2)
    vote(article, helpful=True, count=1)
    run_sweep()
    assert "unhelpful_feedback" not in open_codes(article)

    vote(article, helpful=False, reason="unclear", count=1)
    run_sweep()
    signal = StaleSignal.objects.open().for_target(article).get(code="unhelpful_feedback")
    assert signal.evidence == {"votes": 4, "no": 3, "anonymous_votes": 0, "anonymous_no": 0}


def test_feedback_older_than_the_window_does_not_count(article, settings):
    settings.DALIL_STALE_FEEDBACK_MIN_VOTES = 2
    vote(article, helpful=False, reason="unclear", count=2)
    run_sweep()
    assert "unhelpful_feedback" in open_codes(article)

    ArticleFeedback.objects.update(updated_at=timezone.now() - timedelta(days=91))
    run_sweep()
    assert "unhelpful_feedback" not in open_codes(article)


def test_outdated_or_inaccurate_feedback_is_a_reader_report(article):
    vote(article, helpful=False, reason="outdated")
    vote(article, helpful=False, reason="inaccurate")
    run_sweep()
    signal = StaleSignal.objects.open().for_target(article).get(code="reader_report")
    assert signal.evidence == {"reports": 2, "anonymous_reports": 0}

    ArticleFeedback.objects.update(helpful=True, reason="")
    run_sweep()
    assert "reader_report" not in open_codes(article)


def test_a_review_answers_the_reports_made_before_it(article, support_staff):
    vote(article, helpful=False, reason="outdated")
    run_sweep()
    mark_stale_reviewed(target=article, actor=support_staff)
    run_sweep()
    assert "reader_report" not in open_codes(article)

    vote(article, helpful=False, reason="inaccurate")
    run_sweep()
    assert "reader_report" in open_codes(article)


def test_a_moderator_report_counts_until_reviewed(article, support_staff):
    run_sweep()
    report_outdated(target=article, actor=support_staff, note="Prices changed in May")
    assert "reported" in open_codes(article)
    run_sweep()
    assert "reported" in open_codes(article)
    assert StaleItem.objects.get(object_id=article.pk).score == 5

    mark_stale_reviewed(target=article, actor=support_staff)
    assert "reported" not in open_codes(article)


def test_unsolved_forum_questions_asked_from_the_article(article, settings, customer):
    settings.DALIL_STALE_FORUM_QUESTIONS_MIN = 2

    def ask(number):
        return forum_services.create_question(
            actor=customer,
            title=f"The support number does not answer {number}",
            body="I called the number in the article many times and nobody picked up.",
            language="en",
            source_page=article,
        )

    first = ask(1)
    run_sweep()
    assert "forum_questions" not in open_codes(article)

    ask(2)
    run_sweep()
    signal = StaleSignal.objects.open().for_target(article).get(code="forum_questions")
    assert signal.evidence == {"questions": 2}

    helper = UserFactory()
    reply = forum_services.create_answer(
        actor=helper, question=first, body="The number changed; call 800 456 instead please."
    )
    forum_services.accept_answer(actor=customer, answer=reply)
    run_sweep()
    assert "forum_questions" not in open_codes(article)


def test_links_to_unpublished_pages_are_broken_links(category):
    target = make_article(category, "Where to find your bill")
    body = [
        {
            "type": "paragraph",
            "value": f'<p>See <a linktype="page" id="{target.pk}">your bill</a>.</p>',
        }
    ]
    article = make_article(category, "Paying your bill", body=body)
    run_sweep()
    assert "broken_links" not in open_codes(article)

    target.unpublish()
    run_sweep()
    signal = StaleSignal.objects.open().for_target(article).get(code="broken_links")
    assert signal.evidence == {"pages": [target.pk]}

    target.save_revision().publish()
    run_sweep()
    assert "broken_links" not in open_codes(article)


def test_related_articles_that_were_unpublished_are_broken_links(category):
    article = make_article(category, "Paying your bill")
    related = make_article(category, "Old payment methods")
    ArticleRelatedArticle.objects.create(page=article, article=related)
    run_sweep()
    assert "broken_links" not in open_codes(article)
    related.unpublish()
    run_sweep()
    assert "broken_links" in open_codes(article)


def test_images_without_alternative_text(category):
    body = [
        {
            "type": "paragraph",
            "value": '<p>Look:</p><embed alt="" embedtype="image" format="fullwidth" id="1"/>',
        }
    ]
    article = make_article(category, "Reading your bill", body=body)
    run_sweep()
    signal = StaleSignal.objects.open().for_target(article).get(code="missing_alt_text")
    assert signal.evidence == {"images": 1}

    article.body = [
        (
            "paragraph",
            '<p>Look:</p><embed alt="The bill total" embedtype="image" format="fullwidth" id="1"/>',
        )
    ]
    article.save_revision().publish()
    run_sweep()
    assert "missing_alt_text" not in open_codes(article)


def test_articles_for_a_retired_product(article):
    product = Product.objects.create(name_ar="راوتر", name_en="Home router", version="2")
    ArticlePage.objects.filter(pk=article.pk).update(product=product)
    run_sweep()
    assert "product_retired" not in open_codes(article)

    product.retired = True
    product.save()
    run_sweep()
    signal = StaleSignal.objects.open().for_target(article).get(code="product_retired")
    assert signal.evidence == {"product": "Home router 2"}

    product.retired = False
    product.save()
    run_sweep()
    assert "product_retired" not in open_codes(article)


def test_unpublishing_an_article_resolves_its_signals(article):
    age(article, article.review_every + 1)
    run_sweep()
    assert open_codes(article) == {"review_due"}
    article.unpublish()
    run_sweep()
    assert open_codes(article) == set()
    assert not StaleItem.objects.exists()


def test_the_score_is_the_sum_of_open_signal_weights(article, settings):
    settings.DALIL_STALE_WEIGHTS = {"review_due": 7, "reader_report": 11}
    age(article, article.review_every + 1)
    vote(article, helpful=False, reason="outdated")
    run_sweep()
    item = StaleItem.objects.get(object_id=article.pk)
    assert item.score == 18
    assert item.signal_codes == "|reader_report|review_due|"
    assert item.title == article.title
    assert item.category == "Contact us"
    assert item.locale == "en"


def test_dismissing_a_signal_stops_it_counting_until_the_cause_returns(article, support_staff):
    vote(article, helpful=False, reason="outdated")
    run_sweep()
    signal = StaleSignal.objects.get(code="reader_report")
    dismiss_stale_signal(signal=signal, actor=support_staff, reason="Spam vote")
    run_sweep()
    assert StaleItem.objects.get(object_id=article.pk).score == 0
    assert StaleSignal.objects.get(code="reader_report").dismissed_reason == "Spam vote"

    ArticleFeedback.objects.update(helpful=True, reason="")
    run_sweep()
    vote(article, helpful=False, reason="inaccurate")
    run_sweep()
    assert StaleItem.objects.get(object_id=article.pk).score == 4


def test_a_second_sweep_changes_nothing(article, category, settings, customer):
    settings.DALIL_STALE_FEEDBACK_MIN_VOTES = 1
    age(article, article.review_every + 5)
    vote(article, helpful=False, reason="outdated")
    other = make_article(category, "Old router guide")
    Product.objects.create(name_ar="راوتر", name_en="Router", retired=True)
    ArticlePage.objects.filter(pk=other.pk).update(product=Product.objects.get())
    first = run_sweep()
    assert first.created == 4
    signals = list(StaleSignal.objects.values_list("pk", "detected_at", "evidence", "resolved_at"))
    items = list(StaleItem.objects.values_list("pk", "score", "signal_codes", "title"))

    second = run_sweep()
    assert not second.changed
    assert list(
        StaleSignal.objects.values_list("pk", "detected_at", "evidence", "resolved_at")
    ) == (signals)
    assert list(StaleItem.objects.values_list("pk", "score", "signal_codes", "title")) == items


def test_detect_stale_command_prints_progress_and_a_summary(article, capsys):
    age(article, article.review_every + 1)
    call_command("detect_stale")
    output = capsys.readouterr().out
    assert "[####" in output
    assert "article: 1 signals, 1 new" in output
    assert "1 items need review" in output
    call_command("detect_stale")
    assert "0 new, 0 updated, 0 resolved" in capsys.readouterr().out


def test_the_scheduled_task_runs_the_sweep(article):
    from moderation.tasks import run_stale_sweep

    age(article, article.review_every + 1)
    result = run_stale_sweep.enqueue()
    assert result.return_value == {"created": 1, "resolved": 0, "items": 1}


def test_an_article_is_due_for_review_its_interval_after_the_last_review(article):
    from kb.models.pages import review_due_at

    published = timezone.now() - timedelta(days=400)
    reviewed = timezone.now() - timedelta(days=10)
    assert review_due_at(
        last_reviewed_at=None, first_published_at=published, review_every=30
    ) == published + timedelta(days=30)
    assert review_due_at(
        last_reviewed_at=reviewed, first_published_at=published, review_every=30
    ) == reviewed + timedelta(days=30)
    assert review_due_at(last_reviewed_at=None, first_published_at=None, review_every=30) is None
    age(article, article.review_every + 1)
    article.refresh_from_db()
    run_sweep()
    signal = StaleSignal.objects.open().for_target(article).get(code="review_due")
    assert signal.evidence == {"due": article.next_review_due.date().isoformat()}


def test_detecting_article_signals_writes_nothing(article):
    age(article, article.review_every + 1)
    with CaptureQueriesContext(connection) as queries:
        detection = ArticleStaleDetector().detect(now=timezone.now())
    assert (article.pk, "review_due") in detection.signals
    writes = [
        q["sql"]
        for q in queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]
    assert writes == []
