"""Reads that span models: the review queue with its authors' histories, and the audit log."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models import Count, Prefetch, Q
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import get_language_info
from wagtail.models import ModelLogEntry

from .conf import setting
from .models import Flag, ReviewItem
from .reasons import reason_label
from .stale import COMMENT_CHARS, COMMENTS_SHOWN, REPORTED
from .trust import published_post_counts


def _open_items(*, reason: str, kind: str, category: str, content_type_id: int | None):
    items = ReviewItem.objects.open()
    if reason:
        items = items.with_reason(reason)
    if kind:
        items = items.filter(kind=kind)
    if category:
        items = items.filter(category=category)
    if content_type_id:
        items = items.filter(content_type_id=content_type_id)
    return items


def review_queue(
    *,
    reason: str = "",
    kind: str = "",
    category: str = "",
    content_type_id: int | None = None,
):
    """Open items, highest flag score first then oldest, with targets, authors and flags
    fetched in a constant number of queries."""
    items = _open_items(
        reason=reason, kind=kind, category=category, content_type_id=content_type_id
    )
    return (
        items.select_related("author", "content_type")
        .in_queue_order()
        .prefetch_related(
            "target",
            Prefetch(
                "flags", queryset=Flag.objects.select_related("flagger").order_by("created_at")
            ),
        )
    )


def next_in_queue(
    *,
    after: ReviewItem,
    reason: str = "",
    kind: str = "",
    category: str = "",
    content_type_id: int | None = None,
) -> ReviewItem | None:
    """The open item a moderator should see after deciding ``after``: the top of the queue as
    they filtered it (same filters, same order as ``review_queue``), never ``after`` itself,
    which may still be open. A moderator working "spam flags only" stays on spam flags."""
    items = _open_items(
        reason=reason, kind=kind, category=category, content_type_id=content_type_id
    )
    return items.exclude(pk=after.pk).in_queue_order().first()


def queue_categories(*, keep: str = "") -> list[str]:
    """The categories of open items, for the filter. ``keep``, the category a moderator is
    filtering by, stays offered once its last open item is decided (when any item ever had
    it), so "nothing left in this view" still shows that view rather than the whole queue."""
    categories = set(
        ReviewItem.objects.open()
        .exclude(category="")
        .order_by()
        .values_list("category", flat=True)
        .distinct()
    )
    if keep and keep not in categories and ReviewItem.objects.filter(category=keep).exists():
        categories.add(keep)
    return sorted(categories)


@dataclass
class AuthorHistory:
    """What a moderator wants to know about an author before deciding."""

    joined: datetime
    published_posts: int
    decisions: dict

    @property
    def approved(self) -> int:
        return self.decisions.get(ReviewItem.Status.APPROVED, 0)

    @property
    def removed(self) -> int:
        return sum(
            self.decisions.get(status, 0)
            for status in (
                ReviewItem.Status.REJECTED,
                ReviewItem.Status.HIDDEN,
                ReviewItem.Status.SPAM,
            )
        )


def author_histories(authors) -> dict[int, AuthorHistory]:
    """Account age, published posts and past decisions for each author, in two queries plus
    one per registered post counter."""
    authors = {author.pk: author for author in authors if author is not None}
    if not authors:
        return {}
    decided = (
        ReviewItem.objects.filter(author_id__in=authors)
        .exclude(status=ReviewItem.Status.OPEN)
        .values("author_id", "status")
        .annotate(n=Count("pk"))
    )
    decisions: dict[int, dict] = {pk: {} for pk in authors}
    for row in decided:
        decisions[row["author_id"]][row["status"]] = row["n"]
    counts = published_post_counts(authors.values())
    return {
        pk: AuthorHistory(
            joined=author.date_joined,
            published_posts=counts.get(pk, 0),
            decisions=decisions[pk],
        )
        for pk, author in authors.items()
    }


def moderation_log(
    *,
    action: str = "",
    actor_id: int | None = None,
    person_id: int | None = None,
    content_type_id: int | None = None,
    object_id: str = "",
):
    """Moderation audit entries, newest first. ``person_id`` finds everything done by or to
    a person: entries they made, about their posts, or about their account."""
    entries = ModelLogEntry.objects.filter(action__startswith="dalil.moderation.").select_related(
        "user", "content_type"
    )
    if action:
        entries = entries.filter(action=action)
    if actor_id:
        entries = entries.filter(user_id=actor_id)
    if person_id:
        user_type = ContentType.objects.get_for_model(get_user_model())
        entries = entries.filter(
            Q(user_id=person_id)
            | Q(data__author_id=person_id)
            | Q(content_type=user_type, object_id=str(person_id))
        )
    if content_type_id:
        entries = entries.filter(content_type_id=content_type_id)
    if object_id:
        entries = entries.filter(object_id=str(object_id))
    return entries.order_by("-timestamp", "-pk")


def audit_filter_choices() -> dict:
    """What the audit log's filters offer, in five queries: the people who acted ("done by"),
    everyone the log is about (actors, authors of the posts, people whose account was acted
    on), by display name, and the kinds of content that appear in it."""
    entries = ModelLogEntry.objects.filter(action__startswith="dalil.moderation.")
    actor_ids = set(entries.exclude(user=None).values_list("user_id", flat=True).distinct())
    author_ids = {
        int(value)
        for value in entries.values_list("data__author_id", flat=True).distinct()
        if str(value or "").isdigit()
    }
    user_model = get_user_model()
    user_type = ContentType.objects.get_for_model(user_model)
    account_ids = {
        int(value)
        for value in entries.filter(content_type=user_type)
        .values_list("object_id", flat=True)
        .distinct()
        if str(value).isdigit()
    }
    people = user_model.objects.filter(pk__in=actor_ids | author_ids | account_ids).order_by(
        "display_name", "pk"
    )
    named = [(user.pk, user.public_name) for user in people]
    return {
        "actors": [(pk, name) for pk, name in named if pk in actor_ids],
        "people": named,
        "content_types": ContentType.objects.filter(
            pk__in=entries.values("content_type_id")
        ).order_by("model"),
    }


@dataclass
class StaleRow:
    """One row of the "Needs review" report: the item, its content and its open signals."""

    item: object
    target: object
    signals: list
    edit_url: str
    view_url: str
    can_reassign: bool
    can_archive: bool
    language: str = ""


def stale_queue(
    *, owner_id=None, category: str = "", locale: str = "", signal: str = "", kind: str = ""
):
    """Items needing review, highest stale score first, filtered the way the report offers."""
    from .models import StaleItem

    items = StaleItem.objects.needing_review().select_related("owner", "content_type")
    if kind:
        items = items.filter(kind=kind)
    if owner_id:
        items = items.filter(owner_id=owner_id)
    if category:
        items = items.filter(category=category)
    if locale:
        items = items.filter(locale=locale)
    if signal:
        items = items.filter(signal_codes__contains=f"|{signal}|")
    return items


@dataclass
class Comment:
    """What one person wrote about an item, and who when the evidence names them."""

    text: str
    by: str = ""


def _comments(signal) -> list[Comment]:
    """The words people wrote on a signal, newest kept by its detector, each cut short: readers'
    comments (``evidence["comments"]``) or staff reports (``evidence["reports"]``)."""
    evidence = signal.evidence if isinstance(signal.evidence, dict) else {}
    if signal.code == REPORTED:
        written = [
            (str(report.get("note", "")), str(report.get("by", "")))
            for report in evidence.get("reports", [])
            if isinstance(report, dict)
        ][-COMMENTS_SHOWN:]
    else:
        comments = evidence.get("comments", [])
        written = [(str(c), "") for c in (comments if isinstance(comments, list) else [])]
    return [
        Comment(text=Truncator(text).chars(COMMENT_CHARS), by=by)
        for text, by in written[:COMMENTS_SHOWN]
        if text.strip()
    ]


def stale_rows(items) -> list[StaleRow]:
    """Rows for a page of stale items: targets (one query per content type) and open signals
    (one query), with each signal's label and evidence in the active language."""
    from . import stale
    from .models import StaleSignal

    items = list(items)
    by_type: dict[int, list[int]] = {}
    for item in items:
        by_type.setdefault(item.content_type_id, []).append(item.object_id)
    targets = {}
    for type_id, ids in by_type.items():
        detector = stale.detector_for_kind_of_type(type_id)
        if detector is not None:
            objects = detector.target_queryset(ids)
        else:
            model = ContentType.objects.get_for_id(type_id).model_class()
            objects = model._default_manager  # type: ignore[union-attr]  # a review item points at an installed model
            objects = objects.filter(pk__in=ids)
        for obj in objects:
            targets[(type_id, obj.pk)] = obj
    signals: dict[tuple[int, int], list] = {}
    query = Q(pk__in=[])
    for type_id, ids in by_type.items():
        query |= Q(content_type_id=type_id, object_id__in=ids)
    for signal in StaleSignal.objects.open().filter(query).order_by("detected_at", "pk"):
        detector = stale.detector_for_kind_of_type(signal.content_type_id)
        signal.label = stale.signal_label(signal.code)
        signal.evidence_text = detector.describe(signal.code, signal.evidence) if detector else ""
        signal.comments = _comments(signal)
        if signal.code == stale.REPORTED:
            signal.evidence_text = ""
        url = str(signal.evidence.get("url", ""))
        signal.evidence_url = url if url.startswith(("/", "https://", "http://")) else ""
        signals.setdefault((signal.content_type_id, signal.object_id), []).append(signal)
    rows = []
    for item in items:
        target = targets.get((item.content_type_id, item.object_id))
        detector = stale.detector_for_kind(item.kind)
        rows.append(
            StaleRow(
                item=item,
                target=target,
                signals=signals.get((item.content_type_id, item.object_id), []),
                edit_url=detector.edit_url(target) if detector and target else "",
                view_url=detector.view_url(target) if detector and target else "",
                can_reassign=bool(detector and detector.has_owners),
                can_archive=bool(detector and target and detector.can_archive(target)),
                language=language_name(item.locale),
            )
        )
    return rows


