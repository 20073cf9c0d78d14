"""The one way user-written markdown becomes HTML on Dalil.

People write markdown, never HTML. markdown-it-py (CommonMark, raw HTML switched off) turns it
into HTML, and nh3 (an allowlist sanitiser) then keeps only the tags, attributes and URL schemes
listed here. Every renderer (questions, answers, comments, the live preview and the promotion
to the knowledge base) calls `render_markdown`, so there is exactly one rule to review.

The cost is linear in the text: markdown-it-py's parser is written against CommonMark's
pathological inputs, nesting is capped (`MAX_NESTING`), and the heading ids below are made in
one pass. Three of its scans still cost a large constant per character on hostile text, and are
bounded here (decision 33): the search for a link text's `]` (`MAX_LABEL_NESTING`), the reading
of a link address (`MAX_ADDRESS_PARENTHESES`) and the token made for every emphasis marker
(`MAX_EMPHASIS_MARKERS`); soft line breaks past `MAX_SOFT_BREAKS` stay in the text. The source
is capped at `MAX_SOURCE_LENGTH` characters. tests/security/test_bounded_cost.py times the worst
inputs we know of at that size (see docs/security.md, "Bounded work").
"""

import gc
import html as html_entities
import re
from contextlib import contextmanager
from dataclasses import dataclass
from types import SimpleNamespace

import nh3
from markdown_it import MarkdownIt, helpers
from markdown_it.common.utils import unescapeAll
from markdown_it.rules_inline import emphasis, image, link, newline, strikethrough

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
# Brackets inside a link's or an image's text nest at most this deep (`[a [b [c]]](x)` is 3).
# markdown-it scans forward from every `[` for its `]`, following nested brackets down to
# MAX_NESTING before it gives up on the paragraph; that walk, not the nesting, was the cost.
MAX_LABEL_NESTING = 4
# Parentheses nest at most this deep in a link address (`[a](x_(y))` is 1; CommonMark asks for 3
# at least, markdown-it allows 32). A failed address is read to its limit from every `[a](`.
MAX_ADDRESS_PARENTHESES = 8
# Emphasis and strike-through markers (`*`, `_`, `~`) a post may use; each one costs a token
# until the pairs are matched, and thousands of markers are never prose. The rest show as typed.
MAX_EMPHASIS_MARKERS = 4000
# Line breaks inside paragraphs that become tokens of their own; the rest stay the newline
# character they are in the text, which the HTML shows the same way.
MAX_SOFT_BREAKS = 2000
_ADDRESS_STOP = re.compile(r"[\x00-\x20\x7f()\\]")
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
        text = "".join(child.content for child in children if child.type in ("text", "code_inline"))
        # A line break kept in the text (see MAX_SOFT_BREAKS) adds nothing, as its token did not.
        slug = _heading_slug(text.replace("\n", ""))
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


def _bounded_label(rule, opener: str):
    """Wrap markdown-it's `link` or `image` rule so that a bracket costs a bounded number of steps.

    A link's text runs from its `[` to the matching `]`, which markdown-it finds by skipping one
    token at a time and trying every rule again at each nested `[`; only MAX_NESTING stops the
    descent, so a run of unclosed brackets took twenty steps per character (0.6-0.8 s for
    30,000 of them). Two checks keep every outcome that normal text can reach:
    - with no `]` after the bracket in the paragraph there is nothing to find (exact);
    - a bracket nested MAX_LABEL_NESTING deep inside a link text being looked for ends the
      search, as markdown-it's own MAX_NESTING does ("skip to the end of the paragraph"),
      only sooner. Such a bracket and the ones around it show as typed.
    """

    def bounded(state, silent: bool) -> bool:
        start = state.pos
        if not state.src.startswith(opener, start):
            return False
        # The state keeps the last index of a character in its source (markdown-it caches it
        # for its own HTML rule); a label closes only at a `]` after the opener.
        if state.html_terminator_last("]") <= start + len(opener) - 1:
            return False
        if silent and state.level >= MAX_LABEL_NESTING:
            state.pos = state.posMax
            return True
        return rule(state, silent)

    return bounded


@dataclass
class _Address:
    """What markdown-it's link rules read from a parsed address."""

    ok: bool = False
    pos: int = 0
    str: str = ""


def _link_address(text: str, pos: int, end: int) -> _Address:
    """Read the address of `[a](address)` starting at `pos`, as CommonMark does, in steps of
    parentheses and backslashes rather than characters, with at most MAX_ADDRESS_PARENTHESES
    levels: every `[a](` whose address fails is read to that limit, so the limit is the cost
    of each failed link. `<address>` is read by markdown-it (it stops at the next `<`)."""
    if text.startswith("<", pos):
        return helpers.parseLinkDestination(text, pos, end)
    start, level = pos, 0
    while (stop := _ADDRESS_STOP.search(text, pos, end)) is not None:
        pos = stop.start()
        character = text[pos]
        if character == "\\" and pos + 1 < end:
            if text[pos + 1] == " ":
                break
            pos += 2
            continue
        if character == "(":
            level += 1
            if level > MAX_ADDRESS_PARENTHESES:
                return _Address()
        elif character == ")":
            if level == 0:
                break
            level -= 1
        elif character != "\\":
            break
        pos += 1
    else:
        pos = end
    if pos == start or level != 0:
        return _Address()
    return _Address(ok=True, pos=pos, str=unescapeAll(text[start:pos]))


