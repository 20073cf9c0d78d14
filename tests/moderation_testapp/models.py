"""Minimal content models for moderation's generic tests (its adapter: ``moderation.py``)."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class Thread(models.Model):
    """What "lock thread" locks."""

    locked = models.BooleanField(default=False)
    locked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )


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

    def get_absolute_url(self) -> str:
        return f"/posts/{self.pk}/"


class Note(models.Model):
    """Content no adapter serves: its app may queue it, nobody may flag, edit or lock it."""

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    body = models.TextField()
    status = models.CharField(max_length=16, default="published")
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return self.body[:40]

    def get_absolute_url(self) -> str:
        return f"/notes/{self.pk}/"
