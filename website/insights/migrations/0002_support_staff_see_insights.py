from django.db import migrations


def forwards(apps, schema_editor):
    """Support staff see the insights (``insights.view_insights``)."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    content_type, _ = ContentType.objects.get_or_create(app_label="insights", model="dailyviews")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename="view_insights",
        defaults={"name": "Can see the insights"},
    )
    group, _ = Group.objects.get_or_create(name="Support staff")
    group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("insights", "0001_views_visits_and_daily_figures"),
        ("website", "0003_roles_and_home_pages"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
