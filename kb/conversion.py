"""Community markdown becomes article StreamField blocks, faithfully and safely.

The forum's one markdown rule (`forum.markdown.render_markdown`: no raw HTML, an allowlist of
tags and link schemes) renders the text first; this module then walks that already-sanitised
HTML and rebuilds each piece as a knowledge-base block. Only the inline markup the article's
rich text allows (bold, italic, inline code, links, line breaks) is rebuilt, with text escaped
again, so nothing a customer typed can become live HTML in an article.
"""

import re
from html import escape

from bs4 import BeautifulSoup, NavigableString, Tag
from django.utils.text import Truncator

from forum.markdown import render_markdown

HEADING_MAX_LENGTH = 120
INLINE_TAGS = {"strong": "b", "b": "b", "em": "i", "i": "i", "code": "code"}
SAFE_LINK_PREFIXES = ("http://", "https://", "mailto:")


def _inline(node) -> str:
    """The rich-text HTML of an element's inline content (unknown tags keep only their text)."""
    parts = []
    for child in node.children:
        if isinstance(child, NavigableString):
            parts.append(escape(str(child), quote=False))
        elif not isinstance(child, Tag):
            continue
        elif child.name in INLINE_TAGS:
            tag = INLINE_TAGS[child.name]
            parts.append(f"<{tag}>{_inline(child)}</{tag}>")
        elif child.name == "a":
            href = (child.get("href") or "").strip()
            if href.lower().startswith(SAFE_LINK_PREFIXES):
                parts.append(f'<a href="{escape(href)}">{_inline(child)}</a>')
            else:
                parts.append(_inline(child))
        elif child.name == "br":
            parts.append("<br/>")
        elif child.name in ("ul", "ol"):
            parts.append(_list(child))
        elif child.name == "p":
            parts.append(_inline(child))
        else:
            parts.append(_inline(child))
    return "".join(parts)


def _list(node: Tag) -> str:
    items = []
    for item in node.find_all("li", recursive=False):
        items.append(f"<li>{_inline(item)}</li>")
    return f"<{node.name}>{''.join(items)}</{node.name}>"


def _code_language(code: Tag | None) -> str:
    for css_class in (code.get("class") or []) if code else []:
        if css_class.startswith("language-"):
            return css_class.removeprefix("language-")[:30]
    return ""


def _table(node: Tag) -> str:
    """Tables have no rich-text feature: each row becomes a list item, cells joined by " | "."""
    rows = []
    for row in node.find_all("tr"):
        cells = [_inline(cell).strip() for cell in row.find_all(["th", "td"])]
        rows.append(f"<li>{' | '.join(cells)}</li>")
    return f"<ul>{''.join(rows)}</ul>" if rows else ""


def _paragraph(html: str) -> dict:
    return {"type": "paragraph", "value": html}


def html_to_blocks(html: str, *, heading_floor: str = "h2") -> list[dict]:
    """Map sanitised HTML to article blocks: paragraphs and lists become rich text, headings
    heading blocks, fenced code code blocks (language kept), quotes note callouts."""
    blocks: list[dict] = []
    pending: list[str] = []

    def flush():
        if pending:
            blocks.append(_paragraph("".join(pending)))
            pending.clear()

    for node in BeautifulSoup(html, "html.parser").children:
        if isinstance(node, NavigableString):
            if str(node).strip():
                pending.append(f"<p>{escape(str(node).strip(), quote=False)}</p>")
            continue
        if not isinstance(node, Tag):
            continue
        if node.name == "p":
            pending.append(f"<p>{_inline(node)}</p>")
        elif node.name in ("ul", "ol"):
            pending.append(_list(node))
        elif node.name == "table":
            pending.append(_table(node))
        elif node.name in ("h1", "h2", "h3", "h4", "h5", "h6"):
            flush()
            level = "h2" if node.name in ("h1", "h2") and heading_floor == "h2" else "h3"
            text = node.get_text(" ", strip=True)[:HEADING_MAX_LENGTH]
            if text:
                blocks.append({"type": "heading", "value": {"text": text, "level": level}})
        elif node.name == "pre":
            flush()
            code = node.find("code")
            text = (code or node).get_text().rstrip("\n")
            blocks.append(
                {"type": "code", "value": {"language": _code_language(code), "code": text}}
            )
        elif node.name == "blockquote":
            flush()
            inner = (
                "".join(
                    f"<p>{_inline(child)}</p>" if child.name == "p" else _list(child)
                    for child in node.find_all(["p", "ul", "ol"], recursive=False)
                )
                or f"<p>{_inline(node)}</p>"
            )
            blocks.append({"type": "callout", "value": {"kind": "note", "text": inner}})
        elif node.name == "hr":
            flush()
        else:
            pending.append(f"<p>{_inline(node)}</p>")
    flush()
    return blocks


def markdown_to_blocks(text: str, *, heading_floor: str = "h2") -> list[dict]:
    """Community markdown as a list of raw StreamField block dicts for `ArticlePage.body`."""
    return html_to_blocks(render_markdown(text), heading_floor=heading_floor)


SENTENCE_END = re.compile(r"(?<=[.!?؟])\s+")


def summary_from_markdown(text: str, *, max_length: int = 160) -> str:
    """An answer's opening as an article summary: its first paragraph's whole sentences up to
    `max_length` characters, or that paragraph cut at a word when one sentence is longer.

    Headings, code and quotes are skipped (a summary says what to do, not "Check the router
    first"); an answer with no paragraph falls back to its lists' text. "" when nothing is left.
    """
    soup = BeautifulSoup(render_markdown(text), "html.parser")
    nodes = [node for node in soup.children if isinstance(node, Tag)]
    paragraphs = [node for node in nodes if node.name == "p"] or [
        node for node in nodes if node.name in ("ul", "ol")
    ]
    for node in paragraphs:
        prose = " ".join(node.get_text().split())
        if prose:
            break
    else:
        return ""
    summary = ""
    for sentence in SENTENCE_END.split(prose):
        joined = f"{summary} {sentence}".strip()
        if len(joined) > max_length:
            break
        summary = joined
    return summary or Truncator(prose).chars(max_length)