def language_name(code: str) -> str:
    """A language's name in the interface language ("Arabic", "العربيّة"), or its code when
    Django does not know it."""
    if not code:
        return ""
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return code


def stale_filter_choices() -> dict:
    """Values the report's filters offer: owners, categories and languages in use."""
    from .models import StaleItem

    items = StaleItem.objects.needing_review()
    owners = (
        get_user_model()
        .objects.filter(pk__in=items.exclude(owner=None).values("owner_id"))
        .order_by("display_name", "pk")
    )
    return {
        "owners": [(user.pk, user.public_name) for user in owners],
        "categories": sorted(set(items.exclude(category="").values_list("category", flat=True))),
        "locales": sorted(
            (code, language_name(code))
            for code in set(items.exclude(locale="").values_list("locale", flat=True))
        ),
    }


def stale_score(target) -> int:
    """The current stale score of one item (0 when nothing is wrong), in one query."""
    from .models import StaleItem

    score = (
        StaleItem.objects.filter(
            content_type=ContentType.objects.get_for_model(target), object_id=target.pk
        )
        .values_list("score", flat=True)
        .first()
    )
    return score or 0


def open_stale_codes(target, codes: set[str]) -> set[str]:
    """Which of these signal codes are open on one item, in one query."""
    from .models import StaleSignal

    found = StaleSignal.objects.open().for_target(target).filter(code__in=codes)
    return set(found.values_list("code", flat=True))


