"""What a reader of the other language sees on a thread: Arabic counts and times in their
grammatical forms, bylines with Arabic punctuation, a note that the thread stays in its own
language, `<time>` values a validator accepts, and a vote control that leads visitors to log in."""

import re
from datetime import timedelta

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone, translation

from forum.models import Answer

from .conftest import ANSWER_BODY

pytestmark = pytest.mark.django_db


def _url(question, language):
    with translation.override(language):
        return question.get_absolute_url()


def _age(delta, language):
    with translation.override(language):
        template = Template("{% load time_tags %}{{ moment|age }}")
        return template.render(Context({"moment": timezone.now() - delta})).replace("\xa0", " ")


@pytest.mark.parametrize(
    ("delta", "arabic"),
    [
        (timedelta(days=1), "يوم"),
        (timedelta(days=2, hours=3), "يومين"),
        (timedelta(days=5), "5 أيام"),
        (timedelta(hours=2), "ساعتين"),
        (timedelta(minutes=15), "15 دقيقة"),
        (timedelta(days=7), "أسبوع"),
        (timedelta(days=400), "سنة"),
        (timedelta(days=365 * 11 + 5), "11 سنة"),
    ],
)
def test_age_gives_arabic_counts_their_plural_form_and_one_unit(delta, arabic):
    assert _age(delta, "ar") == arabic


def test_age_in_english_is_one_unit_too():
    assert _age(timedelta(days=2, hours=3), "en") == "2 days"


def test_machine_time_has_no_fractions_of_a_second():
    moment = timezone.now().replace(microsecond=123456)
    rendered = Template("{% load time_tags %}{{ moment|machine_time }}").render(
        Context({"moment": moment})
    )
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", rendered), rendered


def test_english_thread_in_the_arabic_interface_says_so_and_isolates_the_byline(
    client, question, answer, other_customer
):
    answer(other_customer, question)
    html = client.get(_url(question, "ar"))
    page = html.content.decode()
    assert "هذا الموضوع مكتوب باللغة الإنجليز" in page
    assert "إجابة من" in page and "أجاب" not in page
    byline = re.search(r'<p class="post__author">إجابة من (.*?)</p>', page, re.S).group(1)
    assert "<bdi>" in byline and "</a>، <time" in byline and " ،" not in byline
    stamps = re.findall(r'<time datetime="([^"]+)"', page)
    assert stamps and all(re.fullmatch(r"[\d\-T:]+[+-]\d\d:\d\d", s) for s in stamps), stamps


def test_a_thread_in_the_interface_language_has_no_language_note(client, question):
    page = client.get(_url(question, "en"))
    assert "data-thread-language" not in page.content.decode()


def test_visitors_see_a_labelled_score_and_vote_arrows_that_lead_to_log_in(client, question):
    page = client.get(_url(question, "en"))
    html = page.content.decode()
    vote = re.search(r'<div class="vote" role="group".*?</div>', html, re.S).group(0)
    assert vote.count('href="/en/account/login/?next=') == 2
    assert "Log in to vote" in vote and "Score" in vote


def test_the_answer_preview_button_shows_the_rendered_answer_and_posts_nothing(
    client, question, other_customer
):
    client.force_login(other_customer)
    response = client.post(
        reverse("forum:answer_create", kwargs={"pk": question.pk}),
        {"body": ANSWER_BODY + " **bold** <script>alert(1)</script>", "preview": "1"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<strong>bold</strong>" in html and "<script>alert(1)" not in html
    assert 'name="preview"' in html
    assert not Answer.objects.exists()
