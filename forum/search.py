"""What the site search indexes about threads: the question with its published answers.

`website` reads this through the `dalil_search_providers` hook (apps never import website);
forum services call `notify_thread_changed` after a change commits.
"""

from types import SimpleNamespace

from django.db import transaction
from django.db.models import Prefetch
from django.utils import translation
from wagtail import hooks

from .markdown import plain_text
from .models import Answer, PostStatus, Question

KIND = "thread"


class ThreadSearchProvider:
    """Published threads, each with the text of its published answers, as plain text."""

    kind = KIND

    def _threads(self):
        answers = Answer.objects.filter(status=PostStatus.PUBLISHED).only("question_id", "body")
        return (
            Question.objects.published()
            .select_related("category")
            .prefetch_related("tags", Prefetch("answers", queryset=answers, to_attr="published"))
        )

    def count(self) -> int:
        return Question.objects.published().count()

    def iter_documents(self):
        for question in self._threads().iterator(chunk_size=500):
            yield self.document(question)

    def document_for(self, object_id: str):
        if not str(object_id).isdigit():
            return None
        question = self._threads().filter(pk=object_id).first()
        return self.document(question) if question else None

    def visible_ids(self, object_ids) -> set[str]:
        """The threads among `object_ids` that visitors may see now (search checks its hits)."""
        ids = [int(i) for i in object_ids if str(i).isdigit()]
        return {
            str(pk)
            for pk in Question.objects.published().filter(pk__in=ids).values_list("pk", flat=True)
        }

    def document(self, question: Question) -> SimpleNamespace:
        with translation.override(question.language):
            url = question.get_absolute_url()
            category = question.category.name if question.category else ""
        # Indexed as the words readers see, so snippets never show markdown syntax.
        answers = [plain_text(answer.body) for answer in getattr(question, "published", [])]
        return SimpleNamespace(
            kind=KIND,
            object_id=str(question.pk),
            locale=question.language,
            title=question.title,
            body=plain_text(question.body),
            replies="\n\n".join(answers),
            tags=[tag.name for tag in question.tags.all()],
            category=category,
            solved=question.accepted_answer_id is not None,
            url=url,
            updated_at=question.last_activity_at,
            popularity=float(max(question.score, 0)),
        )


def notify_thread_changed(question_id, *, searchable: bool = True) -> None:
    """After the current transaction commits, tell the site that this thread changed: the search
    looks at it again and cached pages showing it are dropped. `searchable=False` when only what
    the page shows changed (a vote, a comment, a lock), not the text the search indexes."""
    object_id = str(question_id)

    def notify():
        for function in hooks.get_hooks("dalil_content_changed"):
            function(KIND, object_id, searchable=searchable)

    transaction.on_commit(notify)
