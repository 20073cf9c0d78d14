"""Stale-content sweep benchmark: 100,000 threads and 10,000 articles, timed on PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/dalil_stale_bench \\
        python bench/stale_sweep.py [--threads 100000] [--articles 10000]

Uses the database in DATABASE_URL itself (migrated on first run; the corpus is generated once
with bulk inserts of the fields the sweep reads and reused afterwards). Then runs the sweep
twice and prints both timings: the first creates the signals, the second must change nothing.
About 30% of accepted answers are older than the age limit, 1% of threads link to a deleted
article, 1% have an "incorrect" flag; a third of the articles are overdue for review, 2% point
at a retired product and 1% link to an unpublished page.
"""

import argparse
import os
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "website.settings.dev")

BATCH = 5000


def generate(threads: int, articles: int) -> None:
    import json

    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction
    from django.utils import timezone
    from wagtail.models import Page

    from forum.models import Answer, Category, Question
    from kb.models import ArticlePage, CategoryPage, KnowledgeBaseIndexPage, Product
    from moderation.models import Flag
    from tests.factories import UserFactory

    now = timezone.now()
    old = now - timedelta(days=800)
    with transaction.atomic():
        author = UserFactory(username="bench-author", email="bench-author@example.com")
        index = KnowledgeBaseIndexPage.objects.get(locale__language_code="en")
        category = CategoryPage(title="Bench category", slug="bench-category")
        index.add_child(instance=category)
        category.save_revision().publish()
        retired = Product.objects.create(name_ar="قديم", name_en="Old phone", retired=True)
        content_type = ContentType.objects.get_for_model(ArticlePage)
        pages = []
        for number in range(articles):
            pages.append(
                Page(
                    title=f"Bench article {number}",
                    draft_title=f"Bench article {number}",
                    slug=f"bench-{number}",
                    path=CategoryPage._get_path(category.path, category.depth + 1, number + 1),
                    depth=category.depth + 1,
                    numchild=0,
                    url_path=f"{category.url_path}bench-{number}/",
                    content_type=content_type,
                    locale_id=category.locale_id,
                    live=True,
                    first_published_at=old if number % 3 == 0 else now,
                    last_published_at=now,
                )
            )
        Page.objects.bulk_create(pages, batch_size=BATCH)
        Page.objects.filter(pk=category.pk).update(numchild=articles)
        page_ids = list(
            Page.objects.filter(path__startswith=category.path, depth=category.depth + 1)
            .order_by("path")
            .values_list("pk", flat=True)
        )
        missing = category.pk  # links to the category are fine; to a deleted id they are not
        rows = []
        for number, page_id in enumerate(page_ids):
            link = f'<a linktype="page" id="{10**9 if number % 100 == 0 else missing}">x</a>'
            body = json.dumps([{"type": "paragraph", "value": f"<p>Text {link}</p>", "id": "b"}])
            product = retired.pk if number % 50 == 0 else None
            rows.append((page_id, f"Summary {number}", body, 180, product))
        with connection.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO kb_articlepage (page_ptr_id, summary, body, review_every, product_id) "
                "VALUES (%s, %s, %s, %s, %s)",
                rows,
            )

        forum_category, _ = Category.objects.get_or_create(
            slug="bench", defaults={"name_ar": "اختبار", "name_en": "Bench"}
        )
        Question.objects.bulk_create(
            [
                Question(
                    author=author,
                    title=f"Bench question {number}",
                    slug=f"bench-question-{number}",
                    body=(
                        "See http://localhost/en/kb/gone/ for details"
                        if number % 100 == 0
                        else "A question body long enough to be realistic for the benchmark."
                    ),
                    language="en",
                    category=forum_category,
                    created_at=old,
                    updated_at=old,
                    last_activity_at=old,
                )
                for number in range(threads)
            ],
            batch_size=BATCH,
        )
        question_ids = list(
            Question.objects.filter(author=author).order_by("pk").values_list("pk", flat=True)
        )
        Answer.objects.bulk_create(
            [
                Answer(
                    author=author,
                    question_id=question_id,
                    body="An answer that solved it.",
                    created_at=old if number % 10 < 3 else now,
                    updated_at=old if number % 10 < 3 else now,
                )
                for number, question_id in enumerate(question_ids)
            ],
            batch_size=BATCH,
        )
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE forum_question SET accepted_answer_id = a.id, answer_count = 1 "
                "FROM forum_answer a WHERE a.question_id = forum_question.id"
            )
        answer_type = ContentType.objects.get_for_model(Answer)
        flagged = Answer.objects.filter(question__author=author).values_list("pk", flat=True)
        Flag.objects.bulk_create(
            [
                Flag(
                    content_type=answer_type,
                    object_id=answer_id,
                    flagger=author,
                    reason=Flag.Reason.INCORRECT,
                    score=1,
                )
                for number, answer_id in enumerate(flagged)
                if number % 100 == 50
            ],
            batch_size=BATCH,
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=100_000)
    parser.add_argument("--articles", type=int, default=10_000)
    options = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from forum.models import Question
    from moderation.models import StaleItem, StaleSignal
    from moderation.stale import run_sweep

    call_command("migrate", verbosity=0)
    if not Question.objects.filter(author__username="bench-author").exists():
        started = time.perf_counter()
        generate(options.threads, options.articles)
        print(f"generated corpus in {time.perf_counter() - started:.1f} s")
    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
    StaleSignal.objects.all().delete()
    StaleItem.objects.all().delete()
    for label in ("first sweep (creates)", "second sweep (idempotent)"):
        started = time.perf_counter()
        result = run_sweep()
        elapsed = time.perf_counter() - started
        print(
            f"{label}: {elapsed:.1f} s — {result.created} new, {result.updated} updated, "
            f"{result.resolved} resolved, {result.open_items} items; per kind {result.per_kind}"
        )


if __name__ == "__main__":
    main()
