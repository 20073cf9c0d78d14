"""Content adapters: what a content app tells moderation about its content, in one object.

Moderation never imports the content apps (forum, kb). A content app writes one
``ModerationAdapter`` subclass (in ``<app>/moderation.py``) and registers one instance in its
``AppConfig.ready``::

    from moderation.adapters import register_adapter
    register_adapter(ForumModerationAdapter())

The adapter names the models it serves, the post kinds moderation screens for it, the
rate-limited actions it adds with their default limits per trust level, and answers every
question moderation asks about one of its objects (preview, text, visibility, category,
language, editing, locking its thread) and about its people (published posts, for trust
levels). Writes go through the content app's own services, called by the adapter, so the
models carry no moderation methods.

A served model has the fields ``status`` (one of ``models.PostStatus``), ``author`` (a nullable
FK to the user model) and ``created_at``, and ``get_absolute_url()``.

The functions below are what moderation's services, selectors, views and templates call; each
looks the object's adapter up with ``adapter_for``. Content no adapter serves can still be
queued by its app (``submit_for_review``) and is shown by its ``str()``, but it cannot be
flagged, edited or locked from moderation.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils.functional import Promise
from django.utils.text import Truncator
from django.utils.translation import get_language_info

from .conf import DEFAULTS

PREVIEW_CHARS = 200

RateLimits = dict[int, dict[str, list[tuple[int, int]]]]


class ModerationAdapter:
    """How moderation reads and decides on one content app's objects.

    Subclasses set ``models`` and override ``set_status`` (and whichever defaults do not fit).
    The defaults describe content with no thread, no editing, no category and no language.
    """

    #: The content models this adapter serves (people may flag their objects).
    models: tuple[type, ...] = ()
    #: The ``kind`` values the app passes to ``screen_post`` and ``submit_for_review``.
    post_kinds: tuple[str, ...] = ()
    #: The kinds in which every post of a new member (trust level 0) waits for review; None
    #: means all of ``post_kinds``.
    new_member_review_kinds: tuple[str, ...] | None = None
    #: Default rate limits of the app's own actions, by trust level: action -> list of (how
    #: many, per how many seconds). ``DALIL_RATE_LIMITS`` in Django settings replaces them.
    rate_limits: RateLimits = {}

    def preview(self, target) -> str:
        """Short plain text for the queue, the flag page and notifications."""
        return Truncator(self.text(target)).chars(PREVIEW_CHARS)

    def text(self, target) -> str:
        """The full raw text screening reads and the audit log keeps (title and body)."""
        return str(target)

    def set_status(self, target, new_status: str, *, actor) -> None:
        """Apply a status change through the content app's own service, keeping votes and
        revisions; the service checks ``actor`` (a ``SystemActor`` when flags hide a post)."""
        raise NotImplementedError(f"{type(target).__name__} has no moderation adapter")

    def is_public(self, target) -> bool:
        """Whether readers can see ``target`` where it stands (for a reply: it and its thread)."""
        return target.status == "published"

    def category(self, target) -> str:
        """A stable key (a slug) for the queue's category filter."""
        return ""

    def category_labels(self) -> dict[str, str]:
        """Each category key's name in the active language."""
        return {}

    def language(self, target) -> str:
        """The language code ``target`` is written in ("" when unknown)."""
        return ""

    def can_edit(self, target) -> bool:
        """Whether moderators may "edit then approve" ``target``."""
        return False

    def edit_fields(self, target) -> dict[str, str]:
        """The current values of the fields a moderator may edit."""
        return {"text": self.text(target)}

    def edit_labels(self, target) -> dict[str, str | Promise]:
        """The edit form's labels by field name; moderation's generic ones for the rest."""
        return {}

    def edit(self, target, text_fields: dict, *, actor) -> None:
        """Apply a moderator's edit through the content app's edit service."""
        raise NotImplementedError(f"{type(target).__name__} cannot be edited from moderation")

    def can_lock(self, target) -> bool:
        """Whether ``target`` belongs to a thread moderators may lock."""
        return False

    def set_thread_locked(self, target, locked: bool, *, actor) -> None:
        """Lock or unlock the thread ``target`` belongs to."""
        raise NotImplementedError(f"{type(target).__name__} has no thread to lock")

    def published_post_counts(self, user_ids) -> dict[int, int]:
        """Published posts per author id (trust levels sum every adapter's), in a few queries."""
        return {}


_UNSERVED = ModerationAdapter()
_adapters: list[ModerationAdapter] = []


def register_adapter(adapter: ModerationAdapter) -> ModerationAdapter:
    """Hand moderation a content app's adapter (a later one for the same models replaces it)."""
    for existing in list(_adapters):
        if set(existing.models) & set(adapter.models):
            _adapters.remove(existing)
    _adapters.append(adapter)
    return adapter


