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
def web_url(url) -> str:
    """The address when it is http(s), else "": the editor only accepts web addresses, but a
    block written around it (an import, a script) could hold a javascript: or data: one."""
    url = str(url or "").strip()
    return url if url.lower().startswith(("https://", "http://")) else ""


@register.filter
def percent(ratio):
    """0.8 → "80%"; None → "—"."""
    return "—" if ratio is None else f"{round(ratio * 100)}%"
