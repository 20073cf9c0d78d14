"""A realistic bilingual help-center corpus, written with bulk inserts.

Deterministic: the same sizes and seed give the same corpus. Distributions follow what a real
help center shows: a few people write most posts (Zipf-like), a few threads get most answers,
votes and views (lognormal weights), post lengths are lognormal, about half the answered
questions have an accepted answer, and a few posts are pending or hidden.

Rows get explicit primary keys, so questions can point at their accepted answer before the answers
exist (foreign keys are checked at commit); sequences are reset afterwards. Everything is written
in one transaction: a failed run leaves nothing behind.

Knowledge-base articles are inserted into Wagtail's page tree directly (treebeard paths, depth and
numchild computed here) instead of one `add_child` per page, which would take minutes.
"""

import itertools
import json
import math
import random
import uuid
from dataclasses import dataclass, field
from datetime import timedelta
from html import escape

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.core.management.color import no_style
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify
from taggit.models import Tag
from wagtail.models import Locale, Page

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
from kb.models import ArticlePage, ArticlePageTag, CategoryPage, KnowledgeBaseIndexPage
from kb.models.settings import default_review_every

from .vocabulary import CHANNELS, FIRST_NAMES, LAST_NAMES, SENTENCES, TIMES, TITLES, TOPICS

USERNAME_PREFIX = "corpus-"
PASSWORD = "corpus-password"
LANGUAGES = ("ar", "en")
ARABIC_SHARE = 0.55
HISTORY_DAYS = 3 * 365
FORUM_CATEGORIES = [
    ("support-channels", "قنوات الدعم", "Support channels"),
    ("billing-plans", "الفواتير والباقات", "Billing and plans"),
    ("network", "الشبكة والتغطية", "Network and coverage"),
    ("devices", "الأجهزة والشرائح", "Devices and SIM cards"),
    ("accounts", "الحسابات وتسجيل الدخول", "Accounts and login"),
    ("feedback", "الاستبيانات والشكاوى", "Surveys and complaints"),
]
KB_CATEGORIES = [
    ("contact-channels", "قنوات التواصل", "Contact channels"),
    ("billing", "الفواتير", "Billing"),
    ("network", "الشبكة", "Network"),
    ("devices", "الأجهزة", "Devices"),
    ("accounts", "الحسابات", "Accounts"),
    ("travel", "السفر والتجوال", "Travel and roaming"),
]


@dataclass
class Sizes:
    """How many of each thing to make; `articles` is per language."""

    users: int = 20_000
    questions: int = 50_000
    answers: int = 150_000
    comments: int = 200_000
    votes: int = 500_000
    articles: int = 2_000

    @classmethod
    def small(cls) -> "Sizes":
        return cls(users=40, questions=30, answers=90, comments=120, votes=300, articles=6)


@dataclass
class Plan:
    """What was decided before writing: per-post counts and scores, so counters are exact."""

    question_ids: list = field(default_factory=list)
    answer_question: list = field(default_factory=list)
    answer_ids: list = field(default_factory=list)


class CorpusExists(Exception):
    """The database already holds a generated corpus."""


def corpus_exists() -> bool:
    return get_user_model().objects.filter(username__startswith=USERNAME_PREFIX).exists()


def _next_id(model) -> int:
    last = model.objects.order_by("-pk").values_list("pk", flat=True).first()
    return (last or 0) + 1


def _weights(rng, count: int, sigma: float) -> list[float]:
    return [rng.lognormvariate(0, sigma) for _ in range(count)]


def _spread(rng, total: int, weights: list[float]) -> list[int]:
    """Share `total` items among len(weights) slots in proportion to the weights (exact total)."""
    counts = [0] * len(weights)
    if not weights:
        return counts
    for slot in rng.choices(range(len(weights)), weights=weights, k=total):
        counts[slot] += 1
    return counts


