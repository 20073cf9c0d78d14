"""Give Support staff the right to work the stale-content review queue."""

from django.db import migrations


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _ = ContentType.objects.get_or_create(app_label="moderation", model="stalesignal")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename="review_stale",
        defaults={"name": "Can review stale content"},
    )
    for group in Group.objects.filter(name="Support staff"):
        group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0003_stale_content"),
        ("website", "0003_roles_and_home_pages"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
