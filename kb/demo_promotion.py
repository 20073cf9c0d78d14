"""Demo promotions (seed hook order 25, after the forum's threads exist).

One accepted English answer and one accepted Arabic answer become articles; Noura promotes both
(which submits them for review) and Omar approves the English one, so the demo shows the links
both ways and one article still waiting in "Review and publish". Running it again adds nothing.
"""

from django.db import transaction
from wagtail.models import Locale

from forum.models import Question

from .models import CategoryPage, Provenance
from .services import promote_answer

PUBLISHED_LANGUAGE = "en"


def _demo_question(language: str) -> Question | None:
    return (
        Question.objects.published()
        .solved()
        .in_language(language)
        .filter(accepted_answer__status="published", duplicate_of__isnull=True)
        .select_related("accepted_answer")
        .order_by("pk")
        .first()
    )


def _approve(article, reviewer) -> None:
    state = article.current_workflow_state
    if state is None or article.live:
        return
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, reviewer, "approve")


@transaction.atomic
def seed_promotion_demo(command) -> None:
    """Promote one accepted answer per language; publish the English one through review."""
    noura, omar = command.people["noura"], command.people["omar"]
    for language in ("en", "ar"):
        provenance = (
            Provenance.objects.filter(question__language=language).select_related("article").first()
        )
        if provenance is None:
            question = _demo_question(language)
            locale = Locale.objects.get(language_code=language)
            category = CategoryPage.objects.filter(locale=locale).in_order().first()
            if question is None or category is None:
                continue
            article = promote_answer(
                answer=question.accepted_answer,
                category=category,
                locale=locale,
                title=question.title,
                actor=noura,
            )
        else:
            article = provenance.article
        if language == PUBLISHED_LANGUAGE:
            _approve(article.specific, omar)
    command.stdout.write("Knowledge base: two community answers promoted, one published.")
