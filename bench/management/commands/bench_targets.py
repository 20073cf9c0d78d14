"""`manage.py bench_targets`: the URLs the load benchmark requests, and a logged-in session.

Prints JSON for bench/run.py: for each page kind a list of URLs from the corpus (threads with 30
answers, random articles, searches in both languages) and a session cookie of a corpus member.
"""

import json
import random

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db.models import F, Func
from django.test import Client
from django.utils import translation

from bench.corpus import USERNAME_PREFIX
from bench.search_corpus import QUERIES
from forum.models import Question
from kb.models import ArticlePage

THREADS = 20
ARTICLES = 40


class Command(BaseCommand):
    help = "Print the URLs and the session cookie the load benchmark uses (JSON)."

    def handle(self, *args, **options):
        rng = random.Random(7)
        questions = list(
            Question.objects.published()
            .annotate(distance=Func(F("answer_count") - 30, function="ABS"))
            .order_by("distance", "pk")[:THREADS]
        )
        if not questions:
            raise CommandError("No questions: run `manage.py generate_corpus` first.")
        threads = []
        for question in questions:
            with translation.override(question.language):
                threads.append(question.get_absolute_url())
        article_ids = list(ArticlePage.objects.live().values_list("pk", flat=True))
        articles = [
            page.url
            for page in ArticlePage.objects.filter(
                pk__in=rng.sample(article_ids, min(ARTICLES, len(article_ids)))
            )
        ]
        searches = [
            f"/{language}/search/?q={query}" for language, qs in QUERIES.items() for query in qs
        ]
        similar = [
            f"/{language}/search/similar/?q={query}"
            for language, qs in QUERIES.items()
            for query in qs
        ]
        member = get_user_model().objects.get(username=f"{USERNAME_PREFIX}1")
        client = Client()
        client.force_login(member)
        payload = {
            "answers_per_thread": sorted({q.answer_count for q in questions}),
            "search_backend": settings.DALIL_SEARCH_BACKEND,
            "session_cookie": {
                settings.SESSION_COOKIE_NAME: client.cookies[settings.SESSION_COOKIE_NAME].value
            },
            "pages": {
                "baseline": ["/_bench/baseline/"],
                "home": ["/ar/", "/en/"],
                "question list": ["/ar/questions/", "/en/questions/"],
                "thread (anonymous)": threads,
                "thread (logged in)": threads,
                "article": articles,
                f"search ({settings.DALIL_SEARCH_BACKEND})": searches,
                "similar questions": similar,
            },
        }
        self.stdout.write(json.dumps(payload, ensure_ascii=False))
