"""An HTML-safe highlighter: the text is escaped first, then matching words are wrapped in
<mark>, so a hostile title or body can never inject markup."""

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .arabic import normalise, stem

TOKEN = re.compile(r"\w+", re.UNICODE)


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
    """About `words` words of `text` around the first match, highlighted; the start if none."""
    stems = {stem(term) for term in terms if term}
    tokens = list(TOKEN.finditer(text))
    first = next((i for i, t in enumerate(tokens) if _matches(t.group(), stems)), 0)
    start_index = max(0, first - words // 3)
    end_index = min(len(tokens), start_index + words)
    if not tokens:
        return escape(text[:200])
    start = tokens[start_index].start() if start_index else 0
    end = tokens[end_index - 1].end() if end_index < len(tokens) else len(text)
    prefix = "… " if start_index else ""
    suffix = " …" if end_index < len(tokens) else ""
    return mark_safe(prefix + highlight(text[start:end], terms) + suffix)  # noqa: S308
