"""Grant the forum's moderation permissions to the roles that moderate.

Moderators and support staff may moderate posts; only moderators see deleted posts.
"""

from django.db import migrations

GRANTS = {
    "moderate_posts": ["Moderators", "Support staff"],
    "view_deleted_posts": ["Moderators"],
}
NAMES = {
    "moderate_posts": "Can moderate community posts",
    "view_deleted_posts": "Can see deleted community posts",
}


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _ = ContentType.objects.get_or_create(app_label="forum", model="question")
    for codename, groups in GRANTS.items():
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": NAMES[codename]}
        )
        for name in groups:
            group, _ = Group.objects.get_or_create(name=name)
            group.permissions.add(permission)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(
        content_type__app_label="forum", codename__in=list(GRANTS)
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("forum", "0001_initial"),
        ("website", "0003_roles_and_home_pages"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
