"""Create the three role groups and a home page per locale, so a fresh install is usable.

Wagtail's own initial migration leaves a "Welcome" page as the site root; it is replaced here
by an Arabic HomePage (the default language) and its English translation.
"""

import uuid

from django.db import migrations

ROLE_PERMISSIONS = {
    "Customers": [],
    "Moderators": [("wagtailadmin", "admin", "access_admin")],
    "Support staff": [
        ("wagtailadmin", "admin", "access_admin"),
        ("wagtailimages", "image", "add_image"),
        ("wagtailimages", "image", "change_image"),
        ("wagtailimages", "image", "choose_image"),
        ("wagtaildocs", "document", "add_document"),
        ("wagtaildocs", "document", "change_document"),
        ("wagtaildocs", "document", "choose_document"),
    ],
}

HOME_TITLES = {
    "ar": ("مركز المساعدة", "كيف يمكننا مساعدتك؟"),
    "en": ("Help center", "How can we help you?"),
}


def create_roles(apps, schema_editor):
    """Wagtail's first migrations make "Editors" and "Moderators" groups that may edit every page.
    Dalil's moderators look after the community, not articles, so those grants are removed and
    "Editors" (unused) goes; each role gets exactly the permissions listed above."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Collection = apps.get_model("wagtailcore", "Collection")

    Group.objects.filter(name="Editors").delete()
    root_collection = Collection.objects.filter(depth=1).first()
    for group_name, codenames in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=group_name)
        group.permissions.clear()
        GroupPagePermission.objects.filter(group=group).delete()
        GroupCollectionPermission.objects.filter(group=group).delete()
        for app_label, model, codename in codenames:
            content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type,
                codename=codename,
                defaults={"name": codename.replace("_", " ").capitalize()},
            )
            group.permissions.add(permission)
            if app_label in ("wagtailimages", "wagtaildocs") and root_collection:
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=permission
                )


def create_home_pages(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    Locale = apps.get_model("wagtailcore", "Locale")
    ContentType = apps.get_model("contenttypes", "ContentType")
    HomePage = apps.get_model("website", "HomePage")

    if HomePage.objects.exists():
        return
    root = Page.objects.get(depth=1)
    locales = {code: Locale.objects.get_or_create(language_code=code)[0] for code in HOME_TITLES}
    home_type, _ = ContentType.objects.get_or_create(app_label="website", model="homepage")

    welcome = Page.objects.filter(depth=2, content_type__model="page", content_type__app_label="wagtailcore")
    Site.objects.filter(root_page__in=welcome).delete()
    welcome.delete()

    translation_key = uuid.uuid4()
    homes = []
    for position, (code, (title, heading)) in enumerate(HOME_TITLES.items(), start=1):
        slug = f"home-{code}"
        homes.append(
            HomePage.objects.create(
                title=title,
                draft_title=title,
                heading=heading,
                slug=slug,
                content_type=home_type,
                path=f"{root.path}{position:04d}",
                depth=2,
                numchild=0,
                url_path=f"/{slug}/",
                locale=locales[code],
                translation_key=translation_key,
                live=True,
            )
        )
    root.numchild = len(homes)
    root.save(update_fields=["numchild"])
    Site.objects.create(hostname="localhost", port=80, root_page_id=homes[0].pk, is_default_site=True)


class Migration(migrations.Migration):
    dependencies = [
        ("website", "0002_homepage"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [
        migrations.RunPython(create_roles, migrations.RunPython.noop),
        migrations.RunPython(create_home_pages, migrations.RunPython.noop),
    ]
