"""The queue tells a moderator how long an author has been a member, in words a person uses:
"joined just now" for a brand-new account, never "member for 0 minutes" (issue 18), and each
Arabic count in its own grammatical form."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from tests.factories import UserFactory
from website.roles import MODERATORS

from .conftest import make_post

pytestmark = pytest.mark.django_db


def queue_as(language: str) -> str:
    from wagtail.users.models import UserProfile

    moderator = UserFactory(role=MODERATORS)
    profile = UserProfile.get_for_user(moderator)
    profile.preferred_language = language
    profile.save()
    browser = Client()
    browser.force_login(moderator)
    # timesince keeps a number and its unit together with no-break spaces.
    return browser.get("/admin/moderation/").content.decode().replace("\xa0", " ")


def author_joined(ago: timedelta):
    author = UserFactory(display_name="Newcomer")
    author.date_joined = timezone.now() - ago
    author.save(update_fields=["date_joined"])
    make_post(author, status="pending")


@pytest.mark.parametrize("language, words", [("en", "Joined just now"), ("ar", "انضمّ للتو")])
def test_a_brand_new_account_joined_just_now(language, words):
    author_joined(timedelta(seconds=5))
    html = queue_as(language)
    assert words in html
    # Nor does the "Queued" column say the item waited 0 minutes.
    assert "0 minutes" not in html and "0 دقيقة" not in html


@pytest.mark.parametrize(
    "ago, words",
    [
        (timedelta(minutes=1, seconds=5), "عضو منذ دقيقة"),
        (timedelta(minutes=2, seconds=5), "عضو منذ دقيقتين"),
        (timedelta(minutes=5, seconds=5), "عضو منذ 5 دقائق"),
        (timedelta(minutes=11, seconds=5), "عضو منذ 11 دقيقة"),
        (timedelta(hours=2, minutes=1), "عضو منذ ساعتين"),
        (timedelta(days=3, minutes=1), "عضو منذ 3 أيام"),
        (timedelta(days=335), "عضو منذ 11 شهرًا"),
        (timedelta(days=731), "عضو منذ سنتين"),
    ],
)
def test_an_arabic_moderator_reads_each_account_age_in_its_plural_form(ago, words):
    author_joined(ago)
    assert words in queue_as("ar")


def test_an_english_moderator_reads_the_account_age_in_english():
    author_joined(timedelta(days=3, minutes=1))
    assert "Member for 3 days" in queue_as("en")
