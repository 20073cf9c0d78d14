"""What the forum tells moderation about questions, answers and comments (one adapter).

Registered in ``ForumConfig.ready``. Every write goes through ``forum.services`` (status
changes, edits, locks), so moderation's decisions keep votes, revisions and counts right and
the forum's own permission checks apply.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.functional import Promise
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from moderation.adapters import PREVIEW_CHARS, ModerationAdapter

from . import selectors, services
from .markdown import plain_text
from .models import Answer, Comment, Question, category_names

if TYPE_CHECKING:
    from moderation.rules import Actor

REVIEW_EDIT_REASON = _("Edited by a moderator during review")
DAY = 86400


class ForumModerationAdapter(ModerationAdapter):
    """Questions, answers and comments: a thread is its question, replies share its
    category and language (decision 41)."""

    models = (Question, Answer, Comment)
    post_kinds = ("question", "answer", "comment")
    # A new member's comments are short and rate-limited: only their links, images and watched
    # words send them to review.
    new_member_review_kinds = ("question", "answer")
    # "preview" is the live preview of the ask and answer forms (it renders markdown).
    rate_limits = {
        0: {
            "question": [(3, DAY), (1, 600)],
            "answer": [(10, DAY)],
            "comment": [(20, DAY)],
            "vote": [(20, DAY)],
            "preview": [(20, 60), (200, 3600)],
        },
        1: {
            "question": [(10, DAY), (1, 120)],
            "answer": [(30, DAY)],
            "comment": [(60, DAY)],
            "vote": [(100, DAY)],
            "preview": [(30, 60), (600, 3600)],
        },
        2: {
            "question": [(30, DAY)],
            "answer": [(100, DAY)],
            "comment": [(200, DAY)],
            "vote": [(300, DAY)],
            "preview": [(30, 60), (900, 3600)],
        },
    }

    def preview(self, target) -> str:
        """The words without markdown syntax; a question starts with its title."""
        if isinstance(target, Question):
            return Truncator(f"{target.title} — {plain_text(target.body)}").chars(PREVIEW_CHARS)
        return Truncator(plain_text(target.body)).chars(PREVIEW_CHARS)

    def text(self, target) -> str:
        return target.moderation_text()

    def set_status(self, target, new_status: str, *, actor: Actor) -> None:
        """``actor`` is moderation's flag-threshold system actor when enough flags hide it."""
        services.set_post_status(post=target, new_status=new_status, actor=actor)

    def is_public(self, target) -> bool:
        """A question when published; an answer when it and its question are; a comment when
        it, its question and the answer it is under are."""
        if isinstance(target, Question):
            return target.is_published
        under_answer = (
            not isinstance(target, Comment) or target.answer is None or target.answer.is_published
        )
        return target.is_published and target.question.is_published and under_answer

    def _thread(self, target) -> Question:
        return target if isinstance(target, Question) else target.question

    def category(self, target) -> str:
        category = self._thread(target).category
        return category.slug if category is not None else ""

    def category_labels(self) -> dict[str, str]:
        return category_names()

    def language(self, target) -> str:
        return self._thread(target).language

    def can_edit(self, target) -> bool:
        return isinstance(target, (Question, Answer))

    def edit_fields(self, target) -> dict[str, str]:
        if isinstance(target, Question):
            return {"title": target.title, "body": target.body}
        return {"body": target.body}

    def edit_labels(self, target) -> dict[str, str | Promise]:
        """The labels the asker or answerer read when writing."""
        if isinstance(target, Question):
            return {"title": _("Title"), "body": _("Details")}
        return {"body": _("Answer")}

    def edit(self, target, text_fields: dict, *, actor: Actor) -> None:
        """The normal edit service, so a revision is kept."""
        if isinstance(target, Question):
            services.edit_question(
                actor=actor,
                question=target,
                title=text_fields.get("title", target.title),
                body=text_fields.get("body", target.body),
                language=target.language,
                category=target.category,
                tags=[tag.name for tag in target.tags.all()],
                reason=str(REVIEW_EDIT_REASON),
                base_version=target.version,
            )
            return
        services.edit_answer(
            actor=actor,
            answer=target,
            body=text_fields.get("body", target.body),
            reason=str(REVIEW_EDIT_REASON),
            base_version=target.version,
        )

    def can_lock(self, target) -> bool:
        return True

    def set_thread_locked(self, target, locked: bool, *, actor: Actor) -> None:
        thread = self._thread(target)
        services.set_locked(actor=actor, question=thread, locked=locked)
        thread.refresh_from_db(fields=["locked"])

    def published_post_counts(self, user_ids) -> dict[int, int]:
        """Published questions and answers (comments do not earn trust)."""
        return selectors.published_posts_by_user_ids(user_ids)
