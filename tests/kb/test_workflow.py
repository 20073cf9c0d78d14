import re

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from wagtail.models import PageLogEntry, Revision
from wagtail.test.utils.form_data import nested_form_data, querydict_from_html

from kb.models import ArticlePage

from .conftest import kb_index, make_article, make_category

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(category, support_staff):
    return make_article(category, "Reset your voicemail PIN", publish=False, user=support_staff)


@pytest.fixture
def linked_draft(category, support_staff):
    """A draft with tags and a related article, which the editor posts back as form rows."""
    other = make_article(category, "Change your voicemail greeting")
    draft = make_article(category, "Reset your voicemail PIN", publish=False, user=support_staff)
    draft.tags.add("voicemail", "pin")
    draft.related_links.create(article=other)
    draft.save_revision(user=support_staff)
    return draft


def submit(article, user):
    workflow = article.get_workflow()
    return workflow.start(article, user)


def block_form_data(state):
    """A block's editor state (``get_form_state``) as the browser posts it."""
    if isinstance(state, list) and not all(isinstance(item, dict) for item in state):
        return state[0] if state else ""  # a choice: the select's one value
    if isinstance(state, list):
        items = {}
        for index, item in enumerate(state):
            entry = {"value": block_form_data(item["value"]), "id": item.get("id") or ""}
            if "type" in item:
                entry["type"] = item["type"]
            items[str(index)] = {**entry, "deleted": "", "order": str(index)}
        return {**items, "count": str(len(state))}
    if isinstance(state, dict):
        return {key: block_form_data(value) for key, value in state.items()}
    return "" if state is None else state


def editor_form(client, article, **changes) -> dict:
    """What the page editor posts when its user chooses "Approve" after typing `changes`."""
    html = client.get(reverse("wagtailadmin_pages:edit", args=[article.pk])).content.decode()
    posted = querydict_from_html(html, form_id="page-edit-form")
    data = {key: posted.get(key) for key in posted}
    latest = ArticlePage.objects.get(pk=article.pk).get_latest_revision_as_object()
    body = ArticlePage.body.field.stream_block.get_form_state(latest.body)
    data.update(nested_form_data({"body": block_form_data(body)}))
    data.update(changes)
    data.update(
        {
            "action-workflow-action": "1",
            "workflow-action-name": "approve",
            "workflow-action-extra-data": "{}",
        }
    )
    return data


def test_articles_use_the_review_and_publish_workflow(draft):
    workflow = draft.get_workflow()
    assert workflow.name == "Review and publish"
    assert [task.specific.__class__.__name__ for task in workflow.tasks] == [
        "ReviewByAnotherStaffTask"
    ]


def test_author_cannot_approve_their_own_article(draft, support_staff):
    state = submit(draft, support_staff)
    task_state = state.current_task_state
    task = task_state.task.specific
    assert "approve" not in [action[0] for action in task.get_actions(draft, support_staff)]
    with pytest.raises(PermissionDenied):
        task.on_action(task_state, support_staff, "approve")
    draft.refresh_from_db()
    assert not draft.live
    assert not task.get_task_states_user_can_moderate(support_staff).exists()


def test_another_staff_member_approves_and_the_article_goes_live(
    client, draft, support_staff, second_support_staff
):
    state = submit(draft, support_staff)
    task_state = state.current_task_state
    task = task_state.task.specific
    assert (
        task.get_task_states_user_can_moderate(second_support_staff)
        .filter(pk=task_state.pk)
        .exists()
    )
    task.on_action(task_state, second_support_staff, "approve")
    draft.refresh_from_db()
    assert draft.live
    assert client.get(draft.url).status_code == 200


def test_a_reviewer_who_edits_the_revision_cannot_then_approve_it(
    draft, support_staff, second_support_staff
):
    state = submit(draft, support_staff)
    draft.summary = "Edited while waiting for review."
    draft.save_revision(user=second_support_staff)
    task = state.current_task_state.task.specific
    with pytest.raises(PermissionDenied):
        task.on_action(state.current_task_state, second_support_staff, "approve")


