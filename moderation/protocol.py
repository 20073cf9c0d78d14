"""The integration protocol: what a content model provides so moderation can look after it.

Moderation never imports the content apps (forum, kb). A content model opts in by implementing
the members below and registering itself in its ``AppConfig.ready``::

    from moderation.protocol import register_content_model
    register_content_model(Answer)

Required fields
    ``status``: one of "pending", "published", "hidden", "deleted" (``models.PostStatus``);
    ``author``: FK to the user model, null after the account is anonymised;
    ``created_at``: when it was posted.

Required methods
    ``moderation_preview() -> str``: short plain text for the queue;
    ``moderation_text() -> str``: the full raw text to screen (title + body);
    ``set_status(new_status: str, *, actor) -> None``: apply a status change through the content
    app's own service, keeping votes and revisions;
    ``get_absolute_url() -> str``.

Optional methods
    ``moderation_is_public() -> bool``: whether readers can see the post where it stands (for a
    reply: the post *and* the thread around it are published); without it, ``status ==
    "published"``. The flag page and ``flag_post`` refuse what is not public;
    ``moderation_category() -> str``: for the queue's category filter (a stable key such as a
    slug; register ``register_category_labels(function)``, a function returning ``{key: name in
    the active language}``, so moderators read names rather than keys);
    ``moderation_thread()``: an object with ``set_locked(locked: bool, *, actor)``, for
    "lock thread";
    ``moderation_language() -> str``: the language code the post is written in, so moderators
    read it in its own direction (without it the browser guesses from the first letters);
    ``moderation_edit(text_fields: dict, *, actor)``: for "edit then approve" (without it the
    action is not offered). ``moderation_edit_fields() -> dict`` gives the current values of the
    editable fields for the edit form (defaults to ``{"text": moderation_text()}``), and
    ``moderation_edit_labels() -> dict`` their labels in the active language (without it,
    moderation's own translated "Title", "Body" or "Text").
"""

from typing import Protocol, runtime_checkable

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import get_language_info

REQUIRED_METHODS = (
    "moderation_preview",
    "moderation_text",
    "set_status",
    "get_absolute_url",
)


@runtime_checkable
class Moderatable(Protocol):
    """A piece of content moderation can queue, flag and decide on."""

    status: str
    created_at: object

    def moderation_preview(self) -> str: ...

    def moderation_text(self) -> str: ...

    def set_status(self, new_status: str, *, actor) -> None: ...

    def get_absolute_url(self) -> str: ...


_content_models: list = []
_category_label_sources: list = []


def register_content_model(model):
    """Declare ``model`` moderatable: people may flag it through moderation's flag page."""
    missing = [name for name in REQUIRED_METHODS if not hasattr(model, name)]
    if missing:
        raise TypeError(f"{model.__name__} lacks the moderation protocol: {', '.join(missing)}")
    if model not in _content_models:
        _content_models.append(model)
    return model


def content_models() -> list:
    """Every registered content model."""
    return list(_content_models)


def is_content_type_registered(content_type: ContentType) -> bool:
    """Whether objects of this content type follow the protocol and were registered."""
    return content_type.model_class() in _content_models


def supports_edit(target) -> bool:
    return callable(getattr(target, "moderation_edit", None))


def supports_lock(target) -> bool:
    return callable(getattr(target, "moderation_thread", None))


def edit_fields(target) -> dict:
    """The current values of the fields a moderator may edit."""
    getter = getattr(target, "moderation_edit_fields", None)
    return getter() if callable(getter) else {"text": target.moderation_text()}


def edit_labels(target) -> dict:
    """The labels the content model gives its editable fields, by field name ({} without)."""
    getter = getattr(target, "moderation_edit_labels", None)
    return dict(getter()) if callable(getter) else {}


def is_public(target) -> bool:
    """Whether readers can see ``target`` where it stands (its whole thread, when it has one)."""
    getter = getattr(target, "moderation_is_public", None)
    if callable(getter):
        return bool(getter())
    return target.status == "published"


def language_of(target) -> str:
    """The language ``target`` is written in, or "" when its model does not say."""
    getter = getattr(target, "moderation_language", None)
    return str(getter() or "") if callable(getter) else ""


def direction_attrs(target) -> dict:
    """HTML `lang` and `dir` for showing or editing ``target`` in its own language's direction;
    `dir="auto"` (the browser guesses from the first letters) when its model does not say."""
    language = language_of(target)
    if not language:
        return {"dir": "auto"}
    return {"lang": language, "dir": "rtl" if get_language_info(language)["bidi"] else "ltr"}


def category_of(target) -> str:
    getter = getattr(target, "moderation_category", None)
    return str(getter() or "") if callable(getter) else ""


def register_category_labels(function) -> None:
    """Register ``function() -> dict`` giving each category key its name in the active language."""
    if function not in _category_label_sources:
        _category_label_sources.append(function)


def category_labels() -> dict[str, str]:
    """Every registered category's display name by key (one call per registered source)."""
    labels: dict[str, str] = {}
    for function in _category_label_sources:
        labels.update({key: str(name) for key, name in function().items()})
    return labels
