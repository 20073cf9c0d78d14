"""`post_status`: the translated name of a post's status, e.g. "pending" → "awaiting review";
`log_reason`: an audit entry's reason as people read it."""

from django import template

from ..models import Flag, PostStatus

register = template.Library()


@register.filter
def post_status(value):
    """`{{ target.status|post_status }}`; a value outside ``PostStatus`` is shown as it is."""
    return PostStatus(value).label if value in PostStatus.values else value


@register.filter
def log_reason(entry):
    """`{{ entry|log_reason }}`: a flag's reason is stored as its code ("incorrect") and shown
    by its translated label; other entries keep the reason a person wrote."""
    reason = (entry.data or {}).get("reason") or ""
    if entry.action == "dalil.moderation.flag" and reason in Flag.Reason.values:
        return Flag.Reason(reason).label
    return reason
