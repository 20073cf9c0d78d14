"""Stale content: the registry of detectors and the sweep that records what they find.

Moderation cannot import the content apps, so each one registers a *detector* (a
``StaleDetector`` subclass) for a kind of content in its ``AppConfig.ready``::

    from moderation.stale import register_detector
    register_detector(ArticleStaleDetector())

A detector declares ``kind`` (a name such as "article"), ``model`` (the content model its
signals point at), ``codes`` (the signal codes it owns, with their labels: the sweep resolves
only these), ``weights`` (each code's default weight; DALIL_STALE_WEIGHTS overrides any code) and
``answered_by_review`` (the codes a "mark reviewed" resolves: the detector counts those causes
only since the last review, so they stay resolved). It implements:

``detect(*, now) -> Detection``
    every current cause, found with a few set-based queries (never one query per item). It only
    reads: what must be brought up to date first goes in ``refresh(*, now)``, which the sweep
    calls just before it;
``describe(code, evidence) -> str``
    the evidence as a sentence for the review queue. Evidence may also carry ``"comments"``, a
    list of what people wrote (a reader's report); the report shows each one as that person's
    text (escaped, in its own direction, cut at ``COMMENT_CHARS``).

The other methods have defaults: ``edit_url(target)``, ``view_url(target)``,
``mark_reviewed(target, *, actor, at)`` (e.g. set the article's review date); with
``has_owners``, ``owner_choices()`` and ``reassign(target, *, owner, actor)``;
``can_archive(target)`` and ``archive(target, *, actor)``; ``shown_to_readers(code, evidence)``
(whether a signal counts toward what readers are told, ``reader_score``).

``run_sweep`` runs every detector, creates the signals that are new, updates evidence that
changed, resolves the signals whose cause went away and rewrites the stale scores (``rescore``,
the same function a single item's action uses). Running it twice in a row changes nothing the
second time.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone

from .conf import DEFAULTS, setting
from .models import StaleItem, StaleReview, StaleSignal

BATCH_SIZE = 2000
COMMENT_CHARS = 300
COMMENTS_SHOWN = 5
REPORTED = "reported"

_detectors: dict[str, "StaleDetector"] = {}


@dataclass
class ItemInfo:
    """What the review queue shows and filters on about one item."""

    title: str
    owner_id: int | None = None
    category: str = ""
    locale: str = ""


@dataclass
class Detection:
    """A detector's findings: evidence per (object id, code) and the items they concern."""

    signals: dict[tuple[int, str], dict] = field(default_factory=dict)
    items: dict[int, ItemInfo] = field(default_factory=dict)


@dataclass
class SweepResult:
    """What one sweep changed, per kind and in total."""

    created: int = 0
    updated: int = 0
    resolved: int = 0
    scored: int = 0
    open_items: int = 0
    per_kind: dict[str, dict] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.resolved or self.scored)


class StaleDetector:
    """Finds the stale items of one kind of content; subclass it in the content app."""

    kind: str = ""
    model: type[models.Model]
    #: The signal codes this detector owns, with their labels in the active language.
    codes: dict[str, str] = {}
    #: Each code's default weight toward the stale score (DALIL_STALE_WEIGHTS overrides).
    weights: dict[str, int] = {}
    #: The codes a "mark reviewed" resolves.
    answered_by_review: frozenset[str] | set[str] = frozenset()
    #: Whether items have an owner staff may reassign (``owner_choices``, ``reassign``).
    has_owners: bool = False

    def refresh(self, *, now) -> None:
        """Bring the content app's own records ``detect`` reads up to date (it may write)."""

    def detect(self, *, now) -> Detection:
        raise NotImplementedError

    def describe(self, code: str, evidence: dict) -> str:
        return ""

    def edit_url(self, target) -> str:
        return ""

    def view_url(self, target) -> str:
        return target.get_absolute_url()

    def target_queryset(self, ids):
        """The report's rows' objects (annotate what ``can_archive`` reads)."""
        return self.model._default_manager.filter(pk__in=ids)

    def mark_reviewed(self, target, *, actor, at) -> None:
        """Restart ``target``'s review clock in the content app (nothing by default)."""

    def owner_choices(self):
        return get_user_model().objects.none()

    def reassign(self, target, *, owner, actor) -> None:
        raise NotImplementedError(f"{self.kind} items have no owner")

    def can_archive(self, target) -> bool:
        return False

    def archive(self, target, *, actor) -> None:
        raise NotImplementedError(f"{self.kind} items cannot be archived")

    def shown_to_readers(self, code: str, evidence: dict) -> bool:
        """Whether a signal counts toward what readers are told (``reader_score``)."""
        return True


def register_detector(detector: StaleDetector) -> StaleDetector:
    """Register a detector for its ``kind`` (a later registration for a kind replaces it)."""
    _detectors[detector.kind] = detector
    return detector


