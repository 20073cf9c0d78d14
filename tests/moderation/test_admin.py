import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.models import ModelLogEntry

from moderation import adapters
from moderation.actions.decisions import approve_item, submit_for_review
from moderation.actions.flags import flag_post
from moderation.actions.people import suspend_user
from moderation.models import RejectionTemplate, ReviewItem, WatchedWord
from moderation.posting import is_suspended
from moderation.screening import screen_post
from tests.factories import UserFactory
from tests.moderation_testapp.models import Post

from .conftest import admin_browser, make_post

pytestmark = pytest.mark.django_db


def item_of(post):
    return ReviewItem.objects.for_target(post).latest("pk")


def fill_queue(count, trusted_factory):
    for n in range(count):
        author = UserFactory()
        if n % 2:
            make_post(author, body=f"pending question {n}", status="pending", category=f"c{n % 3}")
        else:
            post = make_post(author, body=f"flagged answer {n}")
            flag_post(target=post, actor=trusted_factory(), reason="spam")


def test_the_queue_lists_pending_and_flagged_posts_with_reasons_and_history(
    moderator_client, pending_post, trusted_factory
):
    flagged = make_post(UserFactory(), title="", body="Buy followers now")
    flag_post(target=flagged, actor=trusted_factory(), reason="spam")
    html = moderator_client.get(reverse("moderation_admin:queue")).content.decode()
    assert "Top up" in html
    assert "Buy followers now" in html
    assert "New user (trust level 0)" in html
    assert "Spam (2)" in html
    assert "0 published posts" in html and "Past decisions: 0 approved, 0 removed" in html


def test_the_queue_is_sorted_by_score_then_age(moderator_client, pending_post, moderator):
    flagged = make_post(UserFactory(), body="Heavily flagged")
    flag_post(target=flagged, actor=moderator, reason="spam")
    response = moderator_client.get(reverse("moderation_admin:queue"))
    rows = [item for item, _history in response.context["rows"]]
    assert rows == [item_of(flagged), item_of(pending_post)]


def test_the_queue_filters_by_reason_type_and_category(moderator_client, pending_post, moderator):
    flagged = make_post(UserFactory(), body="Flagged", category="network")
    flag_post(target=flagged, actor=moderator, reason="spam")
    url = reverse("moderation_admin:queue")

    def listed(query):
        response = moderator_client.get(url, query)
        return [item for item, _h in response.context["rows"]]

    assert listed({"kind": "pending"}) == [item_of(pending_post)]
    assert listed({"reason": "flagged"}) == [item_of(flagged)]
    assert listed({"category": "network"}) == [item_of(flagged)]
    assert listed({"reason": "trust_level_0", "kind": "flagged"}) == []


def test_the_queue_needs_a_constant_number_of_queries(
    moderator_client, trusted_factory, django_assert_max_num_queries
):
    fill_queue(4, trusted_factory)
    url = reverse("moderation_admin:queue")
    moderator_client.get(url)  # warms per-process caches (menus, cached links)
    with django_assert_max_num_queries(40) as few:
        moderator_client.get(url)
    fill_queue(16, trusted_factory)
    with django_assert_max_num_queries(len(few)) as many:
        response = moderator_client.get(url)
    assert len(response.context["rows"]) == 20
    assert len(many) == len(few)


def test_the_item_page_shows_the_content_and_its_history(
    moderator_client, pending_post, django_assert_max_num_queries
):
    with django_assert_max_num_queries(30):
        response = moderator_client.get(
            reverse("moderation_admin:item", args=[item_of(pending_post).pk])
        )
    html = response.content.decode()
    # A content model that does not say its language leaves the direction to the browser.
    assert '<div class="moderation-text" dir="auto">Top up' in html
    assert "How do I top up my balance?" in html
    assert "Queued for review" in html
    assert "Edit then approve" in html


def test_a_moderator_approves_from_the_item_page(moderator_client, pending_post):
    response = moderator_client.post(
        reverse("moderation_admin:decide", args=[item_of(pending_post).pk]), {"decision": "approve"}
    )
    assert response.status_code == 302
    pending_post.refresh_from_db()
    assert pending_post.status == "published"


