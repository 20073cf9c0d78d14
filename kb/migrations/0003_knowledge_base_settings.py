"""Staff-editable knowledge-base defaults, editable by the Support staff group."""

import django.core.validators
import django.db.models.deletion
import kb.models.settings
from django.db import migrations, models


def grant_settings_permission(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _ = ContentType.objects.get_or_create(
        app_label="kb", model="knowledgebasesettings"
    )
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename="change_knowledgebasesettings",
        defaults={"name": "Can change knowledge base settings"},
    )
    Group.objects.get(name="Support staff").permissions.add(permission)


class Migration(migrations.Migration):

    dependencies = [
        ('kb', '0002_kb_pages_roles_and_workflow'),
        ('wagtailcore', '0098_apitoken'),
    ]

    operations = [
        migrations.CreateModel(
            name='KnowledgeBaseSettings',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('review_every_days', models.PositiveSmallIntegerField(default=kb.models.settings.default_review_every, help_text='The review interval a new article starts with; each article can change it.', validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(3650)], verbose_name='review new articles every (days)')),
                ('site', models.OneToOneField(editable=False, on_delete=django.db.models.deletion.CASCADE, to='wagtailcore.site')),
            ],
            options={
                'verbose_name': 'knowledge base settings',
            },
        ),
        migrations.RunPython(grant_settings_permission, migrations.RunPython.noop),
    ]
