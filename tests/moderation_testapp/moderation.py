"""The stand-in app's one moderation adapter: it serves ``Post`` and nothing else.

``Note`` stays unregistered, so the tests show what moderation does with content no adapter
serves (queued by its app, never flaggable, editable or lockable from moderation).
"""

from django.db.models import Count

from moderation.adapters import ModerationAdapter

from .models import Post


class PostModerationAdapter(ModerationAdapter):
    models = (Post,)
    post_kinds = ("question", "answer")

    def preview(self, target) -> str:
        return (target.title or target.body)[:120]

    def text(self, target) -> str:
        return f"{target.title}\n\n{target.body}".strip()

    def set_status(self, target, new_status: str, *, actor) -> None:
        entry = [target.status, new_status, actor and actor.pk]
        target.status_history = [*target.status_history, entry]
        target.status = new_status
        target.save()

    def category(self, target) -> str:
        return target.category

    def can_edit(self, target) -> bool:
        return True

    def edit_fields(self, target) -> dict[str, str]:
        return {"title": target.title, "body": target.body}

    def edit(self, target, text_fields: dict, *, actor) -> None:
        target.title = text_fields.get("title", target.title)
        target.body = text_fields.get("body", target.body)
        target.save()

    def can_lock(self, target) -> bool:
        return target.thread_id is not None

    def set_thread_locked(self, target, locked: bool, *, actor) -> None:
        thread = target.thread
        thread.locked = locked
        thread.locked_by = actor
        thread.save()

    def published_post_counts(self, user_ids) -> dict[int, int]:
        rows = (
            Post.objects.filter(author_id__in=list(user_ids), status="published")
            .values("author_id")
            .annotate(n=Count("pk"))
        )
        return {row["author_id"]: row["n"] for row in rows}