@pytest.mark.parametrize("article", ["draft", "linked_draft"])
def test_second_reviewer_approves_from_the_editor_and_the_article_goes_live(
    client, request, article, support_staff, second_support_staff
):
    draft = request.getfixturevalue(article)
    submit(draft, support_staff)
    client.force_login(second_support_staff)
    edit_url = reverse("wagtailadmin_pages:edit", args=[draft.pk])
    response = client.post(edit_url, editor_form(client, draft))
    assert response.status_code == 302 and response["Location"] != "/admin/"
    article = ArticlePage.objects.get(pk=draft.pk)
    assert article.live
    assert client.get(article.url).status_code == 200
    approval = PageLogEntry.objects.get(page=article, action="wagtail.workflow.approve")
    assert approval.user == second_support_staff
    assert not article.revisions.filter(user=second_support_staff).exists()


@pytest.mark.parametrize(
    "change", [{"summary": "Rewritten by the reviewer."}, {"related_links-0-DELETE": "1"}]
)
def test_reviewer_who_changes_the_article_in_the_editor_is_told_they_cannot_approve_it(
    client, linked_draft, change, support_staff, second_support_staff
):
    draft = linked_draft
    state = submit(draft, support_staff)
    client.force_login(second_support_staff)
    edit_url = reverse("wagtailadmin_pages:edit", args=[draft.pk])
    data = editor_form(client, draft, **change)
    response = client.post(edit_url, data, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "You changed this article, so you cannot also approve it" in response.content.decode()
    assert not ArticlePage.objects.get(pk=draft.pk).live
    assert not Revision.objects.filter(user=second_support_staff).exists()
    task = state.current_task_state.task.specific
    assert task.get_task_states_user_can_moderate(second_support_staff).exists()


def test_reviewer_whose_change_the_editor_already_saved_is_told_they_cannot_approve(
    client, draft, support_staff, second_support_staff
):
    submit(draft, support_staff)
    autosaved = ArticlePage.objects.get(pk=draft.pk)
    autosaved.summary = "Typed by the reviewer, saved by the editor as they typed."
    autosaved.save_revision(user=second_support_staff)
    client.force_login(second_support_staff)
    edit_url = reverse("wagtailadmin_pages:edit", args=[draft.pk])
    response = client.post(edit_url, editor_form(client, draft), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "You changed this article, so you cannot also approve it" in response.content.decode()
    assert not ArticlePage.objects.get(pk=draft.pk).live


def test_reviewer_who_undid_their_change_may_approve(draft, support_staff, second_support_staff):
    state = submit(draft, support_staff)
    article = ArticlePage.objects.get(pk=draft.pk)
    submitted_summary = article.summary
    article.summary = "A change the reviewer then took back."
    article.save_revision(user=second_support_staff)
    article.summary = submitted_summary
    article.save_revision(user=second_support_staff)
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, second_support_staff, "approve")
    assert ArticlePage.objects.get(pk=draft.pk).live


def test_unchanged_revision_saved_by_a_reviewer_leaves_them_free_to_approve(
    draft, support_staff, second_support_staff
):
    state = submit(draft, support_staff)
    ArticlePage.objects.get(pk=draft.pk).save_revision(user=second_support_staff)
    task_state = state.current_task_state
    task = task_state.task.specific
    assert "approve" in [action[0] for action in task.get_actions(draft, second_support_staff)]
    assert task.get_task_states_user_can_moderate(second_support_staff).exists()
    task.on_action(task_state, second_support_staff, "approve")
    assert ArticlePage.objects.get(pk=draft.pk).live


def test_review_emails_link_only_to_the_configured_site(
    settings, mailoutbox, draft, support_staff, second_support_staff
):
    settings.WAGTAILADMIN_BASE_URL = "https://help.example.com:8443"
    state = submit(draft, support_staff)  # "submitted" to the other reviewers
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, second_support_staff, "approve")
    assert [email.to for email in mailoutbox][-1] == [support_staff.email]  # "approved"
    for email in mailoutbox:
        links = re.findall(r"https?://\S+", email.body)
        assert links and all(link.startswith("https://help.example.com:8443/") for link in links)
    page_path = ArticlePage.objects.get(pk=draft.pk).get_url_parts()[2]
    assert f"https://help.example.com:8443{page_path}" in mailoutbox[-1].body


def test_author_can_still_withdraw_by_requesting_changes(draft, support_staff):
    state = submit(draft, support_staff)
    task = state.current_task_state.task.specific
    task.on_action(state.current_task_state, support_staff, "reject")
    state.refresh_from_db()
    assert state.status == state.STATUS_NEEDS_CHANGES


