"""Support staff promote community answers into the knowledge base; moderators nominate them."""

from django.db import migrations

GRANTS = {
    "Support staff": [
        ("promote_answer", "Can promote community answers to the knowledge base"),
        ("nominate_answer", "Can nominate community answers for the knowledge base"),
    ],
    "Moderators": [
        ("nominate_answer", "Can nominate community answers for the knowledge base"),
    ],
}


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _ = ContentType.objects.get_or_create(app_label="kb", model="provenance")
    for group_name, permissions in GRANTS.items():
        group = Group.objects.filter(name=group_name).first()
        if group is None:
            continue
        for codename, name in permissions:
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type, codename=codename, defaults={"name": name}
            )
            group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("kb", "0004_promotion"),
        ("website", "0003_roles_and_home_pages"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
