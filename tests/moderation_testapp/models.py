"""A minimal content model implementing moderation's protocol, for tests only."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class Thread(models.Model):
    """What "lock thread" locks."""

    locked = models.BooleanField(default=False)
    locked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    def set_locked(self, locked: bool, *, actor) -> None:
        self.locked = locked
        self.locked_by = actor
        self.save()


class Post(models.Model):
    """A question or answer: status, author, created_at, title and body."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, null=True, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    title = models.CharField(max_length=200, blank=True)
    body = models.TextField()
    category = models.CharField(max_length=50, blank=True)
    status = models.CharField(max_length=16, default="published")
    status_history = models.JSONField(default=list, blank=True)
    votes = models.IntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return self.title or self.body[:40]

    def moderation_preview(self) -> str:
        return (self.title or self.body)[:120]

    def moderation_text(self) -> str:
        return f"{self.title}\n\n{self.body}".strip()

    def moderation_category(self) -> str:
        return self.category

    def moderation_thread(self):
        return self.thread

    def moderation_edit(self, text_fields: dict, *, actor) -> None:
        self.title = text_fields.get("title", self.title)
        self.body = text_fields.get("body", self.body)
        self.save()

    def moderation_edit_fields(self) -> dict:
        return {"title": self.title, "body": self.body}

    def set_status(self, new_status: str, *, actor) -> None:
        self.status_history = [*self.status_history, [self.status, new_status, actor and actor.pk]]
        self.status = new_status
        self.save()

    def get_absolute_url(self) -> str:
        return f"/posts/{self.pk}/"


class Note(models.Model):
    """Content with only the required half of the protocol (no edit, no thread)."""

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    body = models.TextField()
    status = models.CharField(max_length=16, default="published")
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return self.body[:40]

    def moderation_preview(self) -> str:
        return self.body[:120]

    def moderation_text(self) -> str:
        return self.body

    def set_status(self, new_status: str, *, actor) -> None:
        self.status = new_status
        self.save()

    def get_absolute_url(self) -> str:
        return f"/notes/{self.pk}/"


def published_posts_by_ids(user_ids) -> dict:
    rows = (
        Post.objects.filter(author_id__in=user_ids, status="published")
        .values("author_id")
        .annotate(n=models.Count("pk"))
    )
    return {row["author_id"]: row["n"] for row in rows}


def published_posts_of(user) -> int:
    return Post.objects.filter(author=user, status="published").count()
