"""Following a tag or a category, and @mentions: who hears of a new post, once each."""

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from forum import notifications, services
from forum.models import CategoryFollow, PostStatus, TagFollow
from moderation.models import Notification, WatchedWord
from moderation.tasks import send_daily_digests
from tests.factories import UserFactory

from .conftest import ANSWER_BODY, QUESTION_BODY

pytestmark = pytest.mark.django_db


def follow_buttons(response):
    return BeautifulSoup(response.content, "html.parser").select(".follow-buttons button")


def test_a_follower_of_both_the_tag_and_the_category_hears_of_a_new_question_once(
    ask, customer, category, django_capture_on_commit_callbacks
):
    ask(customer, tags="fibre")  # makes the tag
    follower = UserFactory()
    services.follow_tag(actor=follower, name="fibre")
    services.follow_category(actor=follower, category=category)
    only_category = UserFactory()
    services.follow_category(actor=only_category, category=category)
    asker = UserFactory()
    services.follow_tag(actor=asker, name="fibre")
    with django_capture_on_commit_callbacks(execute=True):
        question = ask(asker, title="Fibre box blinks red", tags="fibre", category=category)
    notices = Notification.objects.filter(kind=Notification.Kind.NEW_QUESTION)
    assert sorted(notices.values_list("recipient_id", flat=True)) == sorted(
        [follower.pk, only_category.pk]
    )
    path = question.get_absolute_url().split("/", 2)[2]  # in the follower's language
    assert notices.get(recipient=follower).target_url.endswith(path)
    assert mail.outbox == []  # followed tags and categories come in the daily digest by default


def test_a_question_held_for_review_tells_tag_followers_only_once_approved(
    ask, customer, moderator, django_capture_on_commit_callbacks
):
    ask(customer, tags="fibre")
    follower = UserFactory()
    services.follow_tag(actor=follower, name="fibre")
    WatchedWord.objects.create(pattern="casino")
    with django_capture_on_commit_callbacks(execute=True):
        held = ask(
            customer,
            title="Casino payments with fibre",
            tags="fibre",
            body="Which casino accepts our prepaid cards for online payments?",
        )
    assert held.status == PostStatus.PENDING
    assert not Notification.objects.filter(recipient=follower).exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.set_post_status(post=held, new_status=PostStatus.PUBLISHED, actor=moderator)
    assert Notification.objects.get(recipient=follower).kind == Notification.Kind.NEW_QUESTION


def test_the_digest_of_a_followed_tag_lists_the_new_question_with_its_link_in_arabic(
    ask, customer, django_capture_on_commit_callbacks
):
    ask(customer, tags="fibre")
    follower = UserFactory(preferred_language="ar")
    services.follow_tag(actor=follower, name="fibre")
    with django_capture_on_commit_callbacks(execute=True):
        question = ask(UserFactory(), title="Fibre box blinks red", tags="fibre")
    assert send_daily_digests.call() == 1
    (email,) = mail.outbox
    assert email.to == [follower.email]
    assert "Fibre box blinks red" in email.body
    assert question.get_absolute_url().replace("/en/", "/ar/") in email.body
    assert "/notifications/email/off/" in email.body
    assert send_daily_digests.call() == 0  # sent once: marked in the same transaction
    assert len(mail.outbox) == 1


def test_tag_list_shows_follow_buttons_to_signed_in_people_only(client, ask, customer):
    ask(customer, tags="fibre")
    anonymous = client.get("/en/questions/?tag=fibre")
    assert follow_buttons(anonymous) == []
    client.force_login(customer)
    (button,) = follow_buttons(client.get("/en/questions/?tag=fibre"))
    assert button.get_text(" ", strip=True) == "Follow tag fibre"
    response = client.post("/en/questions/follow/tag/", {"tag": "fibre"})
    assert response.status_code == 302
    assert TagFollow.objects.filter(user=customer, tag__name="fibre").exists()
    (button,) = follow_buttons(client.get(response["Location"]))
    assert button.get_text(" ", strip=True) == "Unfollow tag fibre"
    client.post("/en/questions/follow/tag/", {"tag": "fibre", "action": "unfollow"})
    assert not TagFollow.objects.exists()


def test_following_a_tag_that_does_not_exist_says_so_and_follows_nothing(client, customer):
    client.force_login(customer)
    response = client.post("/ar/questions/follow/tag/", {"tag": "x" * 5000}, follow=True)
    assert response.status_code == 200
    assert "لا يوجد وسم بهذا الاسم." in response.content.decode()
    assert not TagFollow.objects.exists()


def test_category_page_follows_and_unfollows_in_arabic(client, customer, category):
    client.force_login(customer)
    (button,) = follow_buttons(client.get("/ar/questions/?category=internet"))
    assert "الإنترنت" in button.get_text()
    client.post("/ar/questions/follow/category/internet/")
    assert CategoryFollow.objects.filter(user=customer, category=category).exists()
    client.post("/ar/questions/follow/category/internet/", {"action": "unfollow"})
    assert not CategoryFollow.objects.exists()
    assert client.post("/ar/questions/follow/category/nothing-here/").status_code == 404


