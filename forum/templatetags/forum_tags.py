"""Small template filters for the forum's permission checks (the rules live in services)."""

from django import template
from django.template.loader import render_to_string
from django.utils.html import format_html_join
from wagtail import hooks

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


@register.simple_tag(takes_context=True)
def thread_panels(context, question):
    """What other apps add to a thread page through the `dalil_thread_panels(request, question)`
    hook (each returns `{"template": ..., **context}` or None); the forum knows none of them."""
    request = context["request"]
    parts = []
    for panel_for in hooks.get_hooks("dalil_thread_panels"):
        panel = panel_for(request, question)
        if panel:
            parts.append(render_to_string(panel["template"], panel, request=request))
    return format_html_join("", "{}", ((part,) for part in parts))
