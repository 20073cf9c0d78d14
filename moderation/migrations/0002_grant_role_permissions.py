"""Give Moderators and Support staff the right to moderate and to manage watched words and
rejection reasons."""

from django.db import migrations

ROLE_GROUPS = ("Moderators", "Support staff")
PERMISSIONS = [("reviewitem", "moderate", "Can moderate community content")] + [
    (model, f"{verb}_{model}", f"Can {verb} {label}")
    for model, label in (("watchedword", "watched word"), ("rejectiontemplate", "rejection reason"))
    for verb in ("add", "change", "delete", "view")
]


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    permissions = []
    for model, codename, name in PERMISSIONS:
        content_type, _ = ContentType.objects.get_or_create(app_label="moderation", model=model)
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )
        permissions.append(permission)
    for group in Group.objects.filter(name__in=ROLE_GROUPS):
        group.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0001_initial"),
        ("website", "0003_roles_and_home_pages"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