def unregister_adapter(adapter: ModerationAdapter) -> None:
    """Remove an adapter (for tests and app reloads)."""
    if adapter in _adapters:
        _adapters.remove(adapter)


def registered_adapters() -> list[ModerationAdapter]:
    return list(_adapters)


def adapter_for(target) -> ModerationAdapter:
    """The adapter serving ``target``'s model, or the defaults for content nobody registered."""
    for model in type(target).__mro__:
        for adapter in _adapters:
            if model in adapter.models:
                return adapter
    return _UNSERVED


def content_models() -> list:
    """Every model an adapter serves."""
    return [model for adapter in _adapters for model in adapter.models]


def is_content_type_registered(content_type: ContentType) -> bool:
    """Whether objects of this content type are served by an adapter (and so may be flagged)."""
    return content_type.model_class() in content_models()


def post_kinds() -> set[str]:
    """Every post kind some content app screens."""
    return {kind for adapter in _adapters for kind in adapter.post_kinds}


def new_member_review_kinds() -> set[str]:
    """The post kinds held for review whenever a new member (trust level 0) posts one."""
    return {
        kind
        for adapter in _adapters
        for kind in (
            adapter.post_kinds
            if adapter.new_member_review_kinds is None
            else adapter.new_member_review_kinds
        )
    }


def default_rate_limits() -> RateLimits:
    """Moderation's own limits (flagging) with every adapter's, by trust level."""
    limits: RateLimits = {
        level: dict(actions) for level, actions in DEFAULTS["DALIL_RATE_LIMITS"].items()
    }
    for adapter in _adapters:
        for level, actions in adapter.rate_limits.items():
            limits.setdefault(level, {}).update(actions)
    return limits


def rate_limits() -> RateLimits:
    """The limits in force: ``DALIL_RATE_LIMITS`` from Django settings when set (it replaces
    the defaults, so ``{}`` turns every limit off), otherwise ``default_rate_limits()``."""
    configured = getattr(settings, "DALIL_RATE_LIMITS", None)
    return default_rate_limits() if configured is None else configured


def rate_limited_actions() -> set[str]:
    """Every action that has a default limit at some trust level."""
    return {action for actions in default_rate_limits().values() for action in actions}


def preview(target) -> str:
    return adapter_for(target).preview(target)


def text_of(target) -> str:
    return adapter_for(target).text(target)


def set_status(target, new_status: str, *, actor) -> None:
    """Change ``target``'s status through its content app (then re-read it)."""
    adapter_for(target).set_status(target, new_status, actor=actor)


def supports_edit(target) -> bool:
    return adapter_for(target).can_edit(target)


def supports_lock(target) -> bool:
    return adapter_for(target).can_lock(target)


def edit(target, text_fields: dict, *, actor) -> None:
    adapter_for(target).edit(target, text_fields, actor=actor)


def set_thread_locked(target, locked: bool, *, actor) -> None:
    adapter_for(target).set_thread_locked(target, locked, actor=actor)


def edit_fields(target) -> dict:
    """The current values of the fields a moderator may edit."""
    return dict(adapter_for(target).edit_fields(target))


def edit_labels(target) -> dict:
    """The labels the content app gives its editable fields, by field name ({} without)."""
    return dict(adapter_for(target).edit_labels(target))


def is_public(target) -> bool:
    """Whether readers can see ``target`` where it stands (its whole thread, when it has one)."""
    return bool(adapter_for(target).is_public(target))


def language_of(target) -> str:
    """The language ``target`` is written in, or "" when its app does not say."""
    return str(adapter_for(target).language(target) or "")


def direction_attrs(target) -> dict:
    """HTML `lang` and `dir` for showing or editing ``target`` in its own language's direction;
    `dir="auto"` (the browser guesses from the first letters) when its app does not say."""
    language = language_of(target)
    if not language:
        return {"dir": "auto"}
    return {"lang": language, "dir": "rtl" if get_language_info(language)["bidi"] else "ltr"}


def category_of(target) -> str:
    return str(adapter_for(target).category(target) or "")


def category_labels() -> dict[str, str]:
    """Every category's display name by key (one call per adapter)."""
    labels: dict[str, str] = {}
    for adapter in _adapters:
        labels.update({key: str(name) for key, name in adapter.category_labels().items()})
    return labels


def published_post_counts(user_ids) -> dict[int, int]:
    """Published posts per user id across every content app, a few queries per adapter."""
    user_ids = list(user_ids)
    totals = dict.fromkeys(user_ids, 0)
    for adapter in _adapters:
        for user_id, count in adapter.published_post_counts(user_ids).items():
            totals[user_id] = totals.get(user_id, 0) + count
    return totals
