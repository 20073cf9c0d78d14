"""The corpus writer's sizes, constants and shared steps (people, text, bulk inserts).

See `bench.corpus` for the distributions."""

import math
import random
from dataclasses import dataclass, field
from datetime import timedelta
from html import escape

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.color import no_style
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify
from taggit.models import Tag
from wagtail.models import Page

from forum.models import (
    Answer,
    Comment,
    Question,
    Vote,
)
from kb.models import ArticlePage

from ..vocabulary import CHANNELS, FIRST_NAMES, LAST_NAMES, SENTENCES, TIMES, TITLES, TOPICS

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


class BaseWriter:
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
