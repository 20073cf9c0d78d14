"""Searches keep what the person typed beside the normalised form the report groups by.

Searches logged before this kept only the normalised form, so that is the best spelling they
have: it is copied into ``typed``.
"""

from django.db import migrations, models
from django.db.models import F


def copy_normalised(apps, schema_editor):
    SearchQueryLog = apps.get_model("website", "SearchQueryLog")
    SearchQueryLog.objects.filter(typed="").update(typed=F("query"))


class Migration(migrations.Migration):
    dependencies = [
        ("website", "0007_search_synonyms_and_roots"),
    ]

    operations = [
        migrations.AddField(
            model_name="searchquerylog",
            name="typed",
            field=models.CharField(blank=True, max_length=200),
        ),
        migrations.RunPython(copy_normalised, migrations.RunPython.noop),
    ]
