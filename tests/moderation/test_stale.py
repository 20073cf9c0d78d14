"""The generic stale-content sweep, with a detector over the stand-in content model."""

import pytest
from django.utils import timezone

from moderation import stale
from moderation.models import StaleItem, StaleSignal
from tests.moderation_testapp.models import Post

from .conftest import make_post

pytestmark = pytest.mark.django_db


class OldPostDetector(stale.StaleDetector):
    """Posts whose title says "old" are stale; the evidence is the title's length."""

    kind = "testpost"
    model = Post
    codes = {"old_title": "Old title"}
    weights = {"old_title": 4}
    answered_by_review = {"old_title"}
    refreshed_at = None

    def refresh(self, *, now):
        self.refreshed_at = now

    def detect(self, *, now):
        assert self.refreshed_at == now, "the sweep refreshes before it detects"
        detection = stale.Detection()
        for post in Post.objects.filter(title__contains="old"):
            detection.signals[(post.pk, "old_title")] = {"length": len(post.title)}
            detection.items[post.pk] = stale.ItemInfo(title=post.title, category=post.category)
        return detection

    def describe(self, code, evidence):
        return f"{evidence['length']} characters"


@pytest.fixture
def detector():
    yield stale.register_detector(OldPostDetector())
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


def test_a_detector_declares_the_weights_of_its_codes_and_settings_override_them(
    detector, settings
):
    assert stale.weight("old_title") == 4
    assert stale.weight("reported") == 5
    settings.DALIL_STALE_WEIGHTS = {"old_title": 9}
    assert stale.weight("old_title") == 9
    assert stale.weight("reported") == 5


def test_one_item_rescored_after_an_action_scores_as_the_sweep_does(detector, customer):
    post = make_post(customer, title="An old question")
    stale.run_sweep()
    swept = StaleItem.objects.values("score", "signal_codes", "title", "category").get()
    StaleItem.objects.update(score=0, signal_codes="")
    stale.rescore_target(post)
    assert StaleItem.objects.values("score", "signal_codes", "title", "category").get() == swept
    assert swept["score"] == 4


def test_the_sweep_refreshes_each_detector_before_it_detects(detector, customer):
    make_post(customer, title="An old question")
    now = timezone.now()
    stale.run_sweep(now=now)
    assert detector.refreshed_at == now
