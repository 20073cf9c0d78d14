"""Small template filters for the forum's permission checks (the rules live in services)."""

from django import template

from forum import services
from forum.models import Question

register = template.Library()


@register.filter
def editable_by(post, user) -> bool:
    return services.can_edit(user, post)


@register.filter
def deletable_by(post, user) -> bool:
    # The thread page knows the answer count already; avoid a query per render.
    own_question = isinstance(post, Question) and post.author_id == getattr(user, "pk", None)
    if own_question and post.answer_count and not services.can_moderate(user):
        return False
    return services.can_delete(user, post)
