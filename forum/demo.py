"""Demo threads for the fictional Sahla Telecom help center, in Arabic and English.

Run through `seed_demo` (hook order 20). Every post is created through the services with a
fixed submission token, so running the command again finds the existing posts instead of
adding new ones.

The threads are months of past community life. The demo people who wrote them are made
established members (joined a year ago) and the threads are written with moderation's trust
thresholds and rate limits lifted, because those guard the present, not an imported history;
afterwards the people really are trusted (old accounts with many published posts). The new
member Karim (`newbie`) then posts through the same services with every check on, so his posts
land in the review queue; and Sami flags two posts (see `demo_flag_targets`).
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from moderation.demo import register_demo_targets

from . import services
from .demo_content import CATEGORIES, DUPLICATES, LOCKED, NEWBIE_POSTS, RUDE_COMMENT, THREADS
from .models import Answer, Category, Comment, Question

NEWBIE = "newbie"
ESTABLISHED_FOR = timedelta(days=400)
HISTORY_SETTINGS = {
    "DALIL_TRUST_LEVEL1_POSTS": 0,
    "DALIL_TRUST_LEVEL1_DAYS": 0,
    "DALIL_RATE_LIMITS": {},
}


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
        # A second run finds answers the demo moderator's flag hid: they take no votes.
        for voter in voters if can_vote and answer.is_published else []:
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


def _establish(people: dict) -> None:
    """Everyone but the newcomer joined long ago (an update, so a second run adds nothing)."""
    established = [user.pk for key, user in people.items() if key != NEWBIE]
    since = timezone.now() - ESTABLISHED_FOR
    get_user_model().objects.filter(pk__in=established, date_joined__gt=since).update(
        date_joined=since
    )
    for key, user in people.items():
        if key != NEWBIE:
            user.refresh_from_db(fields=["date_joined"])


def _seed_newbie(*, people: dict, questions: dict, categories: dict) -> int:
    """Karim's first posts, through the real services with every moderation check: pending."""
    newbie = people.get(NEWBIE)
    if newbie is None:
        return 0
    posts = NEWBIE_POSTS
    question = services.create_question(
        actor=newbie,
        title=posts["question"]["title"],
        body=posts["question"]["body"],
        language=posts["question"]["language"],
        category=categories[posts["question"]["category"]],
        tags=posts["question"]["tags"],
        submission_token="demo-newbie-q",
    )
    answer = services.create_answer(
        actor=newbie,
        question=questions[posts["answer"]["thread"]],
        body=posts["answer"]["body"],
        submission_token="demo-newbie-a",
    )
    comment = services.create_comment(
        actor=newbie,
        question=questions[posts["comment"]["thread"]],
        body=posts["comment"]["body"],
        submission_token="demo-newbie-c",
    )
    return sum(post.is_pending for post in (question, answer, comment))


def demo_flag_targets(command) -> list:
    """What the demo moderator flags (moderation's seed, order 30, does the flagging)."""
    incorrect = Answer.objects.get(
        author=command.people["james"], submission_token="demo-en-live-chat-hours-a1"
    )
    rude = Comment.objects.get(
        author=command.people[RUDE_COMMENT["author"]], submission_token="demo-rude-comment"
    )
    return [
        (incorrect, "incorrect", "Live chat hours changed in 2025: it is now open until 22:00."),
        (rude, "abusive", "Insults other members."),
    ]


def seed_forum_demo(command) -> None:
    """Categories, 30+ threads in both languages, one duplicate and one locked thread, a new
    member's posts waiting for review and two posts for the moderator to flag."""
    people = command.people
    moderator = people["sami"]
    _establish(people)
    # Demo people get no email while their threads are created.
    with (
        override_settings(
            EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend", **HISTORY_SETTINGS
        ),
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
        services.create_comment(
            actor=people[RUDE_COMMENT["author"]],
            question=questions[RUDE_COMMENT["thread"]],
            body=RUDE_COMMENT["body"],
            submission_token="demo-rude-comment",
        )
    with (
        override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"),
        transaction.atomic(),
    ):
        pending = _seed_newbie(people=people, questions=questions, categories=categories)
    register_demo_targets(demo_flag_targets)
    command.stdout.write(
        f"Forum: {len(THREADS)} demo threads in Arabic and English; "
        f"{pending} posts by a new member awaiting review."
    )
