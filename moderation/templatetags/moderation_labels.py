"""`post_status`: the translated name of a post's status, e.g. "pending" → "awaiting review"."""

from django import template

from ..models import PostStatus

register = template.Library()


@register.filter
def post_status(value):
    """`{{ target.status|post_status }}`; a value outside ``PostStatus`` is shown as it is."""
    return PostStatus(value).label if value in PostStatus.values else value
