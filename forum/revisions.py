"""Revision history of a post, with line-by-line differences between consecutive revisions.

The difference is computed in time close to linear in the two texts, whatever they hold: the
common beginning and end are set aside, lines that occur exactly once on both sides anchor the
rest (the longest run of them in the same order, found by patience sorting in n log n), and the
gaps between anchors are treated the same way. Lines are compared whole (by hash), never
character by character, and the total work is capped (`DIFF_WORK_LIMIT` lines looked at): past
it, a remaining gap is shown as removed lines followed by added lines, which is still a correct
difference, only a coarser one. Texts are capped at `DIFF_TEXT_LIMIT` characters.
"""

from bisect import bisect_left
from dataclasses import dataclass

from django.core.paginator import Paginator

# A revision is a title, tags and a body of at most 30,000 characters; anything longer (older
# data, another app) is cut here rather than diffed.
DIFF_TEXT_LIMIT = 40_000
DIFF_WORK_LIMIT = 200_000
# Gaps inside gaps are refined at most this deep; deeper ones are shown removed, then added.
DIFF_MAX_DEPTH = 32
# The history page shows this many revisions (and their differences) at a time.
REVISIONS_PER_PAGE = 10


@dataclass(slots=True)
class DiffLine:
    kind: str  # "added", "removed" or "same"
    text: str


class _Budget:
    def __init__(self, lines: int):
        self.left = lines

    def spend(self, lines: int) -> bool:
        self.left -= lines
        return self.left >= 0


def _unique_anchors(old: list[str], new: list[str]) -> list[tuple[int, int]]:
    """Pairs (i, j) with old[i] == new[j] for lines found exactly once on each side, keeping
    the longest chain that increases on both sides (patience sorting)."""
    count_old: dict[str, int] = {}
    for line in old:
        count_old[line] = count_old.get(line, 0) + 1
    count_new: dict[str, int] = {}
    where_new: dict[str, int] = {}
    for j, line in enumerate(new):
        count_new[line] = count_new.get(line, 0) + 1
        where_new[line] = j
    pairs = [
        (i, where_new[line])
        for i, line in enumerate(old)
        if count_old[line] == 1 and count_new.get(line) == 1
    ]
    # Longest increasing subsequence of the new positions, in n log n.
    tails: list[int] = []
    tail_index: list[int] = []
    previous: list[int] = [-1] * len(pairs)
    for index, (_i, j) in enumerate(pairs):
        position = bisect_left(tails, j)
        if position == len(tails):
            tails.append(j)
            tail_index.append(index)
        else:
            tails[position] = j
            tail_index[position] = index
        previous[index] = tail_index[position - 1] if position else -1
    chain = []
    index = tail_index[-1] if tail_index else -1
    while index != -1:
        chain.append(pairs[index])
        index = previous[index]
    chain.reverse()
    return chain


def _diff(
    old: list[str], new: list[str], out: list[DiffLine], budget: _Budget, depth: int = 0
) -> None:
    start = 0
    while start < len(old) and start < len(new) and old[start] == new[start]:
        start += 1
    end_old, end_new = len(old), len(new)
    while end_old > start and end_new > start and old[end_old - 1] == new[end_new - 1]:
        end_old -= 1
        end_new -= 1
    out.extend(DiffLine("same", line) for line in old[:start])
    middle_old, middle_new = old[start:end_old], new[start:end_new]
    anchors = []
    refine = middle_old and middle_new and depth < DIFF_MAX_DEPTH
    if refine and budget.spend(len(middle_old) + len(middle_new)):
        anchors = _unique_anchors(middle_old, middle_new)
    if not anchors:
        out.extend(DiffLine("removed", line) for line in middle_old)
        out.extend(DiffLine("added", line) for line in middle_new)
    else:
        i0 = j0 = 0
        for i, j in anchors:
            _diff(middle_old[i0:i], middle_new[j0:j], out, budget, depth + 1)
            out.append(DiffLine("same", middle_old[i]))
            i0, j0 = i + 1, j + 1
        _diff(middle_old[i0:], middle_new[j0:], out, budget, depth + 1)
    out.extend(DiffLine("same", line) for line in old[end_old:])


def diff_lines(old: str, new: str) -> list[DiffLine]:
    """What changed from `old` to `new`, line by line (unchanged lines kept for context)."""
    lines: list[DiffLine] = []
    _diff(
        old[:DIFF_TEXT_LIMIT].splitlines(),
        new[:DIFF_TEXT_LIMIT].splitlines(),
        lines,
        _Budget(DIFF_WORK_LIMIT),
    )
    return lines


def revision_history(post, *, page=1):
    """One page of revisions, newest first, each with its difference from the one before.
    Returns the page (`.object_list` holds dicts with `revision` and `diff`)."""
    revisions = post.revisions.select_related("editor").order_by("-number")
    page_obj = Paginator(revisions, REVISIONS_PER_PAGE).get_page(page)
    shown = list(page_obj.object_list)
    before = None
    if shown:
        before = post.revisions.filter(number__lt=shown[-1].number).order_by("-number").first()
    older = shown[1:] + [before]
    page_obj.object_list = [
        {
            "revision": revision,
            "diff": diff_lines(
                "" if previous is None else _full_text(previous), _full_text(revision)
            ),
        }
        for revision, previous in zip(shown, older, strict=True)
    ]
    return page_obj


def _full_text(revision) -> str:
    parts = [revision.title] if revision.title else []
    if revision.tags:
        parts.append(f"[{revision.tags}]")
    parts.append(revision.body)
    return "\n".join(parts)
