"""Which threads search engines should index (docs/seo.md).

A thread with no published answer is thin until it is `DALIL_THREAD_NOINDEX_DAYS` old (as
Discourse and Stack Overflow do); duplicates point to their original and are left out.
"""

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from .conf import setting
from .models import Question


def _cutoff():
    return timezone.now() - timedelta(days=setting("DALIL_THREAD_NOINDEX_DAYS"))


def indexable_questions():
    """Published threads worth a search engine's time, for the sitemap."""
    return (
        Question.objects.published()
        .filter(duplicate_of__isnull=True)
        .filter(Q(answer_count__gt=0) | Q(created_at__lte=_cutoff()))
    )


def is_indexable(question: Question) -> bool:
    """The same rule for one thread, for its robots meta tag."""
    return (
        question.is_published
        and question.duplicate_of_id is None
        and (question.answer_count > 0 or question.created_at <= _cutoff())
    )