def unregister_detector(kind: str) -> None:
    _detectors.pop(kind, None)


def detectors() -> list:
    return list(_detectors.values())


def detector_for_kind(kind: str):
    return _detectors.get(kind)


def detector_for(target):
    """The detector responsible for ``target``'s model (None when no app registered one)."""
    for detector in _detectors.values():
        if isinstance(target, detector.model):
            return detector
    return None


def weights() -> dict[str, int]:
    """Every signal code's weight: DALIL_STALE_WEIGHTS over the detectors' own defaults and
    moderation's (a staff report, in ``conf``). A code nobody declares weighs 1."""
    merged: dict[str, int] = {}
    for detector in _detectors.values():
        merged.update(detector.weights)
    return {**merged, **DEFAULTS["DALIL_STALE_WEIGHTS"], **setting("DALIL_STALE_WEIGHTS")}


def weight(code: str) -> int:
    """The weight of one signal code (see ``weights``)."""
    return int(weights().get(code, 1))


def signal_label(code: str) -> str:
    """The signal code as words in the active language."""
    from .reasons import STALE_LABELS

    for detector in _detectors.values():
        if code in detector.codes:
            return str(detector.codes[code])
    return str(STALE_LABELS.get(code, code))


def all_kinds() -> dict[str, str]:
    """Each registered kind of content with its model's plural name, for the report's filter."""
    return {
        detector.kind: str(detector.model._meta.verbose_name_plural)
        for detector in _detectors.values()
    }


def all_signal_codes() -> dict[str, str]:
    from .reasons import STALE_LABELS

    codes = {code: str(label) for code, label in STALE_LABELS.items()}
    for detector in _detectors.values():
        codes.update({code: str(label) for code, label in detector.codes.items()})
    return codes


def latest_reviews(content_type: ContentType) -> dict[int, object]:
    """The time of the latest review per object id of one content type, in one query."""
    from django.db.models import Max

    rows = (
        StaleReview.objects.filter(content_type=content_type)
        .values("object_id")
        .annotate(latest=Max("reviewed_at"))
    )
    return {row["object_id"]: row["latest"] for row in rows}


def _chunks(items: list, size: int = BATCH_SIZE):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _sync_signals(content_type, detector, detection: Detection, *, now) -> tuple[int, int, int]:
    """Create new signals, update changed evidence, resolve what the detector no longer finds."""
    existing = {
        (object_id, code): (pk, evidence)
        for pk, object_id, code, evidence in StaleSignal.objects.filter(
            content_type=content_type, resolved_at__isnull=True, code__in=list(detector.codes)
        ).values_list("pk", "object_id", "code", "evidence")
    }
    new = [
        StaleSignal(
            content_type=content_type,
            object_id=object_id,
            code=code,
            evidence=evidence,
            detected_at=now,
        )
        for (object_id, code), evidence in detection.signals.items()
        if (object_id, code) not in existing
    ]
    changed = [
        StaleSignal(pk=existing[key][0], evidence=evidence)
        for key, evidence in detection.signals.items()
        if key in existing and existing[key][1] != evidence
    ]
    gone = [pk for key, (pk, _evidence) in existing.items() if key not in detection.signals]
    StaleSignal.objects.bulk_create(new, batch_size=BATCH_SIZE)
    StaleSignal.objects.bulk_update(changed, ["evidence"], batch_size=500)
    for chunk in _chunks(gone):
        StaleSignal.objects.filter(pk__in=chunk).update(resolved_at=now)
    return len(new), len(changed), len(gone)


