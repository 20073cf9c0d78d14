from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import translation
from wagtail.models import PageLogEntry

from kb.models import Provenance

pytestmark = pytest.mark.django_db


def test_the_demo_promotes_one_answer_per_language_and_publishes_one_through_review(client):
    call_command("seed_demo", stdout=StringIO())
    english = Provenance.objects.select_related("article", "question").get(question__language="en")
    arabic = Provenance.objects.select_related("article", "question").get(question__language="ar")
    assert english.article.live
    assert english.promoted_by.email == "noura@dalil.example"
    assert english.promoted_by_name == "نورة الحربي"
    approval = PageLogEntry.objects.get(page=english.article, action="wagtail.workflow.approve")
    assert approval.user.email == "omar@dalil.example"
    assert not arabic.article.live
    assert arabic.article.specific.current_workflow_state is not None
    with translation.override("en"):
        thread = client.get(english.question.get_absolute_url()).content.decode()
    assert english.article.specific.url in thread
    assert (
        "Based on a community answer by"
        in client.get(english.article.specific.url).content.decode()
    )

    counts = (Provenance.objects.count(), PageLogEntry.objects.count())
    call_command("seed_demo", stdout=StringIO())
    assert (Provenance.objects.count(), PageLogEntry.objects.count()) == counts
