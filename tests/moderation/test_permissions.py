"""Every moderation URL, for every role. A URL added without a row here fails the suite."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import get_resolver, reverse

from moderation.actions.notifications import email_off_token
from moderation.actions.people import suspend_user
from moderation.models import Notification, ReviewItem, StaleItem
from tests.factories import UserFactory

from .conftest import make_post

pytestmark = pytest.mark.django_db

# "admin_only" may open the Wagtail admin but lacks moderation.moderate: it proves each view
# checks the permission itself. Wagtail sends customers (no admin access) to the login page.
ROLES = ("anonymous", "customer", "admin_only", "moderator", "support_staff")
STAFF_ONLY = {
    "anonymous": "login",
    "customer": "login",
    "admin_only": "denied",
    "moderator": "ok",
    "support_staff": "ok",
}
MEMBERS = dict.fromkeys(ROLES, "ok") | {"anonymous": "login"}
EVERYONE = dict.fromkeys(ROLES, "ok")
# A notification opens for its recipient only (tests/forum/test_notifications.py); for anyone
# else it does not exist.
SOMEONE_ELSES = dict.fromkeys(ROLES, "404") | {"anonymous": "login"}
# The stale-content report is support staff's work; moderators do not get it.
STALE_REVIEWERS = STAFF_ONLY | {"moderator": "denied"}

# url name -> (method, kwargs from the scene, expected result per role)
MATRIX = {
    "moderation_admin:queue": ("get", lambda s: {}, STAFF_ONLY),
    "moderation_admin:queue_results": ("get", lambda s: {}, STAFF_ONLY),
    "moderation_admin:item": ("get", lambda s: {"pk": s["item"].pk}, STAFF_ONLY),
    "moderation_admin:decide": ("post", lambda s: {"pk": s["item"].pk}, STAFF_ONLY),
    "moderation_admin:edit": ("get", lambda s: {"pk": s["item"].pk}, STAFF_ONLY),
    "moderation_admin:bulk": ("post", lambda s: {}, STAFF_ONLY),
    "moderation_admin:audit": ("get", lambda s: {}, STAFF_ONLY),
    "moderation_admin:audit_results": ("get", lambda s: {}, STAFF_ONLY),
    "moderation_admin:suspensions": ("get", lambda s: {}, STAFF_ONLY),
    "moderation_admin:lift": ("post", lambda s: {"pk": s["suspension"].pk}, STAFF_ONLY),
    "moderation_admin:person": ("get", lambda s: {"pk": s["author"].pk}, STAFF_ONLY),
    "moderation_admin:stale": ("get", lambda s: {}, STALE_REVIEWERS),
    "moderation_admin:stale_results": ("get", lambda s: {}, STALE_REVIEWERS),
    "moderation_admin:stale_reviewed": ("post", lambda s: {"pk": s["stale"].pk}, STALE_REVIEWERS),
    "moderation_admin:stale_dismiss": ("post", lambda s: {"pk": s["stale"].pk}, STALE_REVIEWERS),
    "moderation_admin:stale_reassign": ("post", lambda s: {"pk": s["stale"].pk}, STALE_REVIEWERS),
    "moderation_admin:stale_archive": ("post", lambda s: {"pk": s["stale"].pk}, STALE_REVIEWERS),
    "moderation_admin:stale_report": ("post", lambda s: {"pk": s["stale"].pk}, STALE_REVIEWERS),
    "moderation:notifications": ("get", lambda s: {}, MEMBERS),
    "moderation:mark_read": ("post", lambda s: {}, MEMBERS),
    "moderation:open_notification": ("get", lambda s: {"pk": s["notification"].pk}, SOMEONE_ELSES),
    "moderation:mark_one_read": ("post", lambda s: {"pk": s["notification"].pk}, SOMEONE_ELSES),
    "moderation:email_preferences": ("get", lambda s: {}, MEMBERS),
    # The signed link is the right: anyone holding it sees the question (no login needed).
    "moderation:email_off": ("get", lambda s: {"token": s["email_off_token"]}, EVERYONE),
    "moderation:flag": (
        "get",
        lambda s: {"content_type_id": s["content_type"].pk, "object_id": s["published"].pk},
        MEMBERS,
    ),
}


def moderation_url_names() -> set[str]:
    names = set()

    def walk(patterns, namespace):
        for pattern in patterns:
            if hasattr(pattern, "url_patterns"):
                walk(pattern.url_patterns, pattern.namespace or namespace)
            elif pattern.name and namespace in ("moderation", "moderation_admin"):
                names.add(f"{namespace}:{pattern.name}")

    walk(get_resolver().url_patterns, None)
    return names


def test_every_moderation_url_has_a_row_in_the_permission_matrix():
    assert moderation_url_names() == set(MATRIX)


@pytest.fixture
def scene(new_user, moderator, customer):
    post = make_post(new_user, status="pending")
    published = make_post(moderator, body="A published answer")
    suspension = suspend_user(user=customer, actor=moderator, days=1, reason="Test")
    return {
        "item": ReviewItem.objects.for_target(post).get(),
        "author": new_user,
        "notification": Notification.objects.create(
            recipient=new_user, kind=Notification.Kind.APPROVED, target_url=post.get_absolute_url()
        ),
        "email_off_token": email_off_token(user_id=new_user.pk, kind="approved"),
        "suspension": suspension,
        "published": published,
        "content_type": ContentType.objects.get_for_model(published),
        "stale": StaleItem.objects.create(
            content_type=ContentType.objects.get_for_model(published),
            object_id=published.pk,
            kind="post",
            score=5,
            title="A published answer",
        ),
    }


@pytest.fixture
def admin_only(db):
    from django.contrib.auth.models import Permission

    user = UserFactory(display_name="Editor Without Moderation")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


def outcome(response) -> str:
    location = response.get("Location", "")
    if response.status_code == 302 and "login" in location:
        return "login"
    if response.status_code == 403 or (response.status_code == 302 and location == "/admin/"):
        return "denied"
    if response.status_code in (200, 302):
        return "ok"
    return str(response.status_code)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_each_role_gets_the_expected_answer(client, scene, role, name, request):
    method, kwargs, expected = MATRIX[name]
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    url = reverse(name, kwargs=kwargs(scene))
    response = getattr(client, method)(url)
    assert outcome(response) == expected[role], (name, role, response.status_code)


def test_a_customer_cannot_decide_anything(client, customer, scene):
    client.force_login(customer)
    client.post(
        reverse("moderation_admin:decide", args=[scene["item"].pk]), {"decision": "approve"}
    )
    scene["item"].refresh_from_db()
    assert scene["item"].status == "open"


@pytest.mark.parametrize(
    ("role", "allowed"),
    [("admin_only", False), ("moderator", True), ("support_staff", True)],
)
def test_only_moderating_roles_manage_watched_words_and_rejection_reasons(
    client, role, allowed, request
):
    client.force_login(request.getfixturevalue(role))
    for name in (
        "wagtailsnippets_moderation_watchedword:list",
        "wagtailsnippets_moderation_rejectiontemplate:add",
    ):
        response = client.get(reverse(name))
        assert (response.status_code == 200) is allowed, (name, role, response.status_code)