def test_the_second_moderator_is_told_the_item_was_already_handled(
    moderator_client, pending_post, moderator
):
    item = item_of(pending_post)
    approve_item(item=item, actor=moderator)
    response = moderator_client.post(
        reverse("moderation_admin:decide", args=[item.pk]),
        {"decision": "reject", "reject-note": "Duplicate"},
        follow=True,
    )
    assert "Another moderator already handled this item." in response.content.decode()
    pending_post.refresh_from_db()
    assert pending_post.status == "published"


def test_rejecting_without_a_reason_shows_an_error_and_changes_nothing(
    moderator_client, pending_post
):
    response = moderator_client.post(
        reverse("moderation_admin:decide", args=[item_of(pending_post).pk]),
        {"decision": "reject"},
        follow=True,
    )
    assert "Choose a reason or write one." in response.content.decode()
    assert item_of(pending_post).status == "open"


@pytest.mark.parametrize(
    ("action", "post_status", "item_status"),
    [("reject", "deleted", "rejected"), ("hide", "hidden", "hidden"), ("spam", "hidden", "spam")],
)
def test_each_removal_action_works_over_http(
    moderator_client, pending_post, action, post_status, item_status
):
    template = RejectionTemplate.objects.create(
        title_en="Spam", title_ar="رسائل مزعجة", body_en="Spam.", body_ar="رسائل مزعجة."
    )
    item = item_of(pending_post)
    moderator_client.post(
        reverse("moderation_admin:decide", args=[item.pk]),
        {"decision": action, f"{action}-template": template.pk},
    )
    pending_post.refresh_from_db()
    item.refresh_from_db()
    assert (pending_post.status, item.status) == (post_status, item_status)


def test_suspend_lock_and_restore_over_http(moderator_client, pending_post):
    item = item_of(pending_post)
    url = reverse("moderation_admin:decide", args=[item.pk])
    moderator_client.post(
        url, {"decision": "suspend", "suspend-days": "7", "suspend-note": "Insults"}
    )
    assert is_suspended(pending_post.author)
    moderator_client.post(url, {"decision": "lock"})
    pending_post.thread.refresh_from_db()
    assert pending_post.thread.locked
    moderator_client.post(url, {"decision": "hide", "hide-note": "Rude"})
    moderator_client.post(url, {"decision": "restore"})
    pending_post.refresh_from_db()
    assert pending_post.status == "published"


def test_edit_then_approve_over_http(moderator_client, pending_post):
    url = reverse("moderation_admin:edit", args=[item_of(pending_post).pk])
    assert 'value="Top up"' in moderator_client.get(url).content.decode()
    blank = moderator_client.post(url, {"title": "Top up", "body": "  "})
    assert blank.status_code == 200 and item_of(pending_post).status == "open"
    moderator_client.post(url, {"title": "Top up", "body": "Edited by a moderator"})
    pending_post.refresh_from_db()
    assert (pending_post.body, pending_post.status) == ("Edited by a moderator", "published")


def test_bulk_approve_over_http(moderator_client, new_user):
    posts = [make_post(new_user, body=f"q{n}", status="pending") for n in range(3)]
    response = moderator_client.post(
        reverse("moderation_admin:bulk"),
        {"items": [item_of(p).pk for p in posts], "action": "approve"},
        follow=True,
    )
    assert "3 items decided." in response.content.decode()
    assert set(Post.objects.values_list("status", flat=True)) == {"published"}


def test_bulk_reject_needs_a_reason(moderator_client, pending_post):
    moderator_client.post(
        reverse("moderation_admin:bulk"), {"items": [item_of(pending_post).pk], "action": "reject"}
    )
    assert item_of(pending_post).status == "open"


def test_the_audit_log_filters_by_action_person_and_object(
    moderator_client, pending_post, moderator, django_assert_max_num_queries
):
    approve_item(item=item_of(pending_post), actor=moderator)
    other = make_post(UserFactory(), status="pending")
    url = reverse("moderation_admin:audit")
    with django_assert_max_num_queries(25):
        everything = moderator_client.get(url)
    assert len(everything.context["page"]) == 3
    approved = moderator_client.get(url, {"action": "dalil.moderation.approve"})
    assert [e.object_id for e in approved.context["page"]] == [str(pending_post.pk)]
    by_author = moderator_client.get(url, {"person": pending_post.author_id})
    assert {e.object_id for e in by_author.context["page"]} == {str(pending_post.pk)}
    per_post = moderator_client.get(
        url,
        {"content_type": item_of(other).content_type_id, "object_id": other.pk},
    )
    assert [e.action for e in per_post.context["page"]] == ["dalil.moderation.queue"]


