"""The one way user-written markdown becomes HTML on Dalil.

People write markdown, never HTML. Python-Markdown turns it into HTML with raw HTML switched
off, and nh3 (an allowlist sanitiser) then keeps only the tags, attributes and URL schemes
listed here. Every renderer (questions, answers, comments, the live preview and, later, the
knowledge base) calls `render_markdown`, so there is exactly one rule to review.
"""

import markdown
import nh3

ALLOWED_TAGS = {
    "a",
    "blockquote",
    "br",
    "code",
    "del",
    "em",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "li",
    "ol",
    "p",
    "pre",
    "strong",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "code": {"class"},
    "td": {"align"},
    "th": {"align"},
    "h1": {"id"},
    "h2": {"id"},
    "h3": {"id"},
    "h4": {"id"},
    "h5": {"id"},
    "h6": {"id"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "nofollow ugc noopener"
# Heading ids from user text get this prefix so they cannot clobber ids the page itself uses.
HEADING_ID_PREFIX = "user-content-"
MAX_SOURCE_LENGTH = 60_000


def _markdown_converter() -> markdown.Markdown:
    converter = markdown.Markdown(
        extensions=["fenced_code", "tables", "sane_lists", "toc"],
        extension_configs={"toc": {"slugify": _heading_slug}},
        output_format="html",
    )
    # No raw HTML: markdown escapes what these would have passed through untouched.
    converter.preprocessors.deregister("html_block")
    converter.inlinePatterns.deregister("html")
    return converter


def _heading_slug(value: str, separator: str) -> str:
    from django.utils.text import slugify

    return slugify(value, allow_unicode=True) or "section"


def render_markdown(text: str) -> str:
    """Turn untrusted markdown into safe HTML: allowlisted tags, safe links, no raw HTML."""
    source = (text or "")[:MAX_SOURCE_LENGTH].replace("\x00", "")
    html = _markdown_converter().convert(source)
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel=LINK_REL,
        id_prefix=HEADING_ID_PREFIX,
        strip_comments=True,
        clean_content_tags={"script", "style"},
    )
