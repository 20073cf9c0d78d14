from django.apps import AppConfig


class ModerationTestAppConfig(AppConfig):
    """A stand-in for the forum: a Post model moderation looks after through one adapter."""

    name = "tests.moderation_testapp"
    label = "moderation_testapp"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from moderation.adapters import register_adapter

        from .moderation import PostModerationAdapter

        register_adapter(PostModerationAdapter())