def test_self_approval_through_the_admin_is_forbidden(
    client, draft, support_staff, second_support_staff
):
    state = submit(draft, support_staff)
    url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[draft.pk, "approve", state.current_task_state.pk],
    )
    client.force_login(support_staff)
    response = client.post(url, {"comment": ""})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert not ArticlePage.objects.get(pk=draft.pk).live
    client.force_login(second_support_staff)
    assert client.post(url, {"comment": ""}).status_code == 302
    assert ArticlePage.objects.get(pk=draft.pk).live


def test_staff_cannot_publish_an_article_directly_from_the_editor(client, draft, support_staff):
    client.force_login(support_staff)
    edit_url = reverse("wagtailadmin_pages:edit", args=[draft.pk])
    html = client.get(edit_url).content.decode()
    assert 'name="action-submit"' in html
    assert 'name="action-publish"' not in html
    response = client.post(edit_url, {"action-publish": "1"})
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert not ArticlePage.objects.get(pk=draft.pk).live


def test_staff_can_open_the_new_article_form(client, category, support_staff):
    client.force_login(support_staff)
    url = reverse("wagtailadmin_pages:add", args=["kb", "articlepage", category.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert 'name="action-publish"' not in response.content.decode()
    response = client.post(url, {"action-publish": "1", "title": "Sneaky", "slug": "sneaky"})
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert not ArticlePage.objects.filter(slug="sneaky").exists()


def test_moderators_and_customers_cannot_edit_articles(client, article, customer, moderator):
    for user in (moderator, customer):
        permissions = article.permissions_for_user(user)
        assert not permissions.can_edit()
        assert not permissions.can_publish()
    client.force_login(moderator)
    assert client.get(reverse("wagtailadmin_pages:edit", args=[article.pk])).status_code in (
        302,
        403,
    )


def test_support_staff_may_add_edit_and_lock_articles(article, support_staff):
    permissions = article.permissions_for_user(support_staff)
    assert permissions.can_edit() and permissions.can_lock()
    assert kb_index("ar").permissions_for_user(support_staff).can_add_subpage()


def test_scheduled_article_goes_live_after_approval_at_its_time(
    category, support_staff, second_support_staff
):
    from django.core.management import call_command
    from django.utils import timezone

    article = make_article(category, "Coming soon", publish=False, user=support_staff)
    article.go_live_at = timezone.now() + timezone.timedelta(days=1)
    article.save_revision(user=support_staff)
    state = submit(article, support_staff)
    state.current_task_state.task.specific.on_action(
        state.current_task_state, second_support_staff, "approve"
    )
    article.refresh_from_db()
    assert not article.live
    revision = article.get_latest_revision()
    assert revision.approved_go_live_at is not None
    # Let the scheduled time pass.
    past = timezone.now() - timezone.timedelta(minutes=1)
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save(update_fields=["content", "approved_go_live_at"])
    call_command("publish_scheduled")
    article.refresh_from_db()
    assert article.live


def test_revisions_are_kept_for_articles(article, support_staff):
    article.summary = "Second version"
    article.save_revision(user=support_staff)
    assert article.revisions.count() == 2


def test_owner_must_be_support_staff(category, support_staff, customer):
    from django.core.exceptions import ValidationError

    owned = make_article(category, "Owned", content_owner=support_staff)
    assert owned.content_owner == support_staff
    owned.content_owner = customer
    with pytest.raises(ValidationError):
        owned.full_clean()
    assert make_category("ar", "فئة")


def test_new_article_form_starts_with_the_sites_review_interval(client, category, support_staff):
    from wagtail.models import Site

    from kb.models import KnowledgeBaseSettings

    site_settings = KnowledgeBaseSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.review_every_days = 45
    site_settings.save()
    client.force_login(support_staff)
    url = reverse("wagtailadmin_pages:add", args=["kb", "articlepage", category.pk])
    html = client.get(url).content.decode()
    assert 'name="review_every" value="45"' in html


def test_support_staff_may_change_the_knowledge_base_settings(support_staff, customer):
    assert support_staff.has_perm("kb.change_knowledgebasesettings")
    assert not customer.has_perm("kb.change_knowledgebasesettings")


def test_staff_cannot_publish_a_copy_of_an_unreviewed_draft(client, draft, support_staff):
    client.force_login(support_staff)
    url = reverse("wagtailadmin_pages:copy", args=[draft.pk])
    form = {"new_title": "Copy", "new_slug": "copy", "new_parent_page": draft.get_parent().pk}
    response = client.post(url, {**form, "publish_copies": "on"})
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert not ArticlePage.objects.filter(slug="copy").exists()
    client.post(url, form)
    assert not ArticlePage.objects.get(slug="copy").live
