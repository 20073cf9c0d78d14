import pytest

from forum import services
from website.search.selectors import search

pytestmark = pytest.mark.django_db


def _titles(query, locale="en"):
    return [hit.title for hit in search(query, locale=locale).hits]


def test_a_new_question_is_found_and_hiding_it_takes_it_out(
    ask, customer, moderator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        question = ask(customer, title="Voicemail greeting keeps resetting")
    assert _titles("voicemail") == ["Voicemail greeting keeps resetting"]
    with django_capture_on_commit_callbacks(execute=True):
        services.set_post_status(post=question, new_status="hidden", actor=moderator)
    assert _titles("voicemail") == []


def test_answers_and_accepting_update_the_indexed_thread(
    ask, answer, customer, other_customer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        question = ask(customer, title="Router lights blink orange at night")
        reply = answer(other_customer, question, body="Reseat the fibre patch cable firmly.")
    assert _titles("patch cable") == ["Router lights blink orange at night"]
    with django_capture_on_commit_callbacks(execute=True):
        services.accept_answer(actor=customer, answer=reply)
    hit = search("patch cable", locale="en").hits[0]
    assert hit.solved is True
