"""Pages of the community forum. Views parse input, call a service and render or redirect.

One module per group of pages: the question list, the thread page and its buttons, posting
(ask, answer, comment, preview) and editing.
"""

from .edit import answer_edit, comment_edit, question_edit
from .following import follow_category, follow_tag
from .posting import answer_create, ask, comment_create, preview
from .questions import question_list
from .thread import (
    accept,
    change_status,
    follow,
    moderate,
    official,
    question_detail,
    question_shortlink,
    revisions,
    unsubscribe,
    vote,
)

__all__ = [
    "accept",
    "official",
    "answer_create",
    "answer_edit",
    "ask",
    "change_status",
    "comment_create",
    "comment_edit",
    "follow",
    "follow_category",
    "follow_tag",
    "moderate",
    "preview",
    "question_detail",
    "question_edit",
    "question_list",
    "question_shortlink",
    "revisions",
    "unsubscribe",
    "vote",
]
