"""Stale-content signals for knowledge-base articles, registered with moderation's sweep.

Every signal is found with a handful of set-based queries over all live articles; bodies are
scanned as raw JSON text with regular expressions, never rendered. Causes that a review answers
(review due, feedback, reader reports, forum questions) count only since the article's last
review, so "mark reviewed" resolves them for good.
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import TYPE_CHECKING

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db.models import Count, F, Q, TextField
from django.db.models.functions import Cast, Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from moderation.stale import Detection, ItemInfo, StaleDetector

from . import drift
from .conf import setting
from .models import ArticleFeedback, ArticlePage, CategoryPage, FeedbackReason, Provenance
from .models.pages import review_due_at

if TYPE_CHECKING:
    from moderation.rules import Actor

REVIEW_DUE = "review_due"
UNHELPFUL = "unhelpful_feedback"
READER_REPORT = "reader_report"
FORUM_QUESTIONS = "forum_questions"
BROKEN_LINKS = "broken_links"
MISSING_ALT = "missing_alt_text"
PRODUCT_RETIRED = "product_retired"

_PAGE_LINK = re.compile(r'<a\b[^>]*?linktype=\\?"page\\?"[^>]*>')
_LINK_ID = re.compile(r'\bid=\\?"(\d+)')
_IMAGE_EMBED = re.compile(r'<embed\b[^>]*?embedtype=\\?"image\\?"[^>]*>')
_HAS_ALT = re.compile(r'\balt=\\?"\s*[^"\\\s]')
_EMPTY_ALT_BLOCK = re.compile(r'"alt_text"\s*:\s*"\s*"')

# A reader report's evidence keeps the newest few comments, each cut short, so the signal's
# JSON (and the row staff read) stays small however much readers wrote.
REPORT_COMMENTS_KEPT = 5
REPORT_COMMENT_CHARS = 300


def _date(value) -> str:
    return value.date().isoformat() if value else ""


def _weighed(total: int, anonymous: int) -> float:
    """Votes with anonymous ones counted at DALIL_STALE_FEEDBACK_ANONYMOUS_WEIGHT each."""
    return (total - anonymous) + anonymous * setting("DALIL_STALE_FEEDBACK_ANONYMOUS_WEIGHT")


class ArticleStaleDetector(StaleDetector):
    """Finds knowledge-base articles that may be out of date."""

    kind = "article"
    model = ArticlePage
    codes = {
        REVIEW_DUE: _("Review due"),
        UNHELPFUL: _("Unhelpful feedback"),
        READER_REPORT: _("Readers said outdated or inaccurate"),
        **drift.LABELS,
        FORUM_QUESTIONS: _("Unsolved forum questions asked from it"),
        BROKEN_LINKS: _("Links to missing or unpublished pages"),
        MISSING_ALT: _("Images without alternative text"),
        PRODUCT_RETIRED: _("Its product is retired"),
    }
    weights = {
        REVIEW_DUE: 3,
        UNHELPFUL: 3,
        READER_REPORT: 4,
        **drift.WEIGHTS,
        FORUM_QUESTIONS: 2,
        BROKEN_LINKS: 2,
        MISSING_ALT: 1,
        PRODUCT_RETIRED: 5,
    }
    # A review confirms the article against its source thread as it is (``mark_reviewed``), so
    # the drift seen so far is answered too.
    answered_by_review = {REVIEW_DUE, UNHELPFUL, READER_REPORT, FORUM_QUESTIONS, *drift.LABELS}
    has_owners = True

    def detect(self, *, now) -> Detection:
        articles = {
            row["pk"]: row
            for row in ArticlePage.objects.live().values(
                "pk",
                "title",
                "path",
                "content_owner_id",
                "locale__language_code",
                "last_reviewed_at",
                "first_published_at",
                "review_every",
                "product_id",
            )
        }
        detection = Detection()
        signals = detection.signals
        for pk, row in articles.items():
            due = review_due_at(
                last_reviewed_at=row["last_reviewed_at"],
                first_published_at=row["first_published_at"],
                review_every=row["review_every"],
            )
            if due and due <= now:
                signals[(pk, REVIEW_DUE)] = {"due": _date(due)}
        self._feedback(signals, now)
        self._forum_questions(signals)
        self._body_problems(signals, articles)
        self._retired_products(signals)
        self._source_drift(signals, articles)
        flagged = {pk for pk, _code in signals}
        categories = self._category_titles(
            {articles[pk]["path"][: -Page.steplen] for pk in flagged if pk in articles}
        )
        detection.items = {
            pk: ItemInfo(
                title=articles[pk]["title"],
                owner_id=articles[pk]["content_owner_id"],
                category=categories.get(articles[pk]["path"][: -Page.steplen], ""),
                locale=articles[pk]["locale__language_code"],
            )
            for pk in flagged
            if pk in articles
        }
        detection.signals = {key: value for key, value in signals.items() if key[0] in articles}
        return detection

    def _feedback(self, signals, now) -> None:
        """Unhelpful votes and "outdated"/"inaccurate" reports, weighed by who gave them.

        A signed-in member's vote counts 1, an anonymous visitor's
        DALIL_STALE_FEEDBACK_ANONYMOUS_WEIGHT (a new browser session costs nothing, an account
        needs a confirmed email); an anonymous "outdated"/"inaccurate" report that carries a
        written comment weighs 1 toward the staff's queue (someone said what is wrong, which is
        what staff need to act). The evidence keeps the counts, and ``shown_to_readers`` keeps
        feedback nobody signed in agreed with out of the readers' banner.
        """
        since = now - timedelta(days=setting("DALIL_STALE_FEEDBACK_WINDOW_DAYS"))
        reported = [FeedbackReason.OUTDATED, FeedbackReason.INACCURATE]
        anonymous = Q(user__isnull=True)
        no, report = Q(helpful=False), Q(helpful=False, reason__in=reported)
        recent = ArticleFeedback.objects.filter(updated_at__gte=since, article__live=True).filter(
            Q(article__last_reviewed_at__isnull=True)
            | Q(updated_at__gt=F("article__last_reviewed_at"))
        )
        rows = recent.values("article_id").annotate(
            votes=Count("pk"),
            no=Count("pk", filter=no),
            reports=Count("pk", filter=report),
            anonymous_votes=Count("pk", filter=anonymous),
            anonymous_no=Count("pk", filter=anonymous & no),
            anonymous_reports=Count("pk", filter=anonymous & report),
            # An anonymous report that says what is wrong weighs as a member's in the queue.
            anonymous_unexplained=Count("pk", filter=anonymous & report & Q(comment="")),
        )
        min_votes = setting("DALIL_STALE_FEEDBACK_MIN_VOTES")
        min_percent = setting("DALIL_STALE_FEEDBACK_MIN_NO_PERCENT")
        min_reports = setting("DALIL_STALE_READER_REPORTS_MIN")
        for row in rows:
            votes = _weighed(row["votes"], row["anonymous_votes"])
            no_votes = _weighed(row["no"], row["anonymous_no"])
            if votes >= min_votes and no_votes * 100 >= min_percent * votes:
                signals[(row["article_id"], UNHELPFUL)] = {
                    key: row[key] for key in ("votes", "no", "anonymous_votes", "anonymous_no")
                }
            weighed_reports = _weighed(row["reports"], row["anonymous_unexplained"])
            if row["reports"] and weighed_reports >= min_reports:
                signals[(row["article_id"], READER_REPORT)] = {
                    "reports": row["reports"],
                    "anonymous_reports": row["anonymous_reports"],
                }
        self._report_comments(signals, recent.filter(report).exclude(comment=""))

    def _report_comments(self, signals, reports) -> None:
        """Add to each reader-report signal what the readers wrote, newest first (one query)."""
        reported = [pk for pk, code in signals if code == READER_REPORT]
        if not reported:
            return
        rows = (
            reports.filter(article_id__in=reported)
            .order_by("-updated_at", "-pk")
            .values_list("article_id", "comment")
        )
        for article_id, comment in rows.iterator():
            comments = signals[(article_id, READER_REPORT)].setdefault("comments", [])
            if len(comments) < REPORT_COMMENTS_KEPT:
                comments.append(Truncator(comment).chars(REPORT_COMMENT_CHARS))

    def shown_to_readers(self, code: str, evidence: dict) -> bool:
        """Whether a signal may count toward the "may be out of date" banner readers see.

        Feedback signals count only when at least one signed-in member took part: anonymous
        votes alone fill the staff's review queue, never the public banner.
        """
        if code == UNHELPFUL:
            return evidence.get("no", 0) - evidence.get("anonymous_no", 0) >= 1
        if code == READER_REPORT:
            return evidence.get("reports", 0) - evidence.get("anonymous_reports", 0) >= 1
        return True

    def _forum_questions(self, signals) -> None:
        if not apps.is_installed("forum"):
            return
        from forum.models import Question

        rows = (
            Question.objects.published()
            .unsolved()
            .filter(source_page__live=True, source_page__articlepage__isnull=False)
            .filter(
                created_at__gt=Coalesce(
                    F("source_page__articlepage__last_reviewed_at"),
                    F("source_page__first_published_at"),
                )
            )
            .values("source_page_id")
            .annotate(count=Count("pk"))
            .filter(count__gte=setting("DALIL_STALE_FORUM_QUESTIONS_MIN"))
        )
        for row in rows:
            signals[(row["source_page_id"], FORUM_QUESTIONS)] = {"questions": row["count"]}

    def _body_problems(self, signals, articles) -> None:
        bodies = ArticlePage.objects.live().annotate(raw=Cast("body", TextField()))
        linked: dict[int, set[int]] = {}
        for pk, raw in bodies.values_list("pk", "raw"):
            raw = raw or ""
            ids = {
                int(match.group(1))
                for tag in _PAGE_LINK.findall(raw)
                if (match := _LINK_ID.search(tag))
            }
            if ids:
                linked[pk] = ids
            images = [tag for tag in _IMAGE_EMBED.findall(raw) if not _HAS_ALT.search(tag)]
            missing = len(images) + len(_EMPTY_ALT_BLOCK.findall(raw))
            if missing:
                signals[(pk, MISSING_ALT)] = {"images": missing}
        for page_id, target_id in ArticlePage.related_links.rel.related_model.objects.filter(
            page__live=True
        ).values_list("page_id", "article_id"):
            linked.setdefault(page_id, set()).add(target_id)
        wanted = set().union(*linked.values()) if linked else set()
        live = set(Page.objects.filter(pk__in=wanted, live=True).values_list("pk", flat=True))
        for pk, ids in linked.items():
            broken = sorted(ids - live)
            if broken:
                signals[(pk, BROKEN_LINKS)] = {"pages": broken}

    def _retired_products(self, signals) -> None:
        rows = ArticlePage.objects.live().filter(product__retired=True)
        for pk, name, version in rows.values_list("pk", "product__name_en", "product__version"):
            signals[(pk, PRODUCT_RETIRED)] = {"product": f"{name} {version}".strip()}

    def _source_drift(self, signals, articles) -> None:
        """How each promoted article's source thread changed since staff last checked it."""
        provenances = Provenance.objects.filter(article_id__in=list(articles))
        for article_id, reasons in drift.drift_by_article(provenances).items():
            for code, evidence in reasons.items():
                signals[(article_id, code)] = evidence

    def _category_titles(self, paths) -> dict[str, str]:
        return dict(CategoryPage.objects.filter(path__in=paths).values_list("path", "title"))

    def describe(self, code: str, evidence: dict) -> str:
        if code == REVIEW_DUE:
            return gettext("Due since %(date)s") % {"date": evidence.get("due", "")}
        if code == UNHELPFUL:
            text = gettext("%(no)s of %(votes)s recent votes said No") % evidence
            if evidence.get("anonymous_no"):
                text += " " + gettext("(%(anonymous_no)s of the No votes anonymous)") % evidence
            return text
        if code == READER_REPORT:
            text = gettext("Reports: %(reports)s") % evidence
            if evidence.get("anonymous_reports"):
                text += " " + gettext("(%(anonymous_reports)s anonymous)") % evidence
            return text
        if code == FORUM_QUESTIONS:
            return gettext("Unsolved questions: %(questions)s") % evidence
        if code == BROKEN_LINKS:
            return gettext("Missing pages: %(pages)s") % {
                "pages": ", ".join(f"#{pk}" for pk in evidence.get("pages", []))
            }
        if code == MISSING_ALT:
            return gettext("Images: %(images)s") % evidence
        if code == PRODUCT_RETIRED:
            return evidence.get("product", "")
        if code == drift.SOURCE_EDITED and "to" in evidence:
            return (
                gettext("Promoted from revision %(from)s; the answer is at revision %(to)s now")
                % evidence
            )
        return ""

    def edit_url(self, target) -> str:
        return reverse("wagtailadmin_pages:edit", args=[target.pk])

    def view_url(self, target) -> str:
        return target.get_url() or ""

    def mark_reviewed(self, target, *, actor: Actor, at) -> None:
        from .services import set_article_review_fields

        set_article_review_fields(article=target, actor=actor, last_reviewed_at=at)
        provenance = Provenance.objects.select_related("answer").filter(article=target).first()
        if provenance is not None:
            drift.acknowledge(provenance)

    def owner_choices(self):
        User = get_user_model()
        return (
            User.objects.filter(
                Q(is_superuser=True)
                | Q(
                    groups__permissions__codename="own_article",
                    groups__permissions__content_type__app_label="kb",
                )
            )
            .filter(is_active=True)
            .distinct()
            .order_by("display_name", "pk")
        )

    def reassign(self, target, *, owner, actor: Actor) -> None:
        from .services import set_article_review_fields

        set_article_review_fields(article=target, actor=actor, content_owner=owner)

    def target_queryset(self, ids):
        """Articles for the review report, with what ``can_archive`` needs in the same query."""
        return ArticlePage.objects.filter(pk__in=ids).annotate(feedback_votes=Count("feedback"))

    def can_archive(self, target) -> bool:
        """Archiving is for live articles nobody has voted on, long past their review date
        (articles have no view counter; feedback votes are the evidence that people read it)."""
        votes = getattr(target, "feedback_votes", None)
        if votes is None:
            votes = ArticleFeedback.objects.filter(article=target).count()
        if not target.live or votes:
            return False
        due = target.next_review_due
        overdue = timedelta(days=setting("DALIL_STALE_ARCHIVE_OVERDUE_DAYS"))
        return bool(due and due + overdue <= timezone.now())

    def archive(self, target, *, actor: Actor) -> None:
        from .services import archive_article

        archive_article(article=target, actor=actor)
