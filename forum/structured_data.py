"""schema.org QAPage data for a thread, so search engines understand questions and answers."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

# The same escapes Django's json_script uses: user text can never close the <script> element.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def _person(post) -> dict:
    return {"@type": "Person", "name": post.author_name}


def _answer(answer, request) -> dict:
    return {
        "@type": "Answer",
        "text": answer.body,
        "dateCreated": answer.created_at.isoformat(),
        "upvoteCount": answer.score,
        "url": request.build_absolute_uri(answer.get_absolute_url()),
        "author": _person(answer),
    }


def qa_page(thread, request) -> dict:
    """QAPage with the question, its real answer count, accepted and suggested answers."""
    question = thread.question
    answers = thread.published_answers
    accepted = next((a for a in answers if a.pk == question.accepted_answer_id), None)
    data = {
        "@type": "Question",
        "name": question.title,
        "text": question.body,
        "answerCount": len(answers),
        "upvoteCount": question.score,
        "dateCreated": question.created_at.isoformat(),
        "inLanguage": question.language,
        "url": request.build_absolute_uri(question.get_absolute_url()),
        "author": _person(question),
    }
    if accepted is not None:
        data["acceptedAnswer"] = _answer(accepted, request)
    suggested = [_answer(a, request) for a in answers if a is not accepted]
    if suggested:
        data["suggestedAnswer"] = suggested
    return {"@context": "https://schema.org", "@type": "QAPage", "mainEntity": data}


def breadcrumbs(question, request) -> dict:
    """BreadcrumbList: community questions, the category when there is one, the thread."""
    items = [(_("Community questions"), reverse("forum:question_list"))]
    if question.category:
        items.append(
            (
                question.category.name,
                f"{reverse('forum:question_list')}?category={question.category.slug}",
            )
        )
    items.append((question.title, question.get_absolute_url()))
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": str(name),
                "item": request.build_absolute_uri(url),
            }
            for position, (name, url) in enumerate(items, start=1)
        ],
    }


def json_ld(data: dict | list) -> str:
    """JSON for a `<script type="application/ld+json">` element, escaped like json_script."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return mark_safe(text.translate(_JSON_SCRIPT_ESCAPES))  # noqa: S308
