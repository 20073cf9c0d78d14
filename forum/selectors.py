"""Reads that span several forum models: a whole thread, reputation, home and profile blocks."""

from dataclasses import dataclass, field
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q
from django.utils import timezone

from moderation.selectors import held_reasons, open_stale_codes, usual_review_wait

from .conf import setting
from .models import (
    Answer,
    CategoryFollow,
    Comment,
    PostStatus,
    Question,
    Subscription,
    TagFollow,
    Vote,
)
from .stale import ANSWER_FLAGGED, ANSWER_TOO_OLD, answer_age_months

REPUTATION = {
    "answer_upvote": 10,
    "question_upvote": 5,
    "accepted": 15,
    "accepting": 2,
    "downvote_received": -2,
}


def reputation_for(user) -> int:
    """A person's reputation, recomputed from votes and accepts on their published posts.

    Answer upvote +10, question upvote +5, own answer accepted +15, accepting someone else's
    answer +2, each downvote received −2. Accepting your own answer earns nothing.
    """
    published = PostStatus.PUBLISHED
    votes = Vote.objects.filter(
        Q(answer__author=user, answer__status=published)
        | Q(question__author=user, question__status=published)
    ).aggregate(
        answer_up=Count("pk", filter=Q(answer__isnull=False, value=1)),
        question_up=Count("pk", filter=Q(question__isnull=False, value=1)),
        down=Count("pk", filter=Q(value=-1)),
    )
    accepts = Question.objects.filter(status=published, accepted_answer__isnull=False).aggregate(
        accepted=Count("pk", filter=Q(accepted_answer__author=user) & ~Q(author=user)),
        accepting=Count("pk", filter=Q(author=user) & ~Q(accepted_answer__author=user)),
    )
    return (
        votes["answer_up"] * REPUTATION["answer_upvote"]
        + votes["question_up"] * REPUTATION["question_upvote"]
        + votes["down"] * REPUTATION["downvote_received"]
        + accepts["accepted"] * REPUTATION["accepted"]
        + accepts["accepting"] * REPUTATION["accepting"]
    )


@dataclass
class Thread:
    """Everything a thread page shows, loaded in a fixed number of queries."""

    question: Question
    answers: list = field(default_factory=list)
    question_comments: list = field(default_factory=list)
    duplicates: list = field(default_factory=list)
    my_votes: dict = field(default_factory=dict)
    subscribed: bool = False
    accepted_first: bool = True
    review_wait: timedelta | None = None

    @property
    def accepted_answer(self):
        return next((a for a in self.answers if a.pk == self.question.accepted_answer_id), None)

    @property
    def published_answers(self):
        return [a for a in self.answers if a.status == PostStatus.PUBLISHED]

    @property
    def listed_answer_count(self) -> int:
        """What the answers heading counts: the published answers and the viewer's own that
        wait for review, both of which the viewer sees under it ("0 answers" above one's own
        answer reads as if it were lost)."""
        own_waiting = [a for a in self.answers if getattr(a, "held_reasons", None) is not None]
        return len(self.published_answers) + len(own_waiting)


def thread_queryset(viewer):
    """The question of a thread page, with what its header shows."""
    return (
        Question.objects.visible_to(viewer)
        .select_related("author", "category", "duplicate_of")
        .prefetch_related("tags")
    )


def load_thread(*, question: Question, viewer) -> Thread:
    """Answers (by score, the accepted one first while it deserves it), comments, duplicates,
    the viewer's votes, and why the viewer's own held posts wait."""
    answers = list(
        Answer.objects.visible_to(viewer)
        .filter(question=question)
        .select_related("author")
        .order_by("-score", "created_at", "pk")
    )
    accepted_first = _place_accepted_answer(question, answers)
    _place_official_answer(question, answers)
    comments = Comment.objects.visible_to(viewer).filter(question=question).select_related("author")
    by_answer = {answer.pk: answer for answer in answers}
    for answer in answers:
        answer.question = question
        answer.visible_comments = []
    thread = Thread(question=question, answers=answers, accepted_first=accepted_first)
    for post in (question, *answers):
        post.held_reasons = None
    for comment in comments:
        comment.question = question
        if comment.answer_id is None:
            thread.question_comments.append(comment)
        elif comment.answer_id in by_answer:
            by_answer[comment.answer_id].visible_comments.append(comment)
    thread.duplicates = list(
        question.duplicates.visible_to(viewer).only("pk", "title", "slug").order_by("pk")
    )
    if viewer.is_authenticated:
        for vote in Vote.objects.filter(user=viewer).filter(
            Q(question=question) | Q(answer__question=question)
        ):
            key = ("question", vote.question_id) if vote.question_id else ("answer", vote.answer_id)
            thread.my_votes[key] = vote.value
        question.my_vote = thread.my_votes.get(("question", question.pk), 0)  # type: ignore[attr-defined]
        for answer in answers:
            answer.my_vote = thread.my_votes.get(("answer", answer.pk), 0)
        thread.subscribed = Subscription.objects.filter(user=viewer, question=question).exists()
        _explain_held_posts(thread, viewer)
    return thread


