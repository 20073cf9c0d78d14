"""Stale-content signals for forum threads, registered with moderation's sweep.

A thread is stale when its accepted answer is older than its category allows
(``DALIL_STALE_ANSWER_MAX_AGE_DAYS``, per category slug in
``DALIL_STALE_ANSWER_MAX_AGE_BY_CATEGORY``), when people flagged the accepted answer as
incorrect or outdated, or when it links to knowledge-base pages that are gone. The forum does not
know the knowledge base: links are checked against Wagtail's page tree.
"""

import re
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Max, Q
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, Site

from moderation.models import Flag
from moderation.stale import Detection, ItemInfo, StaleDetector, latest_reviews

from .conf import setting
from .models import Answer, PostStatus, Question

ANSWER_TOO_OLD = "answer_too_old"
ANSWER_FLAGGED = "answer_flagged"
KB_LINK_GONE = "kb_link_gone"

_KB_LINK = re.compile(r"(?:https?://[^/\s]+)?/(ar|en)/(kb/[^\s)\"'<>#?]*)")


def answer_age_limit(category_slug: str | None) -> int:
    """How many days an accepted answer in this category stays fresh."""
    limits = setting("DALIL_STALE_ANSWER_MAX_AGE_BY_CATEGORY")
    return int(limits.get(category_slug or "", setting("DALIL_STALE_ANSWER_MAX_AGE_DAYS")))


def answer_age_months(answer, *, now) -> int:
    """Whole months (of 30 days) since the answer was last written."""
    return max(0, (now - answer.updated_at).days // 30)


def gone_kb_paths(paths: set[tuple[str, str]]) -> set[tuple[str, str]]:
    """Which (language, "kb/...") paths no longer lead to a live page."""
    if not paths:
        return set()
    roots: dict[str, list[str]] = {}
    for root in Site.get_site_root_paths():
        roots.setdefault(root.language_code, []).append(root.root_path)
    candidates = {
        (language, path): {f"{root}{path.rstrip('/')}/" for root in roots.get(language, [])}
        for language, path in paths
    }
    wanted = set().union(*candidates.values())
    live = set(
        Page.objects.filter(url_path__in=wanted, live=True).values_list("url_path", flat=True)
    )
    return {key for key, urls in candidates.items() if not urls & live}


class ThreadStaleDetector(StaleDetector):
    """Finds community threads whose accepted answer may no longer be right."""

    kind = "thread"
    model = Question
    codes = {
        ANSWER_TOO_OLD: _("Accepted answer is old"),
        ANSWER_FLAGGED: _("Accepted answer flagged as incorrect or outdated"),
        KB_LINK_GONE: _("Links to knowledge-base pages that are gone"),
    }
    weights = {ANSWER_TOO_OLD: 3, ANSWER_FLAGGED: 5, KB_LINK_GONE: 2}
    answered_by_review = {ANSWER_TOO_OLD, ANSWER_FLAGGED}

    def detect(self, *, now) -> Detection:
        reviews = latest_reviews(ContentType.objects.get_for_model(Question))
        threads = Question.objects.published().filter(accepted_answer__status=PostStatus.PUBLISHED)
        detection = Detection()
        self._old_answers(detection.signals, threads, reviews, now)
        self._flagged_answers(detection.signals, threads, reviews)
        self._gone_links(detection.signals, threads)
        ids = {pk for pk, _code in detection.signals}
        detection.items = self._items(ids)
        return detection

    def _old_answers(self, signals, threads, reviews, now) -> None:
        overrides = setting("DALIL_STALE_ANSWER_MAX_AGE_BY_CATEGORY")
        groups = [(threads.exclude(category__slug__in=list(overrides)), answer_age_limit(None))] + [
            (threads.filter(category__slug=slug), int(days)) for slug, days in overrides.items()
        ]
        for queryset, days in groups:
            cutoff = now - timedelta(days=days)
            rows = queryset.filter(accepted_answer__updated_at__lt=cutoff).values_list(
                "pk", "accepted_answer_id", "accepted_answer__updated_at"
            )
            for pk, answer_id, written in rows:
                reviewed = reviews.get(pk)
                if reviewed and reviewed > cutoff:
                    continue
                signals[(pk, ANSWER_TOO_OLD)] = {
                    "answer": answer_id,
                    "written": written.date().isoformat(),
                    "limit_days": days,
                }

    def _flagged_answers(self, signals, threads, reviews) -> None:
        flags = (
            Flag.objects.filter(
                content_type=ContentType.objects.get_for_model(Answer),
                reason=Flag.Reason.INCORRECT,
            )
            .exclude(outcome=Flag.Outcome.DISAGREED)
            .values("object_id")
            .annotate(count=Count("pk"), latest=Max("created_at"))
        )
        flagged = {row["object_id"]: row for row in flags}
        if not flagged:
            return
        for pk, answer_id in threads.filter(accepted_answer_id__in=list(flagged)).values_list(
            "pk", "accepted_answer_id"
        ):
            row = flagged[answer_id]
            reviewed = reviews.get(pk)
            if reviewed and reviewed >= row["latest"]:
                continue
            signals[(pk, ANSWER_FLAGGED)] = {"answer": answer_id, "flags": row["count"]}

    def _gone_links(self, signals, threads) -> None:
        rows = threads.filter(
            Q(body__contains="/kb/") | Q(accepted_answer__body__contains="/kb/")
        ).values_list("pk", "body", "accepted_answer__body")
        links = {
            pk: {(m.group(1), m.group(2)) for m in _KB_LINK.finditer(f"{body}\n{answer}")}
            for pk, body, answer in rows
        }
        gone = gone_kb_paths(set().union(*links.values()) if links else set())
        for pk, paths in links.items():
            missing = sorted(f"/{language}/{path}" for language, path in paths & gone)
            if missing:
                signals[(pk, KB_LINK_GONE)] = {"links": missing}

    def _items(self, ids) -> dict[int, ItemInfo]:
        # A large set is cheaper to read whole than to send back as an IN list.
        questions = Question.objects.filter(pk__in=ids) if len(ids) <= 500 else Question.objects
        rows = questions.values_list(
            "pk", "title", "language", "category__name_en", "category__name_ar"
        )
        return {
            pk: ItemInfo(
                title=title,
                locale=language,
                category=(name_ar if language == "ar" else name_en) or "",
            )
            for pk, title, language, name_en, name_ar in rows
            if pk in ids
        }

    def describe(self, code: str, evidence: dict) -> str:
        if code == ANSWER_TOO_OLD:
            return gettext("Written %(written)s (limit %(limit_days)s days)") % evidence
        if code == ANSWER_FLAGGED:
            return gettext("Flags: %(flags)s") % evidence
        if code == KB_LINK_GONE:
            return ", ".join(evidence.get("links", []))
        return ""

    def edit_url(self, target) -> str:
        return reverse("forum:question_edit", kwargs={"pk": target.pk})

    def view_url(self, target) -> str:
        return target.get_absolute_url()
