"""Revision history of a post, with line-by-line differences between consecutive revisions."""

import difflib
from dataclasses import dataclass


@dataclass
class DiffLine:
    kind: str  # "added", "removed" or "same"
    text: str


def diff_lines(old: str, new: str) -> list[DiffLine]:
    """What changed from `old` to `new`, line by line (unchanged lines kept for context)."""
    lines = []
    for line in difflib.ndiff(old.splitlines(), new.splitlines()):
        code, text = line[:2], line[2:]
        if code == "+ ":
            lines.append(DiffLine("added", text))
        elif code == "- ":
            lines.append(DiffLine("removed", text))
        elif code == "  ":
            lines.append(DiffLine("same", text))
    return lines


def revision_history(post) -> list[dict]:
    """Each revision, newest first, with its difference from the one before."""
    revisions = list(post.revisions.select_related("editor").order_by("number"))
    history = []
    previous = None
    for revision in revisions:
        old_text = "" if previous is None else _full_text(previous)
        history.append({"revision": revision, "diff": diff_lines(old_text, _full_text(revision))})
        previous = revision
    history.reverse()
    return history


def _full_text(revision) -> str:
    parts = [revision.title] if revision.title else []
    if revision.tags:
        parts.append(f"[{revision.tags}]")
    parts.append(revision.body)
    return "\n".join(parts)