def _place_accepted_answer(question, answers: list) -> bool:
    """Put the accepted answer first, as askers and readers expect, unless it no longer deserves
    the place: another published answer leads it by DALIL_ACCEPTED_ANSWER_LEAD points or more,
    or the stale-content sweep found it too old or readers flagged it outdated. Then the answers
    stay in score order and the accepted one keeps its badge (Stack Overflow stopped pinning in
    2021 for this reason). Marks the accepted answer's age notice (`stale_months`) on the way.
    Returns whether it is first."""
    for answer in answers:
        answer.stale_months = None
    accepted = next((a for a in answers if a.pk == question.accepted_answer_id), None)
    if accepted is None:
        return True
    codes = open_stale_codes(question, {ANSWER_TOO_OLD, ANSWER_FLAGGED})
    accepted.stale_months = (
        answer_age_months(accepted, now=timezone.now()) if ANSWER_TOO_OLD in codes else None
    )
    best_other = max(
        (a.score for a in answers if a is not accepted and a.status == PostStatus.PUBLISHED),
        default=None,
    )
    outscored = best_other is not None and best_other - accepted.score >= setting(
        "DALIL_ACCEPTED_ANSWER_LEAD"
    )
    if codes or outscored:
        return answers[0] is accepted
    answers.remove(accepted)
    answers.insert(0, accepted)
    return True


def _place_official_answer(question, answers: list) -> None:
    """Keep the support team's official answer in view: right under the accepted answer when
    that one leads, otherwise first. It never takes the accepted answer's badge or place."""
    official = next(
        (
            a
            for a in answers
            if a.pk == question.official_answer_id and a.status == PostStatus.PUBLISHED
        ),
        None,
    )
    if official is None or official.pk == question.accepted_answer_id:
        return
    answers.remove(official)
    leads = bool(answers) and answers[0].pk == question.accepted_answer_id
    answers.insert(1 if leads else 0, official)


def _explain_held_posts(thread: Thread, viewer) -> None:
    """The viewer's own posts that wait for a moderator say why (`held_reasons`) and how long
    the wait usually is (`thread.review_wait`)."""
    own = [
        post
        for post in (thread.question, *thread.answers)
        if post.status == PostStatus.PENDING and post.author_id == viewer.pk
    ]
    if not own:
        return
    reasons = held_reasons(own)
    for post in own:
        key = (ContentType.objects.get_for_model(post).pk, post.pk)
        post.held_reasons = reasons.get(key, [])
    thread.review_wait = usual_review_wait()


def home_questions(*, language: str, limit: int = 5) -> dict:
    """Recent and unanswered published questions in one language, for the home page."""
    questions = Question.objects.published().in_language(language).select_related("category")
    return {
        "recent": list(questions.sorted_by("activity")[:limit]),
        "unanswered": list(questions.unanswered().sorted_by("newest")[:limit]),
    }


def profile_activity(*, person, limit: int = 5) -> dict:
    """A person's reputation and latest published questions and answers."""
    return {
        "reputation": reputation_for(person),
        "questions": list(
            Question.objects.published().filter(author=person).sorted_by("newest")[:limit]
        ),
        "answers": list(
            Answer.objects.published()
            .filter(author=person, question__status=PostStatus.PUBLISHED)
            .select_related("question")
            .order_by("-created_at")[:limit]
        ),
    }


FOLLOWED_LIMIT = 50


def followed_by(*, person, limit: int = FOLLOWED_LIMIT) -> dict:
    """What a person follows: tags, categories and threads (three queries, each capped)."""
    return {
        "tags": list(
            TagFollow.objects.filter(user=person)
            .select_related("tag")
            .order_by("tag__name")[:limit]
        ),
        "categories": list(
            CategoryFollow.objects.filter(user=person)
            .select_related("category")
            .order_by("category__position", "category__slug")[:limit]
        ),
        "threads": list(
            Question.objects.published()
            .filter(subscriptions__user=person)
            .order_by("-last_activity_at")[:limit]
        ),
    }


def published_posts_of(user) -> int:
    """A person's published questions and answers, for moderation's trust levels."""
    return sum(published_posts_by_user_ids([user.pk]).values())


def published_posts_by_user_ids(user_ids) -> dict[int, int]:
    """Published questions plus answers per author, for many people in two queries."""
    totals: dict[int, int] = {}
    for model in (Question, Answer):
        rows = (
            model.objects.published()
            .filter(author_id__in=list(user_ids))
            .values("author_id")
            .annotate(total=Count("pk"))
            .order_by()
        )
        for row in rows:
            totals[row["author_id"]] = totals.get(row["author_id"], 0) + row["total"]
    return totals