def rescore(
    content_type, kind: str, infos: dict[int, ItemInfo], *, object_ids: list[int] | None = None
) -> tuple[int, int]:
    """Rewrite stale items from their unresolved signals: the one place a score is computed.

    The sweep rescores a whole content type (``object_ids`` None); an action on one item
    (dismiss, review, report) rescores just it. An item's score is the sum of the weights of
    its open, undismissed signals; an item with only dismissed signals stays listed at 0, one
    with none is removed. Returns (items written, items with a score above zero).
    """
    code_weights = weights()
    signals = StaleSignal.objects.filter(content_type=content_type, resolved_at__isnull=True)
    items = StaleItem.objects.filter(content_type=content_type)
    if object_ids is not None:
        signals = signals.filter(object_id__in=object_ids)
        items = items.filter(object_id__in=object_ids)
    wanted: dict[int, dict] = {}
    for object_id, code, dismissed_at in signals.values_list("object_id", "code", "dismissed_at"):
        row = wanted.setdefault(object_id, {"score": 0, "codes": set()})
        if dismissed_at is None and code not in row["codes"]:
            row["score"] += int(code_weights.get(code, 1))
            row["codes"].add(code)
    existing = {
        row["object_id"]: row
        for row in items.values(
            "pk", "object_id", "score", "owner_id", "title", "category", "locale", "signal_codes"
        )
    }
    # Items whose only signals are manual reports keep the description they already have.
    missing_info = [oid for oid in wanted if oid not in infos and oid not in existing]
    if missing_info:
        infos = {**infos, **describe_items(content_type, missing_info)}
    creates, updates = [], []
    for object_id, row in wanted.items():
        info = infos.get(object_id)
        old = existing.get(object_id)
        values = {
            "score": row["score"],
            "signal_codes": "|" + "|".join(sorted(row["codes"])) + "|" if row["codes"] else "",
        }
        if info is not None:
            values.update(
                owner_id=info.owner_id,
                title=info.title[:255],
                category=info.category[:100],
                locale=info.locale,
            )
        if old is None:
            creates.append(
                StaleItem(content_type=content_type, object_id=object_id, kind=kind, **values)
            )
        elif any(old[name] != value for name, value in values.items()):
            # What the detector did not describe this time keeps its stored value.
            kept = {name: old[name] for name in ("owner_id", "title", "category", "locale")}
            updates.append(StaleItem(pk=old["pk"], **{**kept, **values}))
    stale_pks = [row["pk"] for oid, row in existing.items() if oid not in wanted]
    StaleItem.objects.bulk_create(creates, batch_size=BATCH_SIZE)
    fields = ["score", "signal_codes", "owner_id", "title", "category", "locale"]
    StaleItem.objects.bulk_update(updates, fields, batch_size=500)
    for chunk in _chunks(stale_pks):
        StaleItem.objects.filter(pk__in=chunk).delete()
    return len(creates) + len(updates) + len(stale_pks), sum(
        1 for row in wanted.values() if row["score"]
    )


def describe_items(content_type, object_ids) -> dict[int, ItemInfo]:
    """Titles for items that only have manual signals (their detector found nothing)."""
    model = content_type.model_class()
    return {
        obj.pk: ItemInfo(title=str(obj)) for obj in model._default_manager.filter(pk__in=object_ids)
    }


def reader_score(target) -> int:
    """The stale score readers may be told about (an article's "may be out of date" banner).

    The sum of the weights of the item's open signals, leaving out those its detector keeps
    from readers (``shown_to_readers``: kb keeps feedback that only anonymous visitors gave).
    The review queue's score, ``StaleItem.score``, counts them all. One query.
    """
    detector = detector_for(target)
    code_weights = weights()
    signals = (
        StaleSignal.objects.open()
        .filter(content_type=ContentType.objects.get_for_model(target), object_id=target.pk)
        .values_list("code", "evidence")
    )
    return sum(
        int(code_weights.get(code, 1))
        for code, evidence in signals
        if detector is None or detector.shown_to_readers(code, evidence)
    )


def rescore_target(target) -> None:
    """Recompute one item's score after an action (dismiss, review, report)."""
    detector = detector_for(target)
    content_type = ContentType.objects.get_for_model(target)
    kind = detector.kind if detector else content_type.model
    rescore(content_type, kind, {}, object_ids=[target.pk])


def resolve_signals(target, *, codes, now=None) -> list[str]:
    """Resolve ``target``'s open signals among ``codes`` (their cause was answered: a review, or
    the content app's own acknowledgement) and rescore it; returns the codes resolved. The
    caller checks the right and writes the audit entry, in its transaction."""
    resolved = StaleSignal.objects.for_target(target).filter(
        resolved_at__isnull=True, code__in=list(codes)
    )
    found = sorted(resolved.values_list("code", flat=True))
    if found:
        resolved.update(resolved_at=now or timezone.now())
    rescore_target(target)
    return found


def run_sweep(*, now=None, progress: Callable | None = None) -> SweepResult:
    """Run every registered detector and bring signals and scores up to date.

    Each detector's changes are written in one transaction. ``progress(done, total, kind)`` is
    called after each step so the command can draw a progress bar.
    """
    now = now or timezone.now()
    result = SweepResult()
    steps = detectors()
    total = len(steps) * 2
    done = 0
    for detector in steps:
        content_type = ContentType.objects.get_for_model(detector.model)
        detector.refresh(now=now)
        detection = detector.detect(now=now)
        done += 1
        if progress:
            progress(done, total, detector.kind)
        with transaction.atomic():
            created, updated, resolved = _sync_signals(content_type, detector, detection, now=now)
            scored, open_items = rescore(content_type, detector.kind, detection.items)
        done += 1
        if progress:
            progress(done, total, detector.kind)
        result.per_kind[detector.kind] = {
            "signals": len(detection.signals),
            "created": created,
            "updated": updated,
            "resolved": resolved,
            "items": open_items,
        }
        result.created += created
        result.updated += updated
        result.resolved += resolved
        result.scored += scored
        result.open_items += open_items
    return result


def detector_for_kind_of_type(content_type_id: int):
    """The detector whose model has this content type id."""
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    for detector in _detectors.values():
        if detector.model is model:
            return detector
    return None
