"""Thread signals and the "This answer is N months old" notice.

Time travel: the accepted answer's dates are moved into the past with ``update()``.
"""

from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.translation import override

from forum import services
from forum.models import Answer
from moderation.actions.stale import mark_stale_reviewed
from moderation.models import Flag, StaleItem, StaleSignal
from moderation.stale import run_sweep
from tests.factories import UserFactory

from .conftest import ANSWER_BODY, flag_incorrect

pytestmark = pytest.mark.django_db


def open_codes(question) -> set[str]:
    return set(StaleSignal.objects.open().for_target(question).values_list("code", flat=True))


@pytest.fixture
def solved(question, answer, customer):
    reply = answer(UserFactory(display_name="Helper"), question)
    services.accept_answer(actor=customer, answer=reply)
    question.refresh_from_db()
    return question


def age_answer(question, days: int) -> None:
    past = timezone.now() - timedelta(days=days)
    Answer.objects.filter(pk=question.accepted_answer_id).update(created_at=past, updated_at=past)


def test_an_accepted_answer_older_than_the_limit_is_stale(solved, settings):
    settings.DALIL_STALE_ANSWER_MAX_AGE_DAYS = 365
    age_answer(solved, 300)
    run_sweep()
    assert open_codes(solved) == set()

    age_answer(solved, 400)
    run_sweep()
    signal = StaleSignal.objects.open().for_target(solved).get(code="answer_too_old")
    assert signal.evidence["limit_days"] == 365
    item = StaleItem.objects.get(object_id=solved.pk, kind="thread")
    assert (item.title, item.category, item.locale) == (solved.title, "Internet", "en")


def test_the_age_limit_can_be_shorter_for_a_fast_moving_category(solved, settings):
    settings.DALIL_STALE_ANSWER_MAX_AGE_DAYS = 365
    settings.DALIL_STALE_ANSWER_MAX_AGE_BY_CATEGORY = {"internet": 30}
    age_answer(solved, 45)
    run_sweep()
    assert StaleSignal.objects.get(code="answer_too_old").evidence["limit_days"] == 30


def test_a_new_accepted_answer_resolves_the_age_signal(solved, answer, customer):
    age_answer(solved, 400)
    run_sweep()
    assert "answer_too_old" in open_codes(solved)
    fresh = answer(UserFactory(), solved, body=ANSWER_BODY + " Updated for the new routers.")
    services.accept_answer(actor=customer, answer=fresh)
    run_sweep()
    assert "answer_too_old" not in open_codes(solved)


def test_marking_a_thread_reviewed_restarts_its_clock(solved, support_staff):
    age_answer(solved, 400)
    run_sweep()
    mark_stale_reviewed(target=solved, actor=support_staff)
    run_sweep()
    assert "answer_too_old" not in open_codes(solved)


def test_incorrect_or_outdated_flags_on_the_accepted_answer(solved):
    accepted = Answer.objects.get(pk=solved.accepted_answer_id)
    flag_incorrect(accepted)
    run_sweep()
    signal = StaleSignal.objects.open().for_target(solved).get(code="answer_flagged")
    assert signal.evidence == {"answer": accepted.pk, "flags": 1}

    Flag.objects.update(outcome=Flag.Outcome.DISAGREED)
    run_sweep()
    assert "answer_flagged" not in open_codes(solved)


def test_links_to_knowledge_base_pages_that_are_gone(question, answer, customer):
    from tests.kb.conftest import make_article, make_category

    article = make_article(make_category("en", "Internet help"), "Restart your router")
    url = article.get_url()
    reply = answer(UserFactory(), question, body=f"{ANSWER_BODY} See http://testserver{url}")
    services.accept_answer(actor=customer, answer=reply)
    run_sweep()
    assert "kb_link_gone" not in open_codes(question)

    article.unpublish()
    run_sweep()
    signal = StaleSignal.objects.open().for_target(question).get(code="kb_link_gone")
    assert signal.evidence == {"links": [url]}

    article.save_revision().publish()
    run_sweep()
    assert "kb_link_gone" not in open_codes(question)


def test_a_second_thread_sweep_changes_nothing(solved):
    age_answer(solved, 400)
    assert run_sweep().created == 1
    assert not run_sweep().changed


@pytest.mark.parametrize(
    ("language", "text"),
    [("en", "This answer is 13 months old"), ("ar", "عمر هذه الإجابة 13 شهرًا")],
)
def test_an_old_accepted_answer_tells_readers_its_age(client, solved, language, text):
    age_answer(solved, 400)
    run_sweep()
    with override(language):
        response = client.get(solved.get_absolute_url())
    html = response.content.decode()
    assert text in html
    if language == "ar":
        assert 'dir="rtl"' in html


def test_a_fresh_accepted_answer_has_no_age_notice(client, solved):
    run_sweep()
    with override("en"):
        response = client.get(solved.get_absolute_url())
    assert "months old" not in response.content.decode()


def test_the_age_notice_costs_one_query(client, solved, django_assert_max_num_queries):
    age_answer(solved, 400)
    run_sweep()
    with override("en"):
        url = solved.get_absolute_url()
    client.get(url)  # warms the site frame's cached links
    with django_assert_max_num_queries(13):
        response = client.get(url)
    assert "months old" in response.content.decode()
