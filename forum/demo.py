"""Demo threads for the fictional Sahla Telecom help center, in Arabic and English.

Run through `seed_demo` (hook order 20). Every post is created through the services with a
fixed submission token, so running the command again finds the existing posts instead of
adding new ones.
"""

from datetime import timedelta

from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from . import services
from .demo_content import CATEGORIES, DUPLICATES, LOCKED, THREADS
from .models import Category, Question


def seed_categories() -> dict[str, Category]:
    categories = {}
    for position, (slug, name_ar, name_en) in enumerate(CATEGORIES):
        category, _ = Category.objects.update_or_create(
            slug=slug, defaults={"name_ar": name_ar, "name_en": name_en, "position": position}
        )
        categories[slug] = category
    return categories


def _seed_thread(thread: dict, *, people: dict, categories: dict, age: timedelta) -> Question:
    key = thread["key"]
    asker = people[thread["author"]]
    is_new = not Question.objects.filter(author=asker, submission_token=f"demo-{key}").exists()
    question = services.create_question(
        actor=asker,
        title=thread["title"],
        body=thread["body"],
        language=thread["language"],
        category=categories[thread["category"]],
        tags=thread["tags"],
        submission_token=f"demo-{key}",
    )
    # A locked thread takes no votes; its votes were cast before it was locked.
    can_vote = not question.locked
    for voter in thread.get("voters", []) if can_vote else []:
        services.vote(actor=people[voter], post=question, value=1)
    answers = []
    for number, (author, body, voters) in enumerate(thread.get("answers", [])):
        answer = services.create_answer(
            actor=people[author],
            question=question,
            body=body,
            submission_token=f"demo-{key}-a{number}",
        )
        for voter in voters if can_vote else []:
            services.vote(actor=people[voter], post=answer, value=1)
        answers.append(answer)
    for number, (author, body, on_answer) in enumerate(thread.get("comments", [])):
        services.create_comment(
            actor=people[author],
            question=question,
            answer=answers[on_answer] if on_answer is not None else None,
            body=body,
            submission_token=f"demo-{key}-c{number}",
        )
    if thread.get("accepted") is not None:
        question.refresh_from_db()
        if question.accepted_answer_id != answers[thread["accepted"]].pk:
            services.accept_answer(actor=asker, answer=answers[thread["accepted"]])
    if is_new:
        created = timezone.now() - age
        Question.objects.filter(pk=question.pk).update(
            created_at=created, last_activity_at=created + timedelta(hours=5)
        )
        question.answers.update(created_at=created + timedelta(hours=2))
        question.comments.update(created_at=created + timedelta(hours=4))
    return question


def seed_forum_demo(command) -> None:
    """Categories, 30+ threads in both languages, one duplicate and one locked thread."""
    people = command.people
    moderator = people["sami"]
    # Demo people get no email while their threads are created.
    with (
        override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"),
        transaction.atomic(),
    ):
        categories = seed_categories()
        questions = {}
        for position, thread in enumerate(THREADS):
            age = timedelta(days=len(THREADS) - position, hours=position)
            questions[thread["key"]] = _seed_thread(
                thread, people=people, categories=categories, age=age
            )
        for duplicate_key, original_key in DUPLICATES.items():
            duplicate = questions[duplicate_key]
            if duplicate.duplicate_of_id != questions[original_key].pk:
                services.mark_duplicate(
                    actor=moderator, question=duplicate, original=questions[original_key]
                )
        for key in LOCKED:
            services.set_locked(actor=moderator, question=questions[key], locked=True)
    command.stdout.write(f"Forum: {len(THREADS)} demo threads in Arabic and English.")