class Writer:
    """Generates text and rows for one corpus with one random generator."""

    def __init__(self, sizes: Sizes, *, seed: int, progress, batch_size: int = 5000):
        self.sizes = sizes
        self.rng = random.Random(seed)
        self.progress = progress
        self.batch_size = batch_size
        self.now = timezone.now().replace(microsecond=0)
        self.start = self.now - timedelta(days=HISTORY_DAYS)

    # Text -------------------------------------------------------------------------------------

    def _slots(self, language: str, topic_index: int) -> dict:
        topic, _, things = TOPICS[language][topic_index]
        rng = self.rng
        return {
            "topic": topic,
            "thing": rng.choice(things),
            "channel": rng.choice(CHANNELS[language]),
            "time": rng.choice(TIMES[language]),
            "number": rng.randint(1000, 9999),
        }

    def title(self, language: str, topic_index: int) -> str:
        text = self.rng.choice(TITLES[language]).format(**self._slots(language, topic_index))
        return text[0].upper() + text[1:]

    def paragraphs(self, language: str, topic_index: int, mean_sentences: float) -> list[str]:
        """Lognormal length: most posts are short, a few are long."""
        rng = self.rng
        count = max(1, min(40, round(rng.lognormvariate(math.log(mean_sentences), 0.6))))
        sentences = [
            rng.choice(SENTENCES[language]).format(**self._slots(language, topic_index))
            for _ in range(count)
        ]
        paragraphs, current = [], []
        for sentence in sentences:
            current.append(sentence)
            if len(current) >= rng.randint(2, 4):
                paragraphs.append(" ".join(current))
                current = []
        if current:
            paragraphs.append(" ".join(current))
        return paragraphs

    @staticmethod
    def body_pair(paragraphs: list[str]) -> tuple[str, str]:
        """Markdown source and its rendering (plain paragraphs render as escaped <p> elements,
        exactly what forum.markdown.render_markdown gives; a test checks it)."""
        body = "\n\n".join(paragraphs)
        return body, "".join(f"<p>{escape(p, quote=False)}</p>\n" for p in paragraphs)

    def moment_after(self, start, mean_hours: float):
        moment = start + timedelta(hours=self.rng.expovariate(1 / mean_hours))
        return min(moment, self.now)

    # Writing ----------------------------------------------------------------------------------

    def insert(self, model, rows, total: int, label: str):
        """bulk_create `rows` (an iterable) in batches, reporting progress."""
        batch = []
        done = 0
        for row in rows:
            batch.append(row)
            if len(batch) >= self.batch_size:
                model.objects.bulk_create(batch)
                done += len(batch)
                batch = []
                self.progress(label, done, max(total, done), final=False)
        if batch:
            model.objects.bulk_create(batch)
            done += len(batch)
        self.progress(label, done, done, final=True)

    def run(self) -> dict:
        with transaction.atomic():
            if corpus_exists():
                raise CorpusExists
            users = self.write_users()
            self.write_forum(users)
            self.write_articles()
            self.reset_sequences()
        self.refresh_statistics()
        return self.counts()

    def write_users(self) -> list[tuple[int, str]]:
        """People with verified emails; about 55 % prefer Arabic."""
        User = get_user_model()
        rng, first_id = self.rng, _next_id(User)
        password = make_password(PASSWORD)
        people = []
        for number in range(self.sizes.users):
            language = "ar" if rng.random() < ARABIC_SHARE else "en"
            people.append((first_id + number, language))

        def users():
            for number, (pk, language) in enumerate(people):
                yield User(
                    pk=pk,
                    username=f"{USERNAME_PREFIX}{number}",
                    email=f"{USERNAME_PREFIX}{number}@example.com",
                    password=password,
                    display_name=(
                        f"{rng.choice(FIRST_NAMES[language])} {rng.choice(LAST_NAMES[language])}"
                    ),
                    preferred_language=language,
                    date_joined=self.start + timedelta(days=rng.uniform(0, HISTORY_DAYS)),
                    is_active=True,
                )

        self.insert(User, users(), len(people), "users")
        emails = (
            EmailAddress(user_id=pk, email=f"{USERNAME_PREFIX}{n}@example.com", verified=True)
            for n, (pk, _) in enumerate(people)
        )
        self.insert(EmailAddress, emails, len(people), "emails")
        return people

    def _forum_categories(self) -> list[int]:
        existing = list(Category.objects.values_list("pk", flat=True))
        if existing:
            return existing
        for position, (slug, name_ar, name_en) in enumerate(FORUM_CATEGORIES):
            Category.objects.create(slug=slug, name_ar=name_ar, name_en=name_en, position=position)
        return list(Category.objects.values_list("pk", flat=True))

    def _tags(self, language: str) -> list[int]:
        """The tag pool of one language, most popular first (Zipf weights follow the order)."""
        names = []
        for _, tag, things in TOPICS[language]:
            names.append(tag)
            names.extend(slugify(thing, allow_unicode=True) for thing in things)
        ids = []
        for name in dict.fromkeys(names):
            tag, _ = Tag.objects.get_or_create(name=name, defaults={"slug": name})
            ids.append(tag.pk)
        return ids

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

    # Knowledge base ---------------------------------------------------------------------------

    def _kb_categories(self) -> dict[str, list[CategoryPage]]:
        """The categories of each language's knowledge base, creating a set when there is none.
        English and Arabic categories are translations of each other."""
        found = {}
        for language in LANGUAGES:
            index = KnowledgeBaseIndexPage.objects.get(locale__language_code=language)
            found[language] = list(CategoryPage.objects.child_of(index).order_by("path"))
        if all(found.values()):
            return found
        for position, (slug, name_ar, name_en) in enumerate(KB_CATEGORIES):
            key = uuid.uuid4()
            for language, name in (("en", name_en), ("ar", name_ar)):
                index = KnowledgeBaseIndexPage.objects.get(locale__language_code=language)
                if CategoryPage.objects.child_of(index).filter(slug=slug).exists():
                    continue
                category = CategoryPage(
                    title=name,
                    slug=slug,
                    sort_order=position,
                    translation_key=key,
                    locale=index.locale,
                    first_published_at=self.now,
                    last_published_at=self.now,
                )
                index.add_child(instance=category)
        return {
            language: list(
                CategoryPage.objects.child_of(
                    KnowledgeBaseIndexPage.objects.get(locale__language_code=language)
                ).order_by("path")
            )
            for language in LANGUAGES
        }

    def _article_body(self, language: str, topic: int) -> str:
        blocks = []
        for section in range(self.rng.randint(2, 5)):
            heading = self.title(language, topic).rstrip("?؟")
            blocks.append(
                {
                    "type": "heading",
                    "value": {"text": heading[:120], "level": "h2" if section == 0 else "h3"},
                    "id": str(uuid.UUID(int=self.rng.getrandbits(128))),
                }
            )
            for paragraph in self.paragraphs(language, topic, 5):
                blocks.append(
                    {
                        "type": "paragraph",
                        "value": f"<p>{escape(paragraph, quote=False)}</p>",
                        "id": str(uuid.UUID(int=self.rng.getrandbits(128))),
                    }
                )
        return json.dumps(blocks, ensure_ascii=False)

    def write_articles(self) -> None:
        """`articles` pages per language under the categories; article n in English and in
        Arabic share a translation key, as translated pages do."""
        count, rng = self.sizes.articles, self.rng
        if not count:
            return
        categories = self._kb_categories()
        content_type = ContentType.objects.get_for_model(ArticlePage)
        locales = {code: Locale.objects.get(language_code=code) for code in LANGUAGES}
        keys = [uuid.UUID(int=rng.getrandbits(128)) for _ in range(count)]
        topics = [rng.randrange(len(TOPICS["en"])) for _ in range(count)]
        tag_pools = {language: self._tags(language) for language in LANGUAGES}
        review_every = default_review_every()
        next_id = _next_id(Page)
        pages, children, tags = [], [], []
        body_field = ArticlePage._meta.get_field("body")
        for language in LANGUAGES:
            parents = categories[language]
            next_step = {p.pk: p.numchild for p in parents}
            for n in range(count):
                parent = parents[n % len(parents)]
                next_step[parent.pk] += 1
                title = self.title(language, topics[n]).rstrip("?؟")
                slug = f"{slugify(title, allow_unicode=True)[:60].strip('-')}-{n}"
                published = self.start + timedelta(days=HISTORY_DAYS * rng.random())
                page = Page(
                    pk=next_id,
                    path=Page._get_path(parent.path, parent.depth + 1, next_step[parent.pk]),
                    depth=parent.depth + 1,
                    numchild=0,
                    translation_key=keys[n],
                    locale_id=locales[language].pk,
                    live=True,
                    has_unpublished_changes=False,
                    first_published_at=published,
                    last_published_at=published,
                    latest_revision_created_at=published,
                    title=title,
                    draft_title=title,
                    slug=slug,
                    content_type_id=content_type.pk,
                    url_path=f"{parent.url_path}{slug}/",
                    search_description="",
                    seo_title="",
                )
                summary = " ".join(self.paragraphs(language, topics[n], 2)[:1])[:300]
                children.append(
                    (
                        next_id,
                        summary,
                        body_field.get_db_prep_save(
                            self._article_body(language, topics[n]), connection
                        ),
                        None,
                        review_every,
                        None,
                        None,
                    )
                )
                pool = tag_pools[language]
                for tag_id in set(rng.choices(pool[:12], k=rng.randint(1, 3))):
                    tags.append(ArticlePageTag(content_object_id=next_id, tag_id=tag_id))
                pages.append(page)
                next_id += 1
            for parent in parents:
                Page.objects.filter(pk=parent.pk).update(numchild=next_step[parent.pk])
        self.insert(Page, iter(pages), len(pages), "article pages")
        table = connection.ops.quote_name(ArticlePage._meta.db_table)
        columns = ", ".join(
            connection.ops.quote_name(f.column) for f in ArticlePage._meta.local_concrete_fields
        )
        placeholders = ", ".join(["%s"] * len(ArticlePage._meta.local_concrete_fields))
        # Table and column names come from the model and are quoted; values are parameters.
        insert = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"  # noqa: S608
        with connection.cursor() as cursor:
            for start in range(0, len(children), self.batch_size):
                cursor.executemany(
                    insert,
                    children[start : start + self.batch_size],
                )
        self.progress("articles", len(children), len(children), final=True)
        self.insert(ArticlePageTag, iter(tags), len(tags), "article tags")

    def reset_sequences(self) -> None:
        models = [get_user_model(), Question, Answer, Page]
        statements = connection.ops.sequence_reset_sql(no_style(), models)
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)

    @staticmethod
    def refresh_statistics() -> None:
        """Give PostgreSQL's planner row counts for the new rows. Without it every filter on
        the bulk-inserted tables is estimated at one row until autovacuum comes by, and the
        question list sorts all 50,000 questions (300 ms) instead of reading an index (1 ms)."""
        if connection.vendor != "postgresql":
            return
        # VACUUM (which also lets counts use index-only scans) cannot run inside a transaction,
        # as when a test calls the command; ANALYZE alone can.
        statement = "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"
        with connection.cursor() as cursor:
            cursor.execute(statement)

    def counts(self) -> dict:
        User = get_user_model()
        return {
            "users": User.objects.filter(username__startswith=USERNAME_PREFIX).count(),
            "questions": Question.objects.count(),
            "answers": Answer.objects.count(),
            "comments": Comment.objects.count(),
            "votes": Vote.objects.count(),
            "articles": ArticlePage.objects.count(),
        }
