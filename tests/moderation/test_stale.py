"""The generic stale-content sweep, with a detector over the stand-in content model."""

import pytest
from django.utils import timezone

from moderation import stale
from moderation.models import StaleItem, StaleSignal
from tests.moderation_testapp.models import Post

from .conftest import make_post

pytestmark = pytest.mark.django_db


class OldPostDetector:
    """Posts whose title says "old" are stale; the evidence is the title's length."""

    kind = "testpost"
    model = Post
    codes = {"old_title": "Old title"}
    answered_by_review = {"old_title"}

    def detect(self, *, now):
        detection = stale.Detection()
        for post in Post.objects.filter(title__contains="old"):
            detection.signals[(post.pk, "old_title")] = {"length": len(post.title)}
            detection.items[post.pk] = stale.ItemInfo(title=post.title, category=post.category)
        return detection

    def describe(self, code, evidence):
        return f"{evidence['length']} characters"


@pytest.fixture
def detector():
    stale.register_detector(OldPostDetector())
    yield
    stale.unregister_detector("testpost")


def test_the_sweep_records_updates_and_resolves_signals_for_any_registered_model(
    detector, customer
):
    post = make_post(customer, title="An old question")
    first = stale.run_sweep()
    assert first.per_kind["testpost"]["created"] == 1
    signal = StaleSignal.objects.get(code="old_title")
    assert signal.evidence == {"length": 15}
    assert StaleItem.objects.get(kind="testpost").category == "billing"

    Post.objects.filter(pk=post.pk).update(title="An old, old question")
    assert stale.run_sweep().per_kind["testpost"]["updated"] == 1
    signal.refresh_from_db()
    assert signal.evidence == {"length": 20}

    Post.objects.filter(pk=post.pk).update(title="A new question")
    later = timezone.now()
    assert stale.run_sweep(now=later).per_kind["testpost"]["resolved"] == 1
    signal.refresh_from_db()
    assert signal.resolved_at == later
    assert not StaleItem.objects.exists()


def test_a_cause_that_comes_back_is_a_new_signal(detector, customer):
    post = make_post(customer, title="An old question")
    stale.run_sweep()
    Post.objects.filter(pk=post.pk).update(title="Fresh")
    stale.run_sweep()
    Post.objects.filter(pk=post.pk).update(title="old again")
    stale.run_sweep()
    assert StaleSignal.objects.filter(code="old_title").count() == 2
    assert StaleSignal.objects.open().count() == 1


def test_weights_come_from_settings_over_the_defaults(settings):
    settings.DALIL_STALE_WEIGHTS = {"review_due": 10}
    assert stale.weight("review_due") == 10
    assert stale.weight("answer_flagged") == 5
    assert stale.weight("unknown_code") == 1
