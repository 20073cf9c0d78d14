"""Template helpers for knowledge-base pages."""

from django import template
from django.utils.html import format_html

from forum.structured_data import json_ld as to_json_ld

register = template.Library()


@register.simple_tag
def json_ld(data):
    """A schema.org <script type="application/ld+json"> that no text inside `data` can close
    (the escaping is the forum's one JSON-LD function, shared by every page)."""
    return format_html('<script type="application/ld+json">{}</script>', to_json_ld(data))


@register.filter
def percent(ratio):
    """0.8 → "80%"; None → "—"."""
    return "—" if ratio is None else f"{round(ratio * 100)}%"
