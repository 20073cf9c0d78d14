from io import StringIO

import pytest
from django.core.management import call_command

from forum.models import Answer, Category, Question, Vote

pytestmark = pytest.mark.django_db


def test_seed_demo_adds_bilingual_threads_once():
    call_command("seed_demo", stdout=StringIO())
    counts = (Question.objects.count(), Answer.objects.count(), Vote.objects.count())
    assert counts[0] >= 30
    assert Question.objects.filter(language="ar").count() >= 15
    assert Question.objects.filter(language="en").count() >= 15
    assert Question.objects.solved().count() >= 10
    assert Question.objects.exclude(duplicate_of=None).count() == 1
    assert Question.objects.filter(locked=True).count() == 1
    assert Category.objects.get(slug="self-service").name_ar == "بوابة الخدمة الذاتية"
    call_command("seed_demo", stdout=StringIO())
    assert (Question.objects.count(), Answer.objects.count(), Vote.objects.count()) == counts


def test_seeded_threads_render_in_both_languages(client):
    call_command("seed_demo", stdout=StringIO())
    for question in Question.objects.all():
        prefix = f"/{question.language}/questions/{question.pk}/"
        response = client.get(prefix, follow=True)
        assert response.status_code == 200, prefix
