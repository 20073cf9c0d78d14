import pytest

from forum import services
from moderation import adapters
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


def test_thread_snippets_show_the_words_without_markdown_and_never_run_html(
    ask, answer, customer, other_customer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        question = ask(
            customer,
            title="Hotline number for roaming",
            body="Which **hotline** do I call <script>alert(1)</script> abroad?",
        )
        answer(other_customer, question, body="Dial **800 123** from any _roaming_ network.")
    snippet = str(search("hotline", locale="en").hits[0].snippet_html)
    assert "**" not in snippet and "_roaming_" not in snippet
    assert "Which <mark>hotline</mark> do I call &lt;script&gt;alert(1)&lt;/script&gt;" in snippet
    assert "<script" not in snippet
    assert "Dial <mark>800</mark> <mark>123</mark> from any roaming network." in str(
        search("800 123", locale="en").hits[0].snippet_html
    )


def test_the_review_queue_preview_of_a_post_is_plain_text(ask, answer, customer, other_customer):
    question = ask(
        customer,
        title="Top-up code for prepaid lines",
        body="Dial **\\*100#** then _send_ the code.",
    )
    reply = answer(
        other_customer, question, body="Use `*123#` or [the app](https://example.com) for it."
    )
    assert adapters.preview(question) == (
        "Top-up code for prepaid lines — Dial *100# then send the code."
    )
    assert adapters.preview(reply) == "Use *123# or the app for it."
