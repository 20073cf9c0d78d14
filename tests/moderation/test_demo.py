import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from moderation import demo
from moderation.models import Flag, RejectionTemplate, ReviewItem, WatchedWord
from tests.moderation_testapp.models import Post

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_targets():
    def targets(command):
        author = command.people["james"]
        post, _ = Post.objects.get_or_create(
            author=author, title="Demo", body="Call +44 7000 000000 on WhatsApp"
        )
        return [(post, "incorrect", "This number is wrong.")]

    demo.register_demo_targets(targets)
    yield
    demo._demo_target_sources.remove(targets)


def test_seed_demo_adds_watched_words_and_bilingual_rejection_reasons():
    call_command("seed_demo")
    assert WatchedWord.objects.filter(pattern="casino").exists()
    template = RejectionTemplate.objects.get(title_en="Duplicate question")
    assert template.title_ar == "سؤال مكرر" and template.body("ar").startswith("طُرح")


def test_seed_demo_flags_the_targets_content_apps_offer_and_stays_idempotent(demo_targets):
    call_command("seed_demo")
    sami = get_user_model().objects.get(email="sami@dalil.example")
    assert sami.has_perm("moderation.moderate")
    post = Post.objects.get(title="Demo")
    flag = Flag.objects.for_target(post).get()
    assert flag.flagger == sami and flag.reason == "incorrect"
    item = ReviewItem.objects.for_target(post).get()
    assert item.kind == "flagged" and item.score == 5
    counts = (Flag.objects.count(), ReviewItem.objects.count(), WatchedWord.objects.count())
    call_command("seed_demo")
    assert (Flag.objects.count(), ReviewItem.objects.count(), WatchedWord.objects.count()) == counts