def test_the_person_page_lists_what_happened_to_them(moderator_client, pending_post, moderator):
    suspend_user(user=pending_post.author, actor=moderator, days=3, reason="Spam links")
    html = moderator_client.get(
        reverse("moderation_admin:person", args=[pending_post.author_id])
    ).content.decode()
    assert "Spam links" in html and "Account suspended" in html


def test_suspensions_are_listed_and_can_be_lifted(moderator_client, customer, moderator):
    suspension = suspend_user(user=customer, actor=moderator, days=3, reason="Spam")
    assert (
        "Layla Customer"
        in moderator_client.get(reverse("moderation_admin:suspensions")).content.decode()
    )
    moderator_client.post(reverse("moderation_admin:lift", args=[suspension.pk]))
    assert not is_suspended(customer)
    again = moderator_client.post(
        reverse("moderation_admin:lift", args=[suspension.pk]), follow=True
    )
    assert "already lifted" in again.content.decode()


def test_the_moderation_menu_appears_for_moderators(moderator_client):
    html = moderator_client.get("/admin/").content.decode()
    assert reverse("moderation_admin:queue") in html


def test_watched_words_are_managed_as_snippets(moderator_client):
    url = reverse("wagtailsnippets_moderation_watchedword:add")
    response = moderator_client.post(url, {"pattern": r"(\w+)\1", "is_regex": "on", "note": ""})
    assert response.status_code == 200 and not WatchedWord.objects.exists()
    moderator_client.post(url, {"pattern": "casino", "note": "spam"})
    assert WatchedWord.objects.filter(pattern="casino").exists()


def test_no_admin_url_edits_or_deletes_audit_entries(moderator_client, pending_post, admin_client):
    entry = ModelLogEntry.objects.get(action="dalil.moderation.queue")
    from django.urls import get_resolver

    names = set()

    def walk(patterns, prefix=""):
        for pattern in patterns:
            if hasattr(pattern, "url_patterns"):
                walk(
                    pattern.url_patterns,
                    f"{prefix}{pattern.namespace + ':' if pattern.namespace else ''}",
                )
            elif pattern.name:
                names.add(prefix + pattern.name)

    walk(get_resolver().url_patterns)
    assert not [n for n in names if "logentry" in n.lower() and ("edit" in n or "delete" in n)]
    from django.contrib import admin

    assert ModelLogEntry not in admin.site._registry
    response = admin_client.get(
        f"/django-admin/wagtailcore/modellogentry/{entry.pk}/delete/", follow=True
    )
    assert response.status_code == 404
    assert ModelLogEntry.objects.filter(pk=entry.pk).exists()


def test_the_queue_speaks_arabic_to_an_arabic_moderator(client, moderator, pending_post):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(moderator)
    profile.preferred_language = "ar"
    profile.save()
    client.force_login(moderator)
    html = client.get(reverse("moderation_admin:queue")).content.decode()
    assert 'dir="rtl"' in html
    assert "قائمة المراجعة" in html and "مستخدم جديد (مستوى الثقة 0)" in html


def _arabic_client(client, moderator):
    return admin_browser(moderator, "ar", client=client)


def test_typing_speed_is_stored_as_a_number_and_said_in_the_moderators_language(
    settings, client, moderator, new_user
):
    settings.DALIL_MAX_CHARS_PER_SECOND = 1
    post = make_post(new_user, body="A question typed far too fast", status="pending")
    screening = screen_post(
        author=new_user, text=adapters.text_of(post), kind="question", posted_after_seconds=1
    )
    submit_for_review(target=post, reasons=screening.reasons, actor=new_user)
    speed = [r["detail"] for r in item_of(post).reasons if r["code"] == "too_fast"]
    assert speed and speed[0].isdigit()
    html = _arabic_client(client, moderator).get(reverse("moderation_admin:queue")).content
    html = html.decode()
    assert f"نُشرت أسرع مما يكتب الإنسان: {speed[0]} حرفًا في الثانية" in html
    assert "characters a second" not in html


