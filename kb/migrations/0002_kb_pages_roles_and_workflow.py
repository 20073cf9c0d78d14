"""Give a fresh install its knowledge base: /ar/kb/ and /en/kb/, staff permissions, and the
"Review and publish" workflow in which another support-staff member approves each article.

Wagtail's own first migration gives its "Moderators" group add/edit/publish rights on the root
page, and so over the whole tree. Dalil's Moderators keep the community clean and must not edit
articles, so those page rights are removed here.
"""

import uuid

from django.db import migrations

INDEX_TITLES = {"ar": ("قاعدة المعرفة", "kb"), "en": ("Knowledge base", "kb")}
PATH_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
PATH_STEP = 4
PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page"]
STAFF_MODEL_PERMISSIONS = [
    ("simple_translation", "simpletranslation", "submit_translation", "Can submit translations"),
    ("kb", "articlepage", "own_article", "Can be the owner of knowledge-base articles"),
    ("kb", "articlefeedback", "view_articlefeedback", "Can view article feedback"),
    ("kb", "product", "add_product", "Can add product"),
    ("kb", "product", "change_product", "Can change product"),
    ("kb", "product", "view_product", "Can view product"),
]
WORKFLOW_NAME = "Review and publish"
TASK_NAME = "Review by another support-staff member"


def _next_child_path(Page, parent):
    last = Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1).order_by("-path").first()
    if last is None:
        number = 1
    else:
        number = int(last.path[-PATH_STEP:], 36) + 1
    digits = ""
    for _ in range(PATH_STEP):
        number, remainder = divmod(number, 36)
        digits = PATH_ALPHABET[remainder] + digits
    return parent.path + digits


def create_index_pages(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    ContentType = apps.get_model("contenttypes", "ContentType")
    HomePage = apps.get_model("website", "HomePage")
    IndexPage = apps.get_model("kb", "KnowledgeBaseIndexPage")

    if IndexPage.objects.exists():
        return
    index_type, _ = ContentType.objects.get_or_create(app_label="kb", model="knowledgebaseindexpage")
    translation_key = uuid.uuid4()
    for home in HomePage.objects.select_related("locale").order_by("path"):
        code = home.locale.language_code
        if code not in INDEX_TITLES:
            continue
        title, slug = INDEX_TITLES[code]
        IndexPage.objects.create(
            title=title,
            draft_title=title,
            slug=slug,
            content_type=index_type,
            path=_next_child_path(Page, home),
            depth=home.depth + 1,
            numchild=0,
            url_path=f"{home.url_path}{slug}/",
            locale=home.locale,
            translation_key=translation_key,
            live=True,
        )
        Page.objects.filter(pk=home.pk).update(numchild=home.numchild + 1)


def _permission(apps, app_label, model, codename, name):
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name}
    )
    return permission


def grant_permissions(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    IndexPage = apps.get_model("kb", "KnowledgeBaseIndexPage")

    staff = Group.objects.get(name="Support staff")
    for app_label, model, codename, name in STAFF_MODEL_PERMISSIONS:
        staff.permissions.add(_permission(apps, app_label, model, codename, name))
    for index in IndexPage.objects.all():
        for codename in PAGE_PERMISSIONS:
            permission = _permission(apps, "wagtailcore", "page", codename, codename.replace("_", " "))
            GroupPagePermission.objects.get_or_create(group=staff, page_id=index.pk, permission=permission)

    ancestors = set()
    for index in IndexPage.objects.all():
        ancestors |= {index.path[:end] for end in range(PATH_STEP, len(index.path) + 1, PATH_STEP)}
    GroupPagePermission.objects.filter(
        group__name__in=["Moderators", "Customers"],
        page__in=Page.objects.filter(path__in=ancestors),
    ).delete()


def create_workflow(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    ReviewTask = apps.get_model("kb", "ReviewByAnotherStaffTask")
    IndexPage = apps.get_model("kb", "KnowledgeBaseIndexPage")

    task_type, _ = ContentType.objects.get_or_create(app_label="kb", model="reviewbyanotherstafftask")
    task = ReviewTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = ReviewTask.objects.create(name=TASK_NAME, content_type=task_type, active=True)
    task.groups.add(Group.objects.get(name="Support staff"))
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    for index in IndexPage.objects.all():
        WorkflowPage.objects.update_or_create(page_id=index.pk, defaults={"workflow": workflow})


class Migration(migrations.Migration):
    dependencies = [
        ("kb", "0001_initial"),
        ("website", "0003_roles_and_home_pages"),
        ("wagtailcore", "0098_apitoken"),
        ("simple_translation", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(create_index_pages, migrations.RunPython.noop),
        migrations.RunPython(grant_permissions, migrations.RunPython.noop),
        migrations.RunPython(create_workflow, migrations.RunPython.noop),
    ]
