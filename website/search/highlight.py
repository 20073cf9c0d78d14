"""An HTML-safe highlighter: the text is escaped first, then matching words are wrapped in
<mark>, so a hostile title or body can never inject markup."""

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .arabic import normalise, stem

TOKEN = re.compile(r"\w+", re.UNICODE)
SCAN_LIMIT = 2000  # words of a long thread read in search of the first match


def _matches(word: str, stems: set[str]) -> bool:
    normalised = normalise(word)
    word_stem = stem(normalised)
    if word_stem in stems:
        return True
    return any(len(s) >= 3 and normalised.startswith(s) for s in stems)


def highlight(text: str, terms: list[str]) -> SafeString:
    """`text` escaped, with every word whose stem matches one of `terms` wrapped in <mark>."""
    stems = {stem(term) for term in terms if term}
    parts, position = [], 0
    for match in TOKEN.finditer(text):
        parts.append(escape(text[position : match.start()]))
        word = match.group()
        parts.append(f"<mark>{escape(word)}</mark>" if _matches(word, stems) else escape(word))
        position = match.end()
    parts.append(escape(text[position:]))
    return mark_safe("".join(parts))  # noqa: S308 (every piece of text was escaped above)


def snippet(text: str, terms: list[str], *, words: int = 30) -> SafeString:
    """About `words` words of `text` around the first match, highlighted; the start if none.

    The text is read only as far as the window needs (a thread with thirty answers is long), and
    no further than SCAN_LIMIT words when nothing matches."""
    stems = {stem(term) for term in terms if term}
    before = words // 3
    tokens, first = [], None
    for token in TOKEN.finditer(text):
        if first is None and len(tokens) >= SCAN_LIMIT:
            break  # no match this far in (the title matched): the start will do
        tokens.append(token)
        if first is None and _matches(token.group(), stems):
            first = len(tokens) - 1
        if first is not None and len(tokens) > max(0, first - before) + words:
            break  # one token past the window: enough to know that more follows
    if not tokens:
        return escape(text[:200])
    start_index = max(0, (first or 0) - before)
    end_index = min(len(tokens), start_index + words)
    more = end_index < len(tokens)
    start = tokens[start_index].start() if start_index else 0
    end = tokens[end_index - 1].end() if more else len(text)
    prefix = "… " if start_index else ""
    suffix = " …" if more else ""
    return mark_safe(prefix + highlight(text[start:end], terms) + suffix)  # noqa: S308
