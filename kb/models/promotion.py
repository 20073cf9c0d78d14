"""Community answers promoted into the knowledge base: where an article came from and which
answers staff were asked to promote. How a source changed since is ``kb.drift``."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Provenance(models.Model):
    """Which community answer an article was built from, and which revision of it.

    One per article and one per answer: promoting the same answer again finds this row and opens
    the existing article. The answer author's name is copied so the credit survives account
    deletion; `answer_revision` is the forum revision the article's text was taken from. The
    ``answer_version`` and ``reviewed_*`` fields are the thread as staff last confirmed the
    article against it, which ``kb.drift`` compares with the forum now.
    """

    article = models.OneToOneField(
        "kb.ArticlePage",
        on_delete=models.CASCADE,
        related_name="provenance",
        verbose_name=_("article"),
    )
    question = models.ForeignKey(
        "forum.Question", on_delete=models.CASCADE, related_name="+", verbose_name=_("question")
    )
    answer = models.OneToOneField(
        "forum.Answer", on_delete=models.CASCADE, related_name="+", verbose_name=_("answer")
    )
    answer_revision = models.ForeignKey(
        "forum.Revision",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("answer revision used"),
    )
    answer_version = models.PositiveIntegerField(_("answer version used"))
    answer_author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("answer author"),
    )
    answer_author_name = models.CharField(_("answer author's name"), max_length=150)
    promoted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("promoted by"),
    )
    promoted_by_name = models.CharField(_("promoted by (name)"), max_length=150)
    promoted_at = models.DateTimeField(_("promoted at"), default=timezone.now)
    reviewed_answer_status = models.CharField(
        _("answer status when last checked"), max_length=16, default="published"
    )
    reviewed_accepted_answer_id = models.PositiveBigIntegerField(
        _("accepted answer when last checked"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("provenance")
        verbose_name_plural = _("provenances")
        permissions = [
            ("promote_answer", _("Can promote community answers to the knowledge base")),
            ("nominate_answer", _("Can nominate community answers for the knowledge base")),
        ]

    def __str__(self):
        return f"article {self.article_id} from answer {self.answer_id}"


class Nomination(models.Model):
    """A moderator's suggestion that an accepted answer deserves an article, with a note.

    Nominations rank the answer higher in the "Promotion candidates" report; one per person per
    answer (nominating again updates the note).
    """

    answer = models.ForeignKey(
        "forum.Answer", on_delete=models.CASCADE, related_name="+", verbose_name=_("answer")
    )
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("nominated by"),
    )
    nominated_by_name = models.CharField(_("nominated by (name)"), max_length=150)
    note = models.CharField(_("note"), max_length=500)
    created_at = models.DateTimeField(_("nominated at"), default=timezone.now)

    class Meta:
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["answer", "nominated_by"], name="kb_one_nomination_per_person"
            )
        ]

    def __str__(self):
        return f"nomination of answer {self.answer_id}"