def _bounded_markers(rule, marker_characters: str):
    """Wrap the emphasis or strike-through rule: past MAX_EMPHASIS_MARKERS in one post, a run of
    markers is kept as plain text in one step instead of one token (and one delimiter) each."""

    def bounded(state, silent: bool) -> bool:
        start = state.pos
        if silent or state.src[start] not in marker_characters:
            return False
        used = state.env.get("dalil_emphasis_markers", 0)
        if used < MAX_EMPHASIS_MARKERS:
            matched = rule(state, silent)
            state.env["dalil_emphasis_markers"] = used + state.pos - start
            return matched
        end = start
        while end < state.posMax and state.src[end] in "*_~":
            end += 1
        state.append_pending(state.src[start:end])
        state.pos = end
        return True

    return bounded


def _commonmark_parser() -> MarkdownIt:
    """markdown-it as decision 19 set it up, before the cost bounds of decision 33 (tests render
    normal markdown with both and expect the same HTML)."""
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
    return parser


def _with_bounded_costs(parser: MarkdownIt) -> MarkdownIt:
    """Replace the three scans whose cost per character hostile text can multiply (link texts,
    link addresses, emphasis markers) with the bounded versions above; this parser's own
    helpers, so no other markdown-it user in the process is affected."""
    parser.helpers = SimpleNamespace(
        parseLinkLabel=helpers.parseLinkLabel,
        parseLinkDestination=_link_address,
        parseLinkTitle=helpers.parseLinkTitle,
    )
    parser.inline.ruler.at("link", _bounded_label(link, "["))
    parser.inline.ruler.at("image", _bounded_label(image, "!["))
    parser.inline.ruler.at("emphasis", _bounded_markers(emphasis.tokenize, "*_"))
    parser.inline.ruler.at("strikethrough", _bounded_markers(strikethrough.tokenize, "~"))
    parser.inline.ruler.at("newline", _bounded_soft_breaks)
    return parser


def _bounded_soft_breaks(state, silent: bool) -> bool:
    """markdown-it's newline rule, except that past MAX_SOFT_BREAKS in a post a line break that
    is not a hard break (two spaces before it) is added to the text rather than made a token:
    fifteen thousand one-word lines cost 15,000 tokens and their text in between."""
    start = state.pos
    if state.src[start] != "\n":
        return False
    if silent:
        return newline(state, silent)
    breaks = state.env.get("dalil_soft_breaks", 0)
    if breaks < MAX_SOFT_BREAKS or state.pending[-1:] == " ":
        state.env["dalil_soft_breaks"] = breaks + 1
        return newline(state, silent)
    state.append_pending("\n")
    end = start + 1
    while end < state.posMax and state.src[end] in " \t":
        end += 1
    state.pos = end
    return True


def _markdown_parser() -> MarkdownIt:
    global _parser
    if _parser is None:
        _parser = _with_bounded_costs(_commonmark_parser())
    return _parser


def _sanitise(html: str) -> str:
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


@contextmanager
def _cycle_collector_paused():
    """markdown-it makes a few objects per token, all alive until the HTML is written. In a
    web process (Django and Wagtail hold about 230,000 tracked objects) that many new survivors
    start full collections of the whole heap, which nearly doubled the cost of a long table
    (15,000 one-cell rows: 0.47 s → 0.89 s). Nothing here needs the cycle collector, so it
    waits until the text is parsed; whoever paused it first resumes it."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def render_markdown(text: str) -> str:
    """Turn untrusted markdown into safe HTML: allowlisted tags, safe links, no raw HTML."""
    source = (text or "")[:MAX_SOURCE_LENGTH].replace("\x00", "")
    with _cycle_collector_paused():
        html = _markdown_parser().render(source)
    return _sanitise(html)


# The end of a block: where plain text needs a space so words of two paragraphs do not meet.
_BLOCK_END = re.compile(r"</(?:p|li|h[1-6]|blockquote|pre|td|th|tr)>|<br\s*/?>|<hr\s*/?>")
_TAG = re.compile(r"<[^>]*>")


def plain_text(text: str) -> str:
    """Markdown as the words a reader sees, with no markup: for search snippets and review
    previews, which show a few words of a post and must not show `**`, `#` or `[link](…)`.

    The text goes through `render_markdown` (the same bounded parser and sanitiser), then the
    tags are dropped and entities decoded. The sanitiser's output escapes every `<` of the text
    itself, so what is removed here is only markup it emitted; the result is plain text that
    whoever shows it must escape like any other text."""
    html = _BLOCK_END.sub(" ", render_markdown(text))
    return " ".join(html_entities.unescape(_TAG.sub("", html)).split())


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
