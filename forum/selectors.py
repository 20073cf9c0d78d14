"""Reads that span several forum models: a whole thread, reputation, home and profile blocks."""

from dataclasses import dataclass, field

from django.db.models import Count, Q

from .models import Answer, Comment, PostStatus, Question, Subscription, Vote

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

    @property
    def accepted_answer(self):
        return next((a for a in self.answers if a.pk == self.question.accepted_answer_id), None)

    @property
    def published_answers(self):
        return [a for a in self.answers if a.status == PostStatus.PUBLISHED]


def thread_queryset(viewer):
    """The question of a thread page, with what its header shows."""
    return (
        Question.objects.visible_to(viewer)
        .select_related("author", "category", "duplicate_of")
        .prefetch_related("tags")
    )


def load_thread(*, question: Question, viewer) -> Thread:
    """Answers (accepted first, then by score), comments, duplicates and the viewer's votes."""
    answers = list(
        Answer.objects.visible_to(viewer)
        .filter(question=question)
        .select_related("author")
        .order_by("-score", "created_at", "pk")
    )
    answers.sort(key=lambda a: a.pk != question.accepted_answer_id)
    comments = Comment.objects.visible_to(viewer).filter(question=question).select_related("author")
    by_answer = {answer.pk: answer for answer in answers}
    for answer in answers:
        answer.question = question
        answer.visible_comments = []
    thread = Thread(question=question, answers=answers)
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
        question.my_vote = thread.my_votes.get(("question", question.pk), 0)
        for answer in answers:
            answer.my_vote = thread.my_votes.get(("answer", answer.pk), 0)
        thread.subscribed = Subscription.objects.filter(user=viewer, question=question).exists()
    return thread


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
