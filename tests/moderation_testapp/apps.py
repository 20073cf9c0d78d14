from django.apps import AppConfig


class ModerationTestAppConfig(AppConfig):
    """A stand-in for the forum: a Post model that follows moderation's content protocol."""

    name = "tests.moderation_testapp"
    label = "moderation_testapp"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from moderation.protocol import register_content_model
        from moderation.trust import register_post_counter

        from .models import Post, published_posts_by_ids, published_posts_of

        register_content_model(Post)
        register_post_counter(published_posts_of, bulk=published_posts_by_ids)
