"""Search synonyms kept by support staff, and the Arabic root of every vocabulary word.

Support staff may add, change and delete synonym groups (and so see them in the admin). The
roots of the words already in the vocabulary are filled in here; new words get theirs when
they are indexed.
"""

from django.db import migrations, models

SYNONYM_PERMISSIONS = {
    "add_searchsynonym": "Can add search synonym",
    "change_searchsynonym": "Can change search synonym",
    "delete_searchsynonym": "Can delete search synonym",
    "view_searchsynonym": "Can view search synonym",
}


def grant_synonyms(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _ = ContentType.objects.get_or_create(app_label="website", model="searchsynonym")
    group, _ = Group.objects.get_or_create(name="Support staff")
    for codename, name in SYNONYM_PERMISSIONS.items():
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )
        group.permissions.add(permission)


def fill_roots(apps, schema_editor):
    from website.search.arabic import ARABIC_LETTER, word_roots

    SearchTerm = apps.get_model("website", "SearchTerm")
    changed = []
    for term in SearchTerm.objects.only("pk", "term").iterator(chunk_size=2000):
        if ARABIC_LETTER.search(term.term):
            term.root = next(iter(word_roots(term.term)), "")
            changed.append(term)
    SearchTerm.objects.bulk_update(changed, ["root"], batch_size=1000)


class Migration(migrations.Migration):

    dependencies = [
        ('website', '0006_search_entry_narrow_heap'),
    ]

    operations = [
        migrations.CreateModel(
            name='SearchSynonym',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('language', models.CharField(max_length=8, verbose_name='language')),
                ('terms', models.TextField(help_text='Two to twenty words or short phrases (up to four words each) that mean the same, separated by commas.', verbose_name='words and phrases')),
                ('note', models.CharField(blank=True, max_length=200, verbose_name='note')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
            ],
            options={
                'verbose_name': 'search synonym',
                'verbose_name_plural': 'search synonyms',
                'ordering': ['language', 'terms'],
            },
        ),
        migrations.AddField(
            model_name='searchterm',
            name='root',
            field=models.CharField(blank=True, default='', max_length=20),
        ),
        migrations.AddIndex(
            model_name='searchterm',
            index=models.Index(fields=['root', 'locale'], name='search_term_root'),
        ),
        migrations.RunPython(grant_synonyms, migrations.RunPython.noop),
        migrations.RunPython(fill_roots, migrations.RunPython.noop),
    ]
