"""The question list's filters (`forum.filters.QuestionFilter`) as a visitor uses them."""

import pytest
from django.http import QueryDict
from django.utils import translation

from forum import services
from forum.filters import QuestionFilter
from forum.models import Question
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LIST = "/en/questions/"


def titles(client, query: str) -> str:
    return client.get(LIST + query).content.decode()


def test_filters_combine(client, ask, answer, customer, category):
    wanted = ask(customer, title="Fibre router keeps rebooting at night", category=category)
    answered = ask(customer, title="Fibre router lights blink orange", category=category)
    answer(UserFactory(), answered)
    elsewhere = ask(customer, title="Where do I download my monthly invoice?")
    html = titles(client, "?show=unanswered&category=internet")
    assert wanted.title in html
    assert answered.title not in html
    assert elsewhere.title not in html


def test_the_list_is_in_the_pages_language_unless_all_are_asked_for(client, ask, customer):
    english = ask(customer, title="How do I change my Wi-Fi password?")
    arabic = ask(customer, title="كيف أغير كلمة مرور الشبكة اللاسلكية؟", language="ar")
    assert arabic.title not in titles(client, "")
    assert english.title in titles(client, "")
    assert arabic.title in titles(client, "?language=all")


def test_an_invalid_parameter_shows_the_default_list_kept_out_of_shared_caches(
    client, ask, answer, customer
):
    solved = ask(customer, title="How do I reach support by live chat?")
    services.accept_answer(actor=customer, answer=answer(UserFactory(), solved))
    unsolved = ask(customer, title="Where is the self-service portal?")
    response = client.get(LIST + "?show=solved&sort=bogus")
    assert response.status_code == 200
    assert solved.title in response.content.decode()
    assert unsolved.title in response.content.decode()
    assert "private" in response["Cache-Control"]
    assert "private" not in client.get(LIST + "?show=solved").get("Cache-Control", "")


def test_the_filter_fills_in_the_defaults_and_reads_tags_in_any_case(ask, customer):
    tagged = ask(customer, title="How do I change my Wi-Fi password?", tags="fibre")
    with translation.override("ar"):
        filters = QuestionFilter(QueryDict(), queryset=Question.objects.all())
        assert filters.params == {
            "show": "all",
            "tag": "",
            "category": "",
            "language": "ar",
            "sort": "activity",
        }
        assert list(filters.qs) == []
    mixed_case = QuestionFilter(
        QueryDict("tag=Fibre&language=all"), queryset=Question.objects.all()
    )
    assert mixed_case.params["tag"] == "Fibre"
    assert list(mixed_case.qs) == [tagged]
