import pytest
from django.contrib.auth.models import Group

pytestmark = pytest.mark.django_db


def test_the_three_roles_exist_after_migrating():
    assert set(Group.objects.values_list("name", flat=True)) >= {
        "Customers",
        "Moderators",
        "Support staff",
    }


def test_only_moderators_and_support_staff_may_open_the_admin(customer, moderator, support_staff):
    assert not customer.has_perm("wagtailadmin.access_admin")
    assert moderator.has_perm("wagtailadmin.access_admin")
    assert support_staff.has_perm("wagtailadmin.access_admin")


def test_support_staff_may_upload_images_and_documents_but_moderators_may_not(
    moderator, support_staff
):
    for permission in ("wagtailimages.add_image", "wagtaildocs.add_document"):
        assert support_staff.has_perm(permission)
        assert not moderator.has_perm(permission)


def test_moderator_reaches_the_wagtail_admin(client, moderator):
    client.force_login(moderator)
    assert client.get("/admin/").status_code == 200
