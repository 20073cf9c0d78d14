"""The forum part of the corpus: categories, tags, questions, answers, votes, comments."""

import itertools
from datetime import timedelta

from forum.models import (
    Answer,
    Category,
    Comment,
    PostStatus,
    Question,
    QuestionTag,
    Vote,
    make_slug,
)

from ..vocabulary import TOPICS
from .base import (
    ARABIC_SHARE,
    FORUM_CATEGORIES,
    HISTORY_DAYS,
    LANGUAGES,
    BaseWriter,
    _next_id,
    _spread,
    _weights,
)


class ForumWriter(BaseWriter):
    def _forum_categories(self) -> list[int]:
        existing = list(Category.objects.values_list("pk", flat=True))
        if existing:
            return existing
        for position, (slug, name_ar, name_en) in enumerate(FORUM_CATEGORIES):
            Category.objects.create(slug=slug, name_ar=name_ar, name_en=name_en, position=position)
        return list(Category.objects.values_list("pk", flat=True))

    def write_forum(self, people: list[tuple[int, str]]) -> None:
        sizes, rng = self.sizes, self.rng
        user_ids = [pk for pk, _ in people]
        # A few people write most posts.
        author_weights = list(
            itertools.accumulate(1 / (rank + 1) ** 0.8 for rank in range(len(user_ids)))
        )
        categories = self._forum_categories()
        tag_pools = {language: self._tags(language) for language in LANGUAGES}

        q_first, a_first = _next_id(Question), _next_id(Answer)
        q_count, a_count = sizes.questions, sizes.answers
        q_language = ["ar" if rng.random() < ARABIC_SHARE else "en" for _ in range(q_count)]
        q_topic = [
            min(len(TOPICS["en"]) - 1, int(rng.paretovariate(1.2)) - 1) for _ in range(q_count)
        ]
        # Newer questions are more common: the community grows.
        q_created = [
            self.start + timedelta(days=HISTORY_DAYS * rng.random() ** 0.6) for _ in range(q_count)
        ]
        q_status = [self._status(0.01, 0.005) for _ in range(q_count)]
        q_author = rng.choices(user_ids, cum_weights=author_weights, k=q_count)

        answers_per_question = _spread(rng, a_count, _weights(rng, q_count, 1.2))
        a_question = [i for i, n in enumerate(answers_per_question) for _ in range(n)]
        a_created = [self.moment_after(q_created[i], 30) for i in a_question]
        a_status = [self._status(0.005, 0.01) for _ in range(a_count)]
        a_author = rng.choices(user_ids, cum_weights=author_weights, k=a_count)

        # Votes: questions get about a third, answers the rest; each voter votes once per post.
        post_votes = _spread(
            rng,
            sizes.votes,
            [w * 0.7 for w in _weights(rng, q_count, 1.5)] + _weights(rng, a_count, 1.5),
        )
        post_authors = q_author + a_author
        vote_plan, scores = [], []
        for post, wanted in enumerate(post_votes):
            drawn = rng.sample(user_ids, min(wanted + 1, len(user_ids)))
            voters = [u for u in drawn if u != post_authors[post]][:wanted]
            values = [1 if rng.random() < 0.82 else -1 for _ in voters]
            vote_plan.append(list(zip(voters, values, strict=True)))
            scores.append(sum(values))
        q_score, a_score = scores[:q_count], scores[q_count:]

        published_answers = [0] * q_count
        best_answer: list[int | None] = [None] * q_count
        last_activity = list(q_created)
        for j, i in enumerate(a_question):
            if a_status[j] != PostStatus.PUBLISHED:
                continue
            published_answers[i] += 1
            last_activity[i] = max(last_activity[i], a_created[j])
            if best_answer[i] is None or a_score[j] > a_score[best_answer[i]]:
                best_answer[i] = j
        accepted = [
            a_first + best_answer[i]
            if best_answer[i] is not None
            and q_status[i] == PostStatus.PUBLISHED
            and rng.random() < 0.5
            else None
            for i in range(q_count)
        ]

        def questions():
            for i in range(q_count):
                language, topic = q_language[i], q_topic[i]
                title = self.title(language, topic)
                body, html = self.body_pair(self.paragraphs(language, topic, 4))
                yield Question(
                    pk=q_first + i,
                    author_id=q_author[i],
                    title=title,
                    slug=make_slug(title),
                    body=body,
                    body_html=html,
                    status=q_status[i],
                    created_at=q_created[i],
                    updated_at=q_created[i],
                    score=q_score[i],
                    category_id=rng.choice(categories),
                    language=language,
                    accepted_answer_id=accepted[i],
                    answer_count=published_answers[i],
                    view_count=int(rng.lognormvariate(4, 1.3)),
                    last_activity_at=last_activity[i],
                )

        def answers():
            for j, i in enumerate(a_question):
                body, html = self.body_pair(self.paragraphs(q_language[i], q_topic[i], 3))
                yield Answer(
                    pk=a_first + j,
                    question_id=q_first + i,
                    author_id=a_author[j],
                    body=body,
                    body_html=html,
                    status=a_status[j],
                    created_at=a_created[j],
                    updated_at=a_created[j],
                    score=a_score[j],
                )

        self.insert(Question, questions(), q_count, "questions")
        self.insert(Answer, answers(), a_count, "answers")

        tag_weights = {
            language: list(itertools.accumulate(1 / (rank + 1) for rank in range(len(pool))))
            for language, pool in tag_pools.items()
        }

        def question_tags():
            for i in range(q_count):
                pool, weights = tag_pools[q_language[i]], tag_weights[q_language[i]]
                chosen = set(rng.choices(pool, cum_weights=weights, k=rng.randint(1, 4)))
                for tag_id in chosen:
                    yield QuestionTag(content_object_id=q_first + i, tag_id=tag_id)

        self.insert(QuestionTag, question_tags(), q_count * 2, "tags")

        def votes():
            for post, plan in enumerate(vote_plan):
                on_question = post < q_count
                target = q_first + post if on_question else a_first + post - q_count
                created = q_created[post] if on_question else a_created[post - q_count]
                for user_id, value in plan:
                    yield Vote(
                        user_id=user_id,
                        question_id=target if on_question else None,
                        answer_id=None if on_question else target,
                        value=value,
                        created_at=self.moment_after(created, 72),
                    )

        self.insert(Vote, votes(), sizes.votes, "votes")

        # Comments: about a third on questions, the rest on answers, skewed like everything else.
        c_targets = _spread(
            rng,
            sizes.comments,
            [w * 0.5 for w in _weights(rng, q_count, 1.2)] + _weights(rng, a_count, 1.2),
        )

        def comments():
            for post, count in enumerate(c_targets):
                if not count:
                    continue
                on_question = post < q_count
                i = post if on_question else a_question[post - q_count]
                created = q_created[i] if on_question else a_created[post - q_count]
                for _ in range(count):
                    body, html = self.body_pair(self.paragraphs(q_language[i], q_topic[i], 1.3)[:1])
                    yield Comment(
                        question_id=q_first + i,
                        answer_id=None if on_question else a_first + post - q_count,
                        author_id=rng.choices(user_ids, cum_weights=author_weights)[0],
                        body=body[:500],
                        body_html=html if len(body) <= 500 else self.body_pair([body[:500]])[1],
                        status=self._status(0.003, 0.005),
                        created_at=self.moment_after(created, 12),
                    )

        self.insert(Comment, comments(), sizes.comments, "comments")

    def _status(self, pending: float, hidden: float) -> str:
        draw = self.rng.random()
        if draw < pending:
            return PostStatus.PENDING
        if draw < pending + hidden:
            return PostStatus.HIDDEN
        return PostStatus.PUBLISHED
