"""Grant moderation's permissions to the role groups after every ``migrate``.

This runs on ``post_migrate`` rather than in a data migration: a data migration here would have
to depend on website's roles migration, and that dependency reorders Wagtail's own permission
migrations into a failing order (see docs/decisions.md). Granting is idempotent.
"""

ROLE_GROUPS = ("Moderators", "Support staff")
PERMISSIONS = [
    ("reviewitem", "moderate", "Can moderate community content"),
] + [
    (model, f"{verb}_{model}", f"Can {verb} {label}")
    for model, label in (("watchedword", "watched word"), ("rejectiontemplate", "rejection reason"))
    for verb in ("add", "change", "delete", "view")
]


def grant_role_permissions(sender, apps, using="default", **kwargs):
    """Give Moderators and Support staff ``moderation.moderate`` and the right to manage watched
    words and rejection reasons, when those groups exist."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    groups = list(Group.objects.using(using).filter(name__in=ROLE_GROUPS))
    if not groups:
        return
    permissions = []
    for model, codename, name in PERMISSIONS:
        content_type, _ = ContentType.objects.using(using).get_or_create(
            app_label="moderation", model=model
        )
        permission, _ = Permission.objects.using(using).get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )
        permissions.append(permission)
    for group in groups:
        group.permissions.add(*permissions)
