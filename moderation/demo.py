"""Demo content for moderation: watched words, rejection reasons, and flags on content that
content apps offer through ``register_demo_targets``.

A content app's seed (which runs earlier, order 20) creates its own pending posts through its
normal create service, which screens them and calls ``submit_for_review``. To get flagged posts
in the demo queue it registers a function returning posts to flag::

    from moderation.demo import register_demo_targets
    register_demo_targets(lambda command: [(answer, "incorrect", "The price changed in 2025.")])

The demo moderator (``command.people["sami"]``) flags each one; running the seed again adds
nothing.
"""

from collections.abc import Callable

from django.db import transaction

from .actions.flags import flag_post
from .models import Flag, RejectionTemplate, WatchedWord

WATCHED_WORDS = [
    ("casino", False, "Gambling spam"),
    ("ربح سريع", False, "“Quick profit” spam in Arabic"),
    (r"\bwhats?app\s*\+?\d{6,}", True, "Phone numbers pushed through WhatsApp"),
]

REJECTION_TEMPLATES = [
    {
        "title_en": "Duplicate question",
        "title_ar": "سؤال مكرر",
        "body_en": "This question was already asked and answered. Please search before asking.",
        "body_ar": "طُرح هذا السؤال وأُجيب عنه من قبل. يُرجى البحث قبل طرح سؤال جديد.",
    },
    {
        "title_en": "Personal information",
        "title_ar": "معلومات شخصية",
        "body_en": "Your post contained personal information (a phone or account number). "
        "Please post again without it.",
        "body_ar": "احتوت مشاركتك على معلومات شخصية (رقم هاتف أو رقم حساب). "
        "يُرجى نشرها مرة أخرى من دونها.",
    },
    {
        "title_en": "Not respectful",
        "title_ar": "أسلوب غير لائق",
        "body_en": "Our community is for everyone. Please keep your words kind and respectful.",
        "body_ar": "مجتمعنا للجميع. يُرجى الالتزام بلغة لطيفة ومحترمة.",
    },
]

_demo_target_sources: list[Callable] = []


def register_demo_targets(func: Callable) -> Callable:
    """Register ``func(command) -> [(target, reason, text), ...]``: posts to flag in the demo."""
    if func not in _demo_target_sources:
        _demo_target_sources.append(func)
    return func


@transaction.atomic
def seed_demo(command) -> None:
    """Watched words and rejection reasons in both languages, and demo flags (idempotent)."""
    for pattern, is_regex, note in WATCHED_WORDS:
        WatchedWord.objects.get_or_create(
            pattern=pattern, defaults={"is_regex": is_regex, "note": note}
        )
    for template in REJECTION_TEMPLATES:
        RejectionTemplate.objects.get_or_create(title_en=template["title_en"], defaults=template)
    moderator = command.people["sami"]
    flagged = 0
    for source in _demo_target_sources:
        for target, reason, text in source(command):
            already = Flag.objects.for_target(target).filter(flagger=moderator).exists()
            if not already and target.status == "published":
                flag_post(target=target, actor=moderator, reason=reason, text=text)
                flagged += 1
    command.stdout.write(f"Moderation: watched words, rejection reasons, {flagged} new flags.")
