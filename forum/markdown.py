"""The one way user-written markdown becomes HTML on Dalil.

People write markdown, never HTML. markdown-it-py (CommonMark, raw HTML switched off) turns it
into HTML, and nh3 (an allowlist sanitiser) then keeps only the tags, attributes and URL schemes
listed here. Every renderer (questions, answers, comments, the live preview and the promotion
to the knowledge base) calls `render_markdown`, so there is exactly one rule to review.

The cost is linear in the text: markdown-it-py's parser is written against CommonMark's
pathological inputs (long runs of brackets, emphasis markers, backticks), nesting is capped
(`MAX_NESTING`), and the heading ids below are made in one pass. The source is capped at
`MAX_SOURCE_LENGTH` characters. tests/security/test_bounded_cost.py times the worst inputs we
know of at that size (see docs/security.md, "Bounded work").
"""

import re

import nh3
from markdown_it import MarkdownIt

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
    "ol": {"start"},
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
# Blocks (quotes, lists) and inline markup (emphasis, links) nest at most this deep; deeper
# markers stay as the characters that were typed.
MAX_NESTING = 20
_ALIGN = re.compile(r"text-align:(left|right|center)")
_LINK = re.compile(r"<a\s[^>]*\bhref=[^>]*>.*?</a>", re.DOTALL)
_ADDRESS_IN_TEXT = re.compile(r"https?://|//[\w-]+\.[\w.-]|\bwww\.", re.IGNORECASE)

_parser: MarkdownIt | None = None


def _heading_slug(value: str) -> str:
    from django.utils.text import slugify

    return slugify(value, allow_unicode=True) or "section"


def _heading_ids(state) -> None:
    """Give each heading an id from its text, numbered when the same text comes again."""
    seen: dict[str, int] = {}
    tokens = state.tokens
    for index, token in enumerate(tokens):
        if token.type != "heading_open" or index + 1 >= len(tokens):
            continue
        children = tokens[index + 1].children or []
        slug = _heading_slug(
            "".join(child.content for child in children if child.type in ("text", "code_inline"))
        )
        count = seen.get(slug, 0)
        seen[slug] = count + 1
        token.attrSet("id", slug if count == 0 else f"{slug}-{count}")


def _table_alignment(state) -> None:
    """Table cells carry `align` (kept by the sanitiser) instead of a style attribute."""
    for token in state.tokens:
        if token.type in ("th_open", "td_open"):
            match = _ALIGN.search(str(token.attrGet("style") or ""))
            token.attrs.pop("style", None)
            if match:
                token.attrSet("align", match.group(1))


def _bounded_inline_nesting(state) -> None:
    """Emphasis, strike-through and links nested deeper than MAX_NESTING are shown as the
    markers that were typed, so no consumer of the HTML meets a tree thousands of levels deep."""
    for block in state.tokens:
        if block.type != "inline" or not block.children:
            continue
        depth = 0
        demoted: list[bool] = []
        for child in block.children:
            if child.nesting == 1:
                demote = depth >= MAX_NESTING
                demoted.append(demote)
                depth += 1
            elif child.nesting == -1:
                depth -= 1
                demote = demoted.pop() if demoted else False
            else:
                continue
            if demote:
                is_link = child.type.startswith("link_")
                child.type, child.tag, child.nesting, child.attrs = "text", "", 0, {}
                child.content = "" if is_link else child.markup


def _markdown_parser() -> MarkdownIt:
    global _parser
    if _parser is None:
        parser = MarkdownIt(
            "commonmark",
            {"html": False, "linkify": False, "typographer": False, "maxNesting": MAX_NESTING},
        )
        parser.enable(["table", "strikethrough"])
        # Every address becomes a link here; the sanitiser's scheme allowlist is the one rule
        # that drops unsafe ones (the link text stays, without its address).
        parser.validateLink = lambda url: True
        parser.core.ruler.push("dalil_heading_ids", _heading_ids)
        parser.core.ruler.push("dalil_table_alignment", _table_alignment)
        parser.core.ruler.push("dalil_inline_nesting", _bounded_inline_nesting)
        _parser = parser
    return _parser


def render_markdown(text: str) -> str:
    """Turn untrusted markdown into safe HTML: allowlisted tags, safe links, no raw HTML."""
    source = (text or "")[:MAX_SOURCE_LENGTH].replace("\x00", "")
    html = _markdown_parser().render(source)
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


def count_links(html: str) -> int:
    """How many links a rendered post holds, counted in what `render_markdown` emitted.

    Every form a link can take in the source (inline, reference, autolink `<https://…>`,
    scheme-relative `//host/`) ends up as one `<a href>` element here; nothing else does, since
    the sanitiser escapes every `<` of the text itself. Addresses left as plain text (a bare
    `https://…`, `www.…` or `//host.example`, which readers copy) count as links too. This is
    the number moderation compares with a new member's link limit.
    """
    html = html or ""
    anchors = len(_LINK.findall(html))
    return anchors + len(_ADDRESS_IN_TEXT.findall(_LINK.sub(" ", html)))
