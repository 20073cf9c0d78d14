"""Reads that span models: what an article page shows around its body, the feedback report, and
what promotion shows (thread panel, article credit, promotion candidates)."""

import math

from django.core.cache import cache
from django.db.models import Count, Exists, F, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from forum.models import Answer, PostStatus, Question
from moderation.stale import reader_score

from .conf import setting
from .models import (
    ArticleFeedback,
    ArticlePage,
    CategoryPage,
    FeedbackReason,
    KnowledgeBaseIndexPage,
    Nomination,
    Provenance,
)


def ask_community_url(article: ArticlePage) -> str:
    """The forum's ask form with this article as context (the question records where it came
    from, which the stale-content sweep counts)."""
    return f"{reverse('forum:ask')}?{urlencode({'from_page': article.pk})}"


def related_articles(article: ArticlePage) -> list[ArticlePage]:
    """Hand-picked related articles, shown in the article's own language where translated."""
    keys = list(article.related_links.values_list("article__translation_key", flat=True))
    if not keys:
        return []
    found = {
        page.translation_key: page
        for page in ArticlePage.objects.live()
        .public()
        .filter(translation_key__in=keys, locale_id=article.locale_id)
    }
    return [found[key] for key in keys if key in found]


def visitor_feedback(article: ArticlePage, request) -> ArticleFeedback | None:
    """The vote this visitor (user or anonymous session) already gave the article, if any."""
    if request.user.is_authenticated:
        return ArticleFeedback.objects.filter(article=article, user=request.user).first()
    session_key = request.session.session_key
    if not session_key:
        return None
    return ArticleFeedback.objects.filter(
        article=article, user__isnull=True, session_key=session_key
    ).first()


def breadcrumbs(page) -> list:
    """Ancestors from the language's home page down to (not including) `page`."""
    return list(page.get_ancestors().filter(depth__gte=2))


def structured_data(article: ArticlePage, request, crumbs: list) -> list[dict]:
    """schema.org Article, BreadcrumbList and (when the body has FAQ blocks) FAQPage data."""
    url = article.get_full_url(request)
    data = [
        {
            "@context": "https://schema.org",
            "@type": "Article",
            "headline": article.title,
            "description": article.summary,
            "inLanguage": article.locale.language_code,
            "url": url,
            "datePublished": article.first_published_at,
            "dateModified": article.last_published_at,
            "author": {"@type": "Organization", "name": "Dalil"},
        },
        {
            "@context": "https://schema.org",
            "@type": "BreadcrumbList",
            "itemListElement": [
                {
                    "@type": "ListItem",
                    "position": position,
                    "name": crumb.title,
                    "item": crumb.get_full_url(request),
                }
                for position, crumb in enumerate([*crumbs, article], start=1)
            ],
        },
    ]
    faq = article.faq_items()
    if faq:
        data.append(
            {
                "@context": "https://schema.org",
                "@type": "FAQPage",
                "mainEntity": [
                    {
                        "@type": "Question",
                        "name": item["question"],
                        "acceptedAnswer": {"@type": "Answer", "text": item["answer"].clean_html()},
                    }
                    for item in faq
                ],
            }
        )
    return data


def article_page_context(article: ArticlePage, request) -> dict:
    """Everything an article page shows besides its own fields."""
    crumbs = breadcrumbs(article)
    return {
        "breadcrumbs": crumbs,
        "table_of_contents": article.headings(),
        "related_articles": related_articles(article),
        "visitor_feedback": visitor_feedback(article, request),
        "ask_url": ask_community_url(article),
        "structured_data": structured_data(article, request, crumbs),
        "reasons": FeedbackReason.choices,
        "provenance": article_provenance(article),
        "stale_notice": stale_notice(article),
    }


def stale_notice(article: ArticlePage) -> dict | None:
    """What readers are told when the article's stale score for readers (moderation's
    ``reader_score``: feedback only anonymous visitors gave does not count) reaches
    DALIL_STALE_BANNER_SCORE: the date it was last checked (its first publication when never
    reviewed)."""
    if reader_score(article) < setting("DALIL_STALE_BANNER_SCORE"):
        return None
    return {"last_reviewed": article.last_reviewed_at or article.first_published_at}


def home_categories(locale) -> list[CategoryPage]:
    """The knowledge-base categories of one language, in the order staff chose."""
    return list(CategoryPage.objects.live().public().filter(locale=locale).in_order())


def feedback_report_rows():
    """Articles with any feedback, with counts and the 90-day helpful ratio, worst first."""
    return (
        ArticlePage.objects.with_feedback_counts()
        .filter(Q(helpful_count__gt=0) | Q(unhelpful_count__gt=0))
        .select_related("locale")
        .order_by("-unhelpful_count", "-helpful_count", "title")
    )


KB_URL_CACHE_KEY = "dalil:kb-index-url:{language}"
KB_URL_CACHE_SECONDS = 60 * 60


def knowledge_base_url(language: str, request) -> str:
    """The URL of the knowledge-base index in `language`, for the header on every page.

    Cached because it is asked on every request; `kb.apps` clears it when an index page is
    published, unpublished, moved or deleted."""
    key = KB_URL_CACHE_KEY.format(language=language)
    url = cache.get(key)
    if url is None:
        index = KnowledgeBaseIndexPage.objects.live().filter(locale__language_code=language).first()
        url = index.get_url(request=request) if index else ""
        cache.set(key, url, KB_URL_CACHE_SECONDS)
    return url


