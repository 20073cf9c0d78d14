"""Reads that span models: the review queue with its authors' histories, and the audit log."""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Prefetch, Q
from wagtail.models import ModelLogEntry

from .models import Flag, ReviewItem
from .trust import published_post_counts


def review_queue(
    *,
    reason: str = "",
    kind: str = "",
    category: str = "",
    content_type_id: int | None = None,
):
    """Open items, highest flag score first then oldest, with targets, authors and flags
    fetched in a constant number of queries."""
    items = ReviewItem.objects.open().select_related("author", "content_type")
    if reason:
        items = items.with_reason(reason)
    if kind:
        items = items.filter(kind=kind)
    if category:
        items = items.filter(category=category)
    if content_type_id:
        items = items.filter(content_type_id=content_type_id)
    return items.in_queue_order().prefetch_related(
        "target",
        Prefetch("flags", queryset=Flag.objects.select_related("flagger").order_by("created_at")),
    )


def queue_categories() -> list[str]:
    """The categories of open items, for the filter."""
    return list(
        ReviewItem.objects.open()
        .exclude(category="")
        .order_by("category")
        .values_list("category", flat=True)
        .distinct()
    )


@dataclass
class AuthorHistory:
    """What a moderator wants to know about an author before deciding."""

    joined: datetime
    published_posts: int
    decisions: dict

    @property
    def approved(self) -> int:
        return self.decisions.get(ReviewItem.Status.APPROVED, 0)

    @property
    def removed(self) -> int:
        return sum(
            self.decisions.get(status, 0)
            for status in (
                ReviewItem.Status.REJECTED,
                ReviewItem.Status.HIDDEN,
                ReviewItem.Status.SPAM,
            )
        )


def author_histories(authors) -> dict[int, AuthorHistory]:
    """Account age, published posts and past decisions for each author, in two queries plus
    one per registered post counter."""
    authors = {author.pk: author for author in authors if author is not None}
    if not authors:
        return {}
    decided = (
        ReviewItem.objects.filter(author_id__in=authors)
        .exclude(status=ReviewItem.Status.OPEN)
        .values("author_id", "status")
        .annotate(n=Count("pk"))
    )
    decisions: dict[int, dict] = {pk: {} for pk in authors}
    for row in decided:
        decisions[row["author_id"]][row["status"]] = row["n"]
    counts = published_post_counts(authors.values())
    return {
        pk: AuthorHistory(
            joined=author.date_joined,
            published_posts=counts.get(pk, 0),
            decisions=decisions[pk],
        )
        for pk, author in authors.items()
    }


def moderation_log(
    *,
    action: str = "",
    actor_id: int | None = None,
    person_id: int | None = None,
    content_type_id: int | None = None,
    object_id: str = "",
):
    """Moderation audit entries, newest first. ``person_id`` finds everything done by or to
    a person: entries they made, about their posts, or about their account."""
    entries = ModelLogEntry.objects.filter(action__startswith="dalil.moderation.").select_related(
        "user", "content_type"
    )
    if action:
        entries = entries.filter(action=action)
    if actor_id:
        entries = entries.filter(user_id=actor_id)
    if person_id:
        user_type = ContentType.objects.get_for_model(get_user_model())
        entries = entries.filter(
            Q(user_id=person_id)
            | Q(data__author_id=person_id)
            | Q(content_type=user_type, object_id=str(person_id))
        )
    if content_type_id:
        entries = entries.filter(content_type_id=content_type_id)
    if object_id:
        entries = entries.filter(object_id=str(object_id))
    return entries.order_by("-timestamp", "-pk")