def test_following_needs_a_login(client, category):
    response = client.post("/en/questions/follow/category/internet/")
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert not CategoryFollow.objects.exists()


def test_profile_lists_what_you_follow_to_yourself_only(client, ask, customer, category):
    ask(customer, tags="fibre")
    services.follow_tag(actor=customer, name="fibre")
    services.follow_category(actor=customer, category=category)
    client.force_login(customer)
    page = BeautifulSoup(client.get(f"/en/users/{customer.pk}/").content, "html.parser")
    section = page.select_one("#following")
    assert section is not None
    text = section.get_text(" ", strip=True)
    assert "fibre" in text and "Internet" in text and "Fibre internet drops every evening" in text
    client.force_login(UserFactory())
    page = BeautifulSoup(client.get(f"/en/users/{customer.pk}/").content, "html.parser")
    assert page.select_one("#following") is None


# Mentions ------------------------------------------------------------------------------------


def test_mentioned_names_skip_code_and_stop_at_ten():
    text = "Ask @omar and @Omar, not `@decorator`.\n```\n@inside\n```\n" + " ".join(
        f"@person{n}" for n in range(30)
    )
    names = notifications.mentioned_names(text)
    assert names[0] == "omar" and "Omar" not in names
    assert "decorator" not in names and "inside" not in names
    assert len(names) == notifications.MENTION_LIMIT
    assert (
        notifications.mentioned_names("x" * notifications.MENTION_SCAN_CHARACTERS + " @late") == []
    )
    assert notifications.mentioned_names("mail me at someone@example.com") == []


def test_a_mention_tells_existing_active_people_but_never_the_author(
    ask, question, answer, django_capture_on_commit_callbacks
):
    omar = UserFactory(username="omar")
    gone = UserFactory(username="gone", is_active=False)
    author = UserFactory(username="helper")
    with django_capture_on_commit_callbacks(execute=True):
        reply = answer(author, question, body=ANSWER_BODY + " @Omar @gone @helper @nobody knows.")
    notice = Notification.objects.get(kind=Notification.Kind.MENTION)
    assert notice.recipient == omar
    assert notice.target_url.endswith(f"#answer-{reply.pk}")
    assert not Notification.objects.filter(recipient__in=[gone, author]).exists()
    (email,) = [m for m in mail.outbox if m.to == [omar.email]]
    assert "mentioned you" in email.body and "/notifications/email/off/" in email.body


def test_a_held_comment_mentions_nobody_until_a_moderator_approves_it(
    question, customer, moderator, django_capture_on_commit_callbacks
):
    omar = UserFactory(username="omar")
    WatchedWord.objects.create(pattern="casino")
    with django_capture_on_commit_callbacks(execute=True):
        comment = services.create_comment(
            actor=customer, question=question, body="@omar is this casino site real?"
        )
    assert comment.status == PostStatus.PENDING
    assert not Notification.objects.filter(recipient=omar).exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.set_post_status(post=comment, new_status=PostStatus.PUBLISHED, actor=moderator)
    notice = Notification.objects.get(recipient=omar)
    assert notice.kind == Notification.Kind.MENTION
    assert notice.target_url.endswith(f"#comment-{comment.pk}")


# Once per event ------------------------------------------------------------------------------


def test_a_task_run_twice_stores_one_notice_and_sends_one_email(
    ask, answer, customer, django_capture_on_commit_callbacks
):
    question = ask(customer, body=QUESTION_BODY)
    with django_capture_on_commit_callbacks(execute=True):
        reply = answer(UserFactory(), question)  # tasks run inline: the first telling
    assert Notification.objects.filter(recipient=customer).count() == 1
    sent = len(mail.outbox)
    notifications.new_answer.call(reply.pk)  # a retry, or a second worker given the same task
    notifications.mentions.call("answer", reply.pk)
    assert Notification.objects.filter(recipient=customer).count() == 1
    assert len(mail.outbox) == sent == 1


def test_the_follow_buttons_cost_two_queries_for_a_tag_and_one_for_a_category(
    client, ask, customer, category
):
    ask(customer, tags="fibre", category=category)

    def queries(url):
        client.get(url)  # warm
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        return [query["sql"] for query in captured.captured_queries]

    assert queries("/en/questions/?category=internet") == []  # anonymous: from the page cache
    client.force_login(customer)
    plain = queries("/en/questions/")
    category_list = queries("/en/questions/?category=internet")
    assert len(category_list) - len(plain) == 1
    assert any("forum_categoryfollow" in sql for sql in category_list)
    services.follow_tag(actor=customer, name="fibre")
    assert len(queries("/en/questions/?tag=fibre")) - len(plain) == 2
