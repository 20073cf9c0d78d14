"""Every existing forum category gets the default support policy, and support staff may work
cases (``support.work_cases``)."""

from django.db import migrations


def forwards(apps, schema_editor):
    Category = apps.get_model("forum", "Category")
    CategoryPolicy = apps.get_model("support", "CategoryPolicy")
    for category in Category.objects.filter(support_policy__isnull=True):
        CategoryPolicy.objects.create(category=category)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _ = ContentType.objects.get_or_create(app_label="support", model="case")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename="work_cases",
        defaults={"name": "Can work support cases"},
    )
    group, _ = Group.objects.get_or_create(name="Support staff")
    group.permissions.add(permission)
    # The support policies are snippets the team keeps (Wagtail asks the model permissions).
    policy_type, _ = ContentType.objects.get_or_create(app_label="support", model="categorypolicy")
    for action in ("add", "change", "view"):
        policy_permission, _ = Permission.objects.get_or_create(
            content_type=policy_type,
            codename=f"{action}_categorypolicy",
            defaults={"name": f"Can {action} support policy"},
        )
        group.permissions.add(policy_permission)


class Migration(migrations.Migration):
    dependencies = [
        ("support", "0001_initial"),
        ("forum", "0007_official_answers_and_support_team"),
        ("website", "0003_roles_and_home_pages"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