def test_an_item_queued_with_an_english_speed_is_read_in_arabic(client, moderator, new_user):
    post = make_post(new_user, status="pending")
    item = item_of(post)
    item.reasons.append({"code": "too_fast", "detail": "31 characters a second"})
    item.reasons.append({"code": "links", "detail": "5"})
    item.save()
    html = _arabic_client(client, moderator).get(reverse("moderation_admin:queue")).content
    html = html.decode()
    assert "31 حرفًا في الثانية" in html and "5 روابط" in html
    assert "characters a second" not in html


def test_the_queue_shows_categories_by_name_and_labels_each_filter(moderator_client, pending_post):
    from forum.models import Category

    Category.objects.create(slug="billing", name_en="Billing and payments", name_ar="الفواتير")
    response = moderator_client.get(reverse("moderation_admin:queue"))
    html = response.content.decode()
    assert '<span class="queue-category">Billing and payments</span>' in html
    assert '<option value="billing">Billing and payments</option>' in html
    form = response.context["form"]
    for field in form:
        with translation.override("en"):
            label = str(field.label)
        assert f'<label for="{field.id_for_label}">{label}</label>' in html
        assert f'id="{field.id_for_label}"' in html
    assert '<label for="id_template">Reason</label>' in html


def test_a_flags_reason_in_the_log_is_its_translated_label(client, moderator, trusted_factory):
    post = make_post(UserFactory(), body="Old opening hours")
    flag_post(target=post, actor=trusted_factory(), reason="incorrect")
    html = _arabic_client(client, moderator).get(reverse("moderation_admin:audit")).content
    html = html.decode()
    assert '<td dir="auto">incorrect</td>' not in html
    assert "خاطئة أو قديمة" in html


def test_the_queue_offers_a_labelled_select_all_box_with_its_own_script(
    moderator_client, pending_post
):
    from django.contrib.staticfiles import finders

    html = moderator_client.get(reverse("moderation_admin:queue")).content.decode()
    assert 'data-select-all="items" hidden aria-label="Select all items on this page"' in html
    assert "moderation/queue.js" in html
    assert finders.find("moderation/queue.js")


def test_bulk_decisions_need_the_pages_csrf_token_and_the_moderation_right(
    moderator, new_user, pending_post
):
    from django.test import Client

    other = make_post(new_user, body="Another pending one", status="pending")
    items = [item_of(pending_post).pk, item_of(other).pk]
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(moderator)
    bulk = reverse("moderation_admin:bulk")
    assert browser.post(bulk, {"items": items, "action": "approve"}).status_code == 403
    html = browser.get(reverse("moderation_admin:queue")).content.decode()
    token = html.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    data = {"items": items, "action": "approve", "csrfmiddlewaretoken": token}
    assert browser.post(bulk, data).status_code == 302
    assert {item_of(p).status for p in (pending_post, other)} == {"approved"}
    third = make_post(new_user, body="A third pending one", status="pending")
    customer = Client()
    customer.force_login(UserFactory())
    customer.post(bulk, {"items": [item_of(third).pk], "action": "approve"})
    assert item_of(third).status == "open"


def test_the_audit_log_filters_people_by_name_and_offers_only_logged_content(
    moderator_client, pending_post, moderator, django_assert_max_num_queries
):
    approve_item(item=item_of(pending_post), actor=moderator)
    bystander = UserFactory(display_name="Nobody In The Log")
    url = reverse("moderation_admin:audit")
    with django_assert_max_num_queries(25):
        response = moderator_client.get(url)
    html = response.content.decode()
    assert "(id)" not in html
    form = response.context["form"]
    actors = dict(form.fields["actor"].choices)
    people = dict(form.fields["person"].choices)
    assert actors[moderator.pk] == "Sami Moderator"
    assert people[pending_post.author_id] == pending_post.author.public_name
    assert bystander.pk not in people
    assert f'<option value="{moderator.pk}">Sami Moderator</option>' in html
    assert [str(ct) for ct in form.fields["content_type"].queryset] == [
        str(item_of(pending_post).content_type)
    ]
    by_sami = moderator_client.get(url, {"actor": moderator.pk})
    assert [e.action for e in by_sami.context["page"]] == ["dalil.moderation.approve"]
