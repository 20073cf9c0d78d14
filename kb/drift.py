"""Source drift: how a promoted article's community source changed since staff last checked it.

An article promoted from an answer remembers the thread as staff last confirmed it (the
answer's version and status and the thread's accepted answer, on ``Provenance``: set at
promotion, moved on by "I have updated the article" and by a stale review). Drift is any
difference from that state, computed from the forum as it is now, so nothing here writes: the
stale sweep records each reason as a stale signal on the article (``kb.stale``) and resolves it
when the difference goes away, and the article's Source panel shows the same reasons live.
"""

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from forum.models import PostStatus, Question

from .models.promotion import Provenance

SOURCE_EDITED = "source_edited"
SOURCE_HIDDEN = "source_hidden"
SOURCE_UNACCEPTED = "source_unaccepted"
SOURCE_OTHER_ACCEPTED = "source_other_accepted"

LABELS = {
    SOURCE_EDITED: _("The answer it came from was edited"),
    SOURCE_HIDDEN: _("The answer it came from was hidden or deleted"),
    SOURCE_UNACCEPTED: _("The answer it came from is no longer accepted"),
    SOURCE_OTHER_ACCEPTED: _("Another answer was accepted in its thread"),
}
WEIGHTS = {SOURCE_EDITED: 5, SOURCE_HIDDEN: 5, SOURCE_UNACCEPTED: 4, SOURCE_OTHER_ACCEPTED: 4}

_FIELDS = (
    "article_id",
    "answer_id",
    "answer_version",
    "reviewed_answer_status",
    "reviewed_accepted_answer_id",
    "answer__version",
    "answer__status",
    "question_id",
    "question__slug",
    "question__accepted_answer_id",
)


def drift_reasons(row: dict) -> dict[str, dict]:
    """The differences between one provenance (a row of ``_FIELDS``) and its thread now, each
    with its evidence: the URL that shows it and, for an edit, the versions."""
    thread_url = reverse(
        "forum:question_detail", kwargs={"pk": row["question_id"], "slug": row["question__slug"]}
    )
    reasons: dict[str, dict] = {}
    if row["answer__version"] != row["answer_version"]:
        reasons[SOURCE_EDITED] = {
            "url": reverse("forum:revisions", kwargs={"kind": "answer", "pk": row["answer_id"]}),
            "from": row["answer_version"],
            "to": row["answer__version"],
        }
    status = row["answer__status"]
    if status != PostStatus.PUBLISHED and status != row["reviewed_answer_status"]:
        reasons[SOURCE_HIDDEN] = {"url": thread_url, "status": str(status)}
    accepted, reviewed = row["question__accepted_answer_id"], row["reviewed_accepted_answer_id"]
    if accepted is None and reviewed is not None:
        reasons[SOURCE_UNACCEPTED] = {"url": thread_url}
    elif accepted not in (None, row["answer_id"]) and accepted != reviewed:
        reasons[SOURCE_OTHER_ACCEPTED] = {"url": f"{thread_url}#answer-{accepted}"}
    return reasons


def drift_by_article(provenances: QuerySet[Provenance]) -> dict[int, dict[str, dict]]:
    """Each drifting article's reasons, for any number of provenances in one query."""
    found = {}
    for row in provenances.values(*_FIELDS).iterator():
        reasons = drift_reasons(row)
        if reasons:
            found[row["article_id"]] = reasons
    return found


def article_drift(article_id: int) -> dict[str, dict]:
    """One article's reasons now (none for an article written by staff)."""
    return drift_by_article(Provenance.objects.filter(article_id=article_id)).get(article_id, {})


def acknowledge(provenance: Provenance) -> None:
    """Record the thread as it is now as the state the article was checked against, so the
    reasons seen so far stop counting (later changes raise new ones). Callers check the right
    and write the audit entry."""
    answer = provenance.answer
    accepted = Question.objects.values_list("accepted_answer_id", flat=True)
    provenance.answer_version = answer.version
    provenance.answer_revision = answer.revisions.filter(number=answer.version).first()
    provenance.reviewed_answer_status = answer.status
    provenance.reviewed_accepted_answer_id = accepted.get(pk=provenance.question_id)
    provenance.save(
        update_fields=[
            "answer_version",
            "answer_revision",
            "reviewed_answer_status",
            "reviewed_accepted_answer_id",
        ]
    )
