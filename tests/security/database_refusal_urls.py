"""A test-only URLconf: the site's own routes, plus views whose writes the database refuses.

Each view writes the way a service does (inside `transaction.atomic`): first a row that is fine,
then one the database refuses. Used with `@pytest.mark.urls`, so the permission matrix, which
walks the real URLconf, never sees these routes.
"""

from django.contrib.auth.models import Group
from django.db import DataError, connection, transaction
from django.http import HttpResponse
from django.urls import path

from tests.moderation_testapp.models import Post
from website.urls import urlpatterns as site_urlpatterns

FIRST_TITLE = "Written before the refused row"


def conflicting_save(request):
    """The second group with the same name breaks auth_group's unique constraint."""
    with transaction.atomic():
        Post.objects.create(title=FIRST_TITLE, body="Saved first.")
        Group.objects.create(name="Billing helpers")
        Group.objects.create(name="Billing helpers")
    return HttpResponse("saved")


def unwrapped_conflict(request):
    """Like `conflicting_save`, without a transaction of its own (only ATOMIC_REQUESTS saves
    this view from a half-save; Dalil's views write through services instead)."""
    Post.objects.create(title=FIRST_TITLE, body="Saved first.")
    Group.objects.create(name="Billing helpers")
    Group.objects.create(name="Billing helpers")
    return HttpResponse("saved")


def invalid_save(request):
    """PostgreSQL refuses a title longer than its column, or a NUL byte in text, with a
    DataError. SQLite stores both, so there the view refuses the way PostgreSQL would."""
    bad = {"long": {"title": "x" * 500}, "nul": {"body": "before\x00after"}}[request.GET["value"]]
    with transaction.atomic():
        Post.objects.create(title=FIRST_TITLE, body="Saved first.")
        Post.objects.create(**{"title": "Second", "body": "Second.", **bad})
        if connection.vendor == "sqlite":
            raise DataError("value too long for type character varying(200)")
    return HttpResponse("saved")


urlpatterns = [
    path("refusal-test/conflict/", conflicting_save),
    path("refusal-test/invalid/", invalid_save),
    path("refusal-test/unwrapped/", unwrapped_conflict),
    path("admin/refusal-test/conflict/", conflicting_save),
    *site_urlpatterns,
]