def forget_knowledge_base_urls(**kwargs) -> None:
    from django.conf import settings

    cache.delete_many([KB_URL_CACHE_KEY.format(language=code) for code, _ in settings.LANGUAGES])


# Promotion -----------------------------------------------------------------------------------


def thread_promotion_panel(request, question) -> dict | None:
    """What a thread page shows about the knowledge base, in one query: the live article its
    answer became, and for staff the promote (or nominate) link for the accepted answer."""
    user = request.user
    can_promote = user.is_authenticated and user.has_perm("kb.promote_answer")
    can_nominate = user.is_authenticated and user.has_perm("kb.nominate_answer")
    provenances = list(
        Provenance.objects.filter(question_id=question.pk)
        .select_related("article")
        .only("answer_id", "article__id", "article__live", "article__title", "article__url_path")
        .order_by("-promoted_at")
    )
    live = next((p for p in provenances if p.article.live), None)
    accepted = question.accepted_answer_id
    promoted = next((p for p in provenances if p.answer_id == accepted), None)
    panel = {"template": "kb/_thread_promotion.html"}
    if live is not None:
        panel.update(
            live_article_url=live.article.get_url(request), live_article_title=live.article.title
        )
    if accepted and question.is_published:
        if can_promote and promoted is not None:
            panel["promoted_admin_url"] = reverse(
                "wagtailadmin_pages:edit", args=[promoted.article.pk]
            )
        elif can_promote:
            panel["promote_url"] = reverse("kb:promote", args=[accepted])
        elif can_nominate and promoted is None:
            panel["nominate_url"] = reverse("kb:nominate", args=[accepted])
    return panel if len(panel) > 1 else None


def article_provenance(article: ArticlePage):
    """The community answer an article was built from (None for articles written by staff)."""
    return (
        Provenance.objects.filter(article=article)
        .select_related("question")
        .only(
            "answer_author_name", "answer_id", "question__id", "question__slug", "question__status"
        )
        .first()
    )


PROMOTION_SCORE_WEIGHTS = {
    "answer_score": 2.0,
    "views": 0.5,
    "duplicates": 5.0,
    "nominations": 3.0,
    "age": 1.0,
}
AGE_FULL_WEIGHT_DAYS = 365


def promotion_score(
    *, answer_score: int, views: int, duplicates: int, nominations: int, age_days: int
) -> float:
    """The documented candidate score (docs/knowledge-base.md, "Promotion candidates").

    2 × answer score + 0.5 × ln(1 + thread views) + 5 × questions closed as duplicates of the
    thread + 3 × nominations + age factor (0 → 1 as the thread reaches one year: an answer that
    kept helping for months has proved itself).
    """
    weights = PROMOTION_SCORE_WEIGHTS
    age = min(max(age_days, 0), AGE_FULL_WEIGHT_DAYS) / AGE_FULL_WEIGHT_DAYS
    return round(
        weights["answer_score"] * answer_score
        + weights["views"] * math.log1p(max(views, 0))
        + weights["duplicates"] * duplicates
        + weights["nominations"] * nominations
        + weights["age"] * age,
        2,
    )


def _count_of(queryset):
    """A correlated subquery counting `queryset`'s rows (0 when there are none)."""
    counted = (
        queryset.order_by().annotate(group=Value(1)).values("group").annotate(total=Count("pk"))
    )
    return Coalesce(Subquery(counted.values("total"), output_field=IntegerField()), 0)


def promotion_candidates() -> list:
    """Accepted, published answers on published threads not yet promoted, best first.

    Two queries whatever the number of candidates: the answers with their thread's counts, and
    the nominations' notes. Sorting by `promotion_score` happens in Python because the age and
    logarithm terms read the same on SQLite and PostgreSQL that way.
    """
    candidates = list(
        Answer.objects.filter(
            status=PostStatus.PUBLISHED,
            question__status=PostStatus.PUBLISHED,
            question__accepted_answer=F("pk"),
        )
        .exclude(Exists(Provenance.objects.filter(question_id=OuterRef("question_id"))))
        .select_related("question", "author")
        .annotate(
            duplicate_count=_count_of(
                Question.objects.filter(duplicate_of=OuterRef("question_id"))
            ),
            nomination_count=_count_of(Nomination.objects.filter(answer=OuterRef("pk"))),
        )
    )
    now = timezone.now()
    notes: dict[int, list] = {}
    for nomination in Nomination.objects.filter(answer__in=[a.pk for a in candidates]):
        notes.setdefault(nomination.answer_id, []).append(nomination)
    for answer in candidates:
        answer.nominations = notes.get(answer.pk, [])
        answer.promotion_score = promotion_score(
            answer_score=answer.score,
            views=answer.question.view_count,
            duplicates=answer.duplicate_count,
            nominations=answer.nomination_count,
            age_days=(now - answer.question.created_at).days,
        )
    candidates.sort(key=lambda a: (-a.promotion_score, -a.question.view_count, a.pk))
    return candidates
