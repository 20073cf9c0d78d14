"""`absolute_url`: a site path as a full link, for email templates (``moderation.links``)."""

from django import template

from moderation.links import absolute_url as _absolute_url

register = template.Library()


@register.filter
def absolute_url(path):
    """`{{ notification.target_url|absolute_url }}` → the link on the site's base URL."""
    return _absolute_url(str(path)) if path else ""
