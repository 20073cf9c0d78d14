"""Questions, answers and comments people write, with the votes, revisions and follows around them.

Split by concept: ``posts`` (statuses, questions, answers, comments), ``categories`` and
``activity`` (votes, revisions, subscriptions). Import from ``forum.models``.
"""

from .activity import CategoryFollow, Revision, Subscription, TagFollow, Vote
from .categories import Category, category_names
from .posts import (
    DELETED_USER,
    MODERATE_PERMISSION,
    VIEW_DELETED_PERMISSION,
    Answer,
    CloseReason,
    Comment,
    Post,
    PostQuerySet,
    PostStatus,
    Question,
    QuestionQuerySet,
    QuestionTag,
    VersionedPost,
    make_slug,
)

__all__ = [
    "DELETED_USER",
    "MODERATE_PERMISSION",
    "VIEW_DELETED_PERMISSION",
    "Answer",
    "Category",
    "CategoryFollow",
    "CloseReason",
    "Comment",
    "Post",
    "PostQuerySet",
    "PostStatus",
    "Question",
    "QuestionQuerySet",
    "QuestionTag",
    "Revision",
    "Subscription",
    "TagFollow",
    "VersionedPost",
    "Vote",
    "category_names",
    "make_slug",
]