USUAL_WAIT_KEY = "moderation:usual-review-wait"
USUAL_WAIT_SECONDS = 3600


def usual_review_wait() -> timedelta:
    """How long a held post usually waits for a moderator, to tell its author: the median wait
    of the held posts decided in the last 30 days (at least five), else
    DALIL_REVIEW_WAIT_FALLBACK_HOURS. Remembered for an hour: it moves slowly, and a held
    post's page is opened again and again by its anxious author."""
    seconds = cache.get(USUAL_WAIT_KEY)
    if seconds is None:
        since = timezone.now() - timedelta(days=30)
        rows = (
            ReviewItem.objects.filter(kind=ReviewItem.Kind.PENDING, decided_at__gte=since)
            .order_by("-decided_at")
            .values_list("created_at", "decided_at")[:500]
        )
        waits = sorted((decided - queued).total_seconds() for queued, decided in rows)
        if len(waits) >= 5:
            seconds = waits[len(waits) // 2]
        else:
            seconds = setting("DALIL_REVIEW_WAIT_FALLBACK_HOURS") * 3600
        cache.set(USUAL_WAIT_KEY, seconds, USUAL_WAIT_SECONDS)
    return timedelta(seconds=seconds)


def held_reasons(targets) -> dict[tuple[int, int], list[str]]:
    """Why each of these held posts waits in the queue, keyed by (content type id, pk), as
    sentences for its author: the reasons without their details, so a watched word is never
    named to the person it caught. One query for any number of posts."""
    wanted = Q(pk__in=[])
    for target in targets:
        wanted |= Q(content_type=ContentType.objects.get_for_model(target), object_id=target.pk)
    items = (
        ReviewItem.objects.open()
        .filter(wanted)
        .values_list("content_type_id", "object_id", "reasons")
    )
    return {
        (content_type_id, object_id): [reason_label(reason["code"]) for reason in reasons]
        for content_type_id, object_id, reasons in items
    }
