"""The support desk's demo: a policy per forum category and cases for the demo questions nobody
answered (idempotent)."""

from forum.models import Category

from . import actions
from .models import Case, CategoryPolicy

# slug -> (first-response hours, asker wait hours, support first)
POLICIES = {
    "support-channels": (24, 24, False),
    "self-service": (12, 12, False),
    "phone-ivr": (24, 24, False),
    "visits-video": (8, 8, False),
    "feedback": (48, 0, True),
    "community": (72, 72, False),
}


def seed_demo(command) -> None:
    for category in Category.objects.all():
        first, wait, support_first = POLICIES.get(category.slug, (24, 24, False))
        CategoryPolicy.objects.update_or_create(
            category=category,
            defaults={
                "first_response_hours": first,
                "asker_wait_hours": wait,
                "support_first": support_first,
            },
        )
    opened = actions.escalate_unanswered()
    omar = command.people["omar"]
    first_english = Case.objects.filter(language="en", assignee__isnull=True).order_by("pk").first()
    if first_english is not None and opened:
        actions.claim(actor=omar, case=first_english)
    command.stdout.write(
        f"Support: {CategoryPolicy.objects.count()} category policies, {opened} new cases."
    )
